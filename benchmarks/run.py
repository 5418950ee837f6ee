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
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    env = clean_env()
    for i in range(runs):
        for name, cmd in commands.items():  # interleaved, so a busy moment hits all three alike
            d = scratch / f"{name}-{i}"
            d.mkdir()
            if name == "startproject":
                (d / "p").mkdir()
            wall, cpu = timed(cmd(d), cwd=d, env=env)
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
        startup[label] = round(median([timed(cmd, env=env)[0] for _ in range(max(3, runs))]), 3)
    result["startup"] = startup
    return result


def update_bench(work: Path, runs: int, base_project: Path) -> dict[str, Any]:
    log(f"update: {runs} runs of update --data rest_api=true on a fresh copy of a committed default project")
    scratch = Path(tempfile.mkdtemp(prefix="upd-", dir=work))
    walls, cpus = [], []
    for i in range(runs):
        dest = scratch / f"u{i}"
        shutil.copytree(base_project, dest, symlinks=True)
        wall, cpu = timed([*GENERATOR, "update", str(dest), "--data", "rest_api=true"], cwd=dest, env=clean_env())
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
    env = clean_env({"FOD_GIT_LOG": str(log_file)})
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
    for dur, args in calls:
        words = [w for w in args.split() if not w.startswith("-") and "=" not in w]
        key = " ".join(words[:1]) or args
        if args.startswith("config --type=bool --get"):
            key = "config --get core.fileMode"
        by_cmd[key] += 1
        secs[key] += dur
    return {
        "label": label,
        "wall_s": round(total, 3),
        "git_processes": len(calls),
        "by_subcommand": {k: {"count": c, "seconds": round(secs[k], 3)} for k, c in by_cmd.most_common()},
    }


def import_time(work: Path) -> dict[str, Any]:
    """python -X importtime on `new --defaults`: the slowest top-level imports."""
    scratch = Path(tempfile.mkdtemp(prefix="imp-", dir=work))
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator", "new", str(scratch / "p"), "--defaults", "--no-git"],
        capture_output=True,
        text=True,
        env=clean_env(),
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
        env=clean_env(),
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
        "copier: render files (_render_template)": cum("copier/_main.py", "_render_template"),
        "generator: git init/add/commit (init_and_commit)": cum("generator/vcs.py", "init_and_commit"),
        "jinja2 template compile (Environment.compile)": cum("jinja2/environment.py", "compile"),
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


class App:
    """A WSGI project that can be prepared (migrations, static files) and served by gunicorn."""

    def __init__(self, name: str, framework: str, path: Path, venv: Path, wsgi: str, json_path: str, home: str | None):
        self.name, self.framework, self.path, self.venv = name, framework, path, venv
        self.wsgi, self.json_path, self.home = wsgi, json_path, home
        self.generated = name.startswith("generated")

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
            root / "django",
            bench_django,
            "bare.wsgi",
            "/api/",
            None,
        ),
        App("bare Flask (1 file, 1 JSON route)", "flask", root / "flask", bench_flask, "app:app", "/api/", None),
    ]


def render(dest: Path, *data: str) -> Path:
    args = [*GENERATOR, "new", str(dest), "--defaults", "--no-git"]
    for d in data:
        args += ["--data", d]
    run(args, env=clean_env())
    return dest


# --------------------------------------------------------------------------- 2. time to first page


