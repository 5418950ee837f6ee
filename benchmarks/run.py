"""Benchmarks of flask-or-django: the generator's speed, and the generated projects measured.

    python -m benchmarks                 # full run (a few minutes), writes docs/benchmarks.md
    python -m benchmarks --quick         # fewer runs, shorter loads (about a minute)
    python -m benchmarks --out DIR       # write benchmarks.md, benchmarks/*.png and results.json under DIR

Everything runs on this machine; the only traffic is to 127.0.0.1. Virtual environments (made
with uv) and scratch projects live under --work (default .cache/benchmarks, reused between runs).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from . import common, project_size
from .apps import bare_apps, generated_app, project_requirements, render
from .common import GENERATOR, REPO, install_generator, log, machine, make_venv, settle, venv_versions
from .generation import cprofile, generation, git_calls, import_time, update_bench
from .interpret import findings, interpret
from .own_suites import own_suites
from .project_size import size
from .report import chart, markdown
from .serving import attribution, ensure_wrk, first_page, serving


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and shorter loads (about a minute)")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="where benchmarks.md and benchmarks/ go")
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "benchmarks", help="venvs and scratch")
    parser.add_argument("--seconds", type=float, help="load duration per endpoint")
    args = parser.parse_args(argv)
    quick = args.quick
    slices = 1 if quick else 3
    gen_runs = 2 if quick else 11  # short commands on a VM: a burst of jitter moves a median of 5
    upd_runs = 1 if quick else 5
    ttfp_runs = 1 if quick else 3
    seconds = args.seconds or (2.0 if quick else 12.0)
    probe_n = 1000 if quick else 2000
    started = time.perf_counter()

    work: Path = args.work.absolute()
    work.mkdir(parents=True, exist_ok=True)
    project_size.COMPILE_CACHE = work / "compiled"
    for old in work.glob("run-*"):  # left by an interrupted run (a running one is younger)
        if time.time() - old.stat().st_mtime > 3600:
            shutil.rmtree(old, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    common.FOD_CACHE = scratch / "fod-cache"  # empty: the first `new` of each framework makes its caches
    out_dir: Path = args.out.absolute()
    (out_dir / "benchmarks").mkdir(parents=True, exist_ok=True)

    results: dict[str, Any] = {"quick": quick, "machine": machine()}
    log("venvs: bench Django 5.2 and bare Flask (uv; reused between runs)")
    bench_django = make_venv(work / "venv-bare-django", ["django>=5.2,<5.3", "gunicorn"])
    bench_flask = make_venv(work / "venv-bare-flask", ["flask", "gunicorn"])
    log("venv: flask-or-django installed from this checkout (uv; reused while HEAD is the same)")
    install_generator(work)
    results["generator_command"] = GENERATOR
    wrk = ensure_wrk()
    results["load_tool"] = "wrk" if wrk else "a Python load generator (threads)"
    results["load_seconds"] = seconds
    results["probe_requests"] = probe_n

    # 1. generation
    if not quick:
        log("waiting (at most 2 minutes) for a 1-minute load average under 1 before timing")
        results["machine"]["settled"] = settle(below=1.0, limit=120)
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
    results["slices"] = slices
    results["serving"] = serving(served, seconds, wrk, slices)
    if quick:  # --quick: the first page of the default projects, from the serving run
        results["first_page"] = {f"{a.name} (serving run)": results["serving"][a.name]["first_page"] for a in defaults}
    # In process (--quick: all and none only, not each middleware or hook)
    results["attribution"] = attribution(served, probe_n, quick)
    # 5. the generated projects' own test suites (as `uv run pytest -q` runs them, in a venv of their own)
    log("own test suites of the default projects")
    results["own_suites"] = own_suites(
        {"generated Django (default)": d_default, "generated Flask (default)": f_default}, work, 1 if quick else 3
    )
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    interpret(results)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    png = out_dir / "benchmarks" / "serving.png"
    chart(results, png, work)
    (out_dir / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    (out_dir / "benchmarks.md").write_text(markdown(results, quick))
    shutil.rmtree(scratch, ignore_errors=True)
    log(f"done in {results['elapsed_s']:.0f} s: {out_dir / 'benchmarks.md'}")
