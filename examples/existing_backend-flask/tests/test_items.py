"""Items: list, detail, create, edit, delete."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from warehouse_portal import database
from warehouse_portal.items.models import Item

from .conftest import log_in_with_csrf_token


def add_item(app: Flask, title: str = "A first item") -> int:
    """Save an item and return its id."""
    with app.app_context():
        item = Item(title=title, body="Its body.\n\nA second paragraph.")
        database.save(item)
        return item.id


def get_item(app: Flask, item_id: int) -> Item | None:
    """The item as the database has it now, or None."""
    with app.app_context():
        return database.get(Item, item_id)


def item_exists(app: Flask, item_id: int) -> bool:
    return get_item(app, item_id) is not None


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


def test_detail_of_a_missing_item_is_404(client: FlaskClient) -> None:
    assert client.get("/items/999999").status_code == 404


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize("path", ["", "/edit", "/delete"])
@pytest.mark.parametrize("big", [2**31, 2**63, 44757234604638699520])
def test_an_id_too_large_for_the_database_is_404(client: FlaskClient, path: str, big: int) -> None:
    # Past the 32-bit id columns: a plain 404, not the driver's out-of-range error (a 500).
    assert client.get(f"/items/{big}{path}").status_code == 404


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
    huge = client.get("/items/?page=44757234604638699520")  # past the last page, and any integer column
    assert huge.status_code == 200
    assert 'class="card"' not in huge.get_data(as_text=True)


@pytest.mark.usefixtures("writer")
def test_create_edit_delete(client: FlaskClient, app: Flask) -> None:
    assert client.get("/items/new").status_code == 200
    response = client.post("/items/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    location = response.headers["Location"]
    match = re.fullmatch(r"/items/(\d+)", location)
    assert match
    item_id = int(match.group(1))
    assert "The item is created." in client.get(location).get_data(as_text=True)

    assert client.get(f"/items/{item_id}/edit").status_code == 200
    response = client.post(f"/items/{item_id}/edit", data={"title": "Renamed", "body": "New body"})
    assert response.status_code == 302
    assert "<h1>Renamed</h1>" in client.get(location).get_data(as_text=True)

    assert client.get(f"/items/{item_id}/delete").status_code == 200
    response = client.post(f"/items/{item_id}/delete")
    assert response.status_code == 302
    assert not item_exists(app, item_id)


@pytest.mark.usefixtures("writer")
def test_create_validates(client: FlaskClient) -> None:
    response = client.post("/items/new", data={"title": "", "body": "No title"})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


def test_delete_needs_the_csrf_token(csrf_app: Flask) -> None:
    item_id = add_item(csrf_app)
    client = csrf_app.test_client()
    log_in_with_csrf_token(client)
    assert client.post(f"/items/{item_id}/delete").status_code == 400
    assert item_exists(csrf_app, item_id)
    page = client.get(f"/items/{item_id}/delete").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    assert client.post(f"/items/{item_id}/delete", data={"csrf_token": token[1]}).status_code == 302
    assert not item_exists(csrf_app, item_id)
