"""Fixtures (as in Flask's tutorial): ``app`` on a fresh database, ``client``, ``runner``, ``auth``.

The tests use a SQLite file of their own, or the database in ``DATABASE_URL`` when it is set
(its tables are dropped and created again for each test).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from maison_market import create_app
from maison_market.auth.models import User, create_user, user_by_username
from maison_market.database import create_tables, drop_tables

PASSWORD = "correct-horse-battery"
USERS = {"alice": False, "bob": False, "admin": True}  # username: is_admin


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """An app with the test settings, on a fresh database holding the users in USERS."""
    # The pages in English, the language their strings are written in (test_languages.py: the others).
    settings: dict[str, Any] = {"APP_ENV": "testing", "LANGUAGES": {"en": "English"}}
    settings["DATABASE_URL"] = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    settings.update(overrides)
    app = create_app(settings)
    with app.app_context():
        drop_tables()
        create_tables()
        for username, is_admin in USERS.items():
            create_user(username, f"{username}@example.com", PASSWORD, is_admin=is_admin)
    return app


def clean_up(app: Flask) -> None:
    """Drop the test tables (they may live in a shared DATABASE_URL database)."""
    with app.app_context():
        drop_tables()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path)
    yield app
    clean_up(app)


@pytest.fixture
def csrf_app(tmp_path: Path) -> Iterator[Flask]:
    """Like ``app``, with CSRF protection on (as in production)."""
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    yield app
    clean_up(app)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


class AuthActions:
    """Log a test client in and out."""

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, username: str = "alice", password: str = PASSWORD, next_url: str | None = None) -> Any:
        query = {"next": next_url} if next_url is not None else None
        return self._client.post("/auth/login", query_string=query, data={"username": username, "password": password})

    def logout(self) -> Any:
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def writer(auth: AuthActions) -> None:
    """Log ``client`` in as alice: writing needs an account."""
    auth.login()


def log_in_with_csrf_token(client: FlaskClient, username: str = "alice") -> None:
    """Log in on an app that checks CSRF tokens (``csrf_app``), as a browser does."""
    import re

    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    client.post("/auth/login", data={"username": username, "password": PASSWORD, "csrf_token": token[1]})


def get_user_named(app: Flask, username: str) -> User:
    """A user from the database (for assertions)."""
    with app.app_context():
        user = user_by_username(username)
        assert user is not None
        return user
