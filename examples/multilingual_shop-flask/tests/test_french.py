"""French: a browser that asks for it gets the pages in French, and the catalogue covers every string."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

from maison_market.config import Config
from maison_market.i18n import TRANSLATIONS

ROOT = Path(__file__).resolve().parent.parent
FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}


@pytest.fixture
def app(app: Flask) -> Flask:
    """The app with the site's own languages (conftest.py's shows the pages in English)."""
    app.config["LANGUAGES"] = dict(Config.LANGUAGES)
    return app


def test_a_browser_asking_for_french_gets_french_pages(client: FlaskClient) -> None:
    page = client.get("/", headers=FRENCH).get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert "fait avec Flask" in page
    assert "built with Flask" not in page


def test_the_error_pages_in_french(client: FlaskClient) -> None:
    response = client.get("/no-such-page", headers=FRENCH)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page introuvable" in page
    assert "Retour à l\u2019accueil" in page


def test_the_catalogue_translates_every_marked_string() -> None:
    """Every string the code and the templates mark (what ``pybabel extract -F babel.cfg -k _l`` finds)."""
    method_map = [
        ("maison_market/**.py", "python"),
        ("maison_market/**/templates/**.html", "jinja2"),
        ("maison_market/**/templates/**.txt", "jinja2"),
    ]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None}
    marked = {message for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, keywords=keywords)}
    assert len(marked) > 20
    with (TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = read_po(source)
    untranslated = sorted(m for m in marked if not (catalogue.get(m) and catalogue.get(m).string))
    assert untranslated == []
    assert not [m.id for m in catalogue if m.id and m.fuzzy]
