"""Start-up checks of the security settings, and requests for a host the site does not own."""

from __future__ import annotations

import pytest
from flask import Flask

from maison_market import create_app
from maison_market.config import ConfigError, env_hosts, env_redis_url


def production_settings(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    monkeypatch.setenv("SECURITY_PASSWORD_SALT", "a-long-random-production-value")
    monkeypatch.setenv("SECURITY_TOTP_SECRETS", "a-long-random-production-value")
    return {"APP_ENV": "production"}


def test_production_refuses_to_start_without_trusted_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    with pytest.raises(ConfigError, match="TRUSTED_HOSTS"):
        create_app(production_settings(monkeypatch))


@pytest.mark.parametrize("value", ["https://x", "a b", ",", "example.com,", "example.com:8000", "*", "exa_mple.com"])
def test_malformed_trusted_hosts_stop_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("TRUSTED_HOSTS", value)
    with pytest.raises(ConfigError, match="TRUSTED_HOSTS") as raised:
        env_hosts("TRUSTED_HOSTS")
    assert "\n" not in str(raised.value)


def test_trusted_hosts_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTED_HOSTS", " Example.com, .example.org ")
    assert env_hosts("TRUSTED_HOSTS") == ["example.com", ".example.org"]
    monkeypatch.setenv("TRUSTED_HOSTS", "")
    assert env_hosts("TRUSTED_HOSTS") is None


@pytest.mark.parametrize("value", ["localhost:6379", "http://localhost:6379", "redis:"])
def test_a_malformed_redis_url_stops_start_up(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("REDIS_URL", value)
    with pytest.raises(ConfigError, match="REDIS_URL"):
        env_redis_url("REDIS_URL")


def test_an_unreachable_redis_does_not_stop_the_site(monkeypatch: pytest.MonkeyPatch, app: Flask) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")  # nothing listens on the discard port
    settings = {"APP_ENV": "testing", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:9/0"}
    settings["DATABASE_URL"] = app.config["DATABASE_URL"]
    unreachable = create_app(settings)
    assert unreachable.config["REDIS_URL"] == "redis://127.0.0.1:9/0"
    assert unreachable.test_client().get("/").status_code == 200


def test_a_forged_host_gets_400(monkeypatch: pytest.MonkeyPatch, app: Flask) -> None:
    monkeypatch.setenv("TRUSTED_HOSTS", "example.com,.example.org")
    settings = production_settings(monkeypatch)
    settings["DATABASE_URL"] = app.config["DATABASE_URL"]
    production = create_app(settings)
    client = production.test_client()
    assert client.get("/", headers={"Host": "example.com"}).status_code == 200
    assert client.get("/", headers={"Host": "www.example.org"}).status_code == 200
    for forged in ("evil.example", "example.com.evil.example", "evilexample.com"):
        response = client.get("/", headers={"Host": forged})
        assert response.status_code == 400, forged
        assert "//" + forged not in response.get_data(as_text=True)  # no link to it
