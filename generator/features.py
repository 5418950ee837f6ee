"""The feature table: what each answer contributes to a generated project, in one place.

Each :class:`Feature` says when it applies (a rule over the answers and the computed answers of
``generator/wiring.py``) and what it brings: dependencies, Django apps / middleware / URL includes,
Flask extensions and blueprints, environment variables (with their docs), compose services, CI
services and steps, README and DECISIONS sections. The shared files of the templates
(``pyproject.toml``, ``.env.example``, ``compose.yaml``, the CI workflow, Django's settings and
URLs, the Flask factory, the READMEs) loop over :func:`wiring_for`'s result instead of branching
on answers. Adding a feature is one entry here plus its own files, chosen by file name.

Text fields may name ``{slug}`` (the package), ``{app}`` (the example app's package) and
``{model}`` (its model class); they are filled in by :func:`wiring_for`.

Standard library only, so copier can load it from the template folder.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


def _load_pins() -> Any:
    """``generator/pins.py``, by file path (copier loads this module so too; see ``copier_extension.py``)."""
    name = "_flask_or_django_pins"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("pins.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
    return sys.modules[name]


_pins = _load_pins()

__all__ = ["ENV_SECTIONS", "FEATURES", "EnvSetting", "Feature", "ReadmeSetting", "Wiring", "wiring_for"]

Answers = Mapping[str, Any]
Rule = Callable[[Answers], bool]

#: The order of the groups of variables in ``.env.example`` (a feature's variables join their group).
ENV_SECTIONS = ("app", "database", "database_options", "mail", "production", "runtime")


@dataclass(frozen=True)
class EnvSetting:
    """One documented entry of ``.env.example``: comment lines, then the assignment lines.

    ``attached`` entries follow the previous one without a blank line between.
    """

    doc: str
    lines: tuple[str, ...]
    section: str = "app"
    attached: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The variables this entry sets (``# NAME=`` lines included)."""
        return tuple(line.lstrip("# ").split("=", 1)[0] for line in self.lines if "=" in line)


@dataclass(frozen=True)
class ReadmeSetting:
    """One row of the README's settings table, as Markdown cells: the variables, what they do, their default.

    Rows are ordered by ``section`` (the groups of ``ENV_SECTIONS``), then in table order.
    """

    names: str
    meaning: str
    default: str
    section: str = "app"


@dataclass(frozen=True)
class Feature:
    """What one answer (or one value of an answer) adds to a project of one framework."""

    key: str
    applies: Rule
    dependencies: tuple[str, ...] = ()
    dev_dependencies: tuple[str, ...] = ()
    #: Django: INSTALLED_APPS entries, in three groups (Django's own, third-party, the project's).
    django_apps: tuple[str, ...] = ()
    third_party_apps: tuple[str, ...] = ()
    local_apps: tuple[str, ...] = ()
    middleware: tuple[str, ...] = ()
    #: Django: imports the settings module needs for what the feature sets (after ``import environ``), and
    #: settings sections it adds: file names (without ``.py.jinja``) under ``templates/shared/django/settings/``.
    settings_imports: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    #: Django: ``urlpatterns`` lines (Python source), and the imports they need.
    url_imports: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    #: Django: ``urlpatterns`` lines of the site's pages (before the feature's ``urls``): on a multilingual
    #: site they get a language prefix, from the call whose opening and closing ``page_patterns`` gives.
    page_urls: tuple[str, ...] = ()
    page_patterns: tuple[str, ...] = ()
    #: Django: templates (under includes/) that the header of every page includes, in base.html.
    header_includes: tuple[str, ...] = ()
    #: Flask, in the order ``create_app`` binds them: extension objects of ``extensions.py`` bound with
    #: ``init_app(app)``; modules of the package with an ``init_app(app)`` of their own; blueprint
    #: packages, whose ``bp`` is registered.
    flask_extensions: tuple[str, ...] = ()
    flask_modules: tuple[str, ...] = ()
    blueprints: tuple[str, ...] = ()
    #: Environment: documented entries of ``.env.example``; variables production cannot start without.
    env: tuple[EnvSetting, ...] = ()
    required_in_production: tuple[str, ...] = ()
    #: compose.yaml: lines under the web service's ``environment:``, more keys of the web service,
    #: whole services, named volumes.
    compose_env: tuple[str, ...] = ()
    compose_web: tuple[str, ...] = ()
    compose_services: tuple[str, ...] = ()
    compose_volumes: tuple[str, ...] = ()
    #: The CI workflow: services of the test job (each a block of YAML under ``services:``), lines of the
    #: test job's ``env:``, and steps run after setting up uv, before ``uv sync`` (in every job).
    ci_services: tuple[str, ...] = ()
    ci_env: tuple[str, ...] = ()
    ci_steps: tuple[str, ...] = ()
    #: The Dockerfile: Debian packages of the build stage (to compile dependencies), and of the final image.
    docker_build_packages: tuple[str, ...] = ()
    docker_packages: tuple[str, ...] = ()
    #: The Dockerfile: instructions of the final image after the code is copied, run as root before
    #: ``USER`` (each a block of lines).
    docker_steps: tuple[str, ...] = ()
    #: The Dockerfile: ``RUN`` instructions of the build stage, once the project's files are in (with comments).
    docker_build_steps: tuple[str, ...] = ()
    #: README sections: file names (without ``.md.jinja``) under ``templates/shared/readme/<framework>/``;
    #: the README's own outline puts them in order. DECISIONS sections likewise, under
    #: ``templates/shared/decisions/``. The rows this feature adds to the README's settings table.
    readme: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    readme_settings: tuple[ReadmeSetting, ...] = ()


def _on(*keys: str) -> Rule:
    """A rule: every one of these yes/no answers (or computed answers) is yes."""
    return lambda answers: all(bool(answers.get(key)) for key in keys)


def _is(key: str, *values: str) -> Rule:
    """A rule: the answer ``key`` is one of ``values``."""
    return lambda answers: answers.get(key) in values


def _always(answers: Answers) -> bool:
    return True


def _logs_in(answers: Answers) -> bool:
    """Someone can log in: on the site's login page or on the admin's."""
    return bool(answers.get("auth") or answers.get("admin"))


def _throttles(answers: Answers) -> bool:
    """Something counts requests in the cache: the login pages' neighbours (sign-up, reset) or the API."""
    return bool(answers.get("auth") or answers.get("rest_api"))


# --- Shared pieces -------------------------------------------------------------------------------

_DEPENDS_ON_DB = ("depends_on:", "  db:", "    condition: service_healthy")
_E2E_DEV = ("playwright>=1.49  # the end-to-end tests in tests/e2e",)
_API_CONTRACT_DEV = (
    f"schemathesis=={_pins.TOOLS['schemathesis']}  # tests/test_api_contract.py: the API against its OpenAPI document",
)


# --- Django ---------------------------------------------------------------------------------------

_DJANGO_DB_DOC = "The database; SQLite in db.sqlite3 when unset."
_DJANGO_DB_DEFAULT = "`sqlite:///db.sqlite3`"

