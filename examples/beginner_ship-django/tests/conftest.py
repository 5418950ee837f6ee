"""Fixtures shared by the tests: users and a item."""

import pytest
from django.contrib.auth import get_user_model

from items.models import Item

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
def item(user):
    return Item.objects.create(title="The first item", body="Hello, world.", owner=user)
