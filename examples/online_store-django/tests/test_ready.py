"""Readiness (/ready/) and the cache's settings: Redis when REDIS_URL is set, each process's memory without."""

import os
import runpy
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection
from django.urls import reverse

#: A Redis URL nothing answers at (port 1 is never a Redis).
CLOSED_REDIS = "redis://127.0.0.1:1/0"


def settings_with(monkeypatch, **variables):
    """The settings file as the environment ``variables`` make it."""
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(Path(settings.BASE_DIR) / "corner_shop" / "settings.py"))


@pytest.mark.django_db
def test_ready_when_the_database_answers(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("ready"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "down": []}


@pytest.mark.django_db
def test_not_ready_while_redis_is_down_and_health_stays_up(client, settings):
    settings.REDIS_URL = CLOSED_REDIS
    response = client.get(reverse("ready"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "down": ["redis"]}
    assert client.get(reverse("health")).status_code == 200


@pytest.mark.django_db
def test_not_ready_while_the_database_is_down(client, settings, monkeypatch):
    settings.REDIS_URL = ""

    def refuse():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get(reverse("ready"))
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


def test_the_cache_is_redis_when_redis_url_is_set(monkeypatch):
    configured = settings_with(monkeypatch, REDIS_URL="redis://cache.example.com:6380/2")
    assert configured["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert configured["CACHES"]["default"]["LOCATION"] == "redis://cache.example.com:6380/2"


def test_the_cache_is_memory_without_redis_url(monkeypatch):
    configured = settings_with(monkeypatch, REDIS_URL="")
    assert configured["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize("url", ["http://localhost:6379/0", "redis://localhost:port/0", "localhost:6379", "redis://"])
def test_a_malformed_redis_url_stops_start_up_naming_the_variable(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL must be a URL such as redis://"):
        settings_with(monkeypatch, REDIS_URL=url)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set (CI sets it to a Redis service)")
def test_the_cache_on_a_real_redis(settings):
    """Set, read and delete one key of this test's own (never clear: that would empty the whole database)."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    }
    cache = caches["default"]
    key = f"test-{uuid.uuid4().hex}"
    cache.set(key, {"count": 1}, 30)
    assert cache.get(key) == {"count": 1}
    assert cache.add(f"{key}-n", 1, 30)
    assert cache.incr(f"{key}-n") == 2  # how the throttles count
    cache.delete_many([key, f"{key}-n"])
    assert cache.get(key) is None