DJANGO: tuple[Feature, ...] = (
    # The release line first, so that its Django pin leads the dependencies.
    Feature(
        "django_5.2",
        _is("django_version", "5.2"),
        dependencies=("Django>=5.2,<6",),
        decisions=("django-release-5.2",),
    ),
    Feature(
        "django_6.1",
        _is("django_version", "6.1"),
        dependencies=("Django>=6.1,<6.2",),
        decisions=("django-release-6.1",),
    ),
    # CORS for a front end on another origin: the API's paths only, off until CORS_ALLOWED_ORIGINS lists
    # origins. First in the table, so its middleware answers before any other can (CommonMiddleware).
    Feature(
        "cors",
        _on("rest_api"),
        dependencies=("django-cors-headers>=4.9",),
        third_party_apps=("corsheaders",),
        middleware=("corsheaders.middleware.CorsMiddleware",),
        settings_imports=("from urllib.parse import urlsplit",),
        settings=("cors",),
        env=(
            EnvSetting(
                "The REST API: comma-separated origins of front ends on other sites allowed to call /api/\n"
                "(CORS), e.g. https://app.example.com; none by default.",
                ("# CORS_ALLOWED_ORIGINS=",),
                section="runtime",
            ),
        ),
        readme_settings=(
            ReadmeSetting(
                "`CORS_ALLOWED_ORIGINS`",
                "comma-separated origins (`https://app.example.com`) whose pages may call `/api/` from the browser",
                "none (no cross-origin calls)",
                section="runtime",
            ),
        ),
    ),
    Feature(
        "admin",
        _on("admin"),
        django_apps=("django.contrib.admin",),
        url_imports=("from django.contrib import admin",),
        urls=('path("admin/", admin.site.urls),',),
        readme=("admin",),
    ),
    Feature(
        "core",
        _always,
        dependencies=("django-environ>=0.12", "whitenoise>=6.9", "gunicorn>=23.0"),
        dev_dependencies=("pytest>=8.3", "pytest-django>=4.10", "coverage>=7.6", "ruff>=0.9", "bandit>=1.8"),
        django_apps=(
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "whitenoise.runserver_nostatic",
            "django.contrib.staticfiles",
        ),
        local_apps=("accounts",),
        # The rest of Django's middleware is in "core_requests", after the languages' (LocaleMiddleware).
        middleware=(
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
        ),
        decisions=("csp",),
        page_urls=('path("", TemplateView.as_view(template_name="home.html"), name="home"),',),
        urls=(
            'path("health/", health, name="health"),',
            'path("ready/", ready, name="ready"),',
        ),
        env=(
            EnvSetting(
                "development (the default) or production: production requires SECRET_KEY and ALLOWED_HOSTS,\n"
                "turns DEBUG off and turns on HTTPS redirects, HSTS and secure cookies.",
                ("DJANGO_ENV=development",),
            ),
            EnvSetting(
                'A long random string; make one with:\n  python -c "import secrets; print(secrets.token_urlsafe(50))"',
                ("# SECRET_KEY=",),
            ),
            EnvSetting("on/off; defaults to on in development, off in production.", ("# DEBUG=",)),
            EnvSetting(
                "Comma-separated host names the site answers to, e.g. example.com,www.example.com",
                ("# ALLOWED_HOSTS=",),
            ),
            EnvSetting(
                "Comma-separated origins trusted for HTTPS form posts from other hosts, e.g. https://example.com",
                ("# CSRF_TRUSTED_ORIGINS=",),
            ),
            EnvSetting(
                "Seconds a database connection is kept open; defaults to 60 in production, 0 in development.",
                ("# CONN_MAX_AGE=",),
                section="database_options",
                attached=True,
            ),
            EnvSetting(
                "Production only: HSTS lifetime in seconds (a year by default; start lower while you try HTTPS out).",
                ("# SECURE_HSTS_SECONDS=",),
                section="production",
            ),
            EnvSetting(
                "Production only: on when a proxy in front terminates HTTPS and sets X-Forwarded-Proto.",
                ("# BEHIND_TLS_PROXY=off",),
                section="production",
                attached=True,
            ),
            EnvSetting(
                "Production only: redirect HTTP to HTTPS (on by default).",
                ("# SECURE_SSL_REDIRECT=",),
                section="production",
                attached=True,
            ),
            EnvSetting("", ("# TIME_ZONE=UTC", "# LOG_LEVEL=INFO"), section="runtime"),
            EnvSetting(
                "The Docker image only: how many gunicorn worker processes serve the site.",
                ("# WEB_CONCURRENCY=2",),
                section="runtime",
            ),
        ),
        required_in_production=("SECRET_KEY", "ALLOWED_HOSTS"),
        compose_env=("DJANGO_ENV: development",),
        readme=("install", "run", "test", "configuration", "deploy"),
        readme_settings=(
            ReadmeSetting(
                "`DJANGO_ENV`",
                "`production` turns on production mode: it requires `SECRET_KEY` and `ALLOWED_HOSTS` "
                "(the project refuses to start without them), turns `DEBUG` off, "
                "and turns on HTTPS redirects, HSTS and secure cookies",
                "`development`",
            ),
            ReadmeSetting(
                "`SECRET_KEY`",
                'required in production: `python -c "import secrets; print(secrets.token_urlsafe(50))"`',
                "a development-only key",
            ),
            ReadmeSetting("`DEBUG`", "never on in production", "on in development, off in production"),
            ReadmeSetting(
                "`ALLOWED_HOSTS`",
                "comma-separated host names, required in production",
                "none (localhost when DEBUG is on)",
            ),
            ReadmeSetting(
                "`CSRF_TRUSTED_ORIGINS`",
                "comma-separated origins such as `https://example.com`, when forms are posted from another host",
                "none",
            ),
            ReadmeSetting(
                "`CONN_MAX_AGE`",
                "seconds a database connection is reused",
                "60 in production, 0 in development",
                section="database_options",
            ),
            ReadmeSetting(
                "`SECURE_HSTS_SECONDS`",
                "production: how long browsers must use HTTPS only; start with 3600 while trying HTTPS out",
                "31536000 (a year)",
                section="production",
            ),
            ReadmeSetting("`SECURE_SSL_REDIRECT`", "production: redirect HTTP to HTTPS", "on", section="production"),
            ReadmeSetting(
                "`BEHIND_TLS_PROXY`",
                "production: on when a proxy in front terminates HTTPS and sets `X-Forwarded-Proto` "
                "(most PaaS and load balancers)",
                "off",
                section="production",
            ),
            ReadmeSetting("`TIME_ZONE`", "", "`UTC`", section="runtime"),
            ReadmeSetting("`LOG_LEVEL`", "", "`INFO`", section="runtime"),
            ReadmeSetting("`WEB_CONCURRENCY`", "the Docker image: gunicorn worker processes", "2", section="runtime"),
        ),
    ),
    # A multilingual site: LocaleMiddleware picks each request's language (after the session, which
    # it may read, and before CommonMiddleware, which may redirect to the prefixed URL); the pages get
    # a language prefix (/en/, /fr/), not the API, the admin or /health/; Django's set_language view.
    Feature(
        "i18n",
        _on("has_i18n"),
        dev_dependencies=("babel>=2.17  # compiles the translations (pybabel compile) for the tests",),
        middleware=("django.middleware.locale.LocaleMiddleware",),
        settings_imports=("from django.utils.translation import gettext_lazy as _",),
        settings=("languages",),
        header_includes=("language_switcher.html",),
        url_imports=("from django.conf.urls.i18n import i18n_patterns",),
        # set_language too: posted from a page, it runs in that page's language, so that it can name the
        # same page in the language chosen (translate_url); from a bare address it could not, when the
        # browser's language differs from the page's.
        page_urls=('path("i18n/", include("django.conf.urls.i18n")),',),
        page_patterns=(
            "# The pages, under a prefix naming their language: /en/, /fr/... (a bare path redirects to the\n"
            "# visitor's language: the language cookie, then the browser's Accept-Language).\n"
            "urlpatterns += i18n_patterns(",
            ")",
        ),
        docker_build_steps=(
            "# Compile the translations (locale/*/LC_MESSAGES/django.po) with Babel, which needs no GNU gettext.\n"
            "RUN --mount=type=cache,target=/root/.cache/uv \\\n"
            "    uv tool run --from babel=={babel} pybabel compile --domain django --directory locale --statistics",
        ),
        readme=("languages",),
        decisions=("languages", "languages-django"),
    ),
    Feature(
        "core_requests",
        _always,
        middleware=(
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ),
    ),
    # The Content-Security-Policy header: django-csp before Django 6.0, Django's own middleware since
    # (settings: the csp-<version> piece under templates/shared/django/settings/).
    Feature(
        "csp_django_5.2",
        _is("django_version", "5.2"),
        dependencies=("django-csp>=4.0,<5",),
        third_party_apps=("csp",),
        middleware=("csp.middleware.CSPMiddleware",),
        settings_imports=("from csp import constants as CSP  # the names of Django 6's django.utils.csp.CSP",),
    ),
    Feature(
        "csp_django_6.1",
        _is("django_version", "6.1"),
        middleware=("django.middleware.csp.ContentSecurityPolicyMiddleware",),
        settings_imports=("from django.utils.csp import CSP",),
    ),
    # The API's documentation pages loosen the policy (api_docs.py): said right after the policy.
    Feature("csp_api_docs", _on("rest_api"), decisions=("csp-api-docs",)),
    # The cache (Redis when REDIS_URL is set, so that every process and instance shares it): the throttling
    # counts of the API's rates and the sign-up and password-reset forms, and the pages' cached queries. A page
    # that needs Redis while it is down answers 503 (unavailable.py), never a traceback.
    Feature(
        "cache",
        _always,
        dependencies=("redis>=5.2  # Django's Redis cache backend, when REDIS_URL is set",),
        middleware=("{slug}.unavailable.ServiceUnavailableMiddleware",),
        settings_imports=("from urllib.parse import urlsplit",),
        settings=("cache",),
        env=(
            EnvSetting(
                "Redis: the cache (throttling counts, cached queries){jobs_queue}, e.g. redis://host:6379/0\n"
                "(rediss:// for TLS), so that every process and instance shares it. Unset: memory of each\n"
                "process{jobs_inline}.",
                ("# REDIS_URL=",),
                section="runtime",
            ),
        ),
        readme_settings=(
            ReadmeSetting(
                "`REDIS_URL`",
                "Redis, e.g. `redis://localhost:6379/0`: the cache (throttling counts, cached queries){jobs_queue}; "
                "set it in production, so that all processes and instances share it",
                "memory of each process{jobs_inline}",
                section="runtime",
            ),
        ),
    ),
    # Login throttling (the site's and the admin's): django-axes, last in the middleware as it asks.
    Feature(
        "axes",
        lambda answers: _logs_in(answers) and not answers.get("full_kit"),
        dependencies=("django-axes>=8.3",),
        third_party_apps=("axes",),
        middleware=("axes.middleware.AxesMiddleware",),
        settings_imports=("from datetime import timedelta",),
        settings=("login-throttling",),
        readme=("security", "security-logins", "security-proxy"),
        decisions=("security", "security-logins"),
        env=(
            EnvSetting(
                "Login throttling: failed logins in a row that lock out an account, and a client address,\n"
                "for LOGIN_COOLOFF_MINUTES.",
                ("# LOGIN_FAILURE_LIMIT=5", "# LOGIN_COOLOFF_MINUTES=15"),
                section="runtime",
            ),
        ),
        readme_settings=(
            ReadmeSetting(
                "`LOGIN_FAILURE_LIMIT`",
                "failed logins that lock out an account, and a client address",
                "`5`",
                section="runtime",
            ),
            ReadmeSetting("`LOGIN_COOLOFF_MINUTES`", "how long a lock-out lasts", "`15`", section="runtime"),
        ),
    ),
    Feature(
        "form_throttling",
        _on("simple_kit"),
        dependencies=("django-ratelimit>=4.1",),
        readme=("security-forms",),
        decisions=("security-forms",),
        settings=("form-throttling",),
        env=(
            EnvSetting(
                "Throttling of the sign-up and password-reset forms, per client address (and per email address\n"
                "for resets): N/s, N/m, N/h or N/d.",
                ("# SIGNUP_RATE=10/h", "# PASSWORD_RESET_RATE=5/h"),
                section="runtime",
            ),
        ),
        readme_settings=(
            ReadmeSetting("`SIGNUP_RATE`", "sign-ups a client address may make", "`10/h`", section="runtime"),
            ReadmeSetting(
                "`PASSWORD_RESET_RATE`",
                "password-reset requests per client address, and per email address",
                "`5/h`",
                section="runtime",
            ),
        ),
    ),
    # compose.yaml's web service: one, which migrates and serves on port 8000; or, with background jobs, the
    # scaled shape: two web replicas (ports 8000 and 8001) after a one-off migrate service, a worker, beat, Redis.
    Feature(
        "compose_single_web",
        lambda answers: not answers.get("background_jobs"),
        compose_web=(
            'command: sh -c "python manage.py migrate --noinput && python manage.py runserver 0.0.0.0:8000"',
            "ports:",
            '  - "8000:8000"',
        ),
    ),
    Feature(
        "compose_web_waits_for_db",
        lambda answers: bool(answers.get("db_server")) and not answers.get("background_jobs"),
        compose_web=_DEPENDS_ON_DB,
    ),
    # Background jobs: Celery, its broker Redis (REDIS_URL); inline without it (settings: the jobs piece).
    Feature(
        "background_jobs",
        _on("background_jobs"),
        dependencies=("celery[redis]>=5.7",),
        settings_imports=("from celery.schedules import crontab",),
        settings=("jobs",),
        env=(
            EnvSetting(
                "Background jobs: seconds a job taken by a worker stays invisible to the others; a job whose\n"
                "worker died is run again after it. Longer than the slowest job.",
                ("# JOB_VISIBILITY_TIMEOUT=3600",),
                section="runtime",
            ),
        ),
        compose_env=("REDIS_URL: redis://redis:6379/0",),
        compose_web=(
            "command: python manage.py runserver 0.0.0.0:8000",
            "# Two instances, each on a port of its own: http://localhost:8000 and http://localhost:8001",
            "deploy:",
            "  replicas: 2",
            "ports:",
            '  - "8000-8001:8000"',
            "depends_on:",
            "  migrate:",
            "    condition: service_completed_successfully",
            "healthcheck:",
            '  test: ["CMD", "python", "-c", "import urllib.request as u; u.urlopen(\'http://127.0.0.1:8000/health/\', '
            'timeout=4)"]',
            "  interval: 10s",
            "  timeout: 5s",
            "  retries: 5",
        ),
        compose_services=(
            """\
  # The migrations, once, before the web instances and the worker start.
  migrate:
    build: .
    command: python manage.py migrate --noinput
    volumes:
      - .:/app
    user: "${{UID:-1000}}:${{GID:-1000}}"
    environment: *environment
    depends_on:
      db:
        condition: service_healthy
        required: false  # none with SQLite
    # The image's health check asks the web port, which this one-off service does not serve.
    healthcheck:
      disable: true""",
            """\
  # The background jobs: more of them with `docker compose up --scale worker=3`.
  worker:
    build: .
    command: celery -A {slug} worker --loglevel INFO
    volumes:
      - .:/app
    user: "${{UID:-1000}}:${{GID:-1000}}"
    environment: *environment
    depends_on:
      redis:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
    healthcheck:
      test: ["CMD-SHELL", "celery -A {slug} inspect ping --destination celery@$$HOSTNAME --timeout 5"]
      interval: 30s
      timeout: 15s
      retries: 3""",
            """\
  # The periodic jobs (CELERY_BEAT_SCHEDULE in the settings): exactly one beat, whatever the workers.
  beat:
    build: .
    command: celery -A {slug} beat --loglevel INFO --schedule /tmp/celerybeat-schedule --enable-remote-control
    volumes:
      - .:/app
    user: "${{UID:-1000}}:${{GID:-1000}}"
    environment: *environment
    depends_on:
      redis:
        condition: service_healthy
    healthcheck:
      test: ["CMD-SHELL", "celery -A {slug} inspect ping --destination celerybeat@$$HOSTNAME --timeout 5"]
      interval: 30s
      timeout: 15s
      retries: 3""",
            """\
  # The broker of the jobs and the cache; append-only file on, so that queued jobs survive a restart.
  redis:
    image: redis:8
    command: redis-server --appendonly yes
    volumes:
      - redis-data:/data
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 2s
      timeout: 5s
      retries: 15""",
        ),
        compose_volumes=("redis-data",),
        ci_services=(
            """\
      redis:
        image: redis:8
        ports: ["6379:6379"]
        options: >-
          --health-cmd "redis-cli ping" --health-interval 2s --health-timeout 5s --health-retries 15""",
        ),
        ci_env=(
            "# The cache and the job tests on a real Redis (the other tests keep a cache of their own).",
            "REDIS_URL: redis://localhost:6379/0",
        ),
        readme=("jobs", "scaling"),
        decisions=("background_jobs",),
        readme_settings=(
            ReadmeSetting(
                "`JOB_VISIBILITY_TIMEOUT`",
                "seconds before a job taken by a worker that died is given to another; longer than the slowest job",
                "`3600`",
                section="runtime",
            ),
        ),
    ),
    # Emails through a job: the site's mail backend queues, the job sends with the one EMAIL_URL names.
    Feature(
        "jobs_email_5.2",
        lambda answers: (
            bool(answers.get("background_jobs") and answers.get("auth")) and answers.get("django_version") == "5.2"
        ),
        settings=("jobs-email-5.2",),
    ),
    Feature(
        "jobs_email_6.1",
        lambda answers: (
            bool(answers.get("background_jobs") and answers.get("auth")) and answers.get("django_version") == "6.1"
        ),
        settings=("jobs-email-6.1",),
    ),
    Feature(
        "sqlite",
        _is("db_engine", "sqlite"),
        env=(
            EnvSetting(
                f"{_DJANGO_DB_DOC}\n  postgres://user:password@host:5432/name or mysql://user:password@host:3306/name",
                ("# DATABASE_URL=",),
                section="database",
            ),
        ),
        compose_env=("# SQLite in db.sqlite3 in the project folder (mounted above).",),
        readme_settings=(
            ReadmeSetting(
                "`DATABASE_URL`",
                "`postgres://...`, `mysql://...` (install the driver) or `sqlite:///...`",
                _DJANGO_DB_DEFAULT,
                section="database",
            ),
        ),
    ),
    Feature(
        "postgresql",
        _is("db_engine", "postgresql"),
        dependencies=("psycopg[binary]>=3.2",),
        env=(
            EnvSetting(
                _DJANGO_DB_DOC,
                ("# DATABASE_URL=postgres://{slug}:password@localhost:5432/{slug}",),
                section="database",
            ),
        ),
        compose_env=("DATABASE_URL: postgres://{slug}:{slug}@db:5432/{slug}",),
        compose_services=(
            """\
  db:
    image: postgres:17
    environment:
      POSTGRES_DB: {slug}
      POSTGRES_USER: {slug}
      POSTGRES_PASSWORD: {slug}
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U {slug} -d {slug}"]
      interval: 2s
      timeout: 5s
      retries: 15""",
        ),
        compose_volumes=("db-data",),
        ci_services=(
            """\
      db:
        image: postgres:17
        env:
          POSTGRES_USER: postgres
          POSTGRES_PASSWORD: postgres
          POSTGRES_DB: {slug}
        ports: ["5432:5432"]
        options: >-
          --health-cmd "pg_isready -U postgres" --health-interval 2s --health-timeout 5s --health-retries 15""",
        ),
        ci_env=("DATABASE_URL: postgres://postgres:postgres@localhost:5432/{slug}",),
        readme_settings=(
            ReadmeSetting(
                "`DATABASE_URL`", "`postgres://user:password@host:5432/name`", _DJANGO_DB_DEFAULT, section="database"
            ),
        ),
    ),
    Feature(
        "mysql",
        _is("db_engine", "mysql"),
        dependencies=("mysqlclient>=2.2",),
        env=(
            EnvSetting(
                _DJANGO_DB_DOC,
                ("# DATABASE_URL=mysql://{slug}:password@localhost:3306/{slug}",),
                section="database",
            ),
        ),
        compose_env=("DATABASE_URL: mysql://{slug}:{slug}@db:3306/{slug}",),
        compose_services=(
            """\
  db:
    image: mariadb:11
    environment:
      MARIADB_DATABASE: {slug}
      MARIADB_USER: {slug}
      MARIADB_PASSWORD: {slug}
      MARIADB_ROOT_PASSWORD: {slug}-root
    volumes:
      - db-data:/var/lib/mysql
    healthcheck:
      test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]
      interval: 2s
      timeout: 5s
      retries: 15""",
        ),
        compose_volumes=("db-data",),
        ci_services=(
            """\
      db:
        image: mariadb:11
        env:
          MARIADB_ROOT_PASSWORD: root
          MARIADB_DATABASE: {slug}
        ports: ["3306:3306"]
        options: >-
          --health-cmd "healthcheck.sh --connect --innodb_initialized" --health-interval 2s --health-timeout 5s \
--health-retries 15""",
        ),
        ci_env=(
            "# root, because the tests create and drop a test database.",
            "DATABASE_URL: mysql://root:root@127.0.0.1:3306/{slug}",
        ),
        ci_steps=(
            "- name: System packages to build mysqlclient\n"
            "  run: sudo apt-get update\n"
            "    && sudo apt-get install -y --no-install-recommends libmysqlclient-dev pkg-config",
        ),
        docker_build_packages=("build-essential", "libmariadb-dev", "pkg-config"),
        docker_packages=("libmariadb3",),
        readme=("mysql",),
        readme_settings=(
            ReadmeSetting(
                "`DATABASE_URL`", "`mysql://user:password@host:3306/name`", _DJANGO_DB_DEFAULT, section="database"
            ),
        ),
    ),
    Feature("jinja2", _is("templating", "jinja2"), dependencies=("Jinja2>=3.1",)),
    Feature(
        "rest_api",
        _on("rest_api"),
        dependencies=("djangorestframework>=3.16", "drf-spectacular[sidecar]>=0.28", "django-rest-knox>=5.1"),
        dev_dependencies=_API_CONTRACT_DEV,
        third_party_apps=("rest_framework", "knox", "drf_spectacular", "drf_spectacular_sidecar"),
        settings_imports=("from datetime import timedelta",),
        env=(
            EnvSetting(
                "The REST API: request rates, anonymous per client address and per user (N/second, minute,\n"
                "hour or day), and how long an API token lasts.",
                ("# API_ANON_RATE=60/minute", "# API_USER_RATE=600/minute", "# API_TOKEN_DAYS=90"),
                section="runtime",
            ),
        ),
        readme_settings=(
            ReadmeSetting(
                "`API_ANON_RATE`", "API requests an anonymous client address may make", "`60/minute`", section="runtime"
            ),
            ReadmeSetting("`API_USER_RATE`", "API requests a user may make", "`600/minute`", section="runtime"),
            ReadmeSetting("`API_TOKEN_DAYS`", "days an API token is valid", "`90`", section="runtime"),
        ),
        url_imports=(
            "from drf_spectacular.views import SpectacularAPIView",
            "from {slug} import api_contract, api_docs",
        ),
        urls=(
            'path("api/", include("{app}.api_urls")),',
            'path("api/schema/", SpectacularAPIView.as_view(), name="schema"),',
            'path("api/docs/", api_docs.swagger_ui, name="api-docs"),',
            'path("api/redoc/", api_docs.redoc, name="api-redoc"),',
            'path("api/<path:unknown>", api_contract.not_found),  # last: a JSON 404 on any other API path',
        ),
        readme=("api", "api-contract", "security", "security-api", "security-proxy"),
        decisions=("security", "security-api", "api-contract"),
    ),
    # The page where a logged-in user creates and revokes their API tokens (the command is always there).
    Feature(
        "api_tokens_page",
        _on("rest_api", "auth"),
        url_imports=("from accounts import token_views",),
        page_urls=(
            'path("accounts/tokens/", token_views.token_list, name="tokens"),',
            'path("accounts/tokens/<str:key>/revoke/", token_views.revoke, name="token-revoke"),',
        ),
    ),
    Feature("accounts_simple", _on("simple_kit"), page_urls=('path("accounts/", include("accounts.urls")),',)),
    # The full account kit: django-allauth's pages at accounts/ (page URLs, so a multilingual site prefixes
    # them), two-factor authentication (TOTP and recovery codes), and the admin's login through allauth's.
    Feature(
        "allauth",
        _on("full_kit"),
        dependencies=("django-allauth[mfa]>=65.14.2,<66  # 65.14.2 on: X-Forwarded-For distrusted unless told",),
        middleware=("allauth.account.middleware.AccountMiddleware",),
        dev_dependencies=("pyotp>=2.9  # tests/test_two_factor.py: an authenticator app's codes",),
        third_party_apps=("allauth", "allauth.account", "allauth.mfa"),
        settings=("allauth",),
        page_urls=('path("accounts/", include("allauth.urls")),',),
        readme=("accounts-full", "security", "security-proxy"),
        decisions=("accounts-full",),
        env=(
            EnvSetting(
                "The account kit's rate limits (django-allauth, counted in the cache): failed logins per client\n"
                "address and per account, sign-ups and password-reset requests; see ACCOUNT_RATE_LIMITS.",
                (
                    "# LOGIN_FAILED_RATE=10/m/ip,5/5m/key",
                    "# SIGNUP_RATE=10/h/ip",
                    "# PASSWORD_RESET_RATE=20/h/ip,5/h/key",
                ),
                section="runtime",
            ),
        ),
        readme_settings=(
            ReadmeSetting(
                "`LOGIN_FAILED_RATE`",
                "failed logins allowed per client address (`ip`) and per account (`key`), allauth's syntax",
                "`10/m/ip,5/5m/key`",
                section="runtime",
            ),
            ReadmeSetting("`SIGNUP_RATE`", "sign-ups a client address may make", "`10/h/ip`", section="runtime"),
            ReadmeSetting(
                "`PASSWORD_RESET_RATE`",
                "password-reset requests per client address, and per email address",
                "`20/h/ip,5/h/key`",
                section="runtime",
            ),
        ),
    ),
    # Staff log in to the admin through allauth's login (with its second factor): the admin's own login
    # page hands over to it, a logged-in user who is not staff gets 403.
    Feature(
        "allauth_admin",
        _on("full_kit", "admin"),
        url_imports=("from allauth.account.decorators import secure_admin_login", "from django.contrib import admin"),
        urls=('path("admin/login/", secure_admin_login(admin.site.login)),',),
        readme=("accounts-full-admin",),
        decisions=("accounts-full-admin",),
    ),
    # With Jinja2 pages, allauth's (Django templates) are put in the Jinja2 layout: said in DECISIONS.
    Feature(
        "allauth_jinja2",
        lambda answers: bool(answers.get("full_kit")) and answers.get("templating") == "jinja2",
        decisions=("accounts-full-jinja2",),
    ),
    Feature(
        "auth",
        _on("auth"),
        env=(
            EnvSetting(
                "Outgoing email (password reset). Console (printed) in development, "
                "smtp://localhost:25 in production.\n"
                "  smtp+tls://user:password@smtp.example.com:587 or smtp+ssl://user:password@smtp.example.com:465",
                ("# EMAIL_URL=", "# DEFAULT_FROM_EMAIL=webmaster@localhost"),
                section="mail",
            ),
        ),
        readme_settings=(
            ReadmeSetting(
                "`EMAIL_URL`",
                "outgoing mail, e.g. `smtp+tls://user:password@smtp.example.com:587`",
                "console in development, `smtp://localhost:25` in production",
                section="mail",
            ),
            ReadmeSetting(
                "`DEFAULT_FROM_EMAIL`", "the sender of password reset emails", "`webmaster@localhost`", section="mail"
            ),
        ),
    ),
    Feature(
        "example_app",
        _on("example_app"),
        local_apps=("{app}",),
        page_urls=('path("{app}/", include("{app}.urls")),',),
        readme=("permissions",),
    ),
    Feature("e2e", _on("has_e2e"), dev_dependencies=_E2E_DEV, readme=("e2e",)),
)

