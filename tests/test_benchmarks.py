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
        assert 0 < g[key]["median_s"] < 300
        assert len(g[key]["all_s"]) == g["runs"] >= 2
    assert _positive(g["new_django"]["ratio_to_startproject"])
    assert 0 < r["update"]["median_s"] < 300
    assert r["profile"]["git"][0]["git_processes"] >= 3  # at least init, add, commit

    assert len(r["serving"]) == 4
    for name, entry in r["serving"].items():
        assert _positive(entry["cold_start_s"]), name
        assert len(entry["worker_rss_mib"]) == 2, name
        assert all(5 < rss < 4000 for rss in entry["worker_rss_mib"]), name
        endpoints = ["json", "home"] if name.startswith("generated") else ["json"]
        for ep in endpoints:
            x = entry[ep]
            assert _positive(x["rps"]) and _positive(x["p50_ms"]) and x["p99_ms"] >= x["p50_ms"], (name, ep)
            assert x["non_2xx"] == 0, (name, ep)
    for name, ratio in r["json_ratio_to_bare"].items():
        assert _positive(ratio), name

    for name, entry in r["first_page"].items():
        assert _positive(entry["total_median_s"]), name

    sizes = r["size"]
    for name in ("generated Django (default)", "generated Flask (default)"):
        s = sizes[name]
        assert s["files"] > 10 and s["loc"]["python"] > 100 and s["loc"]["html"] > 10, name
        assert s["resolved_dependencies"] >= s["direct_dependencies"] >= 2, name
    assert sizes["bare Flask app"]["files"] == 1

    for name, variants in r.get("attribution", {}).items():  # only in a full run
        timed = [v for v in variants.values() if isinstance(v, dict) and "us" in v]
        assert timed and all(_positive(v["us"]) for v in timed), name
