"""Fixtures shared by the tests: users and a product."""

import pytest
from django.contrib.auth import get_user_model

from products.models import Product

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
def product(user):
    return Product.objects.create(title="The first product", body="Hello, world.", owner=user)