# The REST API's URL include comes after the example app's, the admin last: URL order as today.
DJANGO_URL_ORDER = (
    "core",
    "api_tokens_page",
    "accounts_simple",
    "allauth",
    "example_app",
    "rest_api",
    "allauth_admin",
    "admin",
    "i18n",
)


# --- Flask ----------------------------------------------------------------------------------------

_FLASK_DB_DEFAULT = "SQLite in the instance folder"


def _flask_job_service(name: str, arguments: str, health: str) -> str:
    """A compose service of the Celery worker or beat: the web image and environment, after the web is up."""
    return f"""\
  {name}:
    build: .
    command: celery -A {{slug}} {arguments}
    environment: *environment
    volumes:
      - instance:/app/instance
    depends_on:
      web:
        condition: service_healthy
    healthcheck:
      test: ["CMD-SHELL", "{health}"]
      interval: 30s
      start_period: 90s
      retries: 5"""


FLASK: tuple[Feature, ...] = (
    Feature(
        "core",
        _always,
        dependencies=(
            "flask>=3.1",
            "flask-wtf>=1.2",
            "flask-limiter[redis]>=4.1",
            "flask-caching>=2.3",
            "redis>=5.0",
            "python-dotenv>=1.0",
            "gunicorn>=23.0",
        ),
        dev_dependencies=("pytest>=8.3", "coverage>=7.6", "ruff>=0.8", "bandit>=1.8", "pre-commit>=4.0"),
        flask_extensions=("csrf", "cache"),
        # i18n: the pages' strings are marked for translation in every project (see the "languages" row).
        flask_modules=("i18n", "throttling", "ready"),
        blueprints=("main",),
        env=(
            EnvSetting(
                "development (default), production or testing. Production refuses to start without {required}.",
                ("APP_ENV=development",),
            ),
            EnvSetting(
                "Signs {signed}. Production: a long random value, e.g.\n"
                '  python -c "import secrets; print(secrets.token_urlsafe(48))"',
                ("SECRET_KEY=",),
            ),
            EnvSetting(
                "Comma-separated host names the site answers to, e.g. example.com,www.example.com\n"
                "(a leading dot allows the subdomains: .example.com). Other Host headers get 400.",
                ("TRUSTED_HOSTS=",),
            ),
            EnvSetting(
                "Set to 1 behind one reverse proxy (nginx, a PaaS router) so X-Forwarded-Proto/Host are trusted.",
                ("BEHIND_PROXY=0",),
            ),
            EnvSetting(
                "Redis for the cache and the throttling counts{jobs_queue} (shared by every worker and instance),\n"
                "e.g. redis://localhost:6379/0. Empty: each process caches and counts in memory{jobs_inline}.",
                ("REDIS_URL=",),
                section="runtime",
            ),
        ),
        required_in_production=("SECRET_KEY", "TRUSTED_HOSTS"),
        compose_env=(
            "APP_ENV: production",
            "# Replace with a long random value (or put it in a .env file next to this one).",
            "SECRET_KEY: ${{SECRET_KEY:?set SECRET_KEY}}",
            "# The host names the site answers to (add yours).",
            "TRUSTED_HOSTS: ${{TRUSTED_HOSTS:-localhost,127.0.0.1}}",
        ),
        readme_settings=(
            ReadmeSetting("`APP_ENV`", "`development`, `production` or `testing`", "`development`"),
            ReadmeSetting(
                "`SECRET_KEY`",
                "signs {signed}: long and random in production",
                "a fixed development key; **required** in production",
            ),
            ReadmeSetting(
                "`FLASK_DEBUG`",
                "`1` turns the debugger on (development only: production refuses to start with it)",
                "off",
            ),
            ReadmeSetting(
                "`TRUSTED_HOSTS`",
                "comma-separated host names the site answers to (other `Host` headers get 400)",
                "any host; **required** in production",
            ),
            ReadmeSetting(
                "`BEHIND_PROXY`", "`1` behind one reverse proxy, to trust its `X-Forwarded-*` headers", "`0`"
            ),
            ReadmeSetting(
                "`REDIS_URL`",
                "Redis for the cache and the throttling counts{jobs_queue}, shared by every worker and instance "
                "(`redis://host:6379/0`); `/ready` answers 503 while it does not answer",
                "each process's memory{jobs_inline}",
                section="runtime",
            ),
        ),
        readme=("install", "run", "test", "settings", "security", "deploy", "scale-out"),
        decisions=("flask-security",),
    ),
    # Redis in compose.yaml: the cache and the throttling counts (and the jobs' queue) of every instance.
    Feature(
        "redis",
        _always,
        compose_env=("REDIS_URL: redis://redis:6379/0",),
        compose_web=("deploy:", "  replicas: 2  # more: docker compose up --scale web=4 (and widen the ports)"),
        compose_services=(
            """\
  # The cache, the throttling counts (and the jobs' queue); append-only file on, so queued jobs survive a restart.
  redis:
    image: redis:8
    command: redis-server --appendonly yes
    volumes:
      - redis-data:/data
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 5s
      retries: 10""",
        ),
        compose_volumes=("redis-data",),
    ),
    # With a database, compose.yaml migrates once, in a one-off service, before the web instances start: two
    # replicas each running the image's `db upgrade` at start could race on a first deploy.
    Feature(
        "compose_migrate",
        _on("has_database"),
        compose_web=(
            "# The migrations ran once, in the migrate service: the instances only serve (the image's own command",
            "# migrates first, for a single container).",
            "command: gunicorn --bind 0.0.0.0:8000 --workers 2 --limit-request-line 8190 --access-logfile - "
            "'{slug}:create_app()'",
            "depends_on:",
            "  migrate:",
            "    condition: service_completed_successfully",
        ),
        compose_services=(
            """\
  # The migrations, once, before the web instances start.
  migrate:
    build: .
    command: flask --app {slug} db upgrade
    environment: *environment
    volumes:
      - instance:/app/instance
    depends_on:
      db:
        condition: service_healthy
        required: false  # none with SQLite
    # The image's health check asks the web port, which this one-off service does not serve.
    healthcheck:
      disable: true""",
        ),
        compose_volumes=("instance",),
    ),
    Feature(
        "mail",
        _on("sends_mail"),
        dependencies=("email-validator>=2.2", "flask-mailman>=1.1"),
        flask_modules=("mail",),
        env=(
            EnvSetting(
                "Email ({mail_uses}).\n"
                "MAIL_BACKEND: console (print, the development default), smtp (the production default),\n"
                "file (write to MAIL_FILE_PATH), memory (tests).",
                (
                    "MAIL_BACKEND=",
                    "MAIL_FILE_PATH=instance/mail",
                    "MAIL_SERVER=localhost",
                    "MAIL_PORT=587",
                    "MAIL_USE_TLS=1",
                    "MAIL_USERNAME=",
                    "MAIL_PASSWORD=",
                    "MAIL_DEFAULT_SENDER=webmaster@localhost",
                ),
                section="mail",
            ),
        ),
        decisions=("flask-mail",),
        compose_env=(
            "# Emails are printed to the log until you configure SMTP (MAIL_SERVER, MAIL_USERNAME, ...).",
            "MAIL_BACKEND: ${{MAIL_BACKEND:-console}}",
        ),
        readme_settings=(
            ReadmeSetting(
                "`MAIL_BACKEND`",
                "`console` (print), `smtp` (send), `file` (write to `MAIL_FILE_PATH`) or `memory` (keep, for tests)",
                "`console`; `smtp` in production",
                section="mail",
            ),
            ReadmeSetting(
                "`MAIL_FILE_PATH`", "the folder of the `file` backend's messages", "`instance/mail`", section="mail"
            ),
            ReadmeSetting("`MAIL_SERVER`, `MAIL_PORT`", "the SMTP server", "`localhost`, `587`", section="mail"),
            ReadmeSetting("`MAIL_USE_TLS`", "STARTTLS before sending", "`1`", section="mail"),
            ReadmeSetting("`MAIL_USERNAME`, `MAIL_PASSWORD`", "SMTP login (none when empty)", "empty", section="mail"),
            ReadmeSetting("`MAIL_DEFAULT_SENDER`", "the From address", "`webmaster@localhost`", section="mail"),
        ),
    ),
    Feature(
        "database",
        _on("has_database"),
        flask_modules=("database",),
        env=(
            EnvSetting(
                "The folder of the development SQLite database (default: instance/ next to the package).",
                ("INSTANCE_PATH=",),
                section="database",
            ),
        ),
        # In the README, after DATABASE_URL.
        readme_settings=(
            ReadmeSetting(
                "`INSTANCE_PATH`",
                "the instance folder (where the development SQLite file lives)",
                "`instance/`",
                section="database_options",
            ),
        ),
    ),
    Feature(
        "sqlalchemy",
        _is("orm", "sqlalchemy"),
        dependencies=("flask-sqlalchemy>=3.1", "sqlalchemy>=2.0.30", "flask-migrate>=4.0"),
        readme=("packages/sqlalchemy", "models-sqlalchemy"),
    ),
    Feature(
        "peewee",
        _is("orm", "peewee"),
        dependencies=("peewee>=4.0", "peewee-migrate>=2.3"),
        readme=("packages/peewee", "models-peewee"),
    ),
    Feature(
        "sqlite",
        _is("db_engine", "sqlite"),
        env=(
            EnvSetting(
                "The database. Empty: a SQLite file in the instance folder.\n"
                "e.g. sqlite:////var/lib/{slug}/app.sqlite3 (four slashes for an absolute path)",
                ("DATABASE_URL=",),
                section="database",
            ),
        ),
        compose_web=("volumes:", "  - instance:/app/instance"),
        compose_volumes=("instance",),
        readme_settings=(
            ReadmeSetting(
                "`DATABASE_URL`",
                "the database, e.g. `sqlite:////var/lib/{slug}/app.sqlite3`",
                _FLASK_DB_DEFAULT,
                section="database",
            ),
        ),
    ),
    Feature(
        "postgresql",
        _is("db_engine", "postgresql"),
        dependencies=("psycopg[binary]>=3.2",),
        env=(
            EnvSetting(
                "The database. Empty: a SQLite file in the instance folder.\n"
                "PostgreSQL (psycopg 3): postgresql://USER:PASSWORD@HOST:5432/NAME",
                ("DATABASE_URL=", "#DATABASE_URL=postgresql://{slug}:{slug}@localhost:5432/{slug}"),
                section="database",
            ),
        ),
        required_in_production=("DATABASE_URL",),
        compose_env=("DATABASE_URL: postgresql://{slug}:{slug}@db:5432/{slug}",),
        compose_services=(
            """\
  db:
    image: postgres:17
    environment:
      POSTGRES_USER: {slug}
      POSTGRES_PASSWORD: {slug}
      POSTGRES_DB: {slug}
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U {slug}"]
      interval: 5s
      retries: 10""",
        ),
        compose_volumes=("db-data",),
        ci_services=(
            """\
      db:
        image: postgres:17
        env:
          POSTGRES_PASSWORD: postgres
          POSTGRES_DB: test
        ports: ["5432:5432"]
        options: >-
          --health-cmd pg_isready --health-interval 5s --health-timeout 5s --health-retries 10""",
        ),
        ci_env=("DATABASE_URL: postgresql://postgres:postgres@localhost:5432/test",),
        readme_settings=(
            ReadmeSetting(
                "`DATABASE_URL`",
                "the database, e.g. `postgresql://user:password@host:5432/name`",
                _FLASK_DB_DEFAULT + "; **required** in production",
                section="database",
            ),
        ),
    ),
    Feature(
        "mysql",
        _is("db_engine", "mysql"),
        dependencies=("pymysql>=1.1",),
        env=(
            EnvSetting(
                "The database. Empty: a SQLite file in the instance folder.\n"
                "MySQL or MariaDB (PyMySQL): mysql://USER:PASSWORD@HOST:3306/NAME",
                ("DATABASE_URL=", "#DATABASE_URL=mysql://{slug}:{slug}@localhost:3306/{slug}"),
                section="database",
            ),
        ),
        required_in_production=("DATABASE_URL",),
        compose_env=("DATABASE_URL: mysql://{slug}:{slug}@db:3306/{slug}",),
        compose_services=(
            """\
  db:
    image: mariadb:11
    environment:
      MARIADB_USER: {slug}
      MARIADB_PASSWORD: {slug}
      MARIADB_DATABASE: {slug}
      MARIADB_RANDOM_ROOT_PASSWORD: "1"
    volumes:
      - db-data:/var/lib/mysql
    healthcheck:
      test: ["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]
      interval: 5s
      retries: 10""",
        ),
        compose_volumes=("db-data",),
        ci_services=(
            """\
      db:
        image: mariadb:11
        env:
          MARIADB_ROOT_PASSWORD: root
          MARIADB_DATABASE: test
        ports: ["3306:3306"]
        options: >-
          --health-cmd "healthcheck.sh --connect --innodb_initialized" --health-interval 5s --health-retries 10""",
        ),
        ci_env=("DATABASE_URL: mysql://root:root@127.0.0.1:3306/test",),
        readme_settings=(
            ReadmeSetting(
                "`DATABASE_URL`",
                "the database, e.g. `mysql://user:password@host:3306/name`",
                _FLASK_DB_DEFAULT + "; **required** in production",
                section="database",
            ),
        ),
    ),
    # Accounts, the simple kit: Flask-Login and the project's own views (the auth blueprint).
    Feature(
        "auth",
        _on("simple_kit"),
        dependencies=("flask-login>=0.6.3",),
        flask_extensions=("login_manager",),
        blueprints=("auth",),
        readme=("packages/auth", "security-logins"),
    ),
    # Accounts, the full kit: Flask-Security-Too's views on the same URLs (/auth/...), bound by auth/__init__.py
    # (its blueprint is named "auth", so the pages keep their endpoints), with email verification,
    # two-factor codes from an authenticator app and recovery codes.
    Feature(
        "auth_full",
        _on("full_kit"),
        dependencies=(
            "flask-security>=5.9,<5.10",
            "flask-login>=0.6.3",
            "argon2-cffi>=25.1  # Flask-Security's password hash",
            "cryptography>=45.0  # encrypts the two-factor secrets (SECURITY_TOTP_SECRETS)",
            "qrcode>=7.4  # the two-factor setup page's QR code",
            "nh3>=0.2.15  # cleans usernames (SECURITY_USERNAME_ENABLE)",
        ),
        flask_modules=("auth",),
        env=(
            EnvSetting(
                "Accounts (Flask-Security-Too). SECURITY_PASSWORD_SALT: HMAC key of the password hashes and of\n"
                "the confirmation and reset links; SECURITY_TOTP_SECRETS: encrypts the two-factor secrets stored\n"
                "for each user (one long random value; to rotate, 2:NEW,1:OLD). Production: both required, e.g.\n"
                '  python -c "import secrets; print(secrets.token_urlsafe(32))"\n'
                "Never change the salt once users exist: their passwords would no longer verify.",
                ("SECURITY_PASSWORD_SALT=", "SECURITY_TOTP_SECRETS="),
                section="production",
            ),
        ),
        required_in_production=("SECURITY_PASSWORD_SALT", "SECURITY_TOTP_SECRETS"),
        compose_env=(
            "# Flask-Security-Too's secrets (see .env.example): long random values.",
            "SECURITY_PASSWORD_SALT: ${{SECURITY_PASSWORD_SALT:?set SECURITY_PASSWORD_SALT}}",
            "SECURITY_TOTP_SECRETS: ${{SECURITY_TOTP_SECRETS:?set SECURITY_TOTP_SECRETS}}",
        ),
        readme=("packages/auth_full", "security-logins-full"),
        decisions=("flask-security-too",),
        readme_settings=(
            ReadmeSetting(
                "`SECURITY_PASSWORD_SALT`",
                "Flask-Security-Too's HMAC key for password hashes and emailed links: never change it once users exist",
                "a fixed development value; **required** in production",
                section="production",
            ),
            ReadmeSetting(
                "`SECURITY_TOTP_SECRETS`",
                "encrypts the stored two-factor secrets (`2:NEW,1:OLD` to rotate)",
                "a fixed development value; **required** in production",
                section="production",
            ),
        ),
    ),
    Feature(
        "admin",
        _on("admin"),
        dependencies=("flask-admin>=2.2",),
        flask_modules=("admin",),
        readme=("packages/admin",),
    ),
    Feature("peewee_admin", _on("admin", "peewee_orm"), dependencies=("wtf-peewee>=3.0",)),
    Feature(
        "pages",
        lambda answers: not answers.get("has_database"),
        blueprints=("pages",),
        env=(
            EnvSetting(
                "Where the contact form's messages go.",
                ("CONTACT_EMAIL=webmaster@localhost",),
                section="mail",
                attached=True,
            ),
        ),
        readme=("packages/pages", "security-contact"),
        readme_settings=(
            ReadmeSetting(
                "`CONTACT_EMAIL`", "where the contact form's messages go", "`webmaster@localhost`", section="mail"
            ),
        ),
    ),
    Feature("example_app", _on("example_app"), blueprints=("{app}",), readme=("packages/example_app",)),
    Feature(
        "rest_api",
        _on("rest_api"),
        dependencies=(
            "flask-smorest>=0.45",
            "marshmallow>=3.20",
            "swagger-ui-py>=25.7  # Swagger UI's files, served by the site (no CDN)",
            "flask-cors>=6.0",
        ),
        dev_dependencies=_API_CONTRACT_DEV,
        flask_modules=("api",),
        env=(
            EnvSetting(
                "Origins of a front end on another site that may call the API (CORS), comma-separated,\n"
                "e.g. https://app.example.com. Empty: none (the default).",
                ("CORS_ALLOWED_ORIGINS=",),
            ),
            EnvSetting(
                "Throttling of the API: requests per client address, and per user (the address when anonymous),\n"
                "as Flask-Limiter reads them.",
                ('API_ADDRESS_LIMIT="300 per minute"', 'API_USER_LIMIT="120 per minute"'),
                section="runtime",
            ),
        ),
        readme=("packages/rest_api", "api", "api-contract"),
        decisions=("flask-security-api", "api-contract"),
        readme_settings=(
            ReadmeSetting(
                "`CORS_ALLOWED_ORIGINS`",
                "origins of a front end on another site that may call `/api/` (CORS, without cookies)",
                "none",
            ),
            ReadmeSetting(
                "`API_ADDRESS_LIMIT`, `API_USER_LIMIT`",
                "API requests per client address, and per user",
                "`300 per minute`, `120 per minute`",
                section="runtime",
            ),
        ),
    ),
    Feature(
        "api_tokens",
        _on("rest_api", "auth"),
        flask_modules=("api_tokens",),
        blueprints=("api_tokens",),
        readme=("api-tokens",),
        decisions=("flask-security-tokens",),
    ),
    Feature(
        "background_jobs",
        _on("background_jobs"),
        dependencies=("celery[redis]>=5.5",),
        flask_modules=("jobs",),
        env=(
            EnvSetting(
                "Background jobs (Celery, on REDIS_URL): seconds after which a job whose worker died is handed\n"
                "to another worker (longer than the longest job).",
                ("JOB_VISIBILITY_TIMEOUT=3600",),
                section="runtime",
            ),
        ),
        compose_services=(
            _flask_job_service(
                "worker", "worker --loglevel INFO", "celery -A {slug} inspect ping -d celery@$$HOSTNAME"
            ),
            _flask_job_service(
                "beat", "beat --loglevel INFO --schedule /tmp/celerybeat-schedule", "flask --app {slug} jobs-heartbeat"
            ),
        ),
        # The instance folder (a SQLite database, the file backend's mail) is shared with the web service.
        compose_volumes=("instance",),
        ci_services=(
            """\
      redis:
        image: redis:8
        ports: ["6379:6379"]
        options: >-
          --health-cmd "redis-cli ping" --health-interval 5s --health-timeout 5s --health-retries 10""",
        ),
        ci_env=("REDIS_URL: redis://localhost:6379/0",),
        readme=("packages/background_jobs", "jobs"),
        decisions=("background_jobs", "background_jobs_flask"),
        readme_settings=(
            ReadmeSetting(
                "`JOB_VISIBILITY_TIMEOUT`",
                "seconds after which Redis hands a job whose worker died to another worker",
                "3600",
                section="runtime",
            ),
        ),
    ),
    Feature("e2e", _on("has_e2e"), dev_dependencies=_E2E_DEV, readme=("e2e",)),
    # More than one language: Flask-Babel picks each request's language (i18n.py), the catalogues are
    # {slug}/translations/<code>/LC_MESSAGES/messages.po (Babel, which Flask-Babel brings, compiles them).
    Feature(
        "languages",
        _on("has_i18n"),
        dependencies=("flask-babel>=4.0",),
        docker_steps=(
            "# The translations, compiled (.mo) at build time: start-up then has nothing to write.\n"
            'RUN python -c "from {slug}.i18n import compile_catalogues; compile_catalogues()"',
        ),
        readme=("packages/languages", "languages"),
        decisions=("languages_flask",),
    ),
)

