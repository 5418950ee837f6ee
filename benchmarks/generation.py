"""1. Generating a project: `new` and `update` timed against `django-admin startproject`, and profiled."""

from __future__ import annotations

import contextlib
import os
import pstats
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from .common import (
    GENERATOR,
    GENERATOR_PYTHON,
    SLUG,
    clean_env,
    gen_env,
    log,
    median,
    parse_importtime,
    run,
    scratch_folder,
    timed,
)


def generation(work: Path, runs: int, bench_django: Path, startup_check: bool = True) -> dict[str, Any]:
    log(f"generation: {runs} runs each of new (Django), new (Flask), django-admin startproject")
    scratch = scratch_folder(work, "gen-")
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
    # Start-up of the command alone, against Python's own.
    startup: dict[str, float] = {}
    if startup_check:
        for label, cmd in (
            ("flask-or-django --version", [*GENERATOR, "--version"]),
            ("python -c pass (the interpreter alone)", [*GENERATOR_PYTHON, "-c", "pass"]),
        ):
            startup[label] = round(median([timed(cmd, env=envs["new_django"])[0] for _ in range(max(3, runs))]), 3)
    result["startup"] = startup
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
    scratch = scratch_folder(work, "git-")
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
            options = [w for w in args.split() if w.startswith("--") and w != "--"]
            clones.append(
                {
                    # what is cloned: copier's mirror of the template, the template's git bundle (a wheel
                    # install), or the project (update merges in a throwaway clone of it)
                    "of": "template mirror"
                    if "--mirror" in options
                    else "template bundle"
                    if words[-2].endswith(".bundle")
                    else "project",
                    "options": options,
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
    scratch = scratch_folder(work, "imp-")
    res = subprocess.run(
        [*GENERATOR_PYTHON, "-X", "importtime", "-m", "generator", "new", str(scratch / "p"), "--defaults", "--no-git"],
        capture_output=True,
        text=True,
        env=gen_env(),
        cwd=scratch,
    )
    return parse_importtime(res.stderr)


def cprofile(work: Path) -> dict[str, Any]:
    """cProfile of `new --defaults` (with git): where the wall time goes."""
    scratch = scratch_folder(work, "prof-")
    out = scratch / "new.prof"
    run(
        [
            *GENERATOR_PYTHON,
            "-m",
            "cProfile",
            "-o",
            str(out),
            "-m",
            "generator",
            "new",
            str(scratch / "p"),
            "--defaults",
        ],
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
