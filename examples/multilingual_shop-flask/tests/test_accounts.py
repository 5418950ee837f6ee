"""Accounts (Flask-Security-Too): sign-up with email verification, logins by email or username, password
reset and change, two-factor codes with recovery codes, and the throttling of failed attempts."""

from __future__ import annotations

import re
import time

import pytest
from flask import Flask
from flask.testing import FlaskClient
from passlib.totp import TOTP

from maison_market import create_app, mail
from maison_market.config import ConfigError

from .conftest import PASSWORD, AuthActions, get_user_named, make_app

NEW_PASSWORD = "another-long-passphrase"


def logged_in(client: FlaskClient) -> bool:
    """Whether the client's session is a logged-in user's (the change password page needs one)."""
    return client.get("/auth/password").status_code == 200


def link_in_last_email(app: Flask, to: str, path: str) -> str:
    """The path of the link to ``path`` in the last email sent to ``to``."""
    message = [m for m in mail.outbox(app) if m["To"] == to][-1]
    found = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s\"<>]+)", message.get_content())
    assert found, message.get_content()
    return found[1]


def sign_up(client: FlaskClient, username: str = "erin", email: str = "erin@example.com") -> None:
    data = {"email": email, "username": username, "password": PASSWORD, "password_confirm": PASSWORD}
    assert client.post("/auth/signup", data=data).status_code in {200, 302}


