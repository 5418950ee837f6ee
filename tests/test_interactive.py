"""The questionnaire in a real pseudo-terminal: keystrokes in, a rendered project out."""

from __future__ import annotations

import os
import re
import sys
import time

import pexpect
import pytest
import yaml

from generator.questionnaire import GROUPS
from generator.questions import load_questions
from generator.recommendation import DECISION_DEFAULTS
from tests.project_env import REPO

DOWN, ENTER, CLEAR_LINE, CTRL_C = "\x1b[B", "\r", "\x15", "\x03"


def spawn(*args: str) -> pexpect.spawn:
    env = {**os.environ, "PROMPT_TOOLKIT_NO_CPR": "1", "COLUMNS": "120", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "generator", *args],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(60, 120),
    )
    return child


def answer(child: pexpect.spawn, prompt: str, keys: str = ENTER) -> None:
    """Wait for a prompt to be drawn, then type the keys one at a time, as a person would."""
    child.expect_exact(prompt)
    time.sleep(0.2)
    for key in re.findall(r"\x1b\[[A-D]|.", keys, flags=re.S):
        child.send(key)
        time.sleep(0.05)


def expect_styled(child: pexpect.spawn, *words: str) -> None:
    """Expect words in order, allowing the terminal's style codes between them."""
    child.expect(r"(?:\x1b\[[0-9;]*m|\s)*".join(re.escape(w) for w in words))


def test_groups_cover_every_question_copier_asks():
    asked = [key for key, q in load_questions().items() if q.asked]
    grouped = [key for _, keys in GROUPS for key in keys]
    assert sorted(grouped) == sorted(asked)


def test_answering_by_keystrokes_changes_a_default_and_overrides_the_recommendation(tmp_path):
    dest = tmp_path / "pets"
    child = spawn("new", str(dest), "--no-git")
    answer(child, "The project's name", CLEAR_LINE + "Pet Shop" + ENTER)
    answer(child, "The Python package name")  # default derived from the name: pet_shop
    answer(child, "One sentence on what the project does")
    answer(child, "Your name")
    answer(child, "Your email address")
    answer(child, "What are you building?", DOWN + ENTER)  # down from the default 'other' (the last) wraps to the first
    for prompt in (
        "How big will it get?",
        "Is a tight deadline",
        "Who will work on it?",
        "Your experience",
        "Must staff edit data",
        "Do users sign up",
        "How will you work with the database?",
        "Does it serve an API?",
        "Will the site be in more than one language?",
        "Do you prefer conventions or flexibility?",
    ):
        answer(child, prompt)
    expect_styled(child, "Recommended:", "Django")
    expect_styled(child, "Best case for Flask")
    answer(child, "Django (recommended)", DOWN + ENTER)  # override: Flask
    for prompt in (
        "The ORM",
        "The production database",
        "Sign up, log in",
        "The account kit",
        "An admin panel for staff",
        "A small CRUD app",
        "A REST API",
        "Background jobs",
        "The site's languages",
    ):
        answer(child, prompt)
    child.expect(pexpect.EOF, timeout=180)
    child.close()
    assert child.exitstatus == 0, child.before
    answers = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    assert answers["project_kind"] == "online_store"
    assert answers["project_name"] == "Pet Shop"
    assert answers["project_slug"] == "pet_shop"
    assert answers["framework"] == "flask"
    assert answers["orm"] == "sqlalchemy"
    assert answers["auth_kit"] == "simple"
    assert (dest / "pet_shop").is_dir()
    assert "You chose **Flask** instead" in (dest / "DECISIONS.md").read_text()


def test_a_question_that_no_longer_applies_is_not_asked(tmp_path):
    """With framework=flask given, templating (Django only) is never asked; with orm=none, neither is auth."""
    dest = tmp_path / "svc"
    child = spawn(
        "new", str(dest), "--no-git", "--data", "framework=flask", "--data", "orm=none", "--data", "project_name=Svc"
    )
    for prompt in (
        "The Python package name",
        "One sentence",
        "Your name",
        "Your email address",
        "What are you building?",
        "How big will it get?",
        "Is a tight deadline",
        "Who will work on it?",
        "Your experience",
        "Must staff edit data",
        "Do users sign up",
        "How will you work with the database?",
        "Does it serve an API?",
        "Will the site be in more than one language?",
        "Do you prefer",
    ):
        answer(child, prompt)
    index = child.expect_exact(["A REST API", "template language", "Sign up, log in", "The production database"])
    assert index == 0, "a question that does not apply was asked"
    child.send(ENTER)
    index = child.expect_exact(["The site's languages", "Background jobs"])
    assert index == 0, "background jobs (they need a database) were asked without one"
    child.send(ENTER)
    child.expect(pexpect.EOF, timeout=180)
    child.close()
    assert child.exitstatus == 0
    answers = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    assert answers["orm"] == "none" and "templating" not in answers and "auth" not in answers


