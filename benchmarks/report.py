"""docs/benchmarks.md and its chart, written from the results."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from .common import CONNECTIONS, HERE, SLUG, WORKERS, make_venv, run
from .interpret import AUTH, measures, removals
from .own_suites import DJANGO_SUITE_TARGET_S


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


def _bullets(lines: list[str]) -> list[str]:
    """A Markdown list of ``lines``, then a blank line."""
    return [f"- {line}" for line in lines] + [""]


def fastest_ratio(g: dict[str, Any]) -> float:
    """The worse of the two `new` commands' fastest run, against startproject's fastest."""
    return max(g[k]["min_s"] for k in ("new_django", "new_flask")) / g["startproject"]["min_s"]


def fmt(x: Any, digits: int = 2) -> str:
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def markdown(r: dict[str, Any], quick: bool) -> str:
    """docs/benchmarks.md from the results of a run."""
    sections = (_header, _machine, _generation, _first_page, _serving, _size, _own_suites, _summary)
    return "\n".join(line for section in sections for line in section(r, quick))


def _header(r: dict[str, Any], quick: bool) -> list[str]:
    """The title and how to reproduce the run."""
    m = r["machine"]
    L: list[str] = []
    L.append("# Benchmarks")
    L.append("")
    L.append(
        "Written by `python -m benchmarks`"
        + (" **--quick** (few runs, short loads: numbers are rough)" if quick else "")
        + f" on {m['date_utc']}. Reproduce from a checkout with the generator installed "
        '(`python3 -m pip install -e ".[test]"`): `python -m benchmarks` (full, a few minutes) or '
        "`python -m benchmarks --quick` (about a minute). The script makes its virtual environments with uv "
        "under `.cache/benchmarks/` (the generator's own, the bare apps', the generated projects'), installs wrk "
        "with apt-get when it is missing (else uses a Python load generator) and sends traffic only to 127.0.0.1."
    )
    L.append("")
    return L


def _machine(r: dict[str, Any], quick: bool) -> list[str]:
    """The machine, the versions and the load while the run went on."""
    m = r["machine"]
    L: list[str] = []
    L.append("## Machine")
    L.append("")
    v = r["versions"]
    L.append(
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_mib']} MiB; {m['os']}\n"
        f"- Python {m['python']}, {m['git']}; Django {v.get('Django', '?')}, Flask {v.get('flask', '?')}, "
        f"gunicorn {v.get('gunicorn', '?')}, DRF {v.get('djangorestframework', '?')}, "
        f"flask-smorest {v.get('flask-smorest', '?')}; load generator: {r['load_tool']}\n"
        f"- Load average when the run started: {', '.join(map(str, m['load_average_at_start']))}"
        + (
            f"; the timings began after waiting {m['settled']['waited_s']:.0f} s (at most 120) for the 1-minute "
            f"load average to fall under 1 (it was then {m['settled']['load_average']})"
            if m.get("settled")
            else ""
        )
        + "; at the end: "
        f"{', '.join(map(str, m.get('load_average_at_end', [])))}. On a {m['cores']}-core machine a load above "
        f"{m['cores']} means other work was running at the same time: wall times and req/s are then slower and "
        "noisier than on an idle machine. The CPU-time columns and the in-process table (fastest of 7 interleaved "
        "rounds) are less sensitive to that; read them first when the load is high. Neither is immune to the "
        "virtual machine's own slow spells, which slow a short command's CPU time as much as its wall time: "
        "that is why every command runs many times, interleaved with the ones it is compared with."
    )
    L.append("")
    return L


def _generation(r: dict[str, Any], quick: bool) -> list[str]:
    """1. Generating a project: the timing table, the targets and where the time goes."""
    g = r["generation"]
    u = r["update"]
    v = r["versions"]
    L: list[str] = []
    L.append("## 1. Generating a project")
    L.append("")
    L.append(
        f"Median of {g['runs']} runs each, interleaved, same machine, same run, after one untimed warm-up run of "
        "each command. `new` includes `git init` and the first commit (no `--no-git`); `startproject` is "
        f"`django-admin startproject` from a venv with Django {v.get('Django', '?')}. Both tools are installed the "
        "way a user installs them, each in a venv of its own (flask-or-django from this checkout's commit, built "
        "into a wheel by uv as `pip install .` builds it), and both run through their venv's console script "
        "(`venv/bin/flask-or-django`, `venv/bin/django-admin`), not through a shell shim. The generator keeps "
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
        f"(worst {ratio:.1f}x; the ratio of the fastest runs, which bursts of other work on the machine "
        f"touch least: {fastest_ratio(g):.1f}x); update under 2 s: **{'met' if u['median_s'] < 2 else 'not met'}** "
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
        L += _bullets(measures(r))
        L.append("What it spends its time on:")
        L.append("")
        L += _bullets(r.get("findings", []))
    return L


def _first_page(r: dict[str, Any], quick: bool) -> list[str]:
    """2. Time to first page."""
    L: list[str] = []
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
    return L


def _serving(r: dict[str, Any], quick: bool) -> list[str]:
    """3. Serving: the load table, the chart, the ratios and the in-process costs."""
    m = r["machine"]
    L: list[str] = []
    L.append("## 3. Serving")
    L.append("")
    L.append(
        f"gunicorn, {WORKERS} sync workers for every app; load from {r['load_tool']} in a second process on "
        f"127.0.0.1 with {CONNECTIONS} connections for {r['load_seconds']:.0f} s per endpoint after a short warm-up, "
        f"in {r['slices']} slice(s); the table shows the slice with the most req/s (other work on a shared machine "
        "only ever slows a slice down; every slice is in results.json). Load generator and server share the machine's "
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
    L += _bullets(r.get("serving_ratios", []))
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
        L += _bullets(r.get("attribution_findings", []))
    return L


def _size(r: dict[str, Any], quick: bool) -> list[str]:
    """4. Size of each project."""
    L: list[str] = []
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
    return L


def _own_suites(r: dict[str, Any], quick: bool) -> list[str]:
    """5. The generated projects' own test suites."""
    suites = r.get("own_suites")
    if not suites:
        return []
    L: list[str] = []
    L.append("## 5. The generated projects' own test suites")
    L.append("")
    first = next(iter(suites.values()))
    L.append(
        "`python -m pytest -q` in the default projects, in a venv with their runtime and dev dependencies "
        f"(what `uv sync` installs), median of {len(first['all']['runs'])} run(s) each way, the runs without the "
        "browser first: "
        "all of the suite (the browser tests in `tests/e2e` drive Chromium when one is found, as here), and "
        "without `tests/e2e` (what a machine without a browser runs: they are skipped there)."
    )
    L.append("")
    L.append("| project | tests | wall time (s) | passed | skipped | runs (s) |")
    L.append("|---|---|---|---|---|---|")
    for name, by_variant in suites.items():
        for variant, label in (("all", "all"), ("without_browser", "without tests/e2e")):
            s = by_variant[variant]
            runs = ", ".join(fmt(w, 1) for w in s["runs"])
            L.append(
                f"| {name} | {label} | {fmt(s['wall_s'], 1)} | {s.get('passed', 0)} | {s.get('skipped', 0)} | {runs} |"
            )
    L.append("")
    django = suites.get("generated Django (default)")
    if django:
        wall = django["without_browser"]["wall_s"]
        verdict = "met" if wall <= DJANGO_SUITE_TARGET_S else "not met"
        L.append(
            f"Target: the default Django project's suite without the browser tests in at most "
            f"{DJANGO_SUITE_TARGET_S:g} s: **{verdict}** ({fmt(wall, 1)} s; "
            f"with them, {fmt(django['all']['wall_s'], 1)} s, "
            "most of the difference being Chromium's start and the two browser journeys)."
        )
        L.append("")
    return L


def _summary(r: dict[str, Any], quick: bool) -> list[str]:
    """What the numbers say, and where the raw results are."""
    L: list[str] = []
    L.append("## What the numbers say")
    L.append("")
    L += _bullets(r.get("summary", []))
    L.append("Raw results: [benchmarks/results.json](benchmarks/results.json).")
    L.append("")
    return L
