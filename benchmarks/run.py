"""Benchmarks of flask-or-django: the generator's speed, and the generated projects measured.

    python -m benchmarks                 # full run (a few minutes), writes docs/benchmarks.md
    python -m benchmarks --quick         # fewer runs, shorter loads (about a minute)
    python -m benchmarks --out DIR       # write benchmarks.md, benchmarks/*.png and results.json under DIR

Everything runs on this machine; the only traffic is to 127.0.0.1. Virtual environments (made
with uv) and scratch projects live under --work (default .cache/benchmarks, reused between runs).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import pstats
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
GENERATOR = [sys.executable, "-m", "generator"]
SLUG = "my_project"  # the default project_slug ("My Project")
WORKERS = 2
CONNECTIONS = 8
SLICES = 3  # load slices per endpoint (1 with --quick)
FOD_CACHE: Path | None = None  # the generator's cache folders for this run (empty at its start)


# --------------------------------------------------------------------------- helpers


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def clean_env(extra: dict[str, str] | None = None, venv: Path | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "COV_", "VIRTUAL_ENV", "PYTHONPATH", "DJANGO_", "FLASK_", "APP_ENV"))
        # Python's default: cache bytecode. (Some sandboxes set this; every run would then
        # compile every module it imports from source, which is not what users see.)
        and k != "PYTHONDONTWRITEBYTECODE"
    }
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(venv)
    env.update(extra or {})
    return env


def gen_env(extra: dict[str, str] | None = None, cache: str = "django") -> dict[str, str]:
    """The environment of a generator command: its template snapshot and bytecode cache in
    ``FOD_CACHE / cache`` (``flask`` only for the timed Flask `new`, so its first run is cold too)."""
    return clean_env({**({"FOD_CACHE_DIR": str(FOD_CACHE / cache)} if FOD_CACHE else {}), **(extra or {})})


def run(cmd: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    result = subprocess.run(cmd, **kw)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd))} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def timed(cmd: list[str], **kw: Any) -> tuple[float, float]:
    """Run a command; return (wall seconds, CPU seconds of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run(cmd, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def uv() -> str:
    found = shutil.which("uv")
    if not found:
        raise SystemExit("uv is needed: pip install uv (it is in the project's test extra)")
    return found


def make_venv(path: Path, requirements: list[str]) -> Path:
    """A venv at ``path`` with ``requirements``; reused when it already has exactly them."""
    stamp = path / "fod-requirements.txt"
    wanted = "\n".join(["# compiled to bytecode", *sorted(requirements)])
    if stamp.is_file() and stamp.read_text() == wanted and (path / "bin" / "python").exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    run([uv(), "venv", "--quiet", "--python", sys.executable, str(path)])
    run(
        [
            uv(),
            "pip",
            "install",
            "--quiet",
            "--compile-bytecode",
            "--python",
            str(path / "bin" / "python"),
            *requirements,
        ]
    )
    stamp.write_text(wanted)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url: str, timeout: float = 2.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0


def wait_for_200(url: str, proc: subprocess.Popen[bytes], limit: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before {url} answered")
        code = http_status(url, timeout=1.0)
        if code == 200:
            return time.perf_counter() - start
        if code not in (0,):
            raise RuntimeError(f"{url} answered {code}, not 200")
        time.sleep(0.01)
    raise RuntimeError(f"{url} did not answer 200 within {limit} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


# --------------------------------------------------------------------------- the machine


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    git = run(["git", "--version"]).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mib": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "git": git,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def venv_versions(python: Path, modules: list[str]) -> dict[str, str]:
    code = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    return json.loads(run([str(python), "-c", code, *modules]).stdout)


# --------------------------------------------------------------------------- 1. generation


def generation(work: Path, runs: int, bench_django: Path, startup_check: bool = True) -> dict[str, Any]:
    log(f"generation: {runs} runs each of new (Django), new (Flask), django-admin startproject")
    scratch = Path(tempfile.mkdtemp(prefix="gen-", dir=work))
    django_admin = str(bench_django / "bin" / "django-admin")
    commands = {
        "new_django": lambda d: [*GENERATOR, "new", str(d / "p"), "--defaults"],
        "new_flask": lambda d: [*GENERATOR, "new", str(d / "p"), "--defaults", "--data", "framework=flask"],
        "startproject": lambda d: [django_admin, "startproject", SLUG, str(d / "p")],
    }
    envs = {"new_django": gen_env(), "new_flask": gen_env(cache="flask"), "startproject": clean_env()}
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    first: dict[str, float] = {}

    def once(name: str, d: Path) -> tuple[float, float]:
        d.mkdir()
        if name == "startproject":
            (d / "p").mkdir()
        return timed(commands[name](d), cwd=d, env=envs[name])

    # One untimed warm-up run of each: for `new` it is the first run on an empty cache, which makes
    # the template snapshot and compiles the templates into the bytecode cache.
    for name in commands:
        first[name] = once(name, scratch / f"{name}-warm-up")[0]
    for i in range(runs):
        for name in commands:  # interleaved, so a busy moment hits all three alike
            wall, cpu = once(name, scratch / f"{name}-{i}")
            walls[name].append(wall)
            cpus[name].append(cpu)
    result: dict[str, Any] = {"runs": runs}
    for name in commands:
        result[name] = {
            "median_s": round(median(walls[name]), 3),
            "min_s": round(min(walls[name]), 3),
            "cpu_median_s": round(median(cpus[name]), 3),
            "all_s": [round(x, 3) for x in walls[name]],
        }
    for name in ("new_django", "new_flask"):
        result[name]["first_run_cold_cache_s"] = round(first[name], 3)
    base = result["startproject"]["median_s"]
    for name in ("new_django", "new_flask"):
        result[name]["ratio_to_startproject"] = round(result[name]["median_s"] / base, 2)
        result[name]["cpu_ratio_to_startproject"] = round(
            result[name]["cpu_median_s"] / result["startproject"]["cpu_median_s"], 2
        )
    result["projects"] = {
        "django": str(scratch / "new_django-0" / "p"),
        "flask": str(scratch / "new_flask-0" / "p"),
        "startproject": str(scratch / "startproject-0" / "p"),
    }
    # Start-up of the command alone: the console script (here maybe behind a pyenv shim) and python -m.
    script = shutil.which("flask-or-django")
    startup: dict[str, float] = {}
    if not startup_check:
        result["startup"] = startup
        return result
    for label, cmd in (("python -m generator --version", [*GENERATOR, "--version"]),) + (
        (("flask-or-django --version (console script on PATH)", [script, "--version"]),) if script else ()
    ):
        startup[label] = round(median([timed(cmd, env=envs["new_django"])[0] for _ in range(max(3, runs))]), 3)
    result["startup"] = startup
    if script:
        with open(script, "rb") as f:
            result["console_script_is_shell_shim"] = f.readline().rstrip().endswith((b"sh", b"bash"))
    return result


def update_bench(work: Path, runs: int, base_project: Path) -> dict[str, Any]:
    log(f"update: {runs} runs of update --data rest_api=true on a fresh copy of a committed default project")
    scratch = Path(tempfile.mkdtemp(prefix="upd-", dir=work))
    walls, cpus = [], []
    for i in range(runs):
        dest = scratch / f"u{i}"
        shutil.copytree(base_project, dest, symlinks=True)
        wall, cpu = timed([*GENERATOR, "update", str(dest), "--data", "rest_api=true"], cwd=dest, env=gen_env())
        walls.append(wall)
        cpus.append(cpu)
    changed = run(["git", "status", "--porcelain"], cwd=scratch / "u0").stdout.splitlines()
    return {
        "runs": runs,
        "median_s": round(median(walls), 3),
        "min_s": round(min(walls), 3),
        "cpu_median_s": round(median(cpus), 3),
        "all_s": [round(x, 3) for x in walls],
        "files_touched": len(changed),
    }


GIT_SHIM = """#!/usr/bin/env bash
s=$EPOCHREALTIME
"{real}" "$@"
rc=$?
printf '%s\\t%s\\t%s\\n' "$s" "$EPOCHREALTIME" "$*" >> "$FOD_GIT_LOG"
exit $rc
"""


def git_calls(work: Path, cmd_for: Any, label: str) -> dict[str, Any]:
    """Count the git processes a generator command starts, through a git shim first on PATH."""
    shim_dir = work / "git-shim"
    shim_dir.mkdir(exist_ok=True)
    real = shutil.which("git")
    assert real
    shim = shim_dir / "git"
    shim.write_text(GIT_SHIM.format(real=real))
    shim.chmod(0o755)
    scratch = Path(tempfile.mkdtemp(prefix="git-", dir=work))
    log_file = scratch / "git.log"
    env = gen_env({"FOD_GIT_LOG": str(log_file)})
    env["PATH"] = f"{shim_dir}{os.pathsep}{env['PATH']}"
    start = time.perf_counter()
    run(cmd_for(scratch), cwd=scratch, env=env)
    total = time.perf_counter() - start
    calls = []
    for line in log_file.read_text().splitlines() if log_file.exists() else []:
        s, e, args = line.split("\t", 2)
        calls.append((float(e) - float(s), args))
    by_cmd: Counter[str] = Counter()
    secs: Counter[str] = Counter()
    clones: list[dict[str, Any]] = []
    for dur, args in calls:
        words = [w for w in args.split() if not w.startswith("-") and "=" not in w]
        key = " ".join(words[:1]) or args
        if args.startswith("config --type=bool --get"):
            key = "config --get core.fileMode"
        elif key in {"worktree", "submodule", "bundle"} and len(words) > 1:
            key = " ".join(words[:2])
        by_cmd[key] += 1
        secs[key] += dur
        if key == "clone":
            dest = Path(words[-1])
            clones.append(
                {
                    "options": [w for w in args.split() if w.startswith("--") and w != "--"],
                    "folder": str(dest.parent),
                    "into_temporary_folder": str(dest).startswith((tempfile.gettempdir() + "/", "/dev/shm/")),
                    "into_memory": in_memory(dest),
                }
            )
    rendered = [
        p for d in scratch.iterdir() if d.is_dir() for p in d.rglob("*") if p.is_file() and ".git" not in p.parts
    ]
    return {
        "label": label,
        "wall_s": round(total, 3),
        "git_processes": len(calls),
        "by_subcommand": {k: {"count": c, "seconds": round(secs[k], 3)} for k, c in by_cmd.most_common()},
        "clones": clones,
        "files_in_destination": len(rendered),
    }


def in_memory(path: Path) -> bool:
    """Whether ``path`` is (or would be) on a file system in memory (tmpfs), by /proc/mounts."""
    best, kind = "", ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/mounts").read_text().splitlines():
            fields = line.split()
            mount = fields[1]
            if (str(path) + "/").startswith(mount.rstrip("/") + "/") and len(mount) >= len(best):
                best, kind = mount, fields[2]
    return kind in {"tmpfs", "ramfs"}


def import_time(work: Path) -> dict[str, Any]:
    """python -X importtime on `new --defaults`: the slowest top-level imports."""
    scratch = Path(tempfile.mkdtemp(prefix="imp-", dir=work))
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "new", str(scratch / "p"), "--defaults", "--no-git"],
        capture_output=True,
        text=True,
        env=gen_env(),
        cwd=scratch,
    )
    return parse_importtime(res.stderr)


def cprofile(work: Path) -> dict[str, Any]:
    """cProfile of `new --defaults` (with git): where the wall time goes."""
    scratch = Path(tempfile.mkdtemp(prefix="prof-", dir=work))
    out = scratch / "new.prof"
    run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "generator", "new", str(scratch / "p"), "--defaults"],
        cwd=scratch,
        env=gen_env(),
    )
    stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    waiting = 0.0
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in raw.items():
        if filename == "~" and any(
            k in func for k in ("posix.waitpid", "posix.read", "select.poll", "'poll' of", "posix.fork_exec")
        ):
            waiting += tt

    def cum(pattern_file: str, pattern_func: str) -> float:
        return max(
            (ct for (f, _l, fn), (_cc, _nc, _tt, ct, _c) in raw.items() if pattern_file in f and fn == pattern_func),
            default=0.0,
        )

    key = {
        "copier run_copy": cum("copier", "run_copy"),
        "copier: clone the template (vcs.clone)": cum("copier/_vcs.py", "clone"),
        "generator: template snapshot (template_cache.snapshot)": cum("generator/template_cache.py", "snapshot"),
        "copier: render files (_render_template)": cum("copier/_main.py", "_render_template"),
        "jinja2 template compile (Environment.compile)": cum("jinja2/environment.py", "compile"),
        "generator: git init/add/commit (init_and_commit)": cum("generator/vcs.py", "init_and_commit"),
    }
    top = sorted(
        ((ct, f"{Path(f).name}:{fn}") for (f, _l, fn), (_cc, _nc, _tt, ct, _c) in raw.items() if f != "~"),
        reverse=True,
    )[:15]
    return {
        "total_s": round(total, 3),
        "waiting_on_subprocesses_s": round(waiting, 3),
        "key_cumulative_s": {k: round(v, 3) for k, v in key.items()},
        "top_cumulative": [[name, round(ct, 3)] for ct, name in top],
    }


