"""The REST API of generated projects keeps its OpenAPI contract, fuzzed by Schemathesis's command line
with every check, against the project served by its gunicorn in production mode on 127.0.0.1.

For each framework's default ``rest_api=true`` project (and a Flask peewee one): anonymous, then with an
API token of a user who is not an admin (so the writes run, and someone else's rows are refused), with a
fixed seed and a bounded number of cases per operation; 0 failures expected. The projects' own suites
(run by the matrix on SQLite, PostgreSQL and MySQL) hold the in-process version of this test.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import copier
import pytest

from tests.browser_helpers import Server, gunicorn, project_environ
from tests.project_env import check_in_project, run_in_project, venv_for

pytestmark = pytest.mark.slow

SLUG = "my_project"
SEED = 20
#: Cases per operation and phase: a couple of minutes in all on this machine.
EXAMPLES = 40
#: Throttling is what it is in production, but a fuzzer sends thousands of requests from one address.
UNTHROTTLED = {"API_ADDRESS_LIMIT": "100000 per minute", "API_USER_LIMIT": "100000 per minute"}
#: gunicorn refuses request lines over 4094 bytes with an HTML 414 of its own, before the app; the
#: fuzzer's longest query strings pass under its maximum.
GUNICORN_OPTIONS = ("--limit-request-line", "8190")


@dataclass
class Served:
    name: str
    server: Server
    schema_url: str
    token_header: str
    project: Path


def render(template: str, destination: Path, **data: object) -> Path:
    copier.run_copy(template, str(destination), data={"rest_api": True, **data}, defaults=True, unsafe=True, quiet=True)
    return destination


@pytest.fixture(scope="module", params=["flask", "flask-peewee", "django"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    name = request.param
    base = tmp_path_factory.mktemp(f"contract-{name}")
    template = str(request.config.option.template)
    database = f"sqlite:///{base / 'db.sqlite3'}"
    if name.startswith("flask"):
        data = {"framework": "flask", "orm": "peewee"} if name == "flask-peewee" else {"framework": "flask"}
        project = render(template, base / "project", **data)
        env = {
            "APP_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "TRUSTED_HOSTS": "127.0.0.1,localhost",
            "MAIL_BACKEND": "console",
            "DATABASE_URL": database,
            **UNTHROTTLED,
        }
        flask = ("flask", "--app", SLUG)
        check_in_project(project, *flask, "db", "upgrade", env=env)
        script = (
            f"from {SLUG} import create_app; from {SLUG}.auth.models import create_user\n"
            "with create_app().app_context(): create_user('carol', 'carol@example.com', 'correct-horse-battery')"
        )
        check_in_project(project, "python", "-c", script, env=env)
        output = check_in_project(project, *flask, "tokens", "create", "carol", env=env)
        token = re.search(r": (\S+)\s*$", output.strip())
        assert token, output
        token_header = f"Authorization: Bearer {token[1]}"
        app, schema_path = f"{SLUG}:create_app()", "/api/openapi.json"
    else:
        project = render(template, base / "project", framework="django")
        env = {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "off",
            "DATABASE_URL": database,
            "EMAIL_URL": "consolemail://",
            "API_ANON_RATE": "100000/minute",
            "API_USER_RATE": "100000/minute",
        }
        for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            check_in_project(project, "python", "manage.py", *args, env=env)
        script = (
            "from django.contrib.auth import get_user_model\n"
            "get_user_model().objects.create_user('carol', 'carol@example.com', 'correct-Horse-battery-st4ple')"
        )
        check_in_project(project, "python", "manage.py", "shell", "-c", script, env=env)
        output = check_in_project(project, "python", "manage.py", "tokens", "create", "carol", env=env)
        token_header = f"Authorization: Token {output.split()[0]}"
        app, schema_path = f"{SLUG}.wsgi", "/api/schema/"
    with gunicorn(project, app, env, base / "gunicorn.log", options=GUNICORN_OPTIONS) as server:
        yield Served(name, server, server.url + schema_path, token_header, project)


def schemathesis(served: Served, report: Path, *headers: str) -> tuple[int, str]:
    """Run ``st run`` with every check; its exit status and output."""
    st = str(venv_for(served.project) / "bin" / "st")
    args = [st, "run", served.schema_url, "--checks", "all", "--max-examples", str(EXAMPLES), "--seed", str(SEED)]
    args += ["--workers", "1", "--generation-database", "none", "--no-color", "--request-timeout", "20"]
    args += ["--report", "ndjson", "--report-ndjson-path", str(report)]
    for header in headers:
        args += ["-H", header]
    result = run_in_project(served.project, *args, env=project_environ(served.project, {}), timeout=900)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "token"])
def test_schemathesis_finds_no_failure(served: Served, with_token: bool, tmp_path: Path) -> None:
    headers = (served.token_header,) if with_token else ()
    status, output = schemathesis(served, tmp_path / "events.ndjson", *headers)
    last_line = output.strip().splitlines()[-1]
    assert status == 0 and not re.search(r"failure|error", last_line), output[-12000:]
    summary = output[output.rfind("SUMMARY") :]
    tested = re.search(r"Tested: (\d+)", summary)
    assert tested and int(tested[1]) >= 5, summary  # every operation was tested
    if with_token:  # the token was taken: the writes ran
        assert "Authentication failed" not in output, output[-4000:]
    assert not re.search(r'" 5\d\d ', served.server.output()), "the server answered 5xx (see its access log)"
