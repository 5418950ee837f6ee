"""Throttling (Flask-Limiter): password guessing, sign-up and reset floods; and the reset form's secrets."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask
from flask.testing import FlaskClient

from sales_insights import create_app
from sales_insights.mail import outbox
from sales_insights.throttling import limiter

from .conftest import PASSWORD, clean_up, make_app


@pytest.fixture
def strict_app(tmp_path: Path) -> Iterator[Flask]:
    """Low limits, so that a test reaches them in a few requests."""
    app = make_app(
        tmp_path,
        LOGIN_ACCOUNT_LIMIT="3 per minute",
        LOGIN_ADDRESS_LIMIT="6 per minute",
        SIGNUP_LIMIT="2 per minute",
        RESET_REQUEST_LIMIT="2 per minute",
    )
    yield app
    clean_up(app)


def log_in(client: FlaskClient, username: str, password: str) -> int:
    return client.post("/auth/login", data={"username": username, "password": password}).status_code


def test_guessing_locks_the_account_out_even_for_the_right_password(strict_app: Flask) -> None:
    client = strict_app.test_client()
    assert [log_in(client, "alice", "wrong") for _ in range(3)] == [200, 200, 200]
    response = client.post("/auth/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "try again in" in response.get_data(as_text=True)
    assert "_user_id" not in (client.get_cookie("session").value if client.get_cookie("session") else "")
    # Another account is not locked by alice's guesses (the address limit is higher).
    assert log_in(strict_app.test_client(), "bob", PASSWORD) == 302
    # Once the window ends (here: the counts reset), the right password logs in again.
    with strict_app.app_context():
        limiter.reset()
    assert log_in(client, "alice", PASSWORD) == 302


def test_a_limit_counts_any_window_not_one_that_restarts(strict_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """3 per minute means any 60 seconds: two guesses at the end of a minute still count a second later
    (a fixed window would start a new count there and let 3 more through)."""
    now = [time.time()]
    clock = SimpleNamespace(time=lambda: now[0])
    for module in ("limits.storage.memory", "limits.strategies"):  # the in-memory counts' clock
        monkeypatch.setattr(f"{module}.time", clock)
    client = strict_app.test_client()
    assert log_in(client, "alice", "wrong") == 200
    now[0] += 59
    assert [log_in(client, "alice", "wrong") for _ in range(2)] == [200, 200]
    now[0] += 2  # the first guess is now more than a minute old, the other two are not
    assert [log_in(client, "alice", "wrong") for _ in range(2)] == [200, 429]


def test_account_names_are_counted_whatever_their_case(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for name in ("alice", "ALICE", " Alice "):
        assert log_in(client, name, "wrong") == 200
    assert log_in(client, "alice", PASSWORD) == 429


def test_guessing_many_accounts_from_one_address_is_limited(strict_app: Flask) -> None:
    client = strict_app.test_client()
    assert {log_in(client, f"user{number}", "wrong") for number in range(6)} == {200}
    assert log_in(client, "bob", PASSWORD) == 429


def test_successful_logins_are_not_counted(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for _ in range(5):
        assert log_in(client, "alice", PASSWORD) == 302
        client.post("/auth/logout")


def test_sign_ups_are_limited_per_address(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for number in range(3):
        data = {"username": f"new{number}", "email": f"new{number}@example.com", "password": PASSWORD}
        status = client.post("/auth/signup", data={**data, "confirm": PASSWORD}).status_code
        assert status == (302 if number < 2 else 429)
        client.post("/auth/logout")


def test_reset_requests_are_limited(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for _ in range(2):
        assert client.post("/auth/reset", data={"email": "alice@example.com"}).status_code == 302
    assert client.post("/auth/reset", data={"email": "alice@example.com"}).status_code == 429
    assert len(outbox(strict_app)) == 2


def test_the_reset_form_does_not_tell_whether_an_account_exists(client: FlaskClient, app: Flask) -> None:
    known = client.post("/auth/reset", data={"email": "alice@example.com"}, follow_redirects=True)
    unknown = client.post("/auth/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    # The same page, but for its CSRF tokens, which carry the second they were signed in.
    known_page, unknown_page = (without_csrf_tokens(page.get_data(as_text=True)) for page in (known, unknown))
    assert known_page == unknown_page
    assert len(outbox(app)) == 1


def without_csrf_tokens(page: str) -> str:
    """The page with each tag that holds a CSRF token (the meta tag, the hidden fields) blanked out."""
    return re.sub(r"<[^>]*csrf[^>]*>", "<csrf>", page)


def test_a_forged_host_on_the_reset_form_sends_no_email(monkeypatch: pytest.MonkeyPatch, app: Flask) -> None:
    monkeypatch.setenv("SECRET_KEY", "a-long-random-production-key")
    monkeypatch.setenv("TRUSTED_HOSTS", "example.com")
    monkeypatch.delenv("REDIS_URL", raising=False)  # counts in memory, and any job runs at once, in the test
    settings = {"APP_ENV": "production", "DATABASE_URL": app.config["DATABASE_URL"], "MAIL_BACKEND": "memory"}
    production = create_app({**settings, "WTF_CSRF_ENABLED": False})
    client = production.test_client()
    forged = {"Host": "evil.example", "Origin": "https://evil.example", "Referer": "https://evil.example/auth/reset"}
    response = client.post("/auth/reset", data={"email": "alice@example.com"}, headers=forged)
    assert response.status_code == 400
    assert outbox(production) == []
    response = client.post("/auth/reset", data={"email": "alice@example.com"}, headers={"Host": "example.com"})
    assert response.status_code == 302
    (message,) = outbox(production)
    assert "https://example.com/auth/reset/" in message.get_content()