FEATURES: dict[str, tuple[Feature, ...]] = {"django": DJANGO, "flask": FLASK}


@dataclass(frozen=True)
class Wiring:
    """What the features that apply to one project contribute, gathered in table order."""

    features: tuple[str, ...]
    dependencies: tuple[str, ...] = ()
    dev_dependencies: tuple[str, ...] = ()
    installed_apps: tuple[str, ...] = ()
    local_apps: tuple[str, ...] = ()
    middleware: tuple[str, ...] = ()
    settings_imports: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    url_imports: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    page_urls: tuple[str, ...] = ()
    page_patterns: tuple[str, ...] = ()
    header_includes: tuple[str, ...] = ()
    flask_extensions: tuple[str, ...] = ()
    flask_modules: tuple[str, ...] = ()
    blueprints: tuple[str, ...] = ()
    env: tuple[EnvSetting, ...] = ()
    required_in_production: tuple[str, ...] = ()
    compose_env: tuple[str, ...] = ()
    compose_web: tuple[str, ...] = ()
    compose_services: tuple[str, ...] = ()
    compose_volumes: tuple[str, ...] = ()
    ci_services: tuple[str, ...] = ()
    ci_env: tuple[str, ...] = ()
    ci_steps: tuple[str, ...] = ()
    docker_build_packages: tuple[str, ...] = ()
    docker_packages: tuple[str, ...] = ()
    docker_steps: tuple[str, ...] = ()
    docker_build_steps: tuple[str, ...] = ()
    readme: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    readme_settings: tuple[ReadmeSetting, ...] = ()

    @property
    def url_blocks(self) -> list[tuple[str, tuple[str, ...], str]]:
        """Django's ``urlpatterns`` as (opening, lines, closing): one list; on a multilingual site the
        other URLs, then the pages inside ``page_patterns`` (``i18n_patterns(...)``)."""
        if not self.page_patterns:
            return [("urlpatterns = [", self.urls, "]")]
        others = tuple(line for line in self.urls if line not in self.page_urls)
        opening, closing = self.page_patterns
        return [("urlpatterns = [", others, "]"), (opening, self.page_urls, closing)]

    @property
    def pins(self) -> dict[str, str]:
        """The pinned versions of ``generator/pins.py``: ``uses_checkout``, ``uses_setup_uv``, ``uv``, ``ruff``..."""
        return _pins.template_pins()

    @property
    def dependency_lines(self) -> list[str]:
        """``[project] dependencies`` as TOML list items (a requirement's ``# comment`` kept)."""
        return _toml_items(self.dependencies)

    @property
    def dev_dependency_lines(self) -> list[str]:
        """The ``dev`` dependency group as TOML list items."""
        return _toml_items(self.dev_dependencies)

    @property
    def env_blocks(self) -> list[str]:
        """``.env.example``'s entries as text blocks, each to be preceded by a blank line."""
        blocks: list[str] = []
        for setting in self.env:
            text = "\n".join([*(f"# {line}".rstrip() for line in setting.doc.splitlines()), *setting.lines])
            if setting.attached and blocks:
                blocks[-1] += "\n" + text
            else:
                blocks.append(text)
        return blocks


