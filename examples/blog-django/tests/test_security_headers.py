"""Every page is sent with a strict Content-Security-Policy;
the API's documentation pages loosen only styles (and workers, for ReDoc)."""

import pytest
from django.shortcuts import resolve_url

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
#: Pages by URL name (resolve_url also takes a path as it is).
PAGES = [
    "home",
    "/no-such-page/",
    "login",
    "signup",
    "admin:login",
    "posts:list",
]


def policy(response):
    """The Content-Security-Policy header as {directive: its sources}."""
    directives = (part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, sources in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_are_sent_with_a_strict_policy(client, url):
    found = policy(client.get(resolve_url(url)))
    assert {name: found.get(name) for name in STRICT} == STRICT
    assert "unsafe" not in " ".join(found.values())


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_api_docs_allow_inline_styles_but_no_inline_script(client, url):
    found = policy(client.get(resolve_url(url)))
    assert "'unsafe-inline'" in found["style-src"]
    for name in ("default-src", "script-src", "object-src", "base-uri", "form-action", "frame-ancestors"):
        assert found[name] == STRICT[name], name