# --------------------------------------------------------------------------- projects and servers


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
                "LOG_LEVEL": "WARNING",
            }
        elif self.generated:
            extra = {
                "APP_ENV": "production",
                "SECRET_KEY": secrets.token_urlsafe(48),
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


# --------------------------------------------------------------------------- 2. time to first page


def start(app: App) -> tuple[subprocess.Popen[bytes], int, dict[str, Any]]:
    """A fresh start of ``app``: reset, migrate (and collectstatic), serve, wait for its first page.

    Returns the running server, its port and the timings: the steps, the server's start to the
    first 200, and the total that counts (the steps but BUILD_STEPS, and the server's start).
    """
    app.reset()
    steps = app.prepare()
    port = free_port()
    proc = app.serve(port)
    try:
        cold = wait_for_200(f"http://127.0.0.1:{port}{app.first}", proc)
    except BaseException:
        stop(proc)
        raise
    counted = sum(v for k, v in steps.items() if not k.endswith(" CPU") and k not in BUILD_STEPS)
    return proc, port, {"steps": steps, "cold": cold, "total": counted + cold}


def first_page_entry(timings: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of ``start()``'s timings over runs."""
    steps = timings[0]["steps"]
    return {
        "runs": len(timings),
        "total_median_s": round(median([t["total"] for t in timings]), 3),
        "server_start_to_200_median_s": round(median([t["cold"] for t in timings]), 3),
        "steps_median_s": {k: round(median([t["steps"][k] for t in timings]), 3) for k in steps},
        "steps_not_in_total": [k for k in steps if k in BUILD_STEPS],
        "all_s": [round(t["total"], 3) for t in timings],
    }


def first_page(apps: list[App], runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for app in apps:
        log(f"time to first page: {app.name}, {runs} run(s)")
        timings = []
        for _ in range(runs):
            proc, _port, t = start(app)
            stop(proc)
            timings.append(t)
        out[app.name] = first_page_entry(timings)
    return out


# --------------------------------------------------------------------------- 3. serving


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("installing wrk with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, env=env, check=False)
    return shutil.which("wrk")


def _ms(value: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        return float("nan")
    return float(m[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m[2]]


def load_wrk(wrk: str, url: str, seconds: float) -> dict[str, Any]:
    res = run([wrk, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "5s", url])
    text = res.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1])  # type: ignore[index]
    # Anchored at a line start: "57.50%" in the thread stats would match a bare "50%".
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", text, re.M)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", text, re.M)[1])  # type: ignore[index]
    if p99 != p99:  # wrk printed no number (seen on a loaded machine): take the max latency instead
        p99 = _ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text)[1])  # type: ignore[index]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    total = int(re.search(r"(\d+) requests in", text)[1])  # type: ignore[index]
    return {
        "rps": round(rps, 1),
        "p50_ms": round(p50, 2),
        "p99_ms": round(p99, 2),
        "requests": total,
        "non_2xx": int(non2xx[1]) if non2xx else 0,
        "socket_errors": errors[0] if errors else "",
        "tool": "wrk",
        "raw": text,
    }


