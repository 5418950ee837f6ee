"""The site's languages: the browser's Accept-Language, the switcher (POST /language), the catalogues."""

from __future__ import annotations

import re

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from maison_market.config import Config
from maison_market.i18n import TRANSLATIONS, compile_catalogues, stale_catalogues

DEFAULT, OTHER = "en", "fr"


@pytest.fixture
def app(app: Flask) -> Flask:
    """The app with the site's own languages (conftest.py's shows the pages in English)."""
    app.config["LANGUAGES"] = dict(Config.LANGUAGES)
    return app


@pytest.fixture
def csrf_app(csrf_app: Flask) -> Flask:
    """Likewise, with CSRF protection on."""
    csrf_app.config["LANGUAGES"] = dict(Config.LANGUAGES)
    return csrf_app


def html_lang(client: FlaskClient, path: str = "/", **headers: str) -> str:
    page = client.get(path, headers=headers).get_data(as_text=True)
    found = re.search(r'<html lang="([^"]+)">', page)
    assert found, page[:300]
    return found[1]


def csrf_token(client: FlaskClient) -> str:
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found[1]


def test_the_default_language_without_accept_language(client: FlaskClient) -> None:
    assert html_lang(client) == DEFAULT


@pytest.mark.parametrize("header", [OTHER, f"{OTHER};q=0.9", f"xx, {OTHER};q=0.5, *;q=0.1"])
def test_the_browser_s_language_when_the_site_has_it(client: FlaskClient, header: str) -> None:
    assert html_lang(client, **{"Accept-Language": header}) == OTHER


@pytest.mark.parametrize("header", ["xx", "xx-YY;q=0.8", "*", "", ";;,q=abc"])
def test_the_default_language_for_any_other_accept_language(client: FlaskClient, header: str) -> None:
    assert html_lang(client, **{"Accept-Language": header}) == DEFAULT


def test_pages_say_they_vary_by_language(client: FlaskClient) -> None:
    assert "Accept-Language" in client.get("/").headers["Vary"]


def test_the_switcher_keeps_the_choice_and_comes_back(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert 'action="/language"' in page  # the switcher is in every page's header
    response = client.post("/language", data={"language": OTHER, "next": "/?page=2", "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert response.headers["Location"] == "/?page=2"
    # The choice wins over the browser's language from then on.
    assert html_lang(client, **{"Accept-Language": DEFAULT}) == OTHER


def test_the_switcher_needs_its_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    assert client.post("/language", data={"language": OTHER}).status_code == 400
    assert html_lang(client) == DEFAULT


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", " /x", ""]
)
def test_the_switcher_goes_back_to_this_site_only(client: FlaskClient, target: str) -> None:
    response = client.post("/language", data={"language": OTHER, "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("language", ["", "xx", "EN", "en;", "../etc"])
def test_the_switcher_refuses_other_languages(client: FlaskClient, language: str) -> None:
    assert client.post("/language", data={"language": language, "next": "/"}).status_code == 400
    assert html_lang(client) == DEFAULT


def test_the_catalogues_are_compiled_when_they_change(app: Flask) -> None:
    # create_app compiled them: nothing is stale, and compiling again writes nothing.
    assert stale_catalogues() == []
    assert compile_catalogues() == []
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"):
        assert po.with_suffix(".mo").stat().st_mtime >= po.stat().st_mtime


def test_error_descriptions_are_shown_as_text(app: Flask) -> None:
    """The error page translates Werkzeug's texts in code: a description stays text, even with a % in it."""
    app.add_url_rule("/boom", "boom", lambda: abort(400, description="<b>100% sure</b>"))
    page = app.test_client().get("/boom", headers={"Accept-Language": OTHER}).get_data(as_text=True)
    assert "&lt;b&gt;100% sure&lt;/b&gt;" in page
    assert "<b>" not in page