def test_sign_up_confirm_by_email_then_log_in(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    sign_up(client)
    assert not logged_in(client)
    auth.login("erin")
    assert not logged_in(client)  # not before the address is confirmed
    confirm = link_in_last_email(app, "erin@example.com", "/auth/confirm/")
    assert client.get(confirm).status_code == 302
    assert get_user_named(app, "erin").confirmed_at is not None
    assert auth.login("erin").status_code == 302
    assert logged_in(client)
    assert "erin" in client.get("/").get_data(as_text=True)


def test_a_forged_confirmation_link_confirms_nobody(app: Flask, client: FlaskClient) -> None:
    sign_up(client)
    client.get("/auth/confirm/not-a-token")
    assert get_user_named(app, "erin").confirmed_at is None


def test_a_taken_username_is_refused(app: Flask, client: FlaskClient) -> None:
    sign_up(client, username="alice", email="someone@example.com")
    with app.app_context():
        from maison_market.auth.models import user_by_email

        assert user_by_email("someone@example.com") is None


def test_log_in_by_email_or_by_username(client: FlaskClient, auth: AuthActions) -> None:
    assert client.post("/auth/login", data={"email": "alice@example.com", "password": PASSWORD}).status_code == 302
    assert logged_in(client)
    auth.logout()
    assert not logged_in(client)
    assert auth.login("alice").status_code == 302
    assert logged_in(client)


def test_a_wrong_password_is_refused(client: FlaskClient, auth: AuthActions) -> None:
    assert auth.login("alice", "wrong-password").status_code == 200
    assert not logged_in(client)


def test_reset_a_forgotten_password(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    client.post("/auth/reset", data={"email": "alice@example.com"})
    link = link_in_last_email(app, "alice@example.com", "/auth/reset/")
    data = {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    assert client.post(link, data=data).status_code == 302
    assert auth.login("alice").status_code == 200  # the old password no longer works
    assert auth.login("alice", NEW_PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_reset_for_an_unknown_address_sends_nothing(app: Flask, client: FlaskClient) -> None:
    client.post("/auth/reset", data={"email": "nobody@example.com"})
    assert [m for m in mail.outbox(app) if m["To"] == "nobody@example.com"] == []


def test_change_the_password(client: FlaskClient, auth: AuthActions) -> None:
    auth.login("alice")
    data = {"password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD}
    assert client.post("/auth/password", data=data).status_code == 302
    auth.logout()
    assert auth.login("alice").status_code == 200
    assert auth.login("alice", NEW_PASSWORD).status_code == 302


def set_up_two_factor(client: FlaskClient, auth: AuthActions) -> tuple[TOTP, list[str]]:
    """Log alice in, turn two-factor login on with an authenticator key, make recovery codes; log out."""
    auth.login("alice")
    page = client.post("/auth/tf-setup", data={"setup": "authenticator"}).get_data(as_text=True)
    key = re.search(r'<code class="authenticator-key">([A-Z2-7 -]+)</code>', page)
    assert key, page
    totp = TOTP(key=re.sub(r"[ -]", "", key[1]))  # the key as the page shows it: ABCD-EFGH-...
    assert client.post("/auth/tf-validate", data={"code": totp.generate().token}).status_code == 302
    page = client.post("/auth/mf-recovery-codes", data={"generate_new_codes": "y"}).get_data(as_text=True)
    codes = re.findall(r"<li><code>([^<]+)</code></li>", page)
    assert len(codes) == 5, page
    auth.logout()
    return totp, codes


def test_two_factor_login_asks_for_a_code(app: Flask, client: FlaskClient, auth: AuthActions) -> None:
    totp, _ = set_up_two_factor(client, auth)
    assert get_user_named(app, "alice").tf_primary_method == "authenticator"
    response = auth.login("alice")
    assert response.headers["Location"].startswith("/auth/tf-validate")
    assert not logged_in(client)  # the password alone is not enough
    now = totp.generate(time.time() + 30)  # the next code: the setup's own may not be used twice
    wrong = f"{(int(now.token) + 1) % 10**6:06d}"
    assert client.post("/auth/tf-validate", data={"code": wrong}).status_code == 200
    assert not logged_in(client)
    assert client.post("/auth/tf-validate", data={"code": now.token}).status_code == 302
    assert logged_in(client)


def test_a_two_factor_code_works_once(client: FlaskClient, auth: AuthActions) -> None:
    totp, _ = set_up_two_factor(client, auth)
    used = totp.generate().token  # the code the setup used
    auth.login("alice")
    client.post("/auth/tf-validate", data={"code": used})
    assert not logged_in(client)


def test_a_recovery_code_logs_in_once(client: FlaskClient, auth: AuthActions) -> None:
    _, codes = set_up_two_factor(client, auth)
    auth.login("alice")
    assert client.post("/auth/mf-recovery", data={"code": "not-a-code"}).status_code == 200
    assert not logged_in(client)
    assert client.post("/auth/mf-recovery", data={"code": codes[0]}).status_code == 302
    assert logged_in(client)
    auth.logout()
    auth.login("alice")
    client.post("/auth/mf-recovery", data={"code": codes[0]})
    assert not logged_in(client)


@pytest.fixture
def strict_app(tmp_path) -> Flask:
    return make_app(tmp_path, LOGIN_ACCOUNT_LIMIT="2 per minute", LOGIN_ADDRESS_LIMIT="3 per minute")


def test_repeated_failed_logins_lock_the_account(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for _ in range(2):
        assert client.post("/auth/login", data={"username": "alice", "password": "wrong"}).status_code == 200
    response = client.post("/auth/login", data={"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    # another account still logs in
    assert client.post("/auth/login", data={"email": "bob@example.com", "password": PASSWORD}).status_code == 302


def test_guesses_by_username_and_by_email_count_for_the_same_account(strict_app: Flask) -> None:
    client = strict_app.test_client()
    assert client.post("/auth/login", data={"username": "alice", "password": "wrong"}).status_code == 200
    assert client.post("/auth/login", data={"email": "Alice@example.com", "password": "wrong"}).status_code == 200
    assert client.post("/auth/login", data={"email": "alice@example.com", "password": PASSWORD}).status_code == 429


def test_repeated_failed_logins_lock_the_address(strict_app: Flask) -> None:
    client = strict_app.test_client()
    for username in ("alice", "bob", "admin"):
        client.post("/auth/login", data={"username": username, "password": "wrong"})
    assert client.post("/auth/login", data={"username": "bob", "password": PASSWORD}).status_code == 429


def test_repeated_wrong_codes_are_throttled(tmp_path) -> None:
    app = make_app(tmp_path, TWO_FACTOR_LIMIT="2 per minute")
    client = app.test_client()
    auth = AuthActions(client)
    set_up_two_factor(client, auth)
    auth.login("alice")
    for _ in range(2):
        client.post("/auth/tf-validate", data={"code": "000000"})
    assert client.post("/auth/tf-validate", data={"code": "000000"}).status_code == 429


def test_the_create_admin_command(app: Flask) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-admin", "--username", "root", "--email", "root@example.com", "--password", "root-password"]
    )
    assert result.exit_code == 0, result.output
    assert get_user_named(app, "root").is_admin
    existing = ["create-admin", "--username", "alice", "--email", "x@example.com", "--password", "x" * 8]
    assert runner.invoke(args=existing).exit_code == 0
    assert get_user_named(app, "alice").is_admin


def test_pages_use_the_site_layout(client: FlaskClient) -> None:
    for path in ("/auth/login", "/auth/signup", "/auth/reset"):
        page = client.get(path).get_data(as_text=True)
        assert 'class="site-header"' in page and 'class="form"' in page, path


@pytest.mark.parametrize("name", ["SECURITY_PASSWORD_SALT", "SECURITY_TOTP_SECRETS"])
def test_production_needs_the_account_secrets(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    for variable in ("SECRET_KEY", "TRUSTED_HOSTS", "DATABASE_URL", "SECURITY_PASSWORD_SALT", "SECURITY_TOTP_SECRETS"):
        monkeypatch.setenv(variable, "example.com" if variable == "TRUSTED_HOSTS" else "sqlite://")
    monkeypatch.delenv(name)
    with pytest.raises(ConfigError, match=name):
        create_app({"APP_ENV": "production"})