def load_python(url: str, seconds: float) -> dict[str, Any]:
    """A plain load generator (threads, one request per connection) when wrk is not available."""
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        mine = []
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            code = http_status(url, timeout=5)
            mine.append(time.perf_counter() - t)
            if code != 200:
                bad[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    start = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2),
        "requests": len(latencies),
        "non_2xx": bad[0],
        "socket_errors": "",
        "tool": "python threads",
    }


def serving(apps: list[App], seconds: float, wrk: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for app in apps:
        log(f"serving: {app.name}, {seconds:.0f} s per endpoint")
        proc, port, timings = start(app)
        entry: dict[str, Any] = {
            "framework": app.framework,
            "kind": app.kind,
            "cold_start_s": round(timings["cold"], 3),
            "first_page": first_page_entry([timings]),
            "endpoints": {},
        }
        try:
            for key, path in app.endpoints.items():
                url = f"http://127.0.0.1:{port}{path}"
                status = http_status(url)
                if status != 200:
                    raise RuntimeError(f"{app.name}: {url} answered {status}")
                load = (lambda u, s: load_wrk(wrk, u, s)) if wrk else load_python
                load(url, min(1.0, seconds / 3))  # warm-up: every worker has served the path
                # Slices, the best kept (by req/s): on a shared machine other work only ever slows a slice down.
                slices = [load(url, seconds / SLICES) for _ in range(SLICES)]
                best = max(slices, key=lambda x: x["rps"])
                entry["endpoints"][key] = {
                    "label": ENDPOINTS[key],
                    "path": path,
                    **best,
                    "slices": SLICES,
                    "rps_all_slices": [x["rps"] for x in slices],
                    "rps_median_slices": round(median([x["rps"] for x in slices]), 1),
                }
            workers = children(proc.pid)
            entry["worker_rss_mib"] = [round(rss_kib(w) / 1024, 1) for w in workers]
            entry["master_rss_mib"] = round(rss_kib(proc.pid) / 1024, 1)
        finally:
            stop(proc)
        out[app.name] = entry
    return out


def attribution(apps: list[App], n: int, quick: bool = False) -> dict[str, Any]:
    """Per-request cost inside one process, with parts taken away (see probe.py)."""
    out: dict[str, Any] = {}
    for app in apps:
        log(f"in-process cost: {app.name}, {app.probed}")
        target = f"{SLUG}.settings" if app.framework == "django" else f"{SLUG}:create_app()"
        if not app.generated:
            target = "bare.settings" if app.framework == "django" else "app:app"
        parts = app.kind == "api"  # the API list: what its parts cost; the others: each middleware or hook
        args = [app.framework, target, app.probed, str(n), str(int(quick)), str(int(parts))]
        res = run(
            [app.python(), str(HERE / "probe.py"), *args],
            cwd=app.path,
            env=app.env,
            timeout=900,  # a probe that hangs fails the run instead of stalling it
        )
        line = next(x for x in res.stdout.splitlines() if x.startswith("FOD-PROBE "))
        out[app.name] = json.loads(line.removeprefix("FOD-PROBE "))
        if not quick:
            out[app.name]["import"] = import_profile(app)
    return out


# --------------------------------------------------------------------------- 4. size


def size(project: Path, requirements: list[str] | None = None) -> dict[str, Any]:
    loc: Counter[str] = Counter()
    files = 0
    for path in project.rglob("*"):
        rel = path.relative_to(project).parts
        if not path.is_file() or {".git", "__pycache__", "staticfiles", "instance", ".venv"} & set(rel):
            continue
        if path.name == "db.sqlite3":
            continue
        files += 1
        kind = {".py": "python", ".html": "html", ".css": "css"}.get(path.suffix, "other")
        with contextlib.suppress(UnicodeDecodeError):
            loc[kind] += sum(1 for line in path.read_text().splitlines() if line.strip())
    pyproject = project / "pyproject.toml"
    dev: list[str] = []
    if requirements is None:
        data = tomllib.loads(pyproject.read_text())
        requirements = list(data["project"].get("dependencies", []))
        dev = [r for r in data.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)]
    resolved = compile_requirements(requirements)
    packages = [x for x in resolved.splitlines() if x and not x.startswith((" ", "#"))]
    return {
        "files": files,
        "loc": {k: loc[k] for k in ("python", "html", "css", "other")},
        "direct_dependencies": len(requirements),
        "dev_dependencies": len(dev),
        "resolved_dependencies": len(packages),
        "resolved": [p.split("==")[0] for p in packages],
    }


COMPILE_CACHE: Path | None = None


def compile_requirements(requirements: list[str]) -> str:
    """``uv pip compile`` for Python 3.11, cached under --work by the requirement list."""
    import hashlib

    key = hashlib.sha256("\n".join(sorted(requirements)).encode()).hexdigest()[:16]
    cached = COMPILE_CACHE / f"{key}.txt" if COMPILE_CACHE else None
    if cached and cached.is_file() and time.time() - cached.stat().st_mtime < 86400:
        return cached.read_text()
    out = run(
        [uv(), "pip", "compile", "--quiet", "--no-header", "--python-version", "3.11", "-"],
        input="\n".join(requirements),
    ).stdout
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(out)
    return out


def import_profile(app: App) -> dict[str, Any]:
    """python -X importtime of what a gunicorn worker imports to build the app."""
    if app.framework == "django":
        code = f"import {app.wsgi}"
    else:
        module, _, attr = app.wsgi.partition(":")
        code = f"import {module}; {module}.{attr}"
    res = subprocess.run(
        [app.python(), "-X", "importtime", "-c", code], cwd=app.path, env=app.env, capture_output=True, text=True
    )
    return parse_importtime(res.stderr)


def parse_importtime(stderr: str) -> dict[str, Any]:
    """Total import time, the packages that cost most (self time summed over each package's modules),
    and what importing copier costs with everything it pulls in that was not imported before it."""
    by_package: dict[str, int] = {}
    total = 0
    copier = 0
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        own, cumulative, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        if indent == 1:
            total += cumulative
        if name == "copier":
            copier = cumulative
        package = name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + own
    top = sorted(by_package.items(), key=lambda kv: -kv[1])[:8]
    return {
        "total_s": round(total / 1e6, 3),
        "top_packages_s": {k: round(v / 1e6, 3) for k, v in top},
        "copier_cumulative_s": round(copier / 1e6, 3),
    }


# --------------------------------------------------------------------------- report


def chart(results: dict[str, Any], png: Path, work: Path) -> None:
    """The chart is drawn by chart.py with an interpreter that has matplotlib (a tooling venv if needed)."""
    data = png.with_suffix(".chart.json")
    data.write_text(json.dumps(results["serving"]))
    python = sys.executable
    probe = subprocess.run([python, "-c", "import matplotlib"], capture_output=True, check=False)
    if probe.returncode != 0:
        python = str(make_venv(work / "venv-tools", ["matplotlib"]) / "bin" / "python")
    run([python, str(HERE / "chart.py"), str(data), str(png)])
    data.unlink()


