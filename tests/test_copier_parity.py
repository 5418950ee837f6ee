"""Plain copier and the command line pick the same framework for the same answers."""

from __future__ import annotations

import itertools
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import copier
import pytest
import yaml

from generator.article_scenarios import ARTICLE_SCENARIOS
from generator.copier_session import copier_session
from generator.questions import load_questions
from generator.recommendation import DECISION_KEYS, recommend
from generator.scenarios import SCENARIOS
from generator.template_source import TemplateSource
from tests.project_env import REPO


def _all_decision_answers() -> list[dict]:
    questions = load_questions()
    values = [list(questions[k].choices.values()) or [True, False] for k in DECISION_KEYS]
    return [dict(zip(DECISION_KEYS, combo, strict=True)) for combo in itertools.product(*values)]


def test_copier_yml_default_equals_recommend_for_every_combination():
    """Render copier.yml's own `framework` default, for all answers, in the Jinja environment the
    questionnaire renders copier.yml with (copier's settings and the template's extensions); the real
    renders below check copier itself on a sample."""
    with copier_session(TemplateSource(REPO, "folder")) as session:
        env = session.jinja_env()
    raw = yaml.safe_load((REPO / "copier.yml").read_text())
    default = env.from_string(raw["framework"]["default"])
    combos = _all_decision_answers()
    assert len(combos) == 8 * 3 * 2 * 3 * 3 * 2 * 2 * 3 * 3 * 2 * 3  # 93,312 (46,656 x multilingual)
    mismatches = [a for a in combos if default.render(**a) != recommend(a).framework]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[0]}"
    # and the rendered help shows that same pick with its reasons
    help_text = env.from_string(raw["framework"]["help"]).render(**combos[0])
    rec = recommend(combos[0])
    assert f"we recommend {rec.framework.capitalize()}" in help_text
    assert rec.deciding_reasons[0].text in help_text


def _cli_json(answers: dict) -> dict:
    args = [f"--data={k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in answers.items()]
    out = subprocess.run(
        [sys.executable, "-m", "generator", "recommend", "--json", *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return json.loads(out.stdout)


#: Rows whose answers leave kind-dependent defaults (admin, accounts, data access, API) to copier.yml.
_KIND_DEFAULTS_ROWS = ("gh_rest_api_service", "gh_understand_learning_defaults", "gh_data_heavy", "gu_multilingual")
SAMPLE = (
    [s.answers for s in SCENARIOS]
    + [s.answers for s in ARTICLE_SCENARIOS if s.name in _KIND_DEFAULTS_ROWS]
    + random.Random(2017).sample(_all_decision_answers(), 16)
)


@pytest.mark.parametrize("answers", SAMPLE, ids=lambda a: "-".join(str(v)[:6] for v in a.values()))
def test_rendered_answers_file_matches_the_command_line(answers, tmp_path):
    """A real `run_copy` with the answers records the framework that `recommend --json` prints."""
    dest = tmp_path / "project"
    copier.run_copy(str(REPO), dest, data=answers, defaults=True, unsafe=True, quiet=True, vcs_ref="HEAD")
    recorded = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    assert recorded["framework"] == _cli_json(answers)["framework"]


@pytest.mark.skipif(shutil.which("copier") is None, reason="the copier command is installed with the test extra")
def test_plain_copier_command_needs_trust_and_then_works(tmp_path):
    refused = subprocess.run(
        ["copier", "copy", "--defaults", "--vcs-ref=HEAD", str(REPO), str(tmp_path / "refused")],
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0
    assert "unsafe" in (refused.stderr + refused.stdout).lower()
    assert not (tmp_path / "refused").exists() or not any((tmp_path / "refused").iterdir())

    answers = SCENARIOS[3].answers  # the beginner who wants to understand: Flask
    data = [f"--data={k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in answers.items()]
    done = subprocess.run(
        ["copier", "copy", "--trust", "--defaults", "--vcs-ref=HEAD", *data, str(REPO), str(tmp_path / "ok")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    recorded = yaml.safe_load((Path(tmp_path / "ok") / ".copier-answers.yml").read_text())
    assert recorded["framework"] == "flask" == recommend(answers).framework


@pytest.mark.parametrize(
    ("data", "refusal"),
    [
        (["framework=flask", "auth=false", "admin=false"], None),
        (["framework=flask", "rest_api=true"], None),
        (["framework=flask", "auth=false", "admin=true"], "needs accounts"),
        (["rest_api=true", "example_app=false"], "serves the example app's model"),
    ],
)
def test_plain_copier_judges_text_answers_like_typed_ones(data, refusal, tmp_path):
    """The copier command line passes --data as text: "false" must not count as true."""
    args = [f"--data={d}" for d in data]
    done = subprocess.run(
        ["copier", "copy", "--trust", "--defaults", "--quiet", "--vcs-ref=HEAD", *args, str(REPO), str(tmp_path / "p")],
        capture_output=True,
        text=True,
    )
    if refusal is None:
        assert done.returncode == 0, done.stderr[-2000:]
    else:
        assert done.returncode != 0 and refusal in done.stderr
