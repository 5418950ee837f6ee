"""The benchmark script runs end to end (--quick) and writes plausible tables, chart and JSON.

No timing is asserted: only that every number was measured and is of a sane kind.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _positive(x: float) -> bool:
    return isinstance(x, int | float) and not math.isnan(x) and x > 0


@pytest.mark.slow
def test_quick_benchmark_writes_tables_chart_and_json(tmp_path: Path) -> None:
    if shutil.which("uv") is None:
        pytest.skip("uv is needed to make the benchmark's venvs")
    out = tmp_path / "docs"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]

    md = (out / "benchmarks.md").read_text()
    for heading in (
        "## Machine",
        "## 1. Generating a project",
        "## 2. Time to first page",
        "## 3. Serving",
        "## 4. Size",
        "## 5. The generated projects' own test suites",
    ):
        assert heading in md
    assert "| `django-admin startproject` |" in md
    assert "![" in md and "benchmarks/serving.png" in md
    assert "nan" not in md.lower().replace("nano", "")

    png = out / "benchmarks" / "serving.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000

    r = json.loads((out / "benchmarks" / "results.json").read_text())
    assert r["quick"] is True
    assert r["machine"]["cores"] >= 1
    g = r["generation"]
    for key in ("new_django", "new_flask", "startproject"):
        assert len(g[key]["all_s"]) == g["runs"] >= 2
        assert all(_positive(x) for x in g[key]["all_s"]), key
        assert min(g[key]["all_s"]) <= g[key]["median_s"] <= max(g[key]["all_s"]), key
    ratio = g["new_django"]["ratio_to_startproject"]
    assert math.isclose(ratio, g["new_django"]["median_s"] / g["startproject"]["median_s"], abs_tol=0.006), ratio
    assert _positive(r["update"]["median_s"])
    assert r["profile"]["git"][0]["git_processes"] >= 3  # at least init, add, commit
    imports = r["profile"]["importtime"]
    assert 0 < imports["prompts_cumulative_s"] < imports["copier_cumulative_s"] < imports["total_s"]
    # The generator ran as a user runs it: its console script, installed from this checkout into a venv of its own.
    assert Path(r["generator_command"][0]).parts[-3:] == ("venv-generator", "bin", "flask-or-django")
    # update merges the old and new renders file by file: no clone of the project or the template's mirror,
    # at most one of the wheel's template bundle (to read versions from).
    clones = [c["of"] for c in r["profile"]["git"][1]["clones"]]
    assert clones in ([], ["template bundle"]), clones

    # Per framework: the bare app, the default project (health JSON, home page), the rest_api=true one (API list).
    assert len(r["serving"]) == 6
    expected = {"bare": ["json"], "default": ["health", "home"], "api": ["api_list"]}
    served = {(e["framework"], e["kind"]) for e in r["serving"].values()}
    assert served == {(fw, kind) for fw in ("django", "flask") for kind in expected}
    for name, entry in r["serving"].items():
        assert _positive(entry["cold_start_s"]), name
        assert len(entry["worker_rss_mib"]) == 2, name
        assert all(5 < rss < 4000 for rss in entry["worker_rss_mib"]), name
        assert list(entry["endpoints"]) == expected[entry["kind"]], name
        for ep, x in entry["endpoints"].items():
            assert _positive(x["rps"]) and _positive(x["p50_ms"]) and x["p99_ms"] >= x["p50_ms"], (name, ep)
            assert x["non_2xx"] == 0, (name, ep)
    assert r["serving"]["generated Django (default)"]["endpoints"]["health"]["path"] == "/health/"
    assert r["serving"]["generated Flask (default)"]["endpoints"]["health"]["path"] == "/health"
    for framework, ratios in r["ratios_to_bare_json"].items():
        assert _positive(ratios["health"]) and _positive(ratios["api_list"]), framework

    # The default projects: migration plus the server's start, collectstatic (Django) beside it, not in the total.
    assert len(r["first_page"]) == 2
    for name, entry in r["first_page"].items():
        assert _positive(entry["total_median_s"]), name
        assert entry["steps_not_in_total"] == (["collectstatic"] if "Django" in name else []), name
    assert "collectstatic, not in the total" in md
    assert _positive(g["new_django"]["first_run_cold_cache_s"]) and _positive(g["new_flask"]["first_run_cold_cache_s"])

    sizes = r["size"]
    for name in ("generated Django (default)", "generated Flask (default)"):
        s = sizes[name]
        assert s["files"] > 10 and s["loc"]["python"] > 100 and s["loc"]["html"] > 10, name
        assert s["resolved_dependencies"] >= s["direct_dependencies"] >= 2, name
    assert sizes["bare Flask app"]["files"] == 1

    assert set(r["attribution"]) == set(r["serving"])
    for name, probe in r["attribution"].items():
        variants = probe["variants"]
        assert {"all", "none"} <= set(variants), name
        assert all(_positive(v["us"]) and v["status"] == "200" for v in variants.values()), name
        if r["serving"][name]["kind"] == "api":
            assert probe["endpoint"] == "/api/items/", name
            assert _positive(probe["parts"]["us"]["queries"]) and probe["parts"]["functions"], name
            assert probe["queries_per_request"] >= 1, name

    # The default projects' own suites, all of it and without the browser tests, each run and passing.
    suites = r["own_suites"]
    assert set(suites) == {"generated Django (default)", "generated Flask (default)"}
    for name, by_variant in suites.items():
        assert set(by_variant) == {"all", "without_browser"}, name
        for variant, s in by_variant.items():
            assert "failed" not in s["summary"] and "error" not in s["summary"], (name, variant, s["summary"])
            assert s["passed"] > 10 and all(_positive(w) for w in s["runs"]), (name, variant)
        assert by_variant["without_browser"]["passed"] < by_variant["all"]["passed"] + by_variant["all"].get(
            "skipped", 0
        ), name
    assert "Target: the default Django project's suite without the browser tests" in md
