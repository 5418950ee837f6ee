"""Configuration classes: one per environment, values read from the environment.

``APP_ENV`` picks the class (``development`` by default, ``production``, ``testing``).
Every variable is listed in ``.env.example``; ``flask`` commands also read a ``.env`` file.
Flask's settings: https://flask.palletsprojects.com/en/stable/config/
"""

from __future__ import annotations

import os
from typing import Any


class ConfigError(RuntimeError):
    """The configuration cannot work: a required setting is missing or unsafe."""


def env(name: str, default: str = "") -> str:
    """Read an environment variable; unset and empty both mean ``default``."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable (1, true, yes, on mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment."""

    APP_ENV = "development"
    SITE_NAME = "Warehouse Portal"
    SITE_DESCRIPTION = "A web application built with flask-or-django."
    TESTING = False  # DEBUG comes from FLASK_DEBUG (flask run --debug)

    # --- Sessions and cookies ------------------------------------------------
    # https://flask.palletsprojects.com/en/stable/security/#set-cookie-options
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False

    # --- Forms (Flask-WTF): CSRF protection on every POST --------------------
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 3600

    # --- Database (Flask-SQLAlchemy): https://flask-sqlalchemy.readthedocs.io/en/stable/config/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}  # noqa: RUF012

    # --- Pages ---------------------------------------------------------------
    ITEMS_PER_PAGE = 10

    def __init__(self) -> None:
        """Read the environment when the configuration is created, not at import."""
        self.SECRET_KEY: str | None = env("SECRET_KEY") or None
        self.BEHIND_PROXY = env_bool("BEHIND_PROXY")
        # Empty means a SQLite file in the instance folder (set in create_app).
        self.DATABASE_URL: str | None = env("DATABASE_URL") or None


class DevelopmentConfig(Config):
    """Local development: works with no environment variable set."""

    def __init__(self) -> None:
        super().__init__()
        # A fixed key so sessions survive restarts; never used in production.
        self.SECRET_KEY = self.SECRET_KEY or "dev-only-not-secret"


class TestingConfig(DevelopmentConfig):
    """The test suite: see tests/conftest.py for the per-test overrides."""

    APP_ENV = "testing"
    TESTING = True
    WTF_CSRF_ENABLED = False


class ProductionConfig(Config):
    """Production: secure cookies and HSTS; refuses to start without its secrets."""

    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    REQUIRED = ("SECRET_KEY",)


def default_database_url(instance_path: str) -> str:
    """The development database: a SQLite file in the instance folder."""
    return f"sqlite:///{os.path.join(instance_path, 'warehouse_portal.sqlite3')}"


def sqlalchemy_url(url: str) -> str:
    """Pick the installed drivers for plain URLs: psycopg 3 for PostgreSQL, PyMySQL for MySQL."""
    for plain, with_driver in (
        ("postgres://", "postgresql+psycopg://"),
        ("postgresql://", "postgresql+psycopg://"),
        ("mysql://", "mysql+pymysql://"),
    ):
        if url.startswith(plain):
            return with_driver + url[len(plain) :]
    return url


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(app_env: str | None = None) -> Config:
    """The configuration object for ``APP_ENV`` (development when unset)."""
    name = (app_env if app_env is not None else env("APP_ENV")).strip().lower() or "development"
    try:
        return CONFIGS[name]()
    except KeyError:
        raise ConfigError(f"APP_ENV={name!r} is not one of {', '.join(CONFIGS)}") from None


def check_config(settings: dict[str, Any], app_env: str) -> None:
    """Refuse to run production without its secrets, or with the debugger on."""
    if app_env != "production":
        return
    missing = [name for name in ProductionConfig.REQUIRED if not settings.get(name)]
    if missing:
        raise ConfigError(
            f"APP_ENV=production needs the environment variable(s) {', '.join(missing)}: "
            "set them (see .env.example) and start again."
        )
    if settings.get("DEBUG"):
        raise ConfigError("APP_ENV=production refuses to run with the debugger on: unset FLASK_DEBUG.")
