"""Fixtures shared by the generator's tests."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.project_env import REPO


def _snapshot_of_the_working_tree() -> Path:
    """A plain-folder copy of the template as it is on disk (committed or not).

    Rendering from it skips the git clone copier makes of a repository for every render,
    which made each render of the test suite several times slower.
    """
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    snapshot = Path(tempfile.mkdtemp(prefix="fod-template-"))
    for rel in filter(None, listed):
        source = REPO / rel
        if source.is_file() and (rel in {"copier.yml"} or rel.startswith(("templates/", "generator/"))):
            target = snapshot / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return snapshot


def pytest_configure(config: pytest.Config) -> None:
    """Point pytest-copie at a snapshot of this repository's template unless told otherwise."""
    if getattr(config.option, "template", None) in (None, "."):
        config._fod_snapshot = _snapshot_of_the_working_tree()  # type: ignore[attr-defined]
        config.option.template = str(config._fod_snapshot)  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the template snapshot."""
    snapshot = getattr(config, "_fod_snapshot", None)
    if snapshot is not None:
        shutil.rmtree(snapshot, ignore_errors=True)


@pytest.fixture
def render(copie: Any):
    """Render a project with the given answers (other answers default) and return its folder."""

    def _render(**answers: Any) -> Path:
        result = copie.copy(extra_answers=answers)
        assert result.exit_code == 0, f"render failed: {result.exception!r}"
        assert result.project_dir is not None
        return Path(result.project_dir)

    return _render


_matrix = {"rendered": 0, "tested": 0, "passed": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the matrix's combinations as their reports arrive (from every xdist worker)."""
    if report.when != "call":
        return
    props = dict(report.user_properties)
    if "matrix_rendered" in props:
        _matrix["rendered"] += 1
        _matrix["tested"] += "matrix_suite" in props
        _matrix["passed"] += report.passed


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line at the end of the run: combinations rendered, tested, passed."""
    if _matrix["rendered"]:
        terminalreporter.write_line(
            f"matrix: {_matrix['rendered']} combinations rendered and checked, "
            f"{_matrix['tested']} also ran their own test suites, {_matrix['passed']} passed"
        )
