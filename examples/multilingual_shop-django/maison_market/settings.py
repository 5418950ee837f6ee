"""
Django settings for Maison Market.

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

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp import constants as CSP  # the names of Django 6's django.utils.csp.CSP
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "products",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "maison_market.unavailable.ServiceUnavailableMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "maison_market.urls"

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

WSGI_APPLICATION = "maison_market.wsgi.application"


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
LOGIN_URL = "account_login"
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


# The site's languages: LocaleMiddleware gives each request one (the URL's prefix, else the cookie the
# language switcher sets, else the browser's Accept-Language, else LANGUAGE_CODE). The pages' texts are
# translated in locale/<code>/LC_MESSAGES/django.po (compiled to .mo: see the README, "Languages").
# https://docs.djangoproject.com/en/5.2/topics/i18n/translation/

LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]


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
            "KEY_PREFIX": "maison_market",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Cached pages (the example app's list) need a cache that every process shares: with each
# process's own memory, a change made through one gunicorn worker would not show in the others' pages.
CACHE_PAGES = bool(REDIS_URL)


# Background jobs, by Celery (`celery -A maison_market worker`; `celery -A maison_market beat` for the periodic
# ones): the web processes queue jobs in Redis (REDIS_URL) and the workers run them. Without REDIS_URL every
# job runs inline, in the request that asks for it (Celery's eager mode), so development needs no service.
# Jobs are acknowledged late: one whose worker dies mid-run is given to a worker again, once the broker's
# visibility timeout (JOB_VISIBILITY_TIMEOUT seconds) has passed. The jobs themselves: maison_market/tasks.py.
# https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
# https://docs.celeryq.dev/en/stable/userguide/configuration.html

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Inline, a job is retried at once (no backoff) and its failure is logged, not raised: as with a worker, the
# request that queued it does not fail with it.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True  # no result backend: a job's effect is in the database or the mail it sends
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker holds one job per process, not four
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than the slowest job and than the longest retry delay (10 minutes), else a job runs twice.
    "visibility_timeout": env.int("JOB_VISIBILITY_TIMEOUT", default=60 * 60),
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_IMPORTS = ["maison_market.tasks"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "maison_market.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
}


# Emails go through a background job: the backend above (EMAIL_URL) is the one the job sends with, and the
# site's own backend only queues each message (maison_market/mail.py).

DELIVERY_EMAIL_BACKEND = EMAIL_BACKEND
EMAIL_BACKEND = "maison_market.mail.QueuedEmailBackend"
CELERY_IMPORTS = [*CELERY_IMPORTS, "maison_market.mail"]


# Accounts: django-allauth (sign-up with a verified email address, login by email or username, password
# reset and change, two-factor authentication with an authenticator app and recovery codes).
# https://docs.allauth.org/en/latest/account/configuration.html
# https://docs.allauth.org/en/latest/mfa/configuration.html

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# No login before the address is confirmed: a sign-up gets an email with a link to confirm it.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Maison Market] "
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# The kit's own rate limits, counted in the cache (CACHES above: Redis when REDIS_URL is set, so that every
# process and instance counts together); beyond one, allauth refuses (a form error or HTTP 429).
# https://docs.allauth.org/en/latest/account/rate_limits.html
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_FAILED_RATE", default="10/m/ip,5/5m/key"),
    "signup": env.str("SIGNUP_RATE", default="10/h/ip"),
    "reset_password": env.str("PASSWORD_RESET_RATE", default="20/h/ip,5/h/key"),
}
# The client address: the connection's, or the proxy's last X-Forwarded-For entry behind one.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_TLS_PROXY else 0
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Maison Market"


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