def first_page(apps: list[App], runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for app in apps:
        log(f"time to first page: {app.name}, {runs} run(s)")
        totals, colds, steps_all = [], [], []
        for _ in range(runs):
            app.reset()
            steps = app.prepare()
            prep_wall = sum(v for k, v in steps.items() if not k.endswith("CPU"))
            port = free_port()
            proc = app.serve(port)
            try:
                cold = wait_for_200(f"http://127.0.0.1:{port}{app.home or app.json_path}", proc)
            finally:
                stop(proc)
            totals.append(prep_wall + cold)
            colds.append(cold)
            steps_all.append(steps)
        step_medians = {k: round(median([s[k] for s in steps_all]), 3) for k in steps_all[0]}
        out[app.name] = {
            "runs": runs,
            "total_median_s": round(median(totals), 3),
            "server_start_to_200_median_s": round(median(colds), 3),
            "steps_median_s": step_medians,
            "all_s": [round(x, 3) for x in totals],
        }
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
        app.reset()
        start = time.perf_counter()
        steps = app.prepare()
        port = free_port()
        proc = app.serve(port)
        entry: dict[str, Any] = {}
        try:
            entry["cold_start_s"] = round(wait_for_200(f"http://127.0.0.1:{port}{app.home or app.json_path}", proc), 3)
            entry["first_page"] = {
                "runs": 1,
                "total_median_s": round(time.perf_counter() - start, 3),
                "server_start_to_200_median_s": entry["cold_start_s"],
                "steps_median_s": {k: round(v, 3) for k, v in steps.items()},
                "all_s": [round(time.perf_counter() - start, 3)],
            }
            endpoints = {"json": app.json_path}
            if app.home:
                endpoints["home"] = app.home
            for label, path in endpoints.items():
                url = f"http://127.0.0.1:{port}{path}"
                status = http_status(url)
                if status != 200:
                    raise RuntimeError(f"{app.name}: {url} answered {status}")
                load = (lambda u, s: load_wrk(wrk, u, s)) if wrk else load_python
                load(url, min(1.0, seconds / 3))  # warm-up: every worker has served the path
                # Slices, the best kept (by req/s): on a shared machine other work only ever slows a slice down.
                slices = [load(url, seconds / SLICES) for _ in range(SLICES)]
                best = max(slices, key=lambda x: x["rps"])
                entry[label] = {
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
        log(f"in-process cost: {app.name}")
        target = f"{SLUG}.settings" if app.framework == "django" else f"{SLUG}:create_app()"
        if not app.generated:
            target = "bare.settings" if app.framework == "django" else "app:app"
        res = run(
            [app.python(), str(HERE / "probe.py"), app.framework, target, app.json_path, str(n), str(int(quick))],
            cwd=app.path,
            env=app.env,
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
    """Total import time and the packages that cost most (self time summed over each package's modules)."""
    by_package: dict[str, int] = {}
    total = 0
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        own, cumulative, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        if indent == 1:
            total += cumulative
        package = name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + own
    top = sorted(by_package.items(), key=lambda kv: -kv[1])[:8]
    return {"total_s": round(total / 1e6, 3), "top_packages_s": {k: round(v / 1e6, 3) for k, v in top}}


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
        f"{', '.join(map(str, m.get('load_average_at_end', [])))}. On a 2-core machine a load above 2 means other "
        "work was running at the same time (here: other test suites): wall times and req/s are then slower and "
        "noisier than on an idle machine. The CPU-time columns and the in-process table (fastest of 7 interleaved "
        "rounds) are "
        "much less sensitive to that; read them first when the load is high."
    )
    L.append("")
    L.append("## 1. Generating a project")
    L.append("")
    L.append(
        f"Median of {g['runs']} runs each, interleaved, same machine, same run. `new` includes `git init` and the "
        "first commit (no `--no-git`); `startproject` is `django-admin startproject` from a venv with "
        f"Django {v.get('Django', '?')}. Every command is started directly (`python -m generator`, "
        "`venv/bin/django-admin`), not through a shell shim."
    )
    L.append("")
    L.append("| command | median wall (s) | min (s) | median CPU (s) | ratio to startproject (wall) | ratio (CPU) |")
    L.append("|---|---|---|---|---|---|")
    names = {
        "new_django": "`flask-or-django new DEST --defaults` (Django)",
        "new_flask": "`flask-or-django new DEST --defaults --data framework=flask`",
        "startproject": "`django-admin startproject`",
    }
    for key, label in names.items():
        e = g[key]
        L.append(
            f"| {label} | {fmt(e['median_s'])} | {fmt(e['min_s'])} | {fmt(e['cpu_median_s'])} | "
            f"{fmt(e.get('ratio_to_startproject', 1.0))} | {fmt(e.get('cpu_ratio_to_startproject', 1.0))} |"
        )
    L.append(
        f"| `flask-or-django update --data rest_api=true` (fresh copy of a committed default project, "
        f"{u['runs']} runs) | {fmt(u['median_s'])} | {fmt(u['min_s'])} | {fmt(u['cpu_median_s'])} | | |"
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
                f"- `python -X importtime`: {it['total_s']:.2f} s of imports; heaviest top-level packages: "
                + ", ".join(f"{k} {val:.2f} s" for k, val in list(it["top_packages_s"].items())[:6])
                + "."
            )
        L.append("")
        for line in r.get("findings", []):
            L.append(f"- {line}")
        L.append("")
    L.append("## 2. Time to first page")
    L.append("")
    if quick:
        L.append(
            "--quick: taken from the serving run below (the rest_api=true projects, one run each), "
            "not from separate runs on the default projects."
        )
        L.append("")
    L.append(
        "A default project rendered with `--no-git`, its dependencies already installed in a venv made with uv; "
        "production settings (below). Timed from the first migration command until `/` answers HTTP 200 from "
        f"gunicorn ({WORKERS} sync workers). Django in production needs `collectstatic` before its pages render "
        "(WhiteNoise's manifest storage), so it is counted."
    )
    L.append("")
    L.append(
        "| project | runs | total median (s) | steps (median s) | gunicorn start to first 200 (s) | target < 3 s |"
    )
    L.append("|---|---|---|---|---|---|")
    for name, e in r["first_page"].items():
        steps = ", ".join(
            f"{k} {val:.2f}"
            + (f" (CPU {e['steps_median_s'][k + ' CPU']:.2f})" if k + " CPU" in e["steps_median_s"] else "")
            for k, val in e["steps_median_s"].items()
            if not k.endswith("CPU")
        )
        L.append(
            f"| {name} | {e['runs']} | {fmt(e['total_median_s'])} | {steps} | {fmt(e['server_start_to_200_median_s'])} "
            f"| {'met' if e['total_median_s'] < 3 else 'not met'} |"
        )
    L.append("")
    L.append("## 3. Serving")
    L.append("")
    L.append(
        f"gunicorn, {WORKERS} sync workers for every app; load from {r['load_tool']} in a second process on "
        f"127.0.0.1 with {CONNECTIONS} connections for {r['load_seconds']:.0f} s per endpoint after a short warm-up, "
        f"in {SLICES} slice(s); the table shows the slice with the most req/s (other work on a shared machine only "
        "ever slows a slice down; every slice is in results.json). Load generator and server share the machine's "
        "2 cores. The default projects have no JSON endpoint, so the "
        "served projects are the defaults with **`rest_api=true`**, and the JSON endpoint is the API's example "
        "list `/api/items/` (an empty table, paginated: the page's count and select queries). The home "
        "page is `/` (HTML, rendered from templates). Settings: Django `DJANGO_ENV=production`, `SECRET_KEY`, "
        "`ALLOWED_HOSTS=127.0.0.1,localhost`, `SECURE_SSL_REDIRECT=off`; Flask `APP_ENV=production`, "
        "`SECRET_KEY`; SQLite. The bare apps run with `DEBUG=False`."
    )
    L.append("")
    L.append("| app | endpoint | req/s | p50 (ms) | p99 (ms) | non-2xx | worker RSS (MiB) | cold start (s) |")
    L.append("|---|---|---|---|---|---|---|---|")
    for name, e in r["serving"].items():
        rss = ", ".join(map(str, e.get("worker_rss_mib", [])))
        for label in ("json", "home"):
            if label in e:
                x = e[label]
                L.append(
                    f"| {name} | `{x['path']}` | {x['rps']:.0f} | {x['p50_ms']:.1f} | {x['p99_ms']:.1f} | "
                    f"{x['non_2xx']} | {rss} | {e['cold_start_s']:.2f} |"
                )
    L.append("")
    L.append("![Requests per second and latency, generated projects vs bare apps](benchmarks/serving.png)")
    L.append("")
    for line in r.get("serving_ratios", []):
        L.append(f"- {line}")
    L.append("")
    if r.get("attribution"):
        L.append("### What the generated JSON endpoint costs, measured in one process")
        L.append("")
        L.append(
            "`benchmarks/probe.py` calls each app's WSGI callable directly (no server, no socket) "
            f"{r['probe_requests']} times per variant, in the project's own venv with the same settings; a trivial "
            "JSON view is added only in that process. Microseconds per request (lower is better); a part's cost is "
            "the difference to the row it was taken from."
        )
        L.append("")
        L.append("| app | variant | µs/request | status |")
        L.append("|---|---|---|---|")
        for name, variants in r["attribution"].items():
            for variant, x in variants.items():
                if "us" in x:
                    L.append(f"| {name} | {variant} | {x['us']:.0f} | {x['status']} |")
        L.append("")
        L.append(
            "Where the JSON endpoint's time goes (cProfile of the same calls, own time summed by package, "
            "µs/request; profiling inflates every figure, compare them with each other):"
        )
        L.append("")
        L.append("| app | top packages by own time |")
        L.append("|---|---|")
        for name, variants in r["attribution"].items():
            for variant, x in variants.items():
                if variant.startswith("profile by package"):
                    L.append(f"| {name} | " + ", ".join(f"{k} {val:.0f}" for k, val in x.items()) + " |")
        L.append("")
        L.append(
            "What a gunicorn worker imports to build the app (`python -X importtime`: the total, and the packages "
            "whose modules took most, own time in seconds; this is most of the cold start):"
        )
        L.append("")
        L.append("| app | total import (s) | heaviest |")
        L.append("|---|---|---|")
        for name, variants in r["attribution"].items():
            imp = variants.get("import")
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


def interpret(r: dict[str, Any]) -> None:
    """Derived lines: ratios to the bare apps, and the summary."""
    s = r["serving"]
    names = list(s)
    bare_d = next(n for n in names if n.startswith("bare Django"))
    bare_f = next(n for n in names if n.startswith("bare Flask"))
    gen_d = next(n for n in names if n.startswith("generated Django"))
    gen_f = next(n for n in names if n.startswith("generated Flask"))
    lines = []
    ratios = {}
    for gen, bare in ((gen_d, bare_d), (gen_f, bare_f)):
        ratio = s[gen]["json"]["rps"] / s[bare]["json"]["rps"]
        ratios[gen] = ratio
        lines.append(
            f"{gen}: JSON endpoint at {ratio:.2f} of the bare app's throughput "
            f"(target >= 0.85: **{'met' if ratio >= 0.85 else 'not met'}**)."
        )
    r["serving_ratios"] = lines
    r["json_ratio_to_bare"] = {k: round(v, 3) for k, v in ratios.items()}
    dj, fl = s[gen_d], s[gen_f]
    rss = {n: median(e.get("worker_rss_mib", [0]) or [0]) for n, e in s.items()}
    size = r["size"]
    sd, sf = size["generated Django (default)"], size["generated Flask (default)"]
    bd, bf = size["django-admin startproject"], size["bare Flask app"]

    att = r.get("attribution", {})

    def us(app: str, prefix: str) -> float | None:
        return next((v["us"] for k, v in att.get(app, {}).items() if k.startswith(prefix) and "us" in v), None)

    core_d, mw_d = us(bare_d, "trivial JSON view, no middleware"), us(bare_d, "endpoint, all middleware")
    core_f = us(bare_f, "endpoint, all hooks")
    ep_d, ep_f = us(gen_d, "endpoint, all"), us(gen_f, "endpoint, all")
    inproc_line = ""
    if None not in (core_d, mw_d, core_f, ep_d, ep_f):
        inproc_line = (
            f"Measured in one process (steadier): a JSON answer costs {core_d:.0f} µs in Django without "
            f"middleware, {mw_d:.0f} µs with startproject's default middleware, and {core_f:.0f} µs in Flask; "
            f"the generated API list costs {ep_d:.0f} µs (Django) and {ep_f:.0f} µs (Flask). So yes, Django's "
            "default stack adds tens of microseconds per request over Flask; the generated endpoints cost ten "
            "times more than either framework, in both."
        )
        for gen, bare_us, ep in ((gen_d, mw_d, ep_d), (gen_f, core_f, ep_f)):
            ratio = bare_us / ep  # throughput ratio = inverse cost ratio
            verdict = "met" if ratio >= 0.85 else "not met"
            lines.append(
                f"{gen}, in process: the JSON endpoint's throughput is {ratio:.2f} of the bare app's "
                f"({ep:.0f} vs {bare_us:.0f} µs per request; target >= 0.85: **{verdict}**)."
            )
    faster_bare = "Django" if s[bare_d]["json"]["rps"] > s[bare_f]["json"]["rps"] else "Flask"
    faster_home = "Django" if dj["home"]["rps"] > fl["home"]["rps"] else "Flask"
    summary = [
        f'**"Flask is lighter"** holds for the bare frameworks: a one-file Flask app ({bf["loc"]["python"]} lines) '
        f"against startproject's {bd['files']} files ({bd['loc']['python']} lines), and a worker of "
        f"{rss[bare_f]:.0f} MiB against {rss[bare_d]:.0f} MiB (Flask resolves to {bf['resolved_dependencies']} "
        f"small packages, Django to {bd['resolved_dependencies']}). It does not hold for the generated projects, "
        f"which do the same jobs (accounts, admin, the example CRUD app): the Flask one has "
        f"{sf['loc']['python']} lines of Python against Django's {sd['loc']['python']}, "
        f"{sf['direct_dependencies']} direct and {sf['resolved_dependencies']} resolved dependencies against "
        f"{sd['direct_dependencies']} and {sd['resolved_dependencies']}, and a worker of {rss[gen_f]:.0f} MiB "
        f"against {rss[gen_d]:.0f} MiB (rest_api=true). What Django ships inside itself, Flask gets from "
        "extensions and from code the project then owns.",
        f'**"Django adds overhead"**: under gunicorn and wrk, on a bare JSON answer {faster_bare} was faster in '
        f"this run ({s[bare_d]['json']['rps']:.0f} vs {s[bare_f]['json']['rps']:.0f} req/s, Django vs Flask); "
        f"with what the generated projects wire in, the API list served {dj['json']['rps']:.0f} (Django) vs "
        f"{fl['json']['rps']:.0f} (Flask) req/s and the home page {dj['home']['rps']:.0f} vs "
        f"{fl['home']['rps']:.0f} req/s ({faster_home} ahead). "
        + inproc_line
        + " The overhead that shows is the project's (API framework, ORM queries, sessions, templates) more "
        "than the framework's.",
        f"**Cold start** (gunicorn until the first 200): bare Flask {s[bare_f]['cold_start_s']:.1f} s, bare Django "
        f"{s[bare_d]['cold_start_s']:.1f} s, generated Flask {fl['cold_start_s']:.1f} s, generated Django "
        f"{dj['cold_start_s']:.1f} s: imports dominate (see the import table).",
        "**Gearheart 2017 calls the comparison useless**, and these numbers agree for the purpose of choosing: "
        "the frameworks' own per-request cost is a fraction of a millisecond either way, smaller than one "
        "database query or one template render of the project's own. Choose by the questions the generator "
        "asks (team, admin, API, conventions), not by requests per second.",
    ]
    af: list[str] = []
    for name, variants in att.items():
        if not name.startswith("generated"):
            continue
        ep = next((v for k, v in variants.items() if k.startswith("endpoint, all")), None)
        triv = next((v for k, v in variants.items() if k.startswith("trivial JSON view, all")), None)
        nomw = next((v for k, v in variants.items() if k.startswith("trivial JSON view, no ")), None)
        if ep and triv and nomw:
            af.append(
                f"{name}: the API list endpoint costs {ep['us']:.0f} µs per request in process; a trivial JSON view "
                f"in the same app {triv['us']:.0f} µs, and {nomw['us']:.0f} µs without any middleware or hooks. "
                f"So about {ep['us'] - triv['us']:.0f} µs is the endpoint itself (the API framework, serialization, "
                f"pagination and its queries) and {triv['us'] - nomw['us']:.0f} µs the middleware or hooks."
            )
    r["attribution_findings"] = af
    r["summary"] = summary


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
    probe_n = 250 if quick else 2000
    started = time.perf_counter()

    work: Path = args.work.absolute()
    work.mkdir(parents=True, exist_ok=True)
    global COMPILE_CACHE
    COMPILE_CACHE = work / "compiled"
    for old in work.glob("run-*"):  # left by an interrupted run (a running one is younger)
        if time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=work))
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
    if not quick:
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

    # 2. time to first page (full run: separate runs on the default projects)
    if not quick:
        results["first_page"] = first_page(
            [
                App("generated Django (default)", "django", d_default, venv_d, f"{SLUG}.wsgi", "/", "/"),
                App("generated Flask (default)", "flask", f_default, venv_f, f"{SLUG}:create_app()", "/", "/"),
            ],
            ttfp_runs,
        )

    # 3. serving
    bare = bare_apps(scratch, bench_django, bench_flask)
    results["size"]["bare Flask app"] = size(bare[1].path, ["flask"])
    served = [
        bare[0],
        App("generated Django (rest_api=true)", "django", d_api, venv_d, f"{SLUG}.wsgi", "/api/items/", "/"),
        bare[1],
        App("generated Flask (rest_api=true)", "flask", f_api, venv_f, f"{SLUG}:create_app()", "/api/items/", "/"),
    ]
    results["serving"] = serving(served, seconds, wrk)
    if quick:  # --quick: the first page of the served projects, from the serving run
        results["first_page"] = {
            f"{name} (serving run)": e["first_page"] for name, e in results["serving"].items() if "first_page" in e
        }
    if not quick:  # the in-process breakdown is for the full run
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