def fmt(x: Any, digits: int = 2) -> str:
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def markdown(r: dict[str, Any], quick: bool) -> str:
    m, g, u = r["machine"], r["generation"], r["update"]
    L: list[str] = []
    L.append("# Benchmarks")
    L.append("")
    L.append(
        "Written by `python -m benchmarks`"
        + (" **--quick** (few runs, short loads: numbers are rough)" if quick else "")
        + f" on {m['date_utc']}. Reproduce from a checkout with the generator installed "
        '(`python3 -m pip install -e ".[test]"`, plus `matplotlib`): `python -m benchmarks` '
        "(full, a few minutes) or `python -m benchmarks --quick` (about a minute). The script makes its "
        "virtual environments with uv under `.cache/benchmarks/`, installs wrk with apt-get when it is "
        "missing (else uses a Python load generator) and sends traffic only to 127.0.0.1."
    )
    L.append("")
    L.append("## Machine")
    L.append("")
    v = r["versions"]
    L.append(
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_mib']} MiB; {m['os']}\n"
        f"- Python {m['python']}, {m['git']}; Django {v.get('Django', '?')}, Flask {v.get('flask', '?')}, "
        f"gunicorn {v.get('gunicorn', '?')}, DRF {v.get('djangorestframework', '?')}, "
        f"flask-smorest {v.get('flask-smorest', '?')}; load generator: {r['load_tool']}\n"
        f"- Load average when the run started: {', '.join(map(str, m['load_average_at_start']))}; at the end: "
        f"{', '.join(map(str, m.get('load_average_at_end', [])))}. On a {m['cores']}-core machine a load above "
        f"{m['cores']} means other work was running at the same time: wall times and req/s are then slower and "
        "noisier than on an idle machine. The CPU-time columns and the in-process table (fastest of 7 interleaved "
        "rounds) are "
        "much less sensitive to that; read them first when the load is high."
    )
    L.append("")
    L.append("## 1. Generating a project")
    L.append("")
    L.append(
        f"Median of {g['runs']} runs each, interleaved, same machine, same run, after one untimed warm-up run of "
        "each command. `new` includes `git init` and the first commit (no `--no-git`); `startproject` is "
        f"`django-admin startproject` from a venv with Django {v.get('Django', '?')}. Every command is started "
        "directly (`python -m generator`, `venv/bin/django-admin`), not through a shell shim. The generator keeps "
        "a snapshot of each template version and a bytecode cache of the compiled Jinja templates in the user "
        "cache folder, made on first use, so the first run on a new template version pays for making them: the "
        "benchmark points it at empty cache folders of its own (`FOD_CACHE_DIR`), and that first run of each "
        "`new` (the warm-up) is in its own column."
    )
    L.append("")
    L.append(
        "| command | first run, cold cache (s) | median wall (s) | min (s) | median CPU (s) "
        "| ratio to startproject (wall) | ratio (CPU) |"
    )
    L.append("|---|---|---|---|---|---|---|")
    names = {
        "new_django": "`flask-or-django new DEST --defaults` (Django)",
        "new_flask": "`flask-or-django new DEST --defaults --data framework=flask`",
        "startproject": "`django-admin startproject`",
    }
    for key, label in names.items():
        e = g[key]
        L.append(
            f"| {label} | {fmt(e.get('first_run_cold_cache_s', ''))} | {fmt(e['median_s'])} | {fmt(e['min_s'])} | "
            f"{fmt(e['cpu_median_s'])} | {fmt(e.get('ratio_to_startproject', 1.0))} | "
            f"{fmt(e.get('cpu_ratio_to_startproject', 1.0))} |"
        )
    L.append(
        f"| `flask-or-django update --data rest_api=true` (fresh copy of a committed default project, "
        f"{u['runs']} runs) | | {fmt(u['median_s'])} | {fmt(u['min_s'])} | {fmt(u['cpu_median_s'])} | | |"
    )
    L.append("")
    ratio = max(g["new_django"]["ratio_to_startproject"], g["new_flask"]["ratio_to_startproject"])
    L.append(
        f"Targets: generator/startproject <= 3.0: **{'met' if ratio <= 3.0 else 'not met'}** "
        f"(worst {ratio:.1f}x); update under 2 s: **{'met' if u['median_s'] < 2 else 'not met'}** "
        f"({u['median_s']:.2f} s)."
    )
    L.append("")
    if g.get("startup"):
        L.append(
            "Start-up alone (`--version`, median): " + "; ".join(f"{k}: {v2:.2f} s" for k, v2 in g["startup"].items())
        )
        L.append("")
    p = r.get("profile", {})
    if p:
        L.append("### Where `new` spends its time")
        L.append("")
        for gc in p.get("git", []):
            L.append(
                f"- **{gc['label']}**: {gc['git_processes']} git processes (counted with a `git` shim first on PATH), "
                "by subcommand: "
                + ", ".join(f"`{k}` x{e['count']} ({e['seconds']:.2f} s)" for k, e in gc["by_subcommand"].items())
                + "."
            )
        if "cprofile" in p:
            c = p["cprofile"]
            L.append(
                f"- cProfile of `new --defaults`: {c['total_s']:.2f} s in all, {c['waiting_on_subprocesses_s']:.2f} s "
                "of it waiting on child processes (git); "
                + ", ".join(f"{k}: {val:.2f} s" for k, val in c["key_cumulative_s"].items())
                + "."
            )
        if "importtime" in p:
            it = p["importtime"]
            L.append(
                f"- `python -X importtime`: {it['total_s']:.2f} s of imports, {it['copier_cumulative_s']:.2f} s of "
                "them for copier with what it pulls in; heaviest top-level packages (own time): "
                + ", ".join(f"{k} {val:.2f} s" for k, val in list(it["top_packages_s"].items())[:6])
                + "."
            )
        L.append("")
        L.append("What the generator does to be quick, with this run's evidence:")
        L.append("")
        for line in measures(r):
            L.append(f"- {line}")
        L.append("")
        L.append("What it spends its time on:")
        L.append("")
        for line in r.get("findings", []):
            L.append(f"- {line}")
        L.append("")
    L.append("## 2. Time to first page")
    L.append("")
    if quick:
        L.append("--quick: taken from the serving run below (the default projects, one run each).")
        L.append("")
    L.append(
        "A default project rendered with `--no-git`, its dependencies already installed in a venv made with uv; "
        "production settings (below). The total is the migration (Django `manage.py migrate --noinput`, Flask "
        f"`flask --app {SLUG} db upgrade`) plus gunicorn's start ({WORKERS} sync workers) until `/` answers HTTP "
        "200. Django's `collectstatic` is a build step (the generated Dockerfile runs it when the image is built; "
        "in development `runserver` needs none), so it runs before gunicorn starts, as WhiteNoise's manifest "
        "storage needs, but is shown in its own column and not counted in the total."
    )
    L.append("")
    L.append(
        "| project | runs | total median (s) | migration (s) | gunicorn start to first 200 (s) "
        "| collectstatic, not in the total (s) | target < 3 s |"
    )
    L.append("|---|---|---|---|---|---|---|")

    def steps(e: dict[str, Any], build: bool) -> str:
        med = e["steps_median_s"]
        return (
            ", ".join(
                f"{k} {val:.2f}" + (f" (CPU {med[k + ' CPU']:.2f})" if k + " CPU" in med else "")
                for k, val in med.items()
                if not k.endswith(" CPU") and (k in e.get("steps_not_in_total", [])) == build
            )
            or "-"
        )

    for name, e in r["first_page"].items():
        L.append(
            f"| {name} | {e['runs']} | {fmt(e['total_median_s'])} | {steps(e, False)} | "
            f"{fmt(e['server_start_to_200_median_s'])} | {steps(e, True)} | "
            f"{'met' if e['total_median_s'] < 3 else 'not met'} |"
        )
    L.append("")
    L.append("## 3. Serving")
    L.append("")
    L.append(
        f"gunicorn, {WORKERS} sync workers for every app; load from {r['load_tool']} in a second process on "
        f"127.0.0.1 with {CONNECTIONS} connections for {r['load_seconds']:.0f} s per endpoint after a short warm-up, "
        f"in {SLICES} slice(s); the table shows the slice with the most req/s (other work on a shared machine only "
        "ever slows a slice down; every slice is in results.json). Load generator and server share the machine's "
        f"{m['cores']} cores. Three apps per framework: the **bare app** (Django's startproject with one JSON view, "
        "a one-file Flask app with one JSON route) on its JSON endpoint `/api/`; the generated **default project** "
        'on its health endpoint (Django `/health/`, Flask `/health`: `{"status": "ok"}`, reading neither session '
        "nor database) and its home page `/` (HTML, rendered from templates); the generated project with "
        "**`rest_api=true`** on its API list `/api/items/` (DRF / flask-smorest: an empty table, paginated). "
        "One venv per framework, with the rest_api=true project's dependencies, serves both generated projects. "
        "The 0.85 target compares the health endpoint with the bare app's JSON endpoint; the API list's ratio is "
        "information. Settings: Django `DJANGO_ENV=production`, `SECRET_KEY`, `ALLOWED_HOSTS=127.0.0.1,localhost`, "
        "`SECURE_SSL_REDIRECT=off`; Flask `APP_ENV=production`, `SECRET_KEY`; SQLite. The bare apps run with "
        "`DEBUG=False`."
    )
    L.append("")
    L.append("| app | endpoint | path | req/s | p50 (ms) | p99 (ms) | non-2xx | worker RSS (MiB) | cold start (s) |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for name, e in r["serving"].items():
        rss = ", ".join(map(str, e.get("worker_rss_mib", [])))
        for x in e["endpoints"].values():
            L.append(
                f"| {name} | {x['label']} | `{x['path']}` | {x['rps']:.0f} | {x['p50_ms']:.1f} | {x['p99_ms']:.1f} | "
                f"{x['non_2xx']} | {rss} | {e['cold_start_s']:.2f} |"
            )
    L.append("")
    L.append("![Requests per second and latency, generated projects vs bare apps](benchmarks/serving.png)")
    L.append("")
    for line in r.get("serving_ratios", []):
        L.append(f"- {line}")
    L.append("")
    if r.get("attribution"):
        att = r["attribution"]
        L.append("### What the endpoints cost, measured in one process")
        L.append("")
        L.append(
            "`benchmarks/probe.py` calls each app's WSGI callable directly (no server, no socket) "
            f"{r['probe_requests']} times per variant, in the project's own venv with the same settings, on the "
            "endpoint above that returns JSON (the bare app's `/api/`, the default project's health endpoint, the "
            "rest_api=true project's API list): with all its middleware (Django) or request hooks (Flask), with "
            "none"
            + (
                ""
                if quick
                else ", and (bare apps and default projects) with each taken away in turn, and for Flask without "
                "its session interface (the signed cookie; the bare Flask app has no secret key, so no session)"
            )
            + ". Microseconds per request, the fastest of 7 interleaved rounds (lower is better)."
        )
        L.append("")
        L.append("| app | endpoint | all (µs) | none (µs) | µs saved by taking one away |")
        L.append("|---|---|---|---|---|")
        for name, a in att.items():
            v = a["variants"]
            each = removals(v)
            L.append(
                f"| {name} | `{a['endpoint']}` | {v['all']['us']:.0f} | {v['none']['us']:.0f} | "
                + (", ".join(f"{label} {cost:.0f}" for cost, label in each) or "-")
                + " |"
            )
        L.append("")
        apis = {n: a for n, a in att.items() if "parts" in a}
        if apis:
            L.append(
                "What the API list's time goes to, µs per request: each part is timed by wrapping the few "
                "functions that do it (`PART_FUNCTIONS` in probe.py: for Django the queryset's count and fetch, "
                "DRF's paginator, list serializer, JSON renderer and authentication, permission and throttle "
                "checks; for Flask SQLAlchemy's session execute and close, flask-sqlalchemy's paginate, the page "
                "parameters' parsing and header, marshmallow's dump and the JSON response, Flask-Login's user), "
                "fastest of 5 rounds. A part leaves out the other parts it calls: the queries a paginator runs "
                "count as the ORM and database. The middleware or hooks are all against none; the rest (the API "
                "framework's request handling, routing, the view) is what remains of the total."
            )
            L.append("")
            L.append(
                "| app | total | ORM and database | SQL statements sent | pagination | serialization | "
                "authentication and permissions | middleware or hooks | the rest |"
            )
            L.append("|---|---|---|---|---|---|---|---|---|")
            for name, a in apis.items():
                total = a["variants"]["all"]["us"]
                mw = total - a["variants"]["none"]["us"]
                part = a["parts"]["us"]
                L.append(
                    f"| {name} | {total:.0f} | {part['queries']:.0f} | {a.get('queries_per_request', '?')} | "
                    f"{part['pagination']:.0f} | {part['serialization']:.0f} | {part[AUTH]:.0f} | {mw:.0f} | "
                    f"{total - sum(part.values()) - mw:.0f} |"
                )
            L.append("")
        if any("import" in a for a in att.values()):
            L.append(
                "What a gunicorn worker imports to build the app (`python -X importtime`: the total, and the "
                "packages whose modules took most, own time in seconds):"
            )
            L.append("")
            L.append("| app | total import (s) | heaviest |")
            L.append("|---|---|---|")
            for name, a in att.items():
                imp = a.get("import")
                if imp:
                    L.append(
                        f"| {name} | {imp['total_s']:.2f} | "
                        + ", ".join(f"{k} {val:.2f}" for k, val in imp["top_packages_s"].items())
                        + " |"
                    )
            L.append("")
        for line in r.get("attribution_findings", []):
            L.append(f"- {line}")
        L.append("")
    L.append("## 4. Size")
    L.append("")
    L.append(
        "Non-blank lines by kind, files (without `.git`), dependencies: direct runtime ones from `pyproject.toml` "
        "(plus the dev group), and resolved by `uv pip compile` for Python 3.11."
    )
    L.append("")
    L.append("| project | files | Python | HTML | CSS | other | direct deps (+dev) | resolved runtime deps |")
    L.append("|---|---|---|---|---|---|---|---|")
    for name, s in r["size"].items():
        loc = s["loc"]
        L.append(
            f"| {name} | {s['files']} | {loc['python']} | {loc['html']} | {loc['css']} | {loc['other']} | "
            f"{s['direct_dependencies']} (+{s['dev_dependencies']}) | {s['resolved_dependencies']} |"
        )
    L.append("")
    L.append("## What the numbers say")
    L.append("")
    for line in r.get("summary", []):
        L.append(f"- {line}")
    L.append("")
    L.append("Raw results: [benchmarks/results.json](benchmarks/results.json).")
    L.append("")
    return "\n".join(L)


FRAMEWORKS = {"django": "Django", "flask": "Flask"}
AUTH = "authentication and permissions"
# Why a middleware or hook of a generated project is there, by a word of its name in the probe's variants.
WHY = {
    "SecurityMiddleware": "security headers (HSTS, nosniff, referrer policy) and the HTTPS redirect",
    "WhiteNoiseMiddleware": "static files served by the app itself, no separate web server",
    "SessionMiddleware": "sessions, which carry the logins and the flash messages",
    "CommonMiddleware": "URL normalization (APPEND_SLASH)",
    "CsrfViewMiddleware": "CSRF protection of every form",
    "AuthenticationMiddleware": "the logged-in user on every request",
    "MessageMiddleware": "the one-time messages the pages show",
    "XFrameOptionsMiddleware": "protection against framing (clickjacking)",
    "csrf_protect": "CSRF protection of every form",
    "_update_remember_cookie": "Flask-Login's remember-me cookie",
    "set_security_headers": "security headers (CSP, HSTS, nosniff, frame options)",
    "_teardown_session": "the database session ended after each request",
    "session interface": "the signed-cookie session, which carries the logins, flash messages and CSRF token",
}


def interpret(r: dict[str, Any]) -> None:
    """Derived lines: ratios to the bare apps, what the endpoints cost, and the summary."""
    s = r["serving"]
    name = {(e["framework"], e["kind"]): n for n, e in s.items()}
    att = r.get("attribution", {})

    def ep(fw: str, kind: str, key: str) -> dict[str, Any]:
        return s[name[fw, kind]]["endpoints"][key]

    def us(fw: str, kind: str, variant: str = "all") -> float | None:
        x = att.get(name[fw, kind], {}).get("variants", {}).get(variant)
        return x["us"] if x else None

    lines: list[str] = []
    ratios: dict[str, dict[str, float]] = {}
    for fw, label in FRAMEWORKS.items():
        bare, health, api = ep(fw, "bare", "json"), ep(fw, "default", "health"), ep(fw, "api", "api_list")
        ratio, api_ratio = health["rps"] / bare["rps"], api["rps"] / bare["rps"]
        ratios[fw] = {"health": round(ratio, 3), "api_list": round(api_ratio, 3)}
        lines.append(
            f"{label}: the default project's health JSON `{health['path']}` served {health['rps']:.0f} req/s, "
            f"{ratio:.2f} of the bare app's JSON `{bare['path']}` ({bare['rps']:.0f} req/s; target >= 0.85: "
            f"**{'met' if ratio >= 0.85 else 'not met'}**)."
        )
        b, h = us(fw, "bare"), us(fw, "default")
        in_process = b / h if b and h else None
        if in_process is not None:
            lines.append(
                f"{label}, in process (the app alone, without the server's share of each request): "
                f"`{health['path']}` costs {h:.0f} µs per request against {b:.0f} µs for the bare `{bare['path']}`, "
                f"a throughput ratio of {in_process:.2f}."
            )
        if ratio < 0.85 or (in_process is not None and in_process < 0.85):
            lines.append(what_costs(label, health["path"], att.get(name[fw, "default"])))
        lines.append(
            f"{label}: the API list `{api['path']}` (rest_api=true) served {api['rps']:.0f} req/s, {api_ratio:.2f} "
            "of the bare JSON endpoint's throughput: information, not a target (what it costs is measured in "
            "process below)."
        )
    r["serving_ratios"] = lines
    r["ratios_to_bare_json"] = ratios

    af: list[str] = []
    for fw, label in FRAMEWORKS.items():
        a, h = att.get(name[fw, "api"], {}), us(fw, "default")
        if "parts" not in a or not h:
            continue
        total, mw = a["variants"]["all"]["us"], a["variants"]["all"]["us"] - a["variants"]["none"]["us"]
        part = a["parts"]["us"]
        q = a.get("queries_per_request")
        sent = f", {q} SQL statement{'' if q == 1 else 's'} sent" if q is not None else ""
        af.append(
            f"{label}'s API list `{a['endpoint']}` costs {total:.0f} µs per request in process, {total / h:.1f} "
            f"times the health endpoint's {h:.0f} µs: the ORM and database {part['queries']:.0f} µs{sent}; "
            f"pagination {part['pagination']:.0f} µs, serialization {part['serialization']:.0f} µs, {AUTH} "
            f"{part[AUTH]:.0f} µs, {'middleware' if fw == 'django' else 'hooks'} {mw:.0f} µs (all against none), "
            f"the rest {total - sum(part.values()) - mw:.0f} µs (the API framework's request handling, routing, "
            "the view). It is worth it: it is the feature, a real paginated list read from the database, "
            "serialized and permission-checked by the API framework."
        )
    r["attribution_findings"] = af
    r["summary"] = summary(r, name, us)


def removals(variants: dict[str, Any]) -> list[tuple[float, str]]:
    """(µs saved, middleware or hook) for each one the probe took away, costliest first."""
    return sorted(
        (
            (variants["all"]["us"] - x["us"], k.removeprefix("without "))
            for k, x in variants.items()
            if k.startswith("without ")
        ),
        reverse=True,
    )


def what_costs(label: str, path: str, probe: dict[str, Any] | None) -> str:
    """For a health endpoint below the target: what its middleware or hooks cost, and why each is there."""
    if not probe:
        return f"{label}: below the target; the in-process probe (not run) would say which middleware costs."
    v = probe["variants"]
    top = [(cost, part) for cost, part in removals(v)[:3] if cost >= 1]
    why = [f"{w}: {WHY[w]}" for _, part in top for w in WHY if w in part]
    return (
        f"{label}: what costs on `{path}`: the {'middleware adds' if label == 'Django' else 'request hooks add'} "
        f"{v['all']['us'] - v['none']['us']:.0f} µs per request in process (all against none)"
        + (
            "; taken away one at a time, the costliest: " + ", ".join(f"{part} {cost:.0f} µs" for cost, part in top)
            if top
            else ""
        )
        + (". Each is kept for what it does: " + "; ".join(why) if why else "")
        + "."
    )


def summary(r: dict[str, Any], name: dict[tuple[str, str], str], us: Any) -> list[str]:
    """The bullets of "What the numbers say", each from this run's figures."""
    s, size, att = r["serving"], r["size"], r.get("attribution", {})
    rss = {k: median(e.get("worker_rss_mib", [0]) or [0]) for k, e in s.items()}
    sd, sf = size["generated Django (default)"], size["generated Flask (default)"]
    bd, bf = size["django-admin startproject"], size["bare Flask app"]

    def rss_of(fw: str, kind: str) -> float:
        return rss[name[fw, kind]]

    def rps(fw: str, kind: str, key: str) -> float:
        return s[name[fw, kind]]["endpoints"][key]["rps"]

    lighter_bare = bf["loc"]["python"] < bd["loc"]["python"] and rss_of("flask", "bare") < rss_of("django", "bare")
    lighter_gen = sf["loc"]["python"] < sd["loc"]["python"] and rss_of("flask", "default") < rss_of("django", "default")
    out = [
        f'**"Flask is lighter"** {"holds" if lighter_bare else "does not hold"} for the bare frameworks: a one-file '
        f"Flask app ({bf['loc']['python']} lines) against startproject's {bd['files']} files "
        f"({bd['loc']['python']} lines), and a worker of {rss_of('flask', 'bare'):.0f} MiB against "
        f"{rss_of('django', 'bare'):.0f} MiB (Flask resolves to {bf['resolved_dependencies']} packages, Django to "
        f"{bd['resolved_dependencies']}). It {'holds' if lighter_gen else 'does not hold'} for the generated default "
        f"projects, which do the same jobs (accounts, admin, the example CRUD app): Flask's has "
        f"{sf['loc']['python']} lines of Python against Django's {sd['loc']['python']}, {sf['direct_dependencies']} "
        f"direct and {sf['resolved_dependencies']} resolved dependencies against {sd['direct_dependencies']} and "
        f"{sd['resolved_dependencies']}, and a worker of {rss_of('flask', 'default'):.0f} MiB against "
        f"{rss_of('django', 'default'):.0f} MiB ({rss_of('flask', 'api'):.0f} against "
        f"{rss_of('django', 'api'):.0f} MiB with rest_api=true)."
        + (
            " What Django ships inside itself, Flask gets from extensions and from code the project then owns."
            if sf["direct_dependencies"] > sd["direct_dependencies"] and sf["loc"]["python"] > sd["loc"]["python"]
            else ""
        )
    ]

    def pair(kind: str, key: str) -> str:
        d, f = rps("django", kind, key), rps("flask", kind, key)
        ahead = f"{'Django' if d > f else 'Flask'} ahead"
        text = f"{d:.0f} vs {f:.0f} req/s ({ahead}"
        ud, uf = us("django", kind), us("flask", kind)
        if key != "home" and ud and uf:
            text += f"; {ud:.0f} vs {uf:.0f} µs per request in process"
        return text + ")"

    overhead = (
        '**"Django adds overhead"**, Django vs Flask under gunicorn and wrk: the bare JSON answer (the framework) '
        f"{pair('bare', 'json')}; the default project's health JSON (the framework with the project's middleware "
        f"or hooks) {pair('default', 'health')}; the API list (the project's own work) {pair('api', 'api_list')}; "
        f"the home page {pair('default', 'home')}."
    )
    costs = {(fw, kind): us(fw, kind) for fw in FRAMEWORKS for kind in KINDS}
    if all(costs.values()):
        framework_gap = abs(costs["django", "bare"] - costs["flask", "bare"])
        mw = {fw: costs[fw, "default"] - costs[fw, "bare"] for fw in FRAMEWORKS}
        work = {fw: costs[fw, "api"] - costs[fw, "default"] for fw in FRAMEWORKS}
        overhead += (
            f" In process, the frameworks' bare answers differ by {framework_gap:.0f} µs; the default project adds "
            f"{mw['django']:.0f} µs (Django) and {mw['flask']:.0f} µs (Flask) over its bare app, and the API list "
            f"another {work['django']:.0f} and {work['flask']:.0f} µs over the health check. "
        )
        if min(work.values()) > max(framework_gap, *mw.values()):
            overhead += "The overhead that shows is the project's own work more than the framework's."
        else:
            overhead += "Here the framework and its middleware weigh as much as the project's own work."
    out.append(overhead)

    def cold(fw: str, kind: str) -> str:
        return f"{s[name[fw, kind]]['cold_start_s']:.1f} s"

    line = (
        f"**Cold start** (gunicorn until the first 200): bare Flask {cold('flask', 'bare')}, bare Django "
        f"{cold('django', 'bare')}; default projects: Flask {cold('flask', 'default')}, Django "
        f"{cold('django', 'default')}; rest_api=true: Flask {cold('flask', 'api')}, Django {cold('django', 'api')}."
    )
    imports = {n: a["import"]["total_s"] for n, a in att.items() if "import" in a}
    if imports:
        share = [imports[n] / s[n]["cold_start_s"] for n in imports if s[n]["cold_start_s"]]
        line += (
            f" Importing the app (in a process of its own) takes {min(imports.values()):.2f} to "
            f"{max(imports.values()):.2f} s, {min(share):.0%} to {max(share):.0%} of the cold start (see the import "
            "table)."
        )
    out.append(line)

    parts = {fw: att.get(name[fw, "api"], {}) for fw in FRAMEWORKS}
    if all(costs.values()) and all("parts" in p for p in parts.values()):
        orm = {fw: p["parts"]["us"]["queries"] for fw, p in parts.items()}
        gap = abs(costs["django", "bare"] - costs["flask", "bare"])
        smaller = max(costs["django", "bare"], costs["flask", "bare"]) < 1000 and gap < min(orm.values())
        out.append(
            f"**Gearheart 2017 calls the comparison useless**: a bare answer costs {costs['django', 'bare']:.0f} µs "
            f"(Django) and {costs['flask', 'bare']:.0f} µs (Flask) in process, a difference of {gap:.0f} µs, "
            f"against {orm['django']:.0f} µs (Django) and {orm['flask']:.0f} µs (Flask) of ORM and database work "
            "in one request of the API list. "
            + (
                "For choosing, the numbers agree: the frameworks' difference is smaller than the project's own "
                "work on one small page of data, so choose by the questions the generator asks (team, admin, API, "
                "conventions), not by requests per second."
                if smaller
                else "Here the frameworks' difference is not small against the project's own work, so it may "
                "matter for an app that does little per request."
            )
        )
    return out


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and shorter loads (about a minute)")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where benchmarks.md and benchmarks/ go")
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "benchmarks", help="venvs and scratch")
    parser.add_argument("--seconds", type=float, help="load duration per endpoint")
    args = parser.parse_args(argv)
    quick = args.quick
    global SLICES
    SLICES = 1 if quick else 3
    gen_runs = 2 if quick else 5
    upd_runs = 1 if quick else 5
    ttfp_runs = 1 if quick else 3
    seconds = args.seconds or (2.0 if quick else 12.0)
    probe_n = 1000 if quick else 2000
    started = time.perf_counter()

    work: Path = args.work.absolute()
    work.mkdir(parents=True, exist_ok=True)
    global COMPILE_CACHE, FOD_CACHE
    COMPILE_CACHE = work / "compiled"
    for old in work.glob("run-*"):  # left by an interrupted run (a running one is younger)
        if time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    FOD_CACHE = scratch / "fod-cache"  # empty: the first `new` of each framework makes its caches
    out_dir: Path = args.out.absolute()
    (out_dir / "benchmarks").mkdir(parents=True, exist_ok=True)

    results: dict[str, Any] = {"quick": quick, "machine": machine()}
    log("venvs: bench Django 5.2 and bare Flask (uv; reused between runs)")
    bench_django = make_venv(work / "venv-bare-django", ["django>=5.2,<5.3", "gunicorn"])
    bench_flask = make_venv(work / "venv-bare-flask", ["flask", "gunicorn"])
    wrk = ensure_wrk()
    results["load_tool"] = "wrk" if wrk else "a Python load generator (threads)"
    results["load_seconds"] = seconds
    results["probe_requests"] = probe_n

    # 1. generation
    results["generation"] = generation(scratch, gen_runs, bench_django, startup_check=not quick)
    results["update"] = update_bench(scratch, upd_runs, Path(results["generation"]["projects"]["django"]))
    profile: dict[str, Any] = {"git": []}
    log("profile: git processes, cProfile, importtime")
    profile["git"].append(
        git_calls(scratch, lambda d: [*GENERATOR, "new", str(d / "p"), "--defaults"], "new --defaults (Django)")
    )
    base = Path(results["generation"]["projects"]["django"])

    def update_cmd(d: Path) -> list[str]:
        shutil.copytree(base, d / "u", symlinks=True)
        return [*GENERATOR, "update", str(d / "u"), "--data", "rest_api=true"]

    profile["git"].append(git_calls(scratch, update_cmd, "update --data rest_api=true"))
    profile["cprofile"] = cprofile(scratch)
    profile["importtime"] = import_time(scratch)
    results["profile"] = profile
    results["findings"] = findings(results)

    # projects for 2 and 3 (the default ones are the generation's first renders)
    log("rendering the projects to serve, and their venvs")
    gp = results["generation"]["projects"]
    proj = scratch / "projects"
    proj.mkdir()
    d_default, f_default = Path(gp["django"]), Path(gp["flask"])
    d_api = render(proj / "django-api", "rest_api=true")
    f_api = render(proj / "flask-api", "framework=flask", "rest_api=true")
    # 4. size, before anything runs in the projects
    log("size")
    results["size"] = {
        "generated Django (default)": size(d_default),
        "generated Flask (default)": size(f_default),
        "generated Django (rest_api=true)": size(d_api),
        "generated Flask (rest_api=true)": size(f_api),
        "django-admin startproject": size(Path(gp["startproject"]), ["django>=5.2,<5.3"]),
        "bare Flask app": None,
    }
    # One venv per framework with the rest_api=true project's dependencies (a superset of the default's).
    venv_d = make_venv(work / "venv-generated-django", project_requirements(d_api))
    venv_f = make_venv(work / "venv-generated-flask", project_requirements(f_api))
    versions = venv_versions(venv_d / "bin" / "python", ["Django", "gunicorn", "djangorestframework"])
    versions.update(venv_versions(venv_f / "bin" / "python", ["flask", "flask-smorest", "sqlalchemy"]))
    versions["bare Django"] = venv_versions(bench_django / "bin" / "python", ["Django"])["Django"]
    versions["bare Flask"] = venv_versions(bench_flask / "bin" / "python", ["flask"])["flask"]
    results["versions"] = versions

    defaults = [
        generated_app("django", "default", d_default, venv_d),
        generated_app("flask", "default", f_default, venv_f),
    ]
    # 2. time to first page (full run: separate runs on the default projects)
    if not quick:
        results["first_page"] = first_page(defaults, ttfp_runs)

    # 3. serving: per framework the bare app, the default project, the rest_api=true project
    bare = bare_apps(scratch, bench_django, bench_flask)
    results["size"]["bare Flask app"] = size(bare[1].path, ["flask"])
    served = [
        bare[0],
        defaults[0],
        generated_app("django", "api", d_api, venv_d),
        bare[1],
        defaults[1],
        generated_app("flask", "api", f_api, venv_f),
    ]
    results["serving"] = serving(served, seconds, wrk)
    if quick:  # --quick: the first page of the default projects, from the serving run
        results["first_page"] = {f"{a.name} (serving run)": results["serving"][a.name]["first_page"] for a in defaults}
    # In process (--quick: all and none only, not each middleware or hook)
    results["attribution"] = attribution(served, probe_n, quick)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    interpret(results)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    png = out_dir / "benchmarks" / "serving.png"
    chart(results, png, work)
    (out_dir / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out_dir / "benchmarks.md").write_text(markdown(results, quick))
    shutil.rmtree(scratch, ignore_errors=True)
    log(f"done in {results['elapsed_s']:.0f} s: {out_dir / 'benchmarks.md'}")