def _toml_items(requirements: tuple[str, ...]) -> list[str]:
    items = []
    for requirement in requirements:
        spec, _, comment = requirement.partition("  # ")
        items.append(f'"{spec}",' + (f"  # {comment}" if comment else ""))
    return items


def _fill(value: Any, names: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return value.format_map(names)
    if isinstance(value, tuple):
        return tuple(_fill(item, names) for item in value)
    if isinstance(value, EnvSetting):
        return EnvSetting(_fill(value.doc, names), _fill(value.lines, names), value.section, value.attached)
    if isinstance(value, ReadmeSetting):
        return ReadmeSetting(
            *(_fill(cell, names) for cell in (value.names, value.meaning, value.default)), value.section
        )
    return value


def _unique(items: list[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def wiring_for(answers: Answers) -> Wiring:
    """Gather what every applicable feature contributes, for ``answers`` (computed answers included)."""
    from_answers = {**answers, "peewee_orm": answers.get("orm") == "peewee"}
    framework = str(answers.get("framework") or "django")
    active = [f for f in FEATURES[framework] if f.applies(from_answers)]
    required = _unique([name for f in active for name in f.required_in_production])
    names = {
        "slug": str(answers.get("project_slug", "")),
        "app": str(answers.get("example_app_name", "")),
        "model": str(answers.get("example_model", "")),
        "babel": _pins.TOOLS["babel"],
        "required": " and ".join(required),
        "signed": "sessions and password reset links" if from_answers.get("auth") else "sessions",
        "jobs_queue": " and the background jobs' queue" if from_answers.get("background_jobs") else "",
        "jobs_inline": ", and runs jobs at once" if from_answers.get("background_jobs") else "",
        "mail_uses": ", ".join(
            use
            for use, on in (
                ("password reset links", from_answers.get("auth")),
                ("the contact form", not from_answers.get("has_database")),
            )
            if on
        ),
    }

    def gather(name: str) -> tuple[Any, ...]:
        return _unique([item for f in active for item in _fill(getattr(f, name), names)])

    by_key = {f.key: f for f in active}
    url_order = [by_key[k] for k in DJANGO_URL_ORDER if k in by_key] if framework == "django" else active
    gathered = {f.name: gather(f.name) for f in fields(Feature) if f.type.startswith("tuple")}
    gathered.update(
        installed_apps=gathered.pop("django_apps") + gathered.pop("third_party_apps") + gathered["local_apps"],
        env=tuple(sorted(gathered["env"], key=lambda s: ENV_SECTIONS.index(s.section))),
        readme_settings=tuple(sorted(gathered["readme_settings"], key=lambda s: ENV_SECTIONS.index(s.section))),
        required_in_production=required,
        urls=_unique([u for f in url_order for u in _fill(f.page_urls + f.urls, names)]),
        page_urls=_unique([u for f in url_order for u in _fill(f.page_urls, names)]),
    )
    return Wiring(features=tuple(f.key for f in active), **gathered)
