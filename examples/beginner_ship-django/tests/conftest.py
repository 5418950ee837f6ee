"""Fixtures shared by the tests: users and an item."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from items.models import Item

PASSWORD = "correct-Horse-battery-st4ple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash the tests' passwords with MD5: the real hasher is slow on purpose (a few hundred ms a password)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def collected_static_files_unscanned(settings):
    """WhiteNoise reads the whole of STATIC_ROOT (staticfiles/, once a collectstatic has filled it) whenever a test
    client starts; with autorefresh it looks a file up only when one is asked for, as in development."""
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Start every test with no throttling counts: in a cache of the test's own, even when REDIS_URL is set
    (clearing a Redis cache empties its whole database)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()


@pytest.fixture
def redis_down(settings):
    """The cache on a Redis that nothing answers at (port 1 is never a Redis), as during an outage."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }


def _make_user(username, **extra):
    return get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD, **extra)


@pytest.fixture
def user(db):
    return _make_user("alice")


@pytest.fixture
def other_user(db):
    return _make_user("bob")


@pytest.fixture
def staff_user(db):
    return _make_user("stella", is_staff=True)


@pytest.fixture
def item(user):
    return Item.objects.create(title="The first item", body="Hello, world.", owner=user)
