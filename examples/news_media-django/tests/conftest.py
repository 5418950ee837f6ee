"""Fixtures shared by the tests: users and a article."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article

PASSWORD = "correct-Horse-battery-st4ple"


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
def article(user):
    return Article.objects.create(title="The first article", body="Hello, world.", owner=user)
