"""Accounts: sign up, log in and out, the next parameter, passwords, CSRF and flask create-admin."""

from __future__ import annotations

import re
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from sales_insights.auth.tokens import make_reset_token
from sales_insights.mail import outbox

from .conftest import PASSWORD, AuthActions, get_user_named


def test_signup_creates_an_account_and_logs_in(client: FlaskClient, app: Flask) -> None:
    assert client.get("/auth/signup").status_code == 200
    response = client.post(
        "/auth/signup",
        data={"username": "carol", "email": "Carol@Example.com", "password": "s3cret-pass", "confirm": "s3cret-pass"},
        follow_redirects=True,
    )
    assert "Welcome, carol!" in response.get_data(as_text=True)
    user = get_user_named(app, "carol")
    assert user.email == "carol@example.com"
    assert user.password_hash != "s3cret-pass"
    assert not user.is_admin


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "alice", "email": "new@example.com"}, "This username is taken."),
        ({"username": "carol", "email": "alice@example.com"}, "An account with this email address exists"),
        ({"username": "carol", "email": "not-an-email"}, "Invalid email address."),
        ({"username": "carol", "email": "carol@example.com", "confirm": "other-pass"}, "The passwords differ."),
        ({"username": "carol", "email": "carol@example.com", "password": "short", "confirm": "short"}, "8 to 128"),
    ],
)
def test_signup_rejects_bad_input(client: FlaskClient, data: dict[str, str], message: str) -> None:
    form = {"password": "s3cret-pass", "confirm": "s3cret-pass", **data}
    response = client.post("/auth/signup", data=form)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_login_and_logout(client: FlaskClient, auth: AuthActions) -> None:
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Log out" in page
    assert "alice" in page
    response = auth.logout()
    assert response.status_code == 302
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_login_rejects_a_wrong_password(auth: AuthActions) -> None:
    response = auth.login(password="wrong-password")
    assert response.status_code == 200
    assert "Wrong username or password." in response.get_data(as_text=True)


def test_logout_needs_post(client: FlaskClient, auth: AuthActions) -> None:
    auth.login()
    assert client.get("/auth/logout").status_code == 405
    assert "Log out" in client.get("/").get_data(as_text=True)


def test_login_follows_a_safe_next(auth: AuthActions) -> None:
    response = auth.login(next_url="/auth/password?x=1")
    assert response.headers["Location"] == "/auth/password?x=1"


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "evil.example",
    ],
)
def test_login_ignores_an_unsafe_next(auth: AuthActions, next_url: str) -> None:
    response = auth.login(next_url=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_required_pages_send_to_login_with_next(client: FlaskClient) -> None:
    response = client.get("/auth/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_change_password(client: FlaskClient, auth: AuthActions) -> None:
    auth.login()
    response = client.post(
        "/auth/password", data={"current_password": "wrong", "password": "new-password", "confirm": "new-password"}
    )
    assert "This is not your current password." in response.get_data(as_text=True)
    response = client.post(
        "/auth/password", data={"current_password": PASSWORD, "password": "new-password", "confirm": "new-password"}
    )
    assert response.status_code == 302
    auth.logout()
    assert auth.login(password=PASSWORD).status_code == 200  # the old one no longer works
    assert auth.login(password="new-password").status_code == 302


def test_changing_the_password_logs_out_other_sessions(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    other = app.test_client()
    AuthActions(other).login()
    assert other.get("/auth/password").status_code == 200
    auth.login()
    form = {"current_password": PASSWORD, "password": "new-password", "confirm": "new-password"}
    assert client.post("/auth/password", data=form).status_code == 302
    assert client.get("/auth/password").status_code == 200  # this session goes on
    assert other.get("/auth/password").status_code == 302  # the other one is logged out


def test_a_forged_session_key_loads_nobody(app: Flask) -> None:
    from sales_insights.auth.views import load_user

    alice = get_user_named(app, "alice")
    with app.app_context():
        assert load_user(alice.get_id()) is not None
        assert load_user(str(alice.id)) is None
        assert load_user(f"{alice.id}:0000000000000000") is None
        assert load_user("not-a-number:x") is None


def reset_link(app: Flask) -> str:
    """The path of the reset link in the last email sent."""
    body = outbox(app)[-1].get_content()
    match = re.search(r"https?://[^/\s]+(/auth/reset/\S+)", body)
    assert match, body
    return match.group(1)


def test_password_reset_by_email(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    assert client.get("/auth/reset").status_code == 200
    response = client.post("/auth/reset", data={"email": "ALICE@example.com"}, follow_redirects=True)
    assert "we sent it a link" in response.get_data(as_text=True)
    assert len(outbox(app)) == 1
    message = outbox(app)[0]
    assert message["To"] == "alice@example.com"
    link = reset_link(app)

    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": "brand-new-pass", "confirm": "brand-new-pass"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    assert auth.login(password="brand-new-pass").status_code == 302

    # The link works once: the password it was made for has changed.
    auth.logout()
    response = client.get(link, follow_redirects=True)
    assert "invalid or has expired" in response.get_data(as_text=True)


def test_password_reset_for_an_unknown_address_sends_nothing(client: FlaskClient, app: Flask) -> None:
    response = client.post("/auth/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert "we sent it a link" in response.get_data(as_text=True)
    assert outbox(app) == []


def test_password_reset_rejects_an_invalid_token(client: FlaskClient) -> None:
    response = client.get("/auth/reset/not-a-token")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/reset"
    response = client.post("/auth/reset/not-a-token", data={"password": "x" * 10, "confirm": "x" * 10})
    assert response.headers["Location"] == "/auth/reset"


def test_password_reset_rejects_an_expired_token(
    client: FlaskClient, app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = get_user_named(app, "alice")
    made_at = time.time() - app.config["PASSWORD_RESET_MAX_AGE"] - 60
    with app.test_request_context(), monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: made_at)
        token = make_reset_token(user)
    response = client.get(f"/auth/reset/{token}", follow_redirects=True)
    assert "invalid or has expired" in response.get_data(as_text=True)


def test_forms_reject_a_missing_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    response = client.post("/auth/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 400
    assert client.post("/auth/logout").status_code == 400
    # With the token from the form, the same login works.
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    response = client.post(
        "/auth/login", data={"username": "alice", "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert response.status_code == 302


def test_create_admin_command(runner: FlaskCliRunner, app: Flask) -> None:
    result = runner.invoke(
        args=["create-admin", "--username", "root", "--email", "root@example.com", "--password", "root-password"]
    )
    assert result.exit_code == 0, result.output
    assert "Admin user root created." in result.output
    user = get_user_named(app, "root")
    assert user.is_admin
    assert user.check_password("root-password")


def test_create_admin_promotes_an_existing_user(runner: FlaskCliRunner, app: Flask) -> None:
    result = runner.invoke(args=["create-admin", "--username", "alice", "--email", "x@example.com", "--password", "x"])
    assert result.exit_code == 0, result.output
    assert get_user_named(app, "alice").is_admin


def test_create_admin_rejects_bad_input(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-admin", "--username", "root", "--email", "nope", "--password", "long-enough"])
    assert result.exit_code != 0
    assert "--email" in result.output
    result = runner.invoke(
        args=["create-admin", "--username", "root", "--email", "root@example.com", "--password", "short"]
    )
    assert result.exit_code != 0
    assert "8 characters" in result.output
