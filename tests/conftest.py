"""Fixtures shared by the generator's tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.compile_cache import BYTECODE_DIR_VARIABLE
from generator.copier_session import git_has_nothing_to_say, git_out_of_sight
from generator.layout import TEMPLATE_PATHS
from tests import pass_cache
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
        if source.is_file() and any(rel == part or rel.startswith(f"{part}/") for part in TEMPLATE_PATHS):
            target = snapshot / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return snapshot


def pytest_configure(config: pytest.Config) -> None:
    """Point pytest-copie at a snapshot of this repository's template unless told otherwise."""
    _load_allowed_skips(config)
    # `.venv/bin/python -m pytest` with the venv not activated (the README's command): the tools the test
    # extra installs (uv, copier, ruff) are beside this interpreter; find them first, as activating would.
    tools = str(Path(sys.executable).parent)
    if tools not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join(filter(None, (tools, os.environ.get("PATH"))))
    if getattr(config.option, "template", None) in (None, "."):
        config._fod_snapshot = _snapshot_of_the_working_tree()  # type: ignore[attr-defined]
        config.option.template = str(config._fod_snapshot)  # type: ignore[attr-defined]
    _use_run_folder(config)


def _use_run_folder(config: pytest.Config) -> None:
    """One scratch folder for the whole run: made by the xdist controller (or the only process) and handed to
    the workers, so they share it; removed when the run ends, so nothing in it outlives the run. It holds the
    checks that passed (``passed/``, tests/pass_cache.py) and copier's compiled templates (``compiled/``)."""
    given = getattr(config, "workerinput", {}).get("fod_run_folder")
    if given is None:
        config._fod_made_run_folder = Path(tempfile.mkdtemp(prefix="fod-run-"))  # type: ignore[attr-defined]
        given = config._fod_made_run_folder  # type: ignore[attr-defined]
    config._fod_run_folder = Path(given)  # type: ignore[attr-defined]
    pass_cache.use(config._fod_run_folder / "passed")  # type: ignore[attr-defined]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist, on the controller: give each worker the run's scratch folder."""
    node.workerinput["fod_run_folder"] = str(node.config._fod_run_folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the template snapshot and, on the process that made it, the run's scratch folder."""
    for made in (getattr(config, "_fod_snapshot", None), getattr(config, "_fod_made_run_folder", None)):
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)


@pytest.fixture
def render(copie: Any):
    """Render a project with the given answers (other answers default) and return its folder."""

    def _render(**answers: Any) -> Path:
        result = copie.copy(extra_answers=answers)
        assert result.exit_code == 0, f"render failed: {result.exception!r}"
        assert result.project_dir is not None
        return Path(result.project_dir)

    return _render


@pytest.fixture
def rendered_as_new(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Renders in the test go as ``flask-or-django new``'s do, for the two things it does to be quick:

    * copier's compiled templates are kept in the run's folder and reused by later renders
      (generator/compile_cache.py: compiled code depends only on the source, which Jinja compares before using
      it). Half of a render is compiling; the matrix renders hundreds of projects from one template.
    * git is out of copier's sight (generator/copier_session.py: ``git_out_of_sight``) when it could only say
      no: the template is a plain-folder snapshot and ``tmp_path`` is in no repository, yet copier would ask
      ``git config core.fileMode`` once per rendered file (70-odd processes, a third of a render's time).
      ``git_has_nothing_to_say`` decides, as it does for ``new``.

    Other tests render as plain copier does."""
    monkeypatch.setenv(BYTECODE_DIR_VARIABLE, str(request.config._fod_run_folder / "compiled"))  # type: ignore[attr-defined]
    with git_out_of_sight(git_has_nothing_to_say(request.config.option.template, tmp_path)):
        yield


_matrix = {"rendered": 0, "tested": 0, "passed": 0}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the matrix's combinations as their reports arrive (from every xdist worker); note skips."""
    _note_skip(report)
    if report.when != "call":
        return
    props = dict(report.user_properties)
    if "matrix_rendered" in props:
        _matrix["rendered"] += 1
        _matrix["tested"] += "matrix_suite" in props
        _matrix["passed"] += report.passed


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """At the end of the run: combinations rendered, tested, passed; then any skip the allow-list lacks."""
    unexpected = unexpected_skips(config)
    if unexpected:
        listed = os.environ.get("FOD_ALLOWED_SKIPS")
        terminalreporter.section(f"skips not allowed by FOD_ALLOWED_SKIPS={listed}", sep="=", red=True)
        for node, reason in unexpected:
            terminalreporter.write_line(f"UNEXPECTED SKIP {node}: {reason}", red=True)
        terminalreporter.write_line(f"{len(unexpected)} unexpected skip(s): the run fails", red=True, bold=True)
    if _matrix["rendered"]:
        terminalreporter.write_line(
            f"matrix: {_matrix['rendered']} combinations rendered and checked, "
            f"{_matrix['tested']} also ran their own test suites, {_matrix['passed']} passed"
        )
    counts = pass_cache.counts()
    if counts:
        terminalreporter.write_line(
            "checks already passed on identical input, not run again: "
            + ", ".join(f"{tool} {c['skipped']} of {c['skipped'] + c['ran']}" for tool, c in sorted(counts.items()))
        )


# --- Skips CI did not expect ----------------------------------------------------------------------
#
# With FOD_ALLOWED_SKIPS=FILE (as .ci/run sets), a skip whose reason matches no pattern of FILE (one
# regular expression a line, searched in the reason; '#' starts a comment) makes the run fail, listing
# those skips: a test that silently stops running is then seen.

_skips: list[tuple[str, str]] = []  # (test or collector id, reason), as reports reach the controller


def _load_allowed_skips(config: pytest.Config) -> None:
    listed = os.environ.get("FOD_ALLOWED_SKIPS")
    config._fod_allowed_skips = None  # type: ignore[attr-defined]
    if not listed:
        return
    path = Path(listed) if Path(listed).is_absolute() else Path(config.invocation_params.dir, listed)
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise pytest.UsageError(f"FOD_ALLOWED_SKIPS={listed}: {error}") from error
    patterns = [line.split("#", 1)[0].strip() for line in lines]
    config._fod_allowed_skips = [re.compile(p) for p in patterns if p]  # type: ignore[attr-defined]


def skip_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The reason a skipped report gives (pytest's "Skipped: " prefix removed)."""
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    return reason.removeprefix("Skipped: ")


def _note_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skips.append((report.nodeid, skip_reason(report)))


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """A module skipped as a whole (``allow_module_level``) is a skip too."""
    _note_skip(report)


def unexpected_skips(config: pytest.Config) -> list[tuple[str, str]]:
    allowed = getattr(config, "_fod_allowed_skips", None)
    if allowed is None:
        return []
    return [(node, reason) for node, reason in _skips if not any(p.search(reason) for p in allowed)]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Under FOD_ALLOWED_SKIPS, a skip not on the list fails the run (on the xdist controller, which sees all)."""
    if hasattr(session.config, "workerinput"):
        return
    if unexpected_skips(session.config) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
