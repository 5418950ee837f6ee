"""
Django settings for Catalog API.

Every value that differs between machines is read from the environment (12-factor),
or from a ``.env`` file next to manage.py: ``.env.example`` lists them all. With no
environment at all the project runs in development mode (DEBUG on, a throwaway secret
key, SQLite in db.sqlite3). ``DJANGO_ENV=production`` switches production mode on:
then SECRET_KEY and ALLOWED_HOSTS are required and the HTTPS settings below are on.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/topics/settings/

For the full list of settings and their values, see
https://docs.djangoproject.com/en/5.2/ref/settings/
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp import constants as CSP  # the names of Django 6's django.utils.csp.CSP
from django.core.exceptions import ImproperlyConfigured

# Build paths inside the project like this: BASE_DIR / 'subdir'.
BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Values already in the environment win over the ones in .env.
environ.Env.read_env(BASE_DIR / ".env")


# Development or production
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"


def _required_in_production(name):
    if PRODUCTION and not env.str(name, default=""):
        raise ImproperlyConfigured(
            f"The {name} environment variable is required when DJANGO_ENV=production (see .env.example)."
        )


_required_in_production("SECRET_KEY")
_required_in_production("ALLOWED_HOSTS")

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-key-never-use-it-in-production")

# SECURITY WARNING: don't run with debug turned on in production!
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])


# Application definition

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "csp",
    "axes",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "items",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "catalog_api.unavailable.ServiceUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "catalog_api.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "catalog_api.wsgi.application"


# Database: DATABASE_URL, for example postgres://user:password@host:5432/name
# https://docs.djangoproject.com/en/5.2/ref/settings/#databases
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


# Users and passwords
# https://docs.djangoproject.com/en/5.2/topics/auth/customizing/

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.CommonPasswordValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.NumericPasswordValidator",
    },
]


# Email (password reset): EMAIL_URL, for example smtp+tls://user:password@smtp.example.com:587
# https://docs.djangoproject.com/en/5.2/topics/email/
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25" if PRODUCTION else "consolemail://")
EMAIL_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = EMAIL_CONFIG.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = EMAIL_CONFIG.get("EMAIL_USE_SSL", False)
# filemail:///sent-emails (a folder in the working directory) or filemail:////var/mail/app (an absolute
# path) writes each email to a file in that folder instead, handy to read password reset links.
EMAIL_FILE_PATH = EMAIL_CONFIG.get("EMAIL_FILE_PATH")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Internationalization
# https://docs.djangoproject.com/en/5.2/topics/i18n/

# The site's language (the first of the languages chosen when the project was made).
LANGUAGE_CODE = "en"

TIME_ZONE = env.str("TIME_ZONE", default="UTC")

USE_I18N = True

USE_TZ = True


# Static files (CSS, JavaScript, Images), served by WhiteNoise
# https://docs.djangoproject.com/en/5.2/howto/static-files/
# https://whitenoise.readthedocs.io/en/stable/django.html

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
    },
    "staticfiles": {
        # Hashed, compressed file names in production (run collectstatic first).
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}


# Security: HTTPS only in production
# https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.security

X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# On when a proxy in front terminates HTTPS: then its X-Forwarded-Proto and X-Forwarded-For headers are
# believed (off, a client could forge them).
BEHIND_TLS_PROXY = PRODUCTION and env.bool("BEHIND_TLS_PROXY", default=False)
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]  # load balancers probe over plain HTTP
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if BEHIND_TLS_PROXY:
        # The proxy in front (a load balancer, a PaaS router) terminates HTTPS and says so in this header.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


# Content-Security-Policy, sent by django-csp: pages load only this site's own CSS, images and scripts,
# with no inline script or style, and no other site may frame them. A view that needs more replaces
# the policy with the decorator csp.decorators.csp.
# https://django-csp.readthedocs.io/en/latest/configuration.html

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP.SELF],
        "img-src": [CSP.SELF, "data:"],
        "style-src": [CSP.SELF],
        "script-src": [CSP.SELF],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.SELF],
        "form-action": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
    },
}


# CORS, by django-cors-headers: pages of the origins in CORS_ALLOWED_ORIGINS (https://app.example.com,
# comma-separated) may call the API from the browser; no other origin, and no path outside /api/.
# Cookies are not sent along (CORS_ALLOW_CREDENTIALS off): such front ends use API tokens.
# https://github.com/adamchainz/django-cors-headers#configuration

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
for _origin in CORS_ALLOWED_ORIGINS:
    _parts = urlsplit(_origin)
    if _parts.scheme not in ("http", "https") or not _parts.netloc or _parts.path or _parts.query:
        raise ImproperlyConfigured(
            f"CORS_ALLOWED_ORIGINS must list origins such as https://app.example.com, not {_origin!r}."
        )
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_CREDENTIALS = False


# Cache: Django's cache framework, on Redis when REDIS_URL is set (redis://host:6379/0, rediss:// for TLS), so
# that every process and instance shares it: the throttling counts, and the pages' cached queries. Without it,
# each process caches in its own memory. Redis is only connected to when the cache is used, so a Redis that is
# down does not stop the site from starting: /ready/ says so, and a page that needs it answers 503.
# https://docs.djangoproject.com/en/5.2/topics/cache/#redis

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    try:
        _redis = urlsplit(REDIS_URL)
        _redis_usable = _redis.scheme in ("redis", "rediss", "unix") and bool(_redis.hostname or _redis.path)
        _redis.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        _redis_usable = False
    if not _redis_usable:
        raise ImproperlyConfigured("REDIS_URL must be a URL such as redis://localhost:6379/0 (see .env.example).")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "catalog_api",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Cached pages (the example app's list) need a cache that every process shares: with each
# process's own memory, a change made through one gunicorn worker would not show in the others' pages.
CACHE_PAGES = bool(REDIS_URL)


# Login throttling (every login form, the admin's too), by django-axes: after
# LOGIN_FAILURE_LIMIT failed logins for one username, or from one client address, that username or address
# is locked out for LOGIN_COOLOFF_MINUTES (HTTP 429, a page saying when to try again); the right password
# does not log in meanwhile, and every failure during the lock-out starts it again. Failures are counted in
# the database, so all processes and instances that share it count together.
# https://django-axes.readthedocs.io/en/latest/4_configuration.html

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
# Each on its own: a username whatever the address (a spread-out guess at one account), an address
# whatever the username (one client trying many accounts).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "catalog_api.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "catalog_api.throttling.locked_out"
AXES_RESET_ON_SUCCESS = False  # else logging in to one's own account would wipe an address's failures
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2"]


# Throttling of the sign-up and password-reset forms, by django-ratelimit in the cache above: SIGNUP_RATE
# sign-ups per client address, PASSWORD_RESET_RATE reset requests per client address and per email
# address (N/s, N/m, N/h or N/d); beyond, HTTP 429 with a page saying when to try again.
# https://django-ratelimit.readthedocs.io/en/stable/settings.html

SIGNUP_RATE = env.str("SIGNUP_RATE", default="10/h")
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/h")
RATELIMIT_IP_META_KEY = "catalog_api.throttling.client_ip"


# REST API: Django REST framework, with an OpenAPI document by drf-spectacular
# https://www.django-rest-framework.org/api-guide/settings/
# https://drf-spectacular.readthedocs.io/en/latest/settings.html

REST_FRAMEWORK = {
    # An API token (django-rest-knox, stored hashed; no CSRF token needed) or the site's session cookie
    # (with its CSRF token). No HTTP Basic: a password on every request would dodge the login throttling.
    # The token class comes first, so an anonymous write gets 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Requests counted in the cache (see CACHES): per client address for anonymous ones, per user for the
    # others; beyond the rate, 429 with Retry-After.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="60/minute"),
        "user": env.str("API_USER_RATE", default="600/minute"),
    },
    # The client address: the connection's, or the proxy's last X-Forwarded-For entry behind one (by
    # default DRF would believe any X-Forwarded-For a client sends).
    "NUM_PROXIES": 1 if BEHIND_TLS_PROXY else 0,
    "DEFAULT_PAGINATION_CLASS": "catalog_api.api_pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # JSON bodies only (a form-encoded or multipart body is 415): one format to document and validate.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # drf-spectacular's, with every error an operation can answer and public reads said as public.
    "DEFAULT_SCHEMA_CLASS": "catalog_api.api_contract.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Catalog API API",
    "DESCRIPTION": "A web application built with flask-or-django.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate request and response shapes: a request's schema leaves out the read-only fields.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc served from this site, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# API tokens: https://jazzband.github.io/django-rest-knox/settings/
# Only a SHA-512 digest of each token is stored; the token itself is shown once, when it is made.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=90)),
    "AUTO_REFRESH": False,
}


# Logging: everything from WARNING up goes to the console (the container's log)
# https://docs.djangoproject.com/en/5.2/topics/logging/

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}


# Default primary key field type
# https://docs.djangoproject.com/en/5.2/ref/settings/#default-auto-field

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