def _count(calls: dict[str, Any], *keys: str) -> int:
    return sum(calls.get(k, {"count": 0})["count"] for k in keys)


def _git_seconds(calls: dict[str, Any], *keys: str) -> float:
    return sum(calls.get(k, {"seconds": 0.0})["seconds"] for k in keys)


CLONING = ("clone", "worktree add", "submodule sync", "submodule update")


def findings(r: dict[str, Any]) -> list[str]:
    """What `new` and `update` spend their time on, read off this run's profile."""
    out = []
    p, gen = r["profile"], r["generation"]
    new = p["git"][0]
    sub = new["by_subcommand"]
    cloning = _count(sub, *CLONING)
    out.append(
        f"`new --defaults` (Django) started {new['git_processes']} git processes: "
        + (
            f"{cloning} to clone and check out the template ({_git_seconds(sub, *CLONING):.2f} s), "
            if cloning
            else "none to clone or check out the template, "
        )
        + f"{_count(sub, 'init', 'add', 'commit')} for `init`, `add` and `commit` "
        f"({_git_seconds(sub, 'init', 'add', 'commit'):.2f} s), "
        f"{_count(sub, 'config --get core.fileMode')} `core.fileMode` check(s) for the "
        f"{new['files_in_destination']} files rendered."
    )
    if len(p["git"]) > 1:
        u = p["git"][1]
        us = u["by_subcommand"]
        mirrors = [c for c in u["clones"] if "--mirror" in c["options"]]
        plain = [c for c in u["clones"] if "--mirror" not in c["options"]]
        parts = []
        if mirrors:
            parts.append(
                f"{len(mirrors)} `clone --mirror` of the template"
                + (
                    " into a temporary folder (so each update clones it again)"
                    if all(c["into_temporary_folder"] for c in mirrors)
                    else ""
                )
            )
        if _count(us, "worktree add"):
            parts.append(f"{_count(us, 'worktree add')} `worktree add` checkouts of template versions")
        if _count(us, "submodule sync", "submodule update"):
            parts.append(f"{_count(us, 'submodule sync', 'submodule update')} submodule commands")
        parts.append(f"{_count(us, 'config --get core.fileMode')} `core.fileMode` check(s)")
        if plain:
            options = sorted({o for c in plain for o in c["options"] if o != "--quiet"})
            parts.append(
                f"{len(plain)} clone(s) of the project to merge in a throwaway copy"
                + (f" (with {', '.join(f'`{o}`' for o in options)})" if options else "")
                + (", in memory" if all(c["into_memory"] for c in plain) else ", on disk")
                + f" (under {plain[0]['folder'].rsplit('/', 1)[0]})"
            )
        cpu = r["update"]["cpu_median_s"]
        out.append(
            f"`update --data rest_api=true` started {u['git_processes']} git processes "
            f"({sum(e['seconds'] for e in us.values()):.2f} s of git time, nested calls counted in their parents "
            f"too): " + ", ".join(parts) + f". Its median CPU time, {cpu:.2f} s, is "
            f"{'above' if cpu >= 2 else 'below'} the 2 s target."
        )
    st = gen.get("startup", {})
    if st:
        median_new = gen["new_django"]["median_s"]
        out.append(
            "Start-up alone: "
            + "; ".join(f"{label} {sec:.2f} s" for label, sec in st.items())
            + f", against {median_new:.2f} s for a whole `new`"
            + (
                " (the console script on PATH is a shell shim here, which adds its own start-up)"
                if gen.get("console_script_is_shell_shim")
                else ""
            )
            + "."
        )
    c, it = p.get("cprofile"), p.get("importtime")
    if c and it:
        kc = c["key_cumulative_s"]
        wall = gen["new_django"]["median_s"]
        render = kc["copier: render files (_render_template)"]
        git = kc["generator: git init/add/commit (init_and_commit)"]
        out.append(
            f"What remains of `new`'s {wall:.2f} s (median, Django): importing copier and what it pulls in, "
            f"{it['copier_cumulative_s']:.2f} s ({it['copier_cumulative_s'] / wall:.0%} of it; `-X importtime`); "
            f"under cProfile ({c['total_s']:.2f} s in all: it slows Python code, not git) rendering the files "
            f"{render:.2f} s ({render / c['total_s']:.0%}; compiling templates "
            f"{kc['jinja2 template compile (Environment.compile)']:.2f} s of it) and git init/add/commit "
            f"{git:.2f} s ({git / c['total_s']:.0%})."
        )
    return out


