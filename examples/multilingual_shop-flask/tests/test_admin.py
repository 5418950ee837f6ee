"""The admin panel: admins only, and no password hashes on show."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from .conftest import AuthActions, get_user_named
from .test_products import add_product, product_exists

PAGES = ["/admin/", "/admin/user/", "/admin/user/edit/?id=1", "/admin/product/"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_login(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize("path", PAGES)
def test_users_who_are_not_admins_get_403(client: FlaskClient, auth: AuthActions, path: str) -> None:
    auth.login("alice")
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_admins_get_in(client: FlaskClient, auth: AuthActions, path: str) -> None:
    auth.login("admin")
    assert client.get(path).status_code == 200


def test_only_admin_pages_allow_inline_scripts(client: FlaskClient, auth: AuthActions) -> None:
    auth.login("admin")
    assert "'unsafe-inline'" in client.get("/admin/").headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in client.get("/").headers["Content-Security-Policy"]


def test_password_hashes_are_never_shown(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login("admin")
    alice = get_user_named(app, "alice")
    for path in ("/admin/user/", f"/admin/user/edit/?id={alice.id}", f"/admin/user/details/?id={alice.id}"):
        html = client.get(path).get_data(as_text=True)
        assert alice.password not in html
        assert "password_hash" not in html
        assert "Password Hash" not in html


def admin_client(csrf_app: Flask) -> FlaskClient:
    """A client logged in as the admin, on an app that checks CSRF tokens."""
    client = csrf_app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    client.post("/auth/login", data={"username": "admin", "password": "correct-horse-battery", "csrf_token": token[1]})
    return client


def test_admins_edit_users_with_the_csrf_token(csrf_app: Flask) -> None:
    client = admin_client(csrf_app)
    alice = get_user_named(csrf_app, "alice")
    url = f"/admin/user/edit/?id={alice.id}"
    form = {"username": "alice", "email": "alice@example.com", "roles": "1"}  # admin
    assert client.post(url, data=form).status_code == 400  # no token
    assert not get_user_named(csrf_app, "alice").is_admin
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token, page
    assert client.post(url, data={**form, "csrf_token": token[1]}).status_code == 302
    assert get_user_named(csrf_app, "alice").is_admin


def test_admins_delete_from_the_list_with_the_csrf_token(csrf_app: Flask) -> None:
    product_id = add_product(csrf_app)
    client = admin_client(csrf_app)
    html = client.get("/admin/product/").get_data(as_text=True)
    form = re.search(r'<form class="icon" method="POST" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form, html
    fields = dict(re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', form[2]))
    assert "csrf_token" in fields
    assert client.post(form[1], data={**fields, "csrf_token": "forged"}).status_code == 400
    assert product_exists(csrf_app, product_id)
    assert client.post(form[1], data=fields).status_code == 302
    assert not product_exists(csrf_app, product_id)
