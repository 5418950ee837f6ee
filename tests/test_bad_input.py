"""The corpus of bad input: each gets one clear line on stderr, a non-zero exit, and an untouched disk."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pytest

from tests.cli_helpers import run_cli, tree_digest
from tests.project_env import REPO


@dataclass(frozen=True)
class Case:
    """One bad input: the arguments (``{dest}``, ``{tmp}`` filled in), what the disk holds first, the answer."""

    args: tuple[str, ...]
    message: str
    code: int = 2
    setup: Callable[[Path], None] = field(default=lambda tmp: None)
    dest: str = "{tmp}/project"
    command: str = "new"  # "recommend" takes no destination


def _file(name: str, content: bytes) -> Callable[[Path], None]:
    return lambda tmp: (tmp / name).write_bytes(content)


def _folder_with_notes(tmp: Path) -> None:
    (tmp / "project").mkdir()
    (tmp / "project" / "notes.txt").write_text("mine\n")


D = ("--defaults",)

CORPUS: dict[str, Case] = {
    "slug is a keyword": Case((*D, "-d", "project_slug=class"), "'class' is a Python keyword; try 'class_app'"),
    "slug derived from the name is a keyword": Case((*D, "-d", "project_name=Class"), "'class' is a Python keyword"),
    "slug is a soft keyword": Case((*D, "-d", "project_slug=match"), "'match' is a Python keyword"),
    "slug starts with a digit": Case((*D, "-d", "project_slug=1shop"), "not a valid package name"),
    "slug has a dash": Case((*D, "-d", "project_slug=my-shop"), "try 'my_shop'"),
    "slug has a space": Case((*D, "-d", "project_slug=my shop"), "try 'my_shop'"),
    "slug has a non-ASCII letter": Case((*D, "-d", "project_slug=café"), "try 'cafe'"),
    "slug has upper case": Case((*D, "-d", "project_slug=MyShop"), "lowercase ASCII letters"),
    "slug shadows django": Case((*D, "-d", "project_slug=django"), "would shadow a package"),
    "slug shadows flask": Case((*D, "-d", "project_slug=flask"), "would shadow a package"),
    "slug shadows the stdlib email": Case((*D, "-d", "project_slug=email"), "standard-library module 'email'"),
    "slug shadows the stdlib test": Case((*D, "-d", "project_slug=test"), "standard-library module 'test'"),
    "slug with ..": Case((*D, "-d", "project_slug=../evil"), "not a valid package name"),
    "empty name": Case((*D, "-d", "project_name="), "the project name is empty"),
    "300-character name": Case((*D, "-d", "project_name=" + "x" * 300), "300 characters long, the limit is 80"),
    "name with ..": Case((*D, "-d", "project_name=../../etc"), "may not contain quotes, slashes"),
    "name with no letter": Case((*D, "-d", "project_name=!!!"), "needs at least one ASCII letter"),
    "bad email": Case((*D, "-d", "author_email=me-at-home"), "is not an email address"),
    "invalid choice": Case((*D, "-d", "framework=pyramid"), "not one of the choices: django, flask"),
    "invalid bool": Case((*D, "-d", "auth=maybe"), "not a yes/no answer"),
    "unknown language": Case((*D, "-d", "languages=en,xx"), "languages: 'xx' is not a language Django and Babel"),
    "malformed language": Case((*D, "-d", "languages=en,French"), "languages: 'French' is not a language code"),
    "unknown --data key": Case((*D, "-d", "colour=blue"), "unknown answer 'colour'"),
    "derived key given": Case((*D, "-d", "example_model=Thing"), "unknown answer 'example_model'"),
    "--data without =": Case((*D, "-d", "framework"), "not KEY=VALUE"),
    "impossible: accounts without a database": Case(
        (*D, "-d", "framework=flask", "-d", "orm=none", "-d", "auth=true"), "need a database"
    ),
    "impossible: Flask admin without accounts": Case(
        (*D, "-d", "framework=flask", "-d", "auth=false", "-d", "admin=true"), "needs accounts"
    ),
    "impossible: API without the example app": Case(
        (*D, "-d", "rest_api=true", "-d", "example_app=false"), "serves the example app's model"
    ),
    "data-file missing": Case((*D, "--data-file", "{tmp}/nope.yml"), "no such file"),
    "data-file is a folder": Case((*D, "--data-file", "{tmp}"), "is a folder, not a file"),
    "data-file malformed YAML": Case(
        (*D, "--data-file", "{tmp}/a.yml"), "not valid YAML at line", setup=_file("a.yml", b"framework: [x\n")
    ),
    "data-file not UTF-8": Case(
        (*D, "--data-file", "{tmp}/a.yml"), "cannot be read", setup=_file("a.yml", b"framework: \xff\xfe\n")
    ),
    "data-file is a list": Case(
        (*D, "--data-file", "{tmp}/a.yml"), "expected 'key: value' lines", setup=_file("a.yml", b"- flask\n")
    ),
    "data-file with an unknown key": Case(
        (*D, "--data-file", "{tmp}/a.yml"), "unknown answer 'colour'", setup=_file("a.yml", b"colour: blue\n")
    ),
    "destination not empty": Case(D, "already exists and is not empty", setup=_folder_with_notes),
    "destination is a file": Case(D, "is a file, not a folder", setup=_file("project", b"mine\n")),
    "destination parent missing": Case(D, "does not exist: create it first", dest="{tmp}/a/b/project"),
    "destination not writable": Case(D, "cannot write in", dest="/sys/flask-or-django-test"),
    "no terminal without --defaults": Case((), "no terminal to ask the questions in"),
    "unknown option": Case(("--frobnicate",), "No such option '--frobnicate'"),
    "recommend: multilingual not yes/no": Case(
        ("--json", "-d", "multilingual=sometimes"),
        "multilingual='sometimes' is not a yes/no answer",
        command="recommend",
    ),
    "multilingual not yes/no": Case((*D, "-d", "multilingual=2"), "not a yes/no answer"),
    "recommend: invalid choice": Case(("--json", "-d", "size=huge"), "not one of the choices", command="recommend"),
    "recommend: not a decision question": Case(
        ("--json", "-d", "framework=flask"), "only the decision questions", command="recommend"
    ),
    "recommend: no terminal without --defaults or --json": Case((), "no terminal to ask", command="recommend"),
}


@pytest.mark.parametrize("case", CORPUS.values(), ids=CORPUS.keys())
def test_bad_input(case: Case, tmp_path: Path) -> None:
    case.setup(tmp_path)
    dest = case.dest.format(tmp=tmp_path)
    before = tree_digest(tmp_path)
    where = (dest,) if case.command == "new" else ()
    result = run_cli(case.command, *where, *(arg.format(tmp=tmp_path) for arg in case.args))
    assert result.returncode == case.code, result.stdout + result.stderr
    # One line in all, on stderr: nothing (no recommendation panel, no progress) is printed before it.
    assert result.stdout == "", result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and case.message in lines[0], lines[0]
    assert tree_digest(tmp_path) == before, "a file was created, changed or removed"


def test_a_keyword_slug_is_one_line_before_the_recommendation(tmp_path: Path) -> None:
    """The case the issue found: the 14-line recommendation panel used to come first."""
    result = run_cli("new", str(tmp_path / "p"), "--defaults", "--data", "project_slug=class")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: project_slug: 'class' is a Python keyword; try 'class_app'\n"


def test_recommend_json_never_asks() -> None:
    """--json is for scripts: with no answers it takes the defaults, with no terminal and no --defaults."""
    result = run_cli("recommend", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(run_cli("recommend", "--json", "--defaults").stdout)
    flask = ("project_kind=existing_backend", "needs_admin=false", "needs_accounts=false")
    flask += ("data_access=existing_schema",)
    given = run_cli("recommend", "--json", *(arg for pair in flask for arg in ("--data", pair)))
    assert json.loads(given.stdout)["framework"] == "flask", given.stdout


def test_the_corpus_has_at_least_25_cases():
    assert len(CORPUS) >= 25


def test_ctrl_c_during_rendering_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "project"
    env = {**os.environ, "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "generator", "new", str(dest), "--defaults"],
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    child.expect("Rendering the project")
    deadline = time.monotonic() + 30
    while not dest.exists() and time.monotonic() < deadline:  # copier has begun writing files
        time.sleep(0.005)
    child.kill(signal.SIGINT)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "aborted" in child.before and "Traceback" not in child.before
    assert not dest.exists()
