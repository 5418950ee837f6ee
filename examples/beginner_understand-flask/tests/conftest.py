"""Fixtures (as in Flask's tutorial): ``app`` on a fresh database, ``client``, ``runner``.

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

from first_steps import create_app
from first_steps.database import create_tables, drop_tables


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """An app with the test settings, on a fresh database."""
    # The pages in English, the language their strings are written in (test_languages.py: the others).
    settings: dict[str, Any] = {"APP_ENV": "testing", "LANGUAGES": {"en": "English"}}
    settings["DATABASE_URL"] = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    settings.update(overrides)
    app = create_app(settings)
    with app.app_context():
        drop_tables()
        create_tables()
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


@pytest.fixture
def writer() -> None:
    """Nothing to do: without accounts, anyone may write."""


def log_in_with_csrf_token(client: FlaskClient, username: str = "alice") -> None:
    """Nothing to do: without accounts, nobody logs in."""
