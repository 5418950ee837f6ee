"""The command line: rendering, git, next steps, and one-line errors that leave the disk as it was."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from generator.recommendation import recommend
from generator.scenarios import SCENARIOS
from tests.cli_helpers import answers_of, git, run_cli


def test_new_with_defaults_renders_the_recommended_django_project_and_commits_it(tmp_path):
    dest = tmp_path / "site"
    result = run_cli("new", str(dest), "--defaults")
    assert result.returncode == 0, result.stderr
    answers = answers_of(dest)
    assert answers["framework"] == "django" == recommend({}).framework
    assert answers["_src_path"] == "gh:flask-or-django/flask-or-django"  # portable, not a local path
    assert (dest / "manage.py").is_file()
    assert git(dest, "status", "--porcelain") == ""
    assert git(dest, "log", "--format=%s").strip() == "Generate the project with flask-or-django"
    assert "Recommended: Django" in result.stdout
    assert "uv run python manage.py runserver" in result.stdout
    decisions = (dest / "DECISIONS.md").read_text()
    assert "**Django**" in decisions and "Gearheart 2017" in decisions


def test_new_with_framework_flask_overrides_the_recommendation(tmp_path):
    dest = tmp_path / "app"
    result = run_cli("new", str(dest), "--defaults", "--data", "framework=flask", "--data", "project_name=Shop Front")
    assert result.returncode == 0, result.stderr
    answers = answers_of(dest)
    assert answers["framework"] == "flask"
    assert answers["project_slug"] == "shop_front"
    assert (dest / "shop_front" / "__init__.py").is_file()
    assert "You chose Flask over the recommendation" in result.stdout
    assert "You chose **Flask** instead" in (dest / "DECISIONS.md").read_text()
    assert "uv run flask --app shop_front run" in result.stdout


@pytest.mark.parametrize(
    "scenario", [s for s in SCENARIOS if s.name in {"beginner_understand", "online_store"}], ids=lambda s: s.name
)
def test_new_with_scenario_answers_from_a_data_file(scenario, tmp_path):
    data_file = tmp_path / "answers.yml"
    data_file.write_text(yaml.safe_dump(scenario.answers))
    dest = tmp_path / "project"
    result = run_cli("new", str(dest), "--defaults", "--data-file", str(data_file), "--no-git")
    assert result.returncode == 0, result.stderr
    assert answers_of(dest)["framework"] == scenario.article_pick
    assert not (dest / ".git").exists()


def test_recommend_json_shape():
    result = run_cli(
        "recommend",
        "--json",
        "--data",
        "project_kind=api_service",
        "--data",
        "api=api_only",
        "--data",
        "needs_admin=false",
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["framework"] == "flask"
    assert set(payload["scores"]) == {"django", "flask"}
    assert payload["reasons"] and all({"text", "source"} <= set(r) for r in payload["reasons"])


def test_recommend_panel_names_the_pick_and_the_best_counter_reason():
    result = run_cli("recommend", "--defaults")
    assert result.returncode == 0
    assert "Recommended: Django" in result.stdout
    assert "Best case for Flask" in result.stdout


def test_version_and_help_for_every_command():
    assert run_cli("--version").stdout.strip() == "flask-or-django, version 0.1.0"
    for command in ([], ["new"], ["recommend"]):
        result = run_cli(*command, "--help")
        assert result.returncode == 0
        assert "Examples:" in result.stdout


def test_python_dash_m_and_the_console_script_are_the_same_program():
    from importlib.metadata import entry_points

    import generator.__main__
    from generator.cli import main

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "flask-or-django"]
    assert script.load() is main is generator.__main__.main
    assert (
        run_cli("--version").stdout
        == subprocess.run(["flask-or-django", "--version"], capture_output=True, text=True, check=True).stdout
    )


def test_an_empty_existing_folder_is_accepted(tmp_path):
    dest = tmp_path / "empty"
    dest.mkdir()
    result = run_cli("new", str(dest), "--defaults", "--no-git")
    assert result.returncode == 0, result.stderr
    assert (dest / ".copier-answers.yml").is_file()


def test_recommend_refuses_wiring_answers():
    result = run_cli("recommend", "--data", "framework=flask")
    assert result.returncode == 2
    assert "only the decision questions" in result.stderr
