"""5. The generated projects' own test suites: how long ``pytest -q`` takes in a default project."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path
from typing import Any

from .common import clean_env, log, make_venv, median, run


def suite_requirements(project: Path) -> list[str]:
    """Runtime dependencies plus the ``dev`` group: what ``uv sync`` installs for the suite."""
    data = tomllib.loads((project / "pyproject.toml").read_text())
    dev = [r for r in data.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)]
    return [*data["project"].get("dependencies", []), *dev]


#: The ways each suite runs: everything (the browser tests too, when a Chromium is found), and without
#: ``tests/e2e``, as on a machine without a browser, where the 5 s target of the Django suite applies.
VARIANTS: dict[str, tuple[str, ...]] = {"all": (), "without_browser": ("--ignore=tests/e2e",)}
#: The target for the default Django project's suite without the browser tests, in seconds (wall time).
DJANGO_SUITE_TARGET_S = 5.0


def own_suite(name: str, project: Path, venv: Path, runs: int) -> dict[str, Any]:
    """Run the project's suite ``runs`` times in ``venv`` in each of ``VARIANTS``, the runs without the browser
    first, so that none follows a run that drove Chromium (the first run included: no cache is kept)."""
    walls: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    summaries: dict[str, str] = {}
    for variant in sorted(VARIANTS, key=lambda v: v != "without_browser"):
        for _ in range(runs):
            start = time.perf_counter()
            command = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *VARIANTS[variant]]
            result = run(command, cwd=project, env=clean_env(venv=venv))
            walls[variant].append(time.perf_counter() - start)
            summaries[variant] = result.stdout.strip().splitlines()[-1]
    found: dict[str, Any] = {}
    for variant in VARIANTS:
        counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (passed|skipped|deselected)", summaries[variant])}
        log(f"own suite of {name} ({variant}): {median(walls[variant]):.1f} s ({summaries[variant].strip('= ')})")
        found[variant] = {
            "wall_s": round(median(walls[variant]), 2),
            "runs": [round(w, 2) for w in walls[variant]],
            "summary": summaries[variant],
            **counts,
        }
    return found


def own_suites(projects: dict[str, Path], work: Path, runs: int) -> dict[str, Any]:
    """The suites of ``projects`` ({name: folder}), each in a venv with its runtime and dev dependencies."""
    results = {}
    for name, project in projects.items():
        venv = make_venv(
            work / f"venv-suite-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}", suite_requirements(project)
        )
        results[name] = own_suite(name, project, venv, runs)
    return results
