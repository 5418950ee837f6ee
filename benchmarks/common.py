"""What every benchmark step shares: paths, subprocesses, timing, venvs, servers' processes, the machine."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
# The generator under test: its console script in a venv of its own (see install_generator), as a user
# runs it after `pip install .`; until that is made, this checkout's module with this interpreter.
GENERATOR = [sys.executable, "-m", "generator"]
GENERATOR_PYTHON = [sys.executable]
SLUG = "my_project"  # the default project_slug ("My Project")
WORKERS = 2
CONNECTIONS = 8
FOD_CACHE: Path | None = None  # the generator's cache folders for this run (empty at its start)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def scratch_folder(work: Path, prefix: str) -> Path:
    """A new folder to render projects in: under ``work``, unless that is inside a git repository (as
    ``.cache/benchmarks`` in a checkout is), then in the system's temporary folder. A user's new project is
    usually outside any repository; inside one, copier asks git about the destination once per file."""
    inside_a_repository = any((folder / ".git").exists() for folder in (work.absolute(), *work.absolute().parents))
    base = Path(tempfile.gettempdir()) / "flask-or-django-benchmarks" if inside_a_repository else work
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


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


def make_venv(path: Path, requirements: list[str], version: str = "") -> Path:
    """A venv at ``path`` with ``requirements``; reused when it already has exactly them (and the same
    ``version``, for a requirement whose source changes under the same name)."""
    stamp = path / "fod-requirements.txt"
    wanted = "\n".join(["# compiled to bytecode", *([f"# {version}"] if version else []), *sorted(requirements)])
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
            # a local source (the stamp's version) is built afresh, not taken from uv's cache
            *(["--reinstall"] if version else []),
            "--python",
            str(path / "bin" / "python"),
            *requirements,
        ]
    )
    stamp.write_text(wanted)
    return path


def install_generator(work: Path) -> Path:
    """Install flask-or-django from this checkout into ``work / "venv-generator"`` (a wheel built by uv,
    which packs the template's git history as ``pip install .`` does) and make GENERATOR its console
    script. Reused while the checkout's commit and uncommitted changes are the same (the wheel takes the
    package's code from the working tree, the template from the last commit)."""
    head = run(["git", "rev-parse", "HEAD"], cwd=REPO).stdout.strip()
    diff = run(["git", "diff", "HEAD", "--", "generator", "pyproject.toml"], cwd=REPO).stdout
    changes = hashlib.sha256(diff.encode()).hexdigest()[:12]
    venv = make_venv(work / "venv-generator", [str(REPO)], version=f"{head} {changes}")
    GENERATOR[:] = [str(venv / "bin" / "flask-or-django")]
    GENERATOR_PYTHON[:] = [str(venv / "bin" / "python")]
    return venv


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


def settle(below: float, limit: float) -> dict[str, Any]:
    """Wait, at most ``limit`` seconds, until the 1-minute load average is under ``below``: short commands
    timed right after heavy work (installs, a test run) are slowed by it. Returns how long it waited and
    the load average then."""
    start = time.perf_counter()
    while os.getloadavg()[0] >= below and time.perf_counter() - start < limit:
        time.sleep(2)
    return {"waited_s": round(time.perf_counter() - start, 1), "load_average": round(os.getloadavg()[0], 2)}


def venv_versions(python: Path, modules: list[str]) -> dict[str, str]:
    code = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    return json.loads(run([str(python), "-c", code, *modules]).stdout)


def parse_importtime(stderr: str) -> dict[str, Any]:
    """Total import time, the packages that cost most (self time summed over each package's modules),
    and what importing copier costs with everything it pulls in that was not imported before it, and
    of that its prompt library (questionary, with prompt_toolkit), which it imports even when it asks nothing."""
    by_package: dict[str, int] = {}
    total = 0
    copier = prompts = 0
    for line in stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        own, cumulative, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        if indent == 1:
            total += cumulative
        if name == "copier":
            copier = cumulative
        elif name == "questionary":
            prompts = cumulative
        package = name.split(".")[0]
        by_package[package] = by_package.get(package, 0) + own
    top = sorted(by_package.items(), key=lambda kv: -kv[1])[:8]
    return {
        "total_s": round(total / 1e6, 3),
        "top_packages_s": {k: round(v / 1e6, 3) for k, v in top},
        "copier_cumulative_s": round(copier / 1e6, 3),
        "prompts_cumulative_s": round(prompts / 1e6, 3),
    }
