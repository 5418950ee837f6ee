"""The run's record of passed checks (tests/pass_cache.py) is not blind: a changed byte is checked again, a
failing input fails every time, and bandit's files are the ones bandit itself would scan."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import pass_cache
from tests.project_env import (
    BANDIT_EXCLUDED,
    assert_bandit_passes,
    bandit_targets,
    check_in_project,
    delivery_problems,
)


@pytest.fixture
def passes(tmp_path: Path) -> Iterator[None]:
    """A folder of passes of this test's own (the run's is put back afterwards)."""
    before = pass_cache.folder()
    pass_cache.use(tmp_path / "passed")
    yield
    pass_cache.use(before)


def tally(outcome: str) -> dict[str, int]:
    """For each tool, how many checks ran and passed ("ran") or were skipped as passed before ("skipped")."""
    return {tool: found[outcome] for tool, found in pass_cache.counts().items() if found[outcome]}


def twin(project: Path, tmp_path: Path, name: str) -> Path:
    """A byte-for-byte copy of a rendered project in another folder, as another combination may render it."""
    return Path(shutil.copytree(project, tmp_path / name))


def test_delivery_files_checked_again_when_a_byte_changes_and_failing_every_time(
    render: Any, tmp_path: Path, passes: None
) -> None:
    first = render(framework="flask")
    assert delivery_problems(first) == []
    assert tally("ran") == {"zizmor": 1, "hadolint": 1, "check-jsonschema": 3}
    second = twin(first, tmp_path, "second")
    assert delivery_problems(second) == []
    assert tally("skipped") == {"zizmor": 1, "hadolint": 1, "check-jsonschema": 3}
    assert tally("ran") == {"zizmor": 1, "hadolint": 1, "check-jsonschema": 3}

    dockerfile, compose = (second / "Dockerfile").read_bytes(), (second / "compose.yaml").read_bytes()
    (second / "Dockerfile").write_bytes(dockerfile + b"\n")  # one byte more: hadolint runs again, alone
    assert delivery_problems(second) == []
    assert tally("ran") == {"zizmor": 1, "hadolint": 2, "check-jsonschema": 3}

    for project in (first, second, twin(second, tmp_path, "third")):  # a failing Dockerfile fails every project
        (project / "Dockerfile").write_bytes(dockerfile + b"MAINTAINER someone@example.com\n")
        (project / "compose.yaml").write_bytes(compose + b"include: 3\n")
        problems = "\n".join(delivery_problems(project))
        assert "DL4000" in problems  # hadolint's own words: it ran
        assert "check-jsonschema vendor.compose-spec compose.yaml" in problems
    assert tally("ran") == {"zizmor": 1, "hadolint": 2, "check-jsonschema": 3}


def test_bandit_runs_on_unseen_files_only_and_fails_a_failing_file_in_every_project(
    render: Any, tmp_path: Path, passes: None
) -> None:
    first = render(framework="django")
    assert_bandit_passes(first)
    targets = bandit_targets(first)
    assert tally("ran") == {"bandit": len(targets)}
    second = twin(first, tmp_path, "second")
    assert_bandit_passes(second)
    assert tally("skipped") == {"bandit": len(targets)}

    changed = second / next(t for t in targets if not t.endswith("__init__.py"))
    changed.write_bytes(changed.read_bytes() + b"\n")  # one byte more: that file is checked again
    assert_bandit_passes(second)
    assert tally("ran") == {"bandit": len(targets) + 1}

    unsafe = b"import subprocess\n\n\ndef run(command):\n    return subprocess.run(command, shell=True)\n"
    for project in (first, second, twin(second, tmp_path, "third")):
        (project / "unsafe_module.py").write_bytes(unsafe)
        with pytest.raises(AssertionError, match="B602"):  # bandit's finding, in each project
            assert_bandit_passes(project)
    assert tally("ran") == {"bandit": len(targets) + 1}


def test_bandit_targets_are_the_files_bandit_scans(render: Any, tmp_path: Path) -> None:
    project = render(framework="django")
    assert (project / "tests").is_dir()
    for rel in ("e2e_notes.py", "tests_more/a.py", "tools/b.pyw", "docs/c.txt", ".venvs/d.py", "pkg/tests/e.py"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("VALUE = 1\n")
    report = tmp_path / "bandit.json"
    whole = ("bandit", "-q", "-r", ".", "-ll", "-x", ",".join(BANDIT_EXCLUDED), "-f", "json", "-o", str(report))
    check_in_project(project, *whole)
    scanned = sorted(name for name in json.loads(report.read_text())["metrics"] if name != "_totals")
    assert "./tests_more/a.py" in scanned
    assert bandit_targets(project) == scanned
