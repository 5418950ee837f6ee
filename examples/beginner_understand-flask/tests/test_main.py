"""The home page, error pages, security headers and the production settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from dotenv import dotenv_values
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from first_steps import create_app
from first_steps.config import ConfigError
from first_steps.throttling import limiter


def test_home_page(client: FlaskClient, app: Flask) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert str(escape(app.config["SITE_NAME"])) in html
    assert html.count("<h1") == 1
    assert 'class="site-header"' in html
    assert "/static/site.css" in html


def test_health_answers_json_without_a_session(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers
    assert client.post("/health").status_code == 405


def test_the_probes_skip_the_rate_limiter(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """/health and /ready are polled several times a second: the limiter does not even look up their limits."""
    looked_up: list[str] = []
    resolve_limits = limiter.limit_manager.resolve_limits

    def spy(app: Flask, endpoint: str, *args: Any) -> Any:
        looked_up.append(endpoint)
        return resolve_limits(app, endpoint, *args)

    monkeypatch.setattr(limiter.limit_manager, "resolve_limits", spy)
    assert client.get("/health").status_code == 200
    client.get("/ready")
    assert looked_up == []
    assert client.get("/").status_code == 200
    assert looked_up  # any other page is checked as before


def test_stylesheet(client: FlaskClient) -> None:
    response = client.get("/static/site.css")
    assert response.status_code == 200
    assert ".site-header" in response.get_data(as_text=True)
    response.close()


def test_not_found_page(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "<h1>Not Found</h1>" in response.get_data(as_text=True)


def test_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in headers  # development runs on plain HTTP


def test_a_header_the_view_sets_is_kept(app: Flask) -> None:
    @app.get("/framed")
    def framed() -> tuple[str, int, dict[str, str]]:
        return "framed", 200, {"X-Frame-Options": "SAMEORIGIN", "Content-Security-Policy": "default-src 'none'"}

    headers = app.test_client().get("/framed").headers
    assert headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert headers.getlist("Content-Security-Policy") == ["default-src 'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_development_needs_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("APP_ENV", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    from first_steps.config import load_config

    settings = load_config()
    assert settings.APP_ENV == "development"
    assert settings.SECRET_KEY


PROJECT = Path(__file__).resolve().parents[1]


def test_env_example_lists_every_variable() -> None:
    example = dotenv_values(PROJECT / ".env.example")
    source = "".join(path.read_text() for path in (PROJECT / "first_steps").glob("*.py"))
    read = set(re.findall(r'(?:env|env_bool|os\.environ\.get)\("([A-Z_]+)"', source))
    assert read
    assert read <= set(example), read - set(example)


def test_env_example_works_as_it_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in dotenv_values(PROJECT / ".env.example").items():
        monkeypatch.setenv(name, value or "")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))  # where a SQLite database would go
    app = create_app()
    assert app.config["APP_ENV"] == "development"
    assert app.test_client().get("/").status_code == 200


def test_production_refuses_to_start_without_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"APP_ENV": "production"})


def test_production_refuses_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    monkeypatch.setenv("TRUSTED_HOSTS", "localhost")
    with pytest.raises(ConfigError, match="debug"):
        create_app({"APP_ENV": "production", "DEBUG": True})


def test_production_secures_cookies_and_https(monkeypatch: pytest.MonkeyPatch, app: Flask) -> None:
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    monkeypatch.setenv("TRUSTED_HOSTS", "localhost")
    production = create_app({"APP_ENV": "production", "DATABASE_URL": app.config["DATABASE_URL"]})
    assert production.config["SESSION_COOKIE_SECURE"]
    assert production.config["SESSION_COOKIE_HTTPONLY"]
    assert production.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not production.debug
    response = production.test_client().get("/")
    assert response.status_code == 200
    assert "max-age=" in response.headers["Strict-Transport-Security"]
