"""The Django pages in DTL (``templates/``) and in Jinja2 (``jinja2/``) show the same thing, page for page.

The template keeps one tree of pages per language, each written as that language is written by
hand, rather than one source translated into both. This test keeps the two trees from drifting:
it renders one project per language with every feature that adds pages on, requests every page in
each (as a visitor, a non-owner, the owner and staff; forms with and without errors; the password
reset by email; 403, 404 and 500 pages) and compares what comes back, tag by tag and text by text,
whitespace and CSRF tokens aside.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from tests.project_env import check_in_project, run_in_project

PROBE = Path(__file__).with_name("django_pages_probe.py")
FEATURES = {"framework": "django", "auth": True, "admin": True, "example_app": True, "rest_api": True}


def pages_of(project: Path, language: str = "") -> dict[str, list[str]]:
    """Every page of a rendered project, as ``django_pages_probe.py`` sees it (in ``language`` when given)."""
    app = next(p.parent.parent.name for p in project.glob("*/migrations/0001_initial.py") if p.parts[-3] != "accounts")
    if language:  # the translations, compiled as the README says
        check_in_project(project, "pybabel", "compile", "--domain", "django", "--directory", "locale")
    result = run_in_project(project, "python", str(PROBE), app, *([language] if language else []))
    assert result.returncode == 0, f"the probe failed in {project}:\n{result.stderr[-6000:]}"
    return json.loads(result.stdout)


REQUESTED = (
    "GET / ",
    "/login/",
    "/signup/",
    "/password_reset/",
    "/set-password/",
    "/password_reset/done/",
    "/reset/done/",
    "/password_change/",
    "/new/",
    "/edit/",
    "/delete/",
    "?page=2",
    " 403",
    " 404",
    "500 page",
    "password reset email",
)


def test_dtl_and_jinja2_pages_show_the_same(render: Any) -> None:
    dtl, jinja2 = (pages_of(render(**FEATURES, templating=templating)) for templating in ("django", "jinja2"))
    names = " ".join(dtl)
    assert [page for page in REQUESTED if page not in names] == [], "some pages were not requested"
    assert list(dtl) == list(jinja2), "the two projects did not answer the same requests the same way"
    differences = [
        "\n".join(difflib.unified_diff(dtl[page], jinja2[page], f"templates/ {page}", f"jinja2/ {page}", lineterm=""))
        for page in dtl
        if dtl[page] != jinja2[page]
    ]
    assert not differences, "the DTL and Jinja2 pages differ:\n" + "\n\n".join(differences)


def test_dtl_and_jinja2_pages_show_the_same_in_french(render: Any) -> None:
    """Both trees mark the same texts for translation, with the same msgids: one catalogue serves either."""
    dtl, jinja2 = (
        pages_of(render(**FEATURES, templating=templating, languages="en,fr"), "fr")
        for templating in ("django", "jinja2")
    )
    assert list(dtl) == list(jinja2), "the two projects did not answer the same requests the same way"
    differences = [page for page in dtl if dtl[page] != jinja2[page]]
    assert not differences, "the DTL and Jinja2 pages differ in French: " + ", ".join(differences)
    home = next(lines for page, lines in dtl.items() if " anonymous GET /fr/ -> /fr/ 200" in page)
    assert "Accueil · My Project" in home and "Voir les éléments" in home and "S’inscrire" in home  # noqa: RUF001
    english = {"Log in", "Sign up", "Delete", "Edit", "Save", "Cancel", "Home", "Back to the home page", "Next"}
    assert {page: sorted(english & set(lines)) for page, lines in dtl.items() if english & set(lines)} == {}
    assert dtl["password reset subject"] == ["Réinitialisez votre mot de passe sur testserver"]
    assert "Bonjour alice," in dtl["password reset email"]
