"""Items: list, detail, create, edit, delete, and who may do what."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import NotFound

from sales_insights.items.models import Item, get_item_or_404, save_item

from .conftest import AuthActions, get_user_named


def add_item(app: Flask, title: str = "A first item", owner: str = "alice") -> int:
    """Save a item owned by ``owner`` and return its id."""
    with app.app_context():
        item = Item(title=title, body="Its body.\n\nA second paragraph.", owner=get_user_named(app, owner))
        save_item(item)
        return item.id


def item_exists(app: Flask, item_id: int) -> bool:
    with app.app_context():
        try:
            get_item_or_404(item_id)
        except NotFound:
            return False
        return True


def test_empty_list(client: FlaskClient) -> None:
    response = client.get("/items/")
    assert response.status_code == 200
    assert "No items yet." in response.get_data(as_text=True)


def test_list_and_detail(client: FlaskClient, app: Flask) -> None:
    item_id = add_item(app, "Hello there")
    html = client.get("/items/").get_data(as_text=True)
    assert "Hello there" in html
    assert f'href="/items/{item_id}"' in html
    response = client.get(f"/items/{item_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Hello there</h1>" in html
    assert "A second paragraph." in html
    assert "By alice" in html


def test_detail_of_a_missing_item_is_404(client: FlaskClient) -> None:
    assert client.get("/items/999999").status_code == 404


def test_pagination(client: FlaskClient, app: Flask) -> None:
    per_page = app.config["ITEMS_PER_PAGE"]
    for number in range(per_page + 1):
        add_item(app, f"Title number {number}")
    first = client.get("/items/").get_data(as_text=True)
    assert first.count('class="card"') == per_page
    assert "?page=2" in first
    second = client.get("/items/?page=2").get_data(as_text=True)
    assert second.count('class="card"') == 1
    assert "Title number 0" in second  # the oldest comes last
    assert client.get("/items/?page=99").status_code == 200


def test_create_edit_delete(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    assert client.get("/items/new").status_code == 200
    response = client.post("/items/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    location = response.headers["Location"]
    match = re.fullmatch(r"/items/(\d+)", location)
    assert match
    item_id = int(match.group(1))
    assert "The item is created." in client.get(location).get_data(as_text=True)
    with app.app_context():
        assert get_item_or_404(item_id).owner.username == "alice"

    assert client.get(f"/items/{item_id}/edit").status_code == 200
    response = client.post(f"/items/{item_id}/edit", data={"title": "Renamed", "body": "New body"})
    assert response.status_code == 302
    assert "<h1>Renamed</h1>" in client.get(location).get_data(as_text=True)

    assert client.get(f"/items/{item_id}/delete").status_code == 200
    response = client.post(f"/items/{item_id}/delete")
    assert response.status_code == 302
    assert not item_exists(app, item_id)


def test_create_validates(client: FlaskClient, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/items/new", data={"title": "", "body": "No title"})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


def test_delete_needs_the_csrf_token(csrf_app: Flask) -> None:
    item_id = add_item(csrf_app)
    client = csrf_app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    client.post("/auth/login", data={"username": "alice", "password": "correct-horse-battery", "csrf_token": token[1]})
    assert client.post(f"/items/{item_id}/delete").status_code == 400
    assert item_exists(csrf_app, item_id)
    page = client.get(f"/items/{item_id}/delete").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    assert client.post(f"/items/{item_id}/delete", data={"csrf_token": token[1]}).status_code == 302
    assert not item_exists(csrf_app, item_id)


@pytest.mark.parametrize("path", ["/new", "/{id}/edit", "/{id}/delete"])
def test_writes_need_login(client: FlaskClient, app: Flask, path: str) -> None:
    item_id = add_item(app)
    response = client.get("/items" + path.format(id=item_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_only_the_owner_may_change_a_item(
    client: FlaskClient, app: Flask, auth: AuthActions, method: str, action: str
) -> None:
    item_id = add_item(app, owner="alice")
    auth.login("bob")
    response = getattr(client, method)(f"/items/{item_id}/{action}", data={"title": "Hijacked"})
    assert response.status_code == 403
    assert item_exists(app, item_id)
    with app.app_context():
        assert get_item_or_404(item_id).title != "Hijacked"
    assert "Edit" not in client.get(f"/items/{item_id}").get_data(as_text=True)


def test_an_admin_may_change_any_item(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    item_id = add_item(app, owner="alice")
    auth.login("admin")
    response = client.post(f"/items/{item_id}/edit", data={"title": "Moderated", "body": ""})
    assert response.status_code == 302
    assert client.post(f"/items/{item_id}/delete").status_code == 302
    assert not item_exists(app, item_id)