def test_an_invalid_slug_is_explained_and_asked_again(tmp_path):
    dest = tmp_path / "p"
    child = spawn("new", str(dest), "--no-git")
    answer(child, "The project's name")
    answer(child, "The Python package name", CLEAR_LINE + "class" + ENTER)
    child.expect_exact("'class' is a Python keyword")
    child.send(CLEAR_LINE + "klass" + ENTER)
    child.expect_exact("One sentence")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not dest.exists()


@pytest.mark.parametrize("where", ["the first question", "the framework question"])
def test_ctrl_c_in_the_questions_leaves_nothing(where, tmp_path):
    dest = tmp_path / "p"
    dest.mkdir()
    if where == "the framework question":
        before_framework = [
            f"--data={k}={v}"
            for k, v in {
                "project_name": "P",
                "project_slug": "p_app",
                "description": "d",
                "author_name": "A",
                "author_email": "a@example.com",
                **{k: str(v).lower() for k, v in DECISION_DEFAULTS.items()},
            }.items()
        ]
        child = spawn("new", str(dest), *before_framework)
        child.expect_exact("Which framework?")
    else:
        child = spawn("new", str(dest))
        child.expect_exact("The project's name")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "aborted" in child.before
    assert "Traceback" not in child.before
    assert list(dest.iterdir()) == []


def test_recommend_asks_only_the_decision_questions():
    child = spawn("recommend")
    answer(child, "What are you building?", DOWN * 5 + ENTER)  # from other (the last): wraps, then existing_backend
    for prompt in ("How big will it get?", "Is a tight deadline", "Who will work on it?", "Your experience"):
        answer(child, prompt)
    answer(child, "Must staff edit data", "y")  # the default follows the kind (no); typed over
    answer(child, "Do users sign up", "y")
    answer(child, "How will you work with the database?")  # the kind's default: existing_schema
    answer(child, "Does it serve an API?")
    answer(child, "Will the site be in more than one language?", "y")
    answer(child, "Do you prefer conventions or flexibility?")
    # Django 2 + 1 + 2 + 1 (admin, accounts, multilingual, no preference) : Flask 3 + 4 + 1 + 1
    expect_styled(child, "Recommended:", "Flask", "(clear", "case:", "Django", "6", "points,", "Flask", "9)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_typed_description_replaces_the_default(tmp_path):
    """The default is shown, not pre-filled: what is typed is the whole answer (it used to be appended to
    'A web application built with flask-or-django.'), and Enter alone takes the default shown."""
    dest = tmp_path / "recipes"
    given = {
        "project_name": "Recipes",
        "author_email": "cook@example.com",
        **{k: str(v).lower() for k, v in DECISION_DEFAULTS.items()},
        "framework": "flask",
        "orm": "none",
        "rest_api": "false",
        "languages": "en",
    }
    child = spawn("new", str(dest), "--no-git", *(f"--data={k}={v}" for k, v in given.items()))
    answer(child, "The Python package name")
    child.expect_exact("[recipes]")  # the default, shown beside the question
    answer(child, "One sentence on what the project does", "A place to keep and share recipes" + ENTER)
    answer(child, "Your name", "Ann Cook" + ENTER)
    child.expect(pexpect.EOF, timeout=180)
    child.close()
    assert child.exitstatus == 0, child.before
    answers = yaml.safe_load((dest / ".copier-answers.yml").read_text())
    assert answers["description"] == "A place to keep and share recipes"
    assert (answers["project_slug"], answers["author_name"]) == ("recipes", "Ann Cook")
    pyproject = (dest / "pyproject.toml").read_text()
    assert 'description = "A place to keep and share recipes"' in pyproject, pyproject
    assert "A place to keep and share recipes" in (dest / "README.md").read_text()
    assert "built with flask-or-django" not in pyproject
