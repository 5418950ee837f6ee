"""Fixtures (as in Flask's tutorial): ``app`` on a fresh database, ``client``, ``runner``, ``auth``.

Each test uses a SQLite file of its own, or the database in ``DATABASE_URL`` when it is set: there
the tables are made once, emptied before each test, and dropped when the run ends.
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
from maison_market.database import create_tables, disconnect, drop_tables, empty_tables

PASSWORD = "correct-horse-battery"
USERS = {"alice": False, "bob": False, "admin": True}  # username: is_admin

#: The database server the tests run on, from the environment (unset: a SQLite file for each test).
SHARED_DATABASE_URL = os.environ.get("DATABASE_URL", "")
#: The app that made the tables in the shared database (each later test empties them instead).
SHARED_TABLES: list[Flask] = []


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """An app with the test settings, on a fresh database holding the users in USERS."""
    # The pages in English, the language their strings are written in (test_languages.py: the others).
    settings: dict[str, Any] = {"APP_ENV": "testing", "LANGUAGES": {"en": "English"}}
    settings["DATABASE_URL"] = SHARED_DATABASE_URL or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    settings.update(overrides)
    app = create_app(settings)
    with app.app_context():
        fresh_tables(app)
        for username, is_admin in USERS.items():
            create_user(username, f"{username}@example.com", PASSWORD, is_admin=is_admin)
    return app


def fresh_tables(app: Flask) -> None:
    """Tables with no rows, in ``app``'s context: made anew in a SQLite file; in the shared database,
    made the first time (any an earlier run left are dropped) and emptied after that."""
    if SHARED_DATABASE_URL and SHARED_TABLES:
        empty_tables()
        return
    drop_tables()
    create_tables()
    if SHARED_DATABASE_URL:
        SHARED_TABLES.append(app)


def clean_up(app: Flask) -> None:
    """Close the test app's database connections (the next test starts on empty tables)."""
    with app.app_context():
        disconnect()


@pytest.fixture(autouse=True, scope="session")
def shared_tables_dropped() -> Iterator[None]:
    """Drop the tables made in the shared database when the run ends."""
    yield
    for app in SHARED_TABLES:
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
