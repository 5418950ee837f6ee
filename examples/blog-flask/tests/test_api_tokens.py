"""API tokens: made on a page or by a command, used instead of the cookie (no CSRF token), revoked;
anonymous writes get 401 JSON; the API is throttled."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from field_notes.api_tokens.keys import digest
from field_notes.api_tokens.models import tokens_of
from field_notes.throttling import limiter

from .conftest import AuthActions, get_user_named, log_in_with_csrf_token
from .test_posts import add_post


def make_token(client: FlaskClient, name: str = "script") -> str:
    """Make a token on the tokens page, as a logged-in user does; the page shows it once."""
    page = client.post("/tokens/", data={"name": name}).get_data(as_text=True)
    found = re.search(r'<code class="new-token">([^<]+)</code>', page)
    assert found, page
    return found[1]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_writes_without_cookie_nor_csrf_token(csrf_app: Flask) -> None:
    browser = csrf_app.test_client()
    log_in_with_csrf_token(browser)
    page = browser.get("/tokens/").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert csrf
    shown = browser.post("/tokens/", data={"name": "script", "csrf_token": csrf[1]}).get_data(as_text=True)
    token = re.search(r'<code class="new-token">([^<]+)</code>', shown)
    assert token
    script = csrf_app.test_client(use_cookies=False)
    response = script.post("/api/posts/", json={"title": "By token"}, headers=bearer(token[1]))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["owner"] == "alice"
    assert "Set-Cookie" not in response.headers


def test_tokens_are_stored_hashed_and_shown_once(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    token = make_token(client)
    with app.app_context():
        (row,) = tokens_of(get_user_named(app, "alice"))
        assert row.token_hash == digest(token)
        assert token not in row.token_hash
    assert token not in client.get("/tokens/").get_data(as_text=True)


def test_a_revoked_token_stops_working(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    token = make_token(client)
    script = app.test_client(use_cookies=False)
    assert script.post("/api/posts/", json={"title": "Before"}, headers=bearer(token)).status_code == 201
    with app.app_context():
        (row,) = tokens_of(get_user_named(app, "alice"))
        token_id = row.id
    assert client.post(f"/tokens/{token_id}/revoke").status_code == 302
    response = script.post("/api/posts/", json={"title": "After"}, headers=bearer(token))
    assert response.status_code == 401
    assert response.is_json
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_nobody_revokes_someone_elses_token(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login("alice")
    make_token(client)
    auth.logout()
    with app.app_context():
        (row,) = tokens_of(get_user_named(app, "alice"))
        token_id = row.id
    auth.login("bob")
    assert client.post(f"/tokens/{token_id}/revoke").status_code == 404
    with app.app_context():
        assert tokens_of(get_user_named(app, "alice"))


def test_the_tokens_page_needs_a_login(client: FlaskClient) -> None:
    response = client.get("/tokens/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_tokens_commands(runner: FlaskCliRunner, app: Flask) -> None:
    result = runner.invoke(args=["tokens", "create", "alice", "--name", "cron"])
    assert result.exit_code == 0, result.output
    token_id, token = re.search(r"Token (\d+) for alice: (\S+)", result.output).groups()  # type: ignore[union-attr]
    script = app.test_client(use_cookies=False)
    assert script.post("/api/posts/", json={"title": "From cron"}, headers=bearer(token)).status_code == 201
    assert "cron" in runner.invoke(args=["tokens", "list", "alice"]).output
    assert runner.invoke(args=["tokens", "revoke", token_id]).exit_code == 0
    assert script.post("/api/posts/", json={"title": "Again"}, headers=bearer(token)).status_code == 401
    assert runner.invoke(args=["tokens", "create", "nobody"]).exit_code != 0
    assert runner.invoke(args=["tokens", "revoke", "999999"]).exit_code != 0


def test_an_anonymous_write_gets_401_json(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    for method in ("post", "put", "delete"):
        path = "/api/posts/" if method == "post" else "/api/posts/1"
        response = getattr(client, method)(path, json={"title": "Anonymous"})
        assert response.status_code == 401, method
        assert response.get_json()["code"] == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_forged_token_gets_401(client: FlaskClient) -> None:
    for header in ("Bearer fod_not-a-token", "Bearer ", "Basic YWxpY2U6cGFzcw=="):
        response = client.post("/api/posts/", json={"title": "Forged"}, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.is_json


def test_cookie_writes_still_need_the_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    log_in_with_csrf_token(client)
    # A token alongside the cookie does not waive the CSRF check: the session is what authenticates.
    response = client.post("/api/posts/", json={"title": "No CSRF"}, headers=bearer("fod_whatever"))
    assert response.status_code == 400
    assert response.is_json


def test_someone_elses_post_is_403_by_token(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    post_id = add_post(app, owner="alice")
    auth.login("bob")
    token = make_token(client)
    script = app.test_client(use_cookies=False)
    response = script.put(f"/api/posts/{post_id}", json={"title": "Mine now"}, headers=bearer(token))
    assert response.status_code == 403
    assert script.delete(f"/api/posts/{post_id}", headers=bearer(token)).status_code == 403


def test_the_openapi_document_describes_both_ways_in(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").get_json()
    schemes = spec["components"]["securitySchemes"]
    assert (schemes["bearerAuth"]["type"], schemes["bearerAuth"]["scheme"]) == ("http", "bearer")
    assert schemes["sessionCookie"]["in"] == "cookie"
    assert spec["paths"]["/api/posts/"]["post"]["security"] == [{"bearerAuth": []}, {"sessionCookie": []}]
    # Reads are anyone's ({}): a token may come, and is refused (401) when it is not valid.
    assert spec["paths"]["/api/posts/"]["get"]["security"] == [{"bearerAuth": []}, {"sessionCookie": []}, {}]


def test_the_api_is_throttled_per_user(app: Flask, runner: FlaskCliRunner) -> None:
    app.config["API_USER_LIMIT"] = "3 per minute"
    token = re.search(r": (\S+)$", runner.invoke(args=["tokens", "create", "alice"]).output.strip())[1]  # type: ignore[index]
    script = app.test_client(use_cookies=False)
    statuses = [script.get("/api/posts/", headers=bearer(token)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = script.get("/api/posts/", headers=bearer(token))
    assert response.is_json
    assert int(response.headers["Retry-After"]) > 0
    assert "try again in" in response.get_json()["message"]
    with app.app_context():
        limiter.reset()
    assert script.get("/api/posts/", headers=bearer(token)).status_code == 200
