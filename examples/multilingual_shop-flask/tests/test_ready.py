"""Readiness (``/ready``) with and without Redis, and a Redis that does not answer."""

from __future__ import annotations

import socket

import pytest
from flask import Flask
from flask.testing import FlaskClient

from maison_market import create_app
from maison_market.config import ConfigError
from maison_market.ready import add_check


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_with_redis(url: str) -> Flask:
    return create_app({"APP_ENV": "testing", "REDIS_URL": url, "DATABASE_URL": "sqlite://"})


def test_ready_when_everything_answers(client: FlaskClient) -> None:
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_not_ready_while_redis_does_not_answer_but_alive_and_serving() -> None:
    client = app_with_redis(f"redis://127.0.0.1:{closed_port()}/0").test_client()
    response = client.get("/ready")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "down": ["redis"]}
    assert client.get("/health").status_code == 200
    assert client.get("/").status_code == 200


def test_not_ready_while_a_check_fails(app: Flask) -> None:
    def down() -> None:
        raise ConnectionError("the search service does not answer")

    add_check(app, "search", down)
    response = app.test_client().get("/ready")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "down": ["search"]}


@pytest.mark.parametrize("url", ["localhost:6379", "http://localhost:6379/0", "redis://"])
def test_a_malformed_redis_url_stops_start_up_naming_it(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("REDIS_URL", url)
    with pytest.raises(ConfigError, match=r"^REDIS_URL="):
        create_app({"APP_ENV": "testing"})


def test_the_cache_is_local_memory_without_redis(app: Flask) -> None:
    from maison_market.extensions import cache

    with app.app_context():
        cache.set("answer", 42)
        assert cache.get("answer") == 42
    assert app.config["CACHE_TYPE"] == "SimpleCache"
