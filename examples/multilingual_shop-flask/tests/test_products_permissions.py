"""Who may do what with products (maison_market/products/permissions.py): logged-in users write,
only the owner or an admin changes one."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from maison_market import database
from maison_market.products.models import Product

from .conftest import AuthActions
from .test_products import add_product, get_product, product_exists


def test_the_author_owns_a_new_product(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/products/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    product_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert database.get_or_404(Product, product_id).owner.username == "alice"
    assert "By alice" in client.get(f"/products/{product_id}").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/new", "/{id}/edit", "/{id}/delete"])
def test_writes_need_login(client: FlaskClient, app: Flask, path: str) -> None:
    product_id = add_product(app)
    response = client.get("/products" + path.format(id=product_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_only_the_owner_may_change_a_product(
    client: FlaskClient, app: Flask, auth: AuthActions, method: str, action: str
) -> None:
    product_id = add_product(app, owner="alice")
    auth.login("bob")
    response = getattr(client, method)(f"/products/{product_id}/{action}", data={"title": "Hijacked"})
    assert response.status_code == 403
    product = get_product(app, product_id)
    assert product is not None
    assert product.title != "Hijacked"
    assert "Edit" not in client.get(f"/products/{product_id}").get_data(as_text=True)


def test_an_admin_may_change_any_product(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    product_id = add_product(app, owner="alice")
    auth.login("admin")
    response = client.post(f"/products/{product_id}/edit", data={"title": "Moderated", "body": ""})
    assert response.status_code == 302
    product = get_product(app, product_id)
    assert product is not None
    assert product.title == "Moderated"
    assert client.post(f"/products/{product_id}/delete").status_code == 302
    assert not product_exists(app, product_id)
