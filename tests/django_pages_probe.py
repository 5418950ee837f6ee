"""Run inside a rendered Django project: request every page, print what a visitor sees, as JSON.

``python django_pages_probe.py APP`` from the project's folder (APP: the example app's name). Each
page becomes a list of tokens, tags with their sorted attributes and runs of text with their
whitespace collapsed, so that DTL and Jinja2 renders of the same page compare equal whatever their
indentation, escaping (``&#39;`` or ``&#x27;``) or self-closing style. Volatile values (CSRF tokens,
password reset tokens) are replaced by placeholders; dates are fixed.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, os.getcwd())
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_RESET_LINK = re.compile(r"/reset/[^/\s]+/[^/\s]+/")


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.tokens.append(text)
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        shown = []
        for name, value in sorted(attrs):
            value = value or ""
            if name == "value" and dict(attrs).get("name") == "csrfmiddlewaretoken":
                value = "<csrf>"
            shown.append(f'{name}="{" ".join(value.split())}"')
        self.tokens.append(f"<{' '.join([tag, *shown])}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag not in _VOID:
            self.tokens.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def visible(html: str) -> list[str]:
    """The tokens of an HTML page: tags with sorted attributes, text with collapsed whitespace."""
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def main(app: str, language: str = "") -> None:
    """Request every page; in ``language`` when given (a multilingual project: under its /<language>/ prefix)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{_settings_package()}.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.core import mail
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone, translation
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    logging.disable(logging.CRITICAL)  # the 403 and 404 responses are wanted here
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    model = apps.get_app_config(app).get_models().__next__()
    users = get_user_model().objects
    password = "correct-Horse-battery-st4ple"
    alice = users.create_user("alice", "alice@example.com", password)
    users.create_user("bob", "bob@example.com", password)
    users.create_user("stella", "stella@example.com", password, is_staff=True)
    when = datetime.datetime(2024, 5, 17, 9, 30, tzinfo=datetime.UTC)
    first = model.objects.create(title="The first one", body="Hello, <world>.\n\nA second paragraph.", owner=alice)
    for number in range(11):
        model.objects.create(title=f"Number {number}", body="...", owner=alice)
    model.objects.update(created_at=when, updated_at=when)
    timezone.now = lambda: when + datetime.timedelta(days=2)  # the dates of what the pages write
    model.objects.filter(pk=first.pk).update(updated_at=when + datetime.timedelta(days=1))

    pages: dict[str, list[str]] = {}
    client = Client(**({"HTTP_ACCEPT_LANGUAGE": language} if language else {}))
    prefix = f"/{language}" if language else ""

    def prefixed(url: str) -> str:
        return url if not prefix or url.startswith(prefix + "/") else prefix + url

    def keep(name: str, method: str, url: str, response: Any) -> None:
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        key = f"{len(pages) + 1:02} {name} {method} {url} -> {final} {response.status_code}"
        pages[key] = visible(response.content.decode())

    def get(name: str, url: str, **params: str) -> None:
        url = prefixed(url)
        keep(name, "GET", url + (f"?{urlencode(params)}" if params else ""), client.get(url, params, follow=True))

    def post(name: str, url: str, data: dict[str, str]) -> None:
        keep(name, "POST", prefixed(url), client.post(prefixed(url), data, follow=True))

    detail, edit, delete = (f"/{app}/{first.pk}/", f"/{app}/{first.pk}/edit/", f"/{app}/{first.pk}/delete/")
    for who in ("anonymous", "bob", "alice", "stella"):
        client.logout()
        if who != "anonymous":
            client.force_login(users.get(username=who))
        for url in ("/", f"/{app}/", detail, f"/{app}/new/", edit, delete, "/no-such-page/"):
            get(who, url)
        get(who, f"/{app}/", page="2")
    client.logout()
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"):
        get("anonymous", url)
    post("anonymous", "/accounts/login/", {"username": "alice", "password": "wrong"})
    post("anonymous", "/accounts/signup/", {"username": "alice", "password1": "x", "password2": "y"})
    post("anonymous", "/accounts/password_reset/", {"email": "alice@example.com"})
    pages["password reset email"] = _RESET_LINK.sub("/reset/<uid>/<token>/", mail.outbox[0].body).rstrip().splitlines()
    pages["password reset subject"] = [mail.outbox[0].subject]
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    reset = f"/accounts/reset/{uid}/{default_token_generator.make_token(users.get(pk=alice.pk))}/"
    get("anonymous", f"/accounts/reset/{uid}/not-a-valid-token/")
    response = client.get(prefixed(reset), follow=True)
    keep("anonymous", "GET", "/accounts/reset/<uid>/<token>/", response)
    set_password, new_password = response.redirect_chain[-1][0], password + "2"
    post("anonymous", set_password, {"new_password1": "x", "new_password2": "y"})
    post("anonymous", set_password, {"new_password1": new_password, "new_password2": new_password})
    post("anonymous", "/accounts/login/", {"username": "alice", "password": new_password})
    get("alice", "/accounts/password_change/")
    post("alice", "/accounts/password_change/", {"old_password": "x", "new_password1": "y", "new_password2": "z"})
    post("alice", f"/{app}/new/", {"title": "", "body": "No title."})
    post("alice", f"/{app}/new/", {"title": "A new one", "body": "Some text."})
    created = model.objects.get(title="A new one")
    post("alice", f"/{app}/{created.pk}/edit/", {"title": "A better one", "body": "Some text."})
    post("alice", f"/{app}/{created.pk}/delete/", {})
    post("alice", "/accounts/logout/", {})
    with translation.override(language or None):
        pages["500 page"] = visible(render_to_string("500.html"))
    print(json.dumps(pages, indent=1, ensure_ascii=False))


def _settings_package() -> str:
    """The project package: the folder next to manage.py that holds settings.py."""
    return next(p.parent.name for p in Path.cwd().glob("*/settings.py"))


if __name__ == "__main__":
    main(*sys.argv[1:])