def findings(r: dict[str, Any]) -> list[str]:
    """What the generator does needlessly, read off the profile."""
    out = []
    p = r["profile"]
    g = p["git"][0]
    sub = g["by_subcommand"]
    fm = sub.get("config --get core.fileMode", {"count": 0, "seconds": 0.0})
    if fm["count"]:
        out.append(
            f"copier asks `git config --get core.fileMode` once per rendered file: {fm['count']} processes, "
            f"{fm['seconds']:.2f} s of the run, for a value that cannot change during it."
        )
    clone = sum(sub.get(k, {"seconds": 0.0})["seconds"] for k in ("clone", "worktree", "submodule", "checkout"))
    if "clone" in sub:
        out.append(
            f"Because the generator passes `vcs_ref=HEAD` for a checkout (to record a version for `update`), copier "
            f"clones the whole template repository (`clone --mirror`, `worktree add`, `submodule sync/update`, "
            f"`describe`) before rendering, {clone:.2f} s of git time; rendering from the folder itself needs none "
            "of it (only the recorded commit id is needed, which one `git rev-parse HEAD` gives)."
        )
    if len(p["git"]) > 1:
        u = p["git"][1]["by_subcommand"]

        def n(k: str) -> int:
            return u.get(k, {"count": 0})["count"]

        secs = sum(e["seconds"] for e in u.values())
        out.append(
            f"`update` starts {p['git'][1]['git_processes']} git processes ({secs:.2f} s of git time, nested calls "
            f"counted in their parents too): copier renders both the old and the new template version, each "
            f"checked out with `worktree add` from a template mirror cloned afresh into a temporary cache on every "
            f"run ({n('clone')} clones, {n('worktree')} worktree commands, {n('submodule')} submodule commands), and "
            f"asks `core.fileMode` {n('config --get core.fileMode')} times; the generator first clones the whole "
            "project with `--no-hardlinks` to merge in a throwaway copy. Its CPU time alone "
            f"({r['update']['cpu_median_s']:.2f} s) is above the 2 s target."
        )
    gen = r["generation"]
    st = gen.get("startup", {})
    if len(st) == 2:
        a, b = list(st.values())
        out.append(
            f"Start-up is not the problem: `python -m generator --version` takes {a:.2f} s and the "
            f"`flask-or-django` console script found on PATH {b:.2f} s (on a machine with pyenv that is a shell "
            "shim, which can add a few tenths of a second of its own)."
        )
    c = p.get("cprofile")
    if c:
        kc = c["key_cumulative_s"]
        out.append(
            f"Of {c['total_s']:.2f} s under cProfile (which slows Python code, not git), "
            f"{c['waiting_on_subprocesses_s']:.2f} s is waiting for git; most of the rest is copier rendering "
            f"({kc['copier: render files (_render_template)']:.2f} s, of which Jinja compiling each file's template "
            f"{kc['jinja2 template compile (Environment.compile)']:.2f} s) and imports: copier compiles every "
            "template file afresh on every run, with no bytecode cache."
        )
    return out


if __name__ == "__main__":
    main()
