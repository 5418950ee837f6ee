"""The worked examples: committed copies match a fresh render, their links resolve, their own tests pass."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest

from generator.examples import SIDE_BY_SIDE, examples, readme, render_examples
from tests.project_env import REPO, check_in_project

COMMITTED = REPO / "examples"
_VOLATILE = re.compile(r"^_commit: .*$", re.M)  # the template commit changes with every commit of this repo


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    render_examples(out, force=False)
    return out


def test_every_scenario_has_an_example_and_the_blog_has_both_frameworks():
    folders = [e.folder for e in examples()]
    assert len(folders) == 11
    assert {"blog-django", "blog-flask", "multilingual_shop-django", "multilingual_shop-flask"} <= set(folders)


def test_committed_examples_match_a_fresh_render(fresh):
    assert COMMITTED.is_dir(), "run 'flask-or-django examples --force' and commit examples/"
    assert _files(COMMITTED) == _files(fresh), "examples/ lacks or has extra files: re-render and commit"
    differing = []
    for rel in sorted(_files(fresh)):
        a, b = COMMITTED / rel, fresh / rel
        if rel.endswith(".copier-answers.yml"):
            if _VOLATILE.sub("", a.read_text()) != _VOLATILE.sub("", b.read_text()):
                differing.append(rel)
        elif not filecmp.cmp(a, b, shallow=False):
            differing.append(rel)
    assert not differing, f"re-render with 'flask-or-django examples --force': {differing[:10]}"


def test_side_by_side_links_point_at_real_files(fresh):
    text = readme()
    links = re.findall(r"\]\((blog-(?:django|flask)/[^)]+)\)", text)
    assert len(links) == 2 * len(SIDE_BY_SIDE)
    missing = [link for link in links if not (fresh / link).is_file()]
    assert not missing, missing


@pytest.mark.slow
@pytest.mark.parametrize("folder", [e.folder for e in examples()])
def test_each_example_passes_its_own_tests(folder, fresh, tmp_path):
    project = tmp_path / folder
    shutil.copytree(fresh / folder, project)
    output = check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert re.search(r"\d+ passed", output)
    check_in_project(project, "ruff", "check", ".")