def measures(r: dict[str, Any]) -> list[str]:
    """What the generator does to be quick, one line each with its module, and this run's evidence."""
    p = r["profile"]
    new = p["git"][0]["by_subcommand"]
    upd = p["git"][1] if len(p["git"]) > 1 else None
    out = [
        "`generator/template_cache.py`: `new` renders from a plain-folder snapshot of the template commit kept "
        "in the cache (made once per template version with `git archive`), not from a clone; this run's `new` "
        f"started {_count(new, *CLONING)} clone, worktree or submodule processes.",
    ]
    line = "`generator/compile_cache.py`: compiled Jinja templates are kept in a bytecode cache in the same folder"
    c = p.get("cprofile")
    if c:
        kc = c["key_cumulative_s"]
        line += (
            f"; under cProfile, compiling took {kc['jinja2 template compile (Environment.compile)']:.2f} s of "
            f"{kc['copier: render files (_render_template)']:.2f} s of rendering"
        )
    out.append(line + ".")
    line = (
        "`generator/copier_worker.py`: git is asked about `core.fileMode` once per destination, not once per "
        f"rendered file; this run: {_count(new, 'config --get core.fileMode')} for `new` "
        f"({p['git'][0]['files_in_destination']} files)"
    )
    if upd:
        line += f", {_count(upd['by_subcommand'], 'config --get core.fileMode')} for `update`"
    out.append(line + ".")
    line = "`generator/scratch.py`: update keeps its scratch files in /dev/shm when TMPDIR is unset and it has room"
    plain = [x for x in (upd or {}).get("clones", []) if "--mirror" not in x["options"]]
    if plain:
        where = "in memory" if all(x["into_memory"] for x in plain) else "on disk"
        line += f"; this run's update made its throwaway clone {where}, under {plain[0]['folder'].rsplit('/', 1)[0]}"
    out.append(line + ".")
    return out


if __name__ == "__main__":
    main()
