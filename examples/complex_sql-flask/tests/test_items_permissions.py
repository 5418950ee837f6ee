"""Who may do what with items (sales_insights/items/permissions.py): logged-in users write,
only the owner or an admin changes one."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from sales_insights import database
from sales_insights.items.models import Item

from .conftest import AuthActions
from .test_items import add_item, get_item, item_exists


def test_the_author_owns_a_new_item(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/items/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    item_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert database.get_or_404(Item, item_id).owner.username == "alice"
    assert "By alice" in client.get(f"/items/{item_id}").get_data(as_text=True)


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
    item = get_item(app, item_id)
    assert item is not None
    assert item.title != "Hijacked"
    assert "Edit" not in client.get(f"/items/{item_id}").get_data(as_text=True)


def test_an_admin_may_change_any_item(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    item_id = add_item(app, owner="alice")
    auth.login("admin")
    response = client.post(f"/items/{item_id}/edit", data={"title": "Moderated", "body": ""})
    assert response.status_code == 302
    item = get_item(app, item_id)
    assert item is not None
    assert item.title == "Moderated"
    assert client.post(f"/items/{item_id}/delete").status_code == 302
    assert not item_exists(app, item_id)
