"""The template keeps its shape: few conditionals per file, and every feature's sections exist.

An answer's effect lives in the feature table (``generator/features.py``) and in its own files chosen
by name; a template file that needs many ``{% if %}`` tags is one to split (CONTRIBUTING.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.features import FEATURES
from tests.project_env import REPO

TEMPLATES = REPO / "templates"
#: ``{% if %}`` / ``{% elif %}`` tags, generation-time and run-time (Django, Jinja) alike.
_IF_TAG = re.compile(r"{%-?\s*(?:if|elif)\b")
MAX_PER_FILE = 8
MAX_IN_ALL = 200


def _if_tags() -> dict[str, int]:
    counts = {}
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        counts[str(path.relative_to(REPO))] = len(_IF_TAG.findall(path.read_text(encoding="utf-8")))
    return counts


def test_no_template_file_has_more_than_a_handful_of_conditionals():
    crowded = {path: n for path, n in _if_tags().items() if n > MAX_PER_FILE}
    assert not crowded, f"split these files or loop over the feature table (at most {MAX_PER_FILE} each): {crowded}"


def test_the_templates_hold_at_most_200_conditionals_in_all():
    counts = _if_tags()
    worst = sorted(counts.items(), key=lambda item: -item[1])[:5]
    assert sum(counts.values()) <= MAX_IN_ALL, f"{sum(counts.values())} if/elif tags; the most: {worst}"


def test_the_tag_count_sees_tags_in_names_and_bodies_alike(tmp_path: Path):
    """The counter is not blind: a crowded file is reported."""
    assert len(_IF_TAG.findall("{% if a %}{%- elif b %}{% if c -%}{% endif %}{{ x if y }}")) == 3


@pytest.mark.parametrize("framework", sorted(FEATURES))
def test_every_docs_section_a_feature_names_has_its_file(framework: str):
    readme = TEMPLATES / "shared" / "readme" / framework
    decisions = TEMPLATES / "shared" / "decisions"
    missing = [
        f"{feature.key}: {name}"
        for feature in FEATURES[framework]
        for folder, names in ((readme, feature.readme), (decisions, feature.decisions))
        for name in names
        if not (folder / f"{name}.md.jinja").is_file()
    ]
    assert not missing, missing


@pytest.mark.parametrize("framework", sorted(FEATURES))
def test_every_docs_section_a_feature_names_is_in_the_readme_outline(framework: str):
    """A README includes the sections named by its outline; a name outside it would silently vanish."""
    outline = (TEMPLATES / framework / "README.md.jinja").read_text(encoding="utf-8")
    absent = [
        f"{feature.key}: {name}"
        for feature in FEATURES[framework]
        for name in feature.readme
        if f'"{name}"' not in outline and f"'{name}'" not in outline
    ]
    assert not absent, absent
