"""French: every text of the pages is translated, and the pages show it."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
#: Names Django's own catalogues translate (settings.LANGUAGES): left empty on purpose.
with translation.override(None):  # the names as written, untranslated
    LANGUAGE_NAMES = {str(name) for _, name in settings.LANGUAGES}


def translated(message):
    return all(message.string) if message.pluralizable else bool(message.string)


def test_the_french_catalogue_translates_every_text():
    with CATALOGUE.open("rb") as source:
        catalogue = read_po(source, locale="fr")
    missing = [m.id for m in catalogue if m.id and m.id not in LANGUAGE_NAMES and not translated(m)]
    assert missing == []


def test_a_browser_asking_for_french_gets_french_pages(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5", follow=True).content.decode()
    assert '<html lang="fr">' in html
    assert "<title>Accueil ·" in html


def test_pages_in_french(client):
    html = client.get("/fr/no-such-page/").content.decode()
    assert '<html lang="fr">' in html
    assert "<h1>Page introuvable</h1>" in html
    assert "Il n&#x27;y a rien" not in html  # the typographic apostrophe, as translated
    assert "Il n’y a rien à cette adresse" in html  # noqa: RUF001
    assert "Français" in html
