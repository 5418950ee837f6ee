"""Configuration classes: one per environment, values read from the environment.

``APP_ENV`` picks the class (``development`` by default, ``production``, ``testing``).
Every variable is listed in ``.env.example``; ``flask`` commands also read a ``.env`` file.
Flask's settings: https://flask.palletsprojects.com/en/stable/config/
"""

from __future__ import annotations

import os
import re
from typing import Any, ClassVar
from urllib.parse import urlsplit


class ConfigError(RuntimeError):
    """The configuration cannot work: a required setting is missing or unsafe."""


def env(name: str, default: str = "") -> str:
    """Read an environment variable; unset and empty both mean ``default``."""
    return os.environ.get(name, "").strip() or default


def env_int(name: str, default: int) -> int:
    """Read a whole number; anything else stops start-up with one line naming ``name``."""
    raw = env(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    """Read one of ``choices``; anything else stops start-up with one line naming ``name``."""
    value = env(name, default).lower()
    if value not in choices:
        raise ConfigError(f"{name}={value!r} is not one of {', '.join(choices)}")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable (1, true, yes, on mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


#: A host name Flask's TRUSTED_HOSTS accepts: letters, digits, dots and hyphens; a leading dot also allows
#: the subdomains (``.example.com``).
HOST_NAME = re.compile(r"^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def env_hosts(name: str) -> list[str] | None:
    """Read a comma-separated list of host names (``example.com,www.example.com``); None when unset.

    Anything else (``https://x``, ``a b``, ``,``, a port) stops start-up with one line naming ``name``.
    """
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return None
    hosts = [host.strip().lower() for host in raw.split(",")]
    if not all(HOST_NAME.match(host) for host in hosts):
        raise ConfigError(
            f"{name}={raw!r} is not a comma-separated list of host names such as example.com,www.example.com"
        )
    return hosts


def env_redis_url(name: str) -> str:
    """Read a Redis URL (``redis://``, ``rediss://`` or ``unix://``); empty when unset."""
    raw = env(name)
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in {"redis", "rediss", "unix"} or not (parts.netloc or parts.path):
        raise ConfigError(f"{name}={raw!r} is not a Redis URL such as redis://localhost:6379/0")
    return raw


class Config:
    """Settings shared by every environment."""

    APP_ENV = "development"
    SITE_NAME = "Field Notes"
    SITE_DESCRIPTION = "A web application built with flask-or-django."
    TESTING = False  # DEBUG comes from FLASK_DEBUG (flask run --debug)

    # --- Languages: code -> the language's own name; the first is the default (see i18n.py) ---
    LANGUAGES: ClassVar[dict[str, str]] = {
        "en": "English",
    }

    # --- Sessions and cookies ------------------------------------------------
    # https://flask.palletsprojects.com/en/stable/security/#set-cookie-options
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False

    # --- Forms (Flask-WTF): CSRF protection on every POST --------------------
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 3600

    # --- Throttling (Flask-Limiter): https://flask-limiter.readthedocs.io/ -----
    # A limited request gets 429 with Retry-After (seconds). When Redis fails, the counts go on in
    # memory (per process) instead of stopping the site.
    # A moving window: "5 per 15 minutes" means any 15 minutes, so no burst of twice the limit across the
    # boundary of two fixed windows (which also reset a count in the middle of a series of attempts).
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_HEADER_RETRY_AFTER_VALUE = "delta-seconds"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True

    # --- Pages ---------------------------------------------------------------
    ITEMS_PER_PAGE = 10

    # --- Accounts, both kits: the remember-me cookie; limits on the login, sign-up and reset pages ---
    # https://flask-login.readthedocs.io/en/latest/#cookie-settings
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Failed logins: per account (name or email) and per client address; a locked-out account is refused
    # even the right password until the window ends. Sign-ups and reset requests: per client address.
    LOGIN_ACCOUNT_LIMIT = "5 per 15 minutes"
    LOGIN_ADDRESS_LIMIT = "20 per 15 minutes"
    SIGNUP_LIMIT = "10 per hour"
    RESET_REQUEST_LIMIT = "5 per 15 minutes"

    @property
    def REMEMBER_COOKIE_SECURE(self) -> bool:
        """The remember-me cookie goes over HTTPS only when the session cookie does (production)."""
        return self.SESSION_COOKIE_SECURE

    # --- Accounts (Flask-Login) ----------------------------------------------
    PASSWORD_RESET_MAX_AGE = 3600  # seconds a password reset link stays valid

    @property
    def HASH_METHOD(self) -> str:
        """How passwords are hashed (Werkzeug generate_password_hash): fast and weak in the tests only."""
        return "pbkdf2:sha256:1000" if self.TESTING else "scrypt"

    # --- REST API (flask-smorest): https://flask-smorest.readthedocs.io/ -----
    API_TITLE = "Field Notes API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "/docs"
    OPENAPI_SWAGGER_UI_URL = "/api/docs/static/"  # Swagger UI's files, served by this site (api/docs.py)
    # Requests to the API, per client address and per user (the address when anonymous); the
    # environment may raise or lower them (read when this module is imported, before the app is made).
    API_ADDRESS_LIMIT = env("API_ADDRESS_LIMIT", "300 per minute")
    API_USER_LIMIT = env("API_USER_LIMIT", "120 per minute")

    def __init__(self) -> None:
        """Read the environment when the configuration is created, not at import."""
        self.SECRET_KEY: str | None = env("SECRET_KEY") or None
        self.BEHIND_PROXY = env_bool("BEHIND_PROXY")
        # The host names the site answers to (Flask rejects other Host headers with 400): links in
        # emails and redirects are built from the Host header, so production requires them.
        self.TRUSTED_HOSTS: list[str] | None = env_hosts("TRUSTED_HOSTS")
        # Throttling counts: in Redis when REDIS_URL is set (shared by every worker), else in memory.
        self.REDIS_URL = env_redis_url("REDIS_URL")
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        # Redis that does not answer within a second counts as down (pages go on without it).
        self.RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
        # The cache (Flask-Caching): in Redis when REDIS_URL is set (shared by every instance), else in
        # this process's memory. https://flask-caching.readthedocs.io/
        self.CACHE_TYPE = "RedisCache" if self.REDIS_URL else "SimpleCache"
        self.CACHE_REDIS_URL = self.REDIS_URL
        self.CACHE_KEY_PREFIX = "field_notes:"
        self.CACHE_DEFAULT_TIMEOUT = 300
        self.CACHE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1} if self.REDIS_URL else {}
        # Cached pages need a cache every process shares: with each process's own memory, a change made
        # through one gunicorn worker would not show in the others' pages.
        self.CACHE_PAGES = bool(self.REDIS_URL)
        # Empty means a SQLite file in the instance folder (see database.py).
        self.DATABASE_URL: str | None = env("DATABASE_URL") or None
        # The instance folder, where that file lives (default: instance/ next to the package).
        self.INSTANCE_PATH: str | None = env("INSTANCE_PATH") or None
        # Email (Flask-Mailman): "console" prints messages to the log (development), "file" writes them
        # to MAIL_FILE_PATH, "memory" keeps them (tests), "smtp" sends them (production).
        default_backend = {"testing": "memory", "production": "smtp"}.get(self.APP_ENV, "console")
        self.MAIL_BACKEND = env_choice("MAIL_BACKEND", ("console", "file", "memory", "smtp"), default_backend)
        self.MAIL_FILE_PATH = env("MAIL_FILE_PATH", "instance/mail")
        self.MAIL_SERVER = env("MAIL_SERVER", "localhost")
        self.MAIL_PORT = env_int("MAIL_PORT", 587)
        self.MAIL_USE_TLS = env_bool("MAIL_USE_TLS", default=True)
        self.MAIL_USERNAME = env("MAIL_USERNAME")
        self.MAIL_PASSWORD = env("MAIL_PASSWORD")
        self.MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER", "webmaster@localhost")
        self.MAIL_TIMEOUT = 30  # seconds an SMTP server may take to answer


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

    def __init__(self) -> None:
        super().__init__()
        # Each test's app counts and caches alone, whatever REDIS_URL says.
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.CACHE_TYPE = "SimpleCache"
        self.CACHE_OPTIONS = {}
        self.CACHE_PAGES = True  # one process: its memory is shared enough


class ProductionConfig(Config):
    """Production: secure cookies and HSTS; refuses to start without its secrets."""

    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    REQUIRED = ("SECRET_KEY", "TRUSTED_HOSTS")


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
