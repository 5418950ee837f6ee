"""Products: list, detail, create, edit, delete."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from maison_market import database
from maison_market.products.models import Product

from .conftest import get_user_named, log_in_with_csrf_token


def add_product(app: Flask, title: str = "A first product", owner: str = "alice") -> int:
    """Save a product owned by ``owner`` and return its id."""
    with app.app_context():
        product = Product(title=title, body="Its body.\n\nA second paragraph.", owner=get_user_named(app, owner))
        database.save(product)
        return product.id


def get_product(app: Flask, product_id: int) -> Product | None:
    """The product as the database has it now, or None."""
    with app.app_context():
        return database.get(Product, product_id)


def product_exists(app: Flask, product_id: int) -> bool:
    return get_product(app, product_id) is not None


def test_empty_list(client: FlaskClient) -> None:
    response = client.get("/products/")
    assert response.status_code == 200
    assert "No products yet." in response.get_data(as_text=True)


def test_list_and_detail(client: FlaskClient, app: Flask) -> None:
    product_id = add_product(app, "Hello there")
    html = client.get("/products/").get_data(as_text=True)
    assert "Hello there" in html
    assert f'href="/products/{product_id}"' in html
    response = client.get(f"/products/{product_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Hello there</h1>" in html
    assert "A second paragraph." in html


def test_detail_of_a_missing_product_is_404(client: FlaskClient) -> None:
    assert client.get("/products/999999").status_code == 404


@pytest.mark.usefixtures("writer")
@pytest.mark.parametrize("path", ["", "/edit", "/delete"])
@pytest.mark.parametrize("big", [2**31, 2**63, 44757234604638699520])
def test_an_id_too_large_for_the_database_is_404(client: FlaskClient, path: str, big: int) -> None:
    # Past the 32-bit id columns: a plain 404, not the driver's out-of-range error (a 500).
    assert client.get(f"/products/{big}{path}").status_code == 404


def test_pagination(client: FlaskClient, app: Flask) -> None:
    per_page = app.config["ITEMS_PER_PAGE"]
    for number in range(per_page + 1):
        add_product(app, f"Title number {number}")
    first = client.get("/products/").get_data(as_text=True)
    assert first.count('class="card"') == per_page
    assert "?page=2" in first
    second = client.get("/products/?page=2").get_data(as_text=True)
    assert second.count('class="card"') == 1
    assert "Title number 0" in second  # the oldest comes last
    assert client.get("/products/?page=99").status_code == 200
    huge = client.get("/products/?page=44757234604638699520")  # past the last page, and any integer column
    assert huge.status_code == 200
    assert 'class="card"' not in huge.get_data(as_text=True)


@pytest.mark.usefixtures("writer")
def test_create_edit_delete(client: FlaskClient, app: Flask) -> None:
    assert client.get("/products/new").status_code == 200
    response = client.post("/products/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    location = response.headers["Location"]
    match = re.fullmatch(r"/products/(\d+)", location)
    assert match
    product_id = int(match.group(1))
    assert "The product is created." in client.get(location).get_data(as_text=True)

    assert client.get(f"/products/{product_id}/edit").status_code == 200
    response = client.post(f"/products/{product_id}/edit", data={"title": "Renamed", "body": "New body"})
    assert response.status_code == 302
    assert "<h1>Renamed</h1>" in client.get(location).get_data(as_text=True)

    assert client.get(f"/products/{product_id}/delete").status_code == 200
    response = client.post(f"/products/{product_id}/delete")
    assert response.status_code == 302
    assert not product_exists(app, product_id)


@pytest.mark.usefixtures("writer")
def test_create_validates(client: FlaskClient) -> None:
    response = client.post("/products/new", data={"title": "", "body": "No title"})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


def test_delete_needs_the_csrf_token(csrf_app: Flask) -> None:
    product_id = add_product(csrf_app)
    client = csrf_app.test_client()
    log_in_with_csrf_token(client)
    assert client.post(f"/products/{product_id}/delete").status_code == 400
    assert product_exists(csrf_app, product_id)
    page = client.get(f"/products/{product_id}/delete").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    assert client.post(f"/products/{product_id}/delete", data={"csrf_token": token[1]}).status_code == 302
    assert not product_exists(csrf_app, product_id)
