"""The apps that are served: the bare ones and the generated projects, each preparable and servable by gunicorn."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import tomllib
from pathlib import Path

from .common import GENERATOR, SLUG, WORKERS, clean_env, gen_env, run, timed


def project_requirements(project: Path) -> list[str]:
    data = tomllib.loads((project / "pyproject.toml").read_text())
    return list(data["project"].get("dependencies", []))


# What is loaded, by the key results.json uses: the bare app's JSON answer, the generated default
# project's health check (JSON, no session, no database) and home page, the rest_api=true project's list.
ENDPOINTS = {"json": "bare JSON", "health": "health JSON", "home": "home page", "api_list": "API list"}
KINDS = {"bare": "bare app", "default": "default project", "api": "rest_api=true project"}
BUILD_STEPS = ("collectstatic",)  # run before the server starts, but not counted in the time to first page


class App:
    """A WSGI app that can be prepared (migrations, static files) and served by gunicorn.

    ``kind`` is a key of KINDS; ``endpoints`` maps keys of ENDPOINTS to the paths loaded;
    ``first`` is the page whose first 200 ends the cold start.
    """

    def __init__(
        self,
        name: str,
        framework: str,
        kind: str,
        path: Path,
        venv: Path,
        wsgi: str,
        endpoints: dict[str, str],
        first: str = "/",
    ):
        self.name, self.framework, self.kind, self.path, self.venv = name, framework, kind, path, venv
        self.wsgi, self.endpoints, self.first = wsgi, endpoints, first
        self.generated = kind != "bare"

    @property
    def probed(self) -> str:
        """The endpoint measured in process: the app's own JSON one."""
        return self.endpoints.get("health") or next(iter(self.endpoints.values()))

    @property
    def env(self) -> dict[str, str]:
        extra: dict[str, str] = {}
        if self.generated and self.framework == "django":
            extra = {
                "DJANGO_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "off",  # plain HTTP on loopback: no redirect to https
                # The API's throttles would answer wrk's flood from one address with 429s: lifted here.
                "API_ANON_RATE": "100000000/minute",
                "API_USER_RATE": "100000000/minute",
                "LOG_LEVEL": "WARNING",
            }
        elif self.generated:
            extra = {
                "APP_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(48),
                "TRUSTED_HOSTS": "127.0.0.1,localhost",
                "API_ADDRESS_LIMIT": "100000000 per minute",  # the API's throttles, lifted for wrk's flood
                "API_USER_LIMIT": "100000000 per minute",
                "INSTANCE_PATH": str(self.path / "instance"),
            }
        return clean_env(extra, self.venv)

    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def reset(self) -> None:
        for p in ("db.sqlite3", "instance", "staticfiles"):
            target = self.path / p
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()

    def prepare(self) -> dict[str, float]:
        """Migrations (and collectstatic for Django in production): seconds per step."""
        steps: dict[str, float] = {}
        if not self.generated:
            return steps
        env = self.env
        if self.framework == "django":
            steps["migrate"], steps["migrate CPU"] = timed(
                [self.python(), "manage.py", "migrate", "--noinput"], cwd=self.path, env=env
            )
            steps["collectstatic"], steps["collectstatic CPU"] = timed(
                [self.python(), "manage.py", "collectstatic", "--noinput"], cwd=self.path, env=env
            )
        else:
            steps["db upgrade"], steps["db upgrade CPU"] = timed(
                [str(self.venv / "bin" / "flask"), "--app", SLUG, "db", "upgrade"], cwd=self.path, env=env
            )
        return steps

    def serve(self, port: int) -> subprocess.Popen[bytes]:
        cmd = [
            str(self.venv / "bin" / "gunicorn"),
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            self.wsgi,
        ]
        return subprocess.Popen(cmd, cwd=self.path, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


BARE_FLASK = '''"""A bare Flask app: one JSON route."""
from flask import Flask

app = Flask(__name__)


@app.get("/api/")
def hello():
    return {"hello": "world"}
'''


def bare_apps(work: Path, bench_django: Path, bench_flask: Path) -> list[App]:
    root = work / "bare"
    shutil.rmtree(root, ignore_errors=True)
    (root / "django").mkdir(parents=True)
    run([str(bench_django / "bin" / "django-admin"), "startproject", "bare", str(root / "django")])
    settings = root / "django" / "bare" / "settings.py"
    text = (
        settings.read_text()
        .replace("DEBUG = True", "DEBUG = False")
        .replace("ALLOWED_HOSTS = []", 'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]')
    )
    settings.write_text(text)
    urls = root / "django" / "bare" / "urls.py"
    urls.write_text(
        urls.read_text()
        .replace("from django.urls import path", "from django.http import JsonResponse\nfrom django.urls import path")
        .replace(
            "urlpatterns = [",
            'def hello(request):\n    return JsonResponse({"hello": "world"})\n\n\nurlpatterns = [\n'
            '    path("api/", hello),',
        )
    )
    (root / "flask").mkdir()
    (root / "flask" / "app.py").write_text(BARE_FLASK)
    return [
        App(
            "bare Django (startproject + 1 JSON view)",
            "django",
            "bare",
            root / "django",
            bench_django,
            "bare.wsgi",
            {"json": "/api/"},
            "/api/",
        ),
        App(
            "bare Flask (1 file, 1 JSON route)",
            "flask",
            "bare",
            root / "flask",
            bench_flask,
            "app:app",
            {"json": "/api/"},
            "/api/",
        ),
    ]


def generated_app(framework: str, kind: str, path: Path, venv: Path) -> App:
    """A generated project: ``default`` (health JSON and home page) or ``api`` (rest_api=true: the API list)."""
    django = framework == "django"
    name = f"generated {'Django' if django else 'Flask'} ({'default' if kind == 'default' else 'rest_api=true'})"
    if kind == "default":
        endpoints = {"health": "/health/" if django else "/health", "home": "/"}
    else:
        endpoints = {"api_list": "/api/items/"}
    return App(name, framework, kind, path, venv, f"{SLUG}.wsgi" if django else f"{SLUG}:create_app()", endpoints)


def render(dest: Path, *data: str) -> Path:
    args = [*GENERATOR, "new", str(dest), "--defaults", "--no-git"]
    for d in data:
        args += ["--data", d]
    run(args, env=gen_env())
    return dest
