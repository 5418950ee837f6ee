"""The site in 2 languages: each page's address names its language, the browser's
Accept-Language and the language switcher choose it, and the pages are in it."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

DEFAULT = "en"
OTHER = "fr"
CODES = ["en", "fr"]
#: The home page's title in the languages whose catalogue the project was generated with.
HOME = {
    "en": "Home",
    "fr": "Accueil",
}


def test_a_bare_address_redirects_to_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=OTHER)
    assert response.status_code == 302
    assert response["Location"] == f"/{OTHER}/"
    assert f'<html lang="{OTHER}">' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("code", CODES)
def test_each_prefix_serves_its_language(client, code):
    response = client.get(f"/{code}/", HTTP_ACCEPT_LANGUAGE="xx")
    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


@pytest.mark.parametrize("code", list(HOME))
def test_the_pages_are_in_their_language(client, code):
    assert f"<title>{HOME[code]} ·" in client.get(f"/{code}/").content.decode()


def set_language_url(code):
    """The switcher's address on a page in ``code``: under that page's prefix, so it runs in its language."""
    with translation.override(code):
        return reverse("set_language")


def test_the_switcher_is_in_every_page_and_lists_every_language(client):
    html = client.get(f"/{DEFAULT}/").content.decode()
    assert f'action="{set_language_url(DEFAULT)}"' in html
    for code in CODES:
        assert f'<option value="{code}" lang="{code}"' in html
    assert f'<option value="{DEFAULT}" lang="{DEFAULT}" selected>' in html


def test_the_switcher_changes_the_language_and_remembers_it(client):
    # The browser asks for OTHER, the page is in DEFAULT: the page's language is the one that counts.
    response = client.post(
        set_language_url(DEFAULT), {"language": OTHER, "next": f"/{DEFAULT}/"}, HTTP_ACCEPT_LANGUAGE=OTHER
    )
    assert response.status_code == 302
    assert response["Location"] == f"/{OTHER}/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == OTHER
    # The choice wins over what the browser asks for.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=DEFAULT)["Location"] == f"/{OTHER}/"


def test_the_switcher_refuses_an_unknown_language_or_a_foreign_next(client):
    unknown = client.post(set_language_url(DEFAULT), {"language": "xx", "next": f"/{DEFAULT}/"})
    assert settings.LANGUAGE_COOKIE_NAME not in unknown.cookies
    foreign = client.post(set_language_url(DEFAULT), {"language": OTHER, "next": "https://evil.example/"})
    assert foreign["Location"] == "/"


def test_health_has_no_language_prefix(client):
    assert client.get("/health/").status_code == 200
    assert client.get(f"/{OTHER}/health/").status_code == 404
