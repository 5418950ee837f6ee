"""Who may do what with posts (field_notes/posts/permissions.py): logged-in users write,
only the owner or an admin changes one; the same rules over the API."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from field_notes import database
from field_notes.posts.models import Post

from .conftest import AuthActions
from .test_posts import add_post, get_post, post_exists


def test_the_author_owns_a_new_post(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/posts/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    post_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with app.app_context():
        assert database.get_or_404(Post, post_id).owner.username == "alice"
    assert "By alice" in client.get(f"/posts/{post_id}").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/new", "/{id}/edit", "/{id}/delete"])
def test_writes_need_login(client: FlaskClient, app: Flask, path: str) -> None:
    post_id = add_post(app)
    response = client.get("/posts" + path.format(id=post_id))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_only_the_owner_may_change_a_post(
    client: FlaskClient, app: Flask, auth: AuthActions, method: str, action: str
) -> None:
    post_id = add_post(app, owner="alice")
    auth.login("bob")
    response = getattr(client, method)(f"/posts/{post_id}/{action}", data={"title": "Hijacked"})
    assert response.status_code == 403
    post = get_post(app, post_id)
    assert post is not None
    assert post.title != "Hijacked"
    assert "Edit" not in client.get(f"/posts/{post_id}").get_data(as_text=True)


def test_an_admin_may_change_any_post(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    post_id = add_post(app, owner="alice")
    auth.login("admin")
    response = client.post(f"/posts/{post_id}/edit", data={"title": "Moderated", "body": ""})
    assert response.status_code == 302
    post = get_post(app, post_id)
    assert post is not None
    assert post.title == "Moderated"
    assert client.post(f"/posts/{post_id}/delete").status_code == 302
    assert not post_exists(app, post_id)


def test_the_api_shows_and_sets_the_owner(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    post_id = add_post(app, owner="bob")
    assert client.get(f"/api/posts/{post_id}").get_json()["owner"] == "bob"
    auth.login()
    response = client.post("/api/posts/", json={"title": "Made by the API", "body": "Hi"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["owner"] == "alice"


def test_api_writes_need_login(client: FlaskClient, app: Flask) -> None:
    post_id = add_post(app)
    response = client.post("/api/posts/", json={"title": "Anonymous"})
    assert response.status_code == 401
    assert response.is_json
    assert client.put(f"/api/posts/{post_id}", json={"title": "x"}).status_code == 401
    assert client.delete(f"/api/posts/{post_id}").status_code == 401
    post = get_post(app, post_id)
    assert post is not None
    assert post.title == "A first post"


def test_only_the_owner_or_an_admin_may_change_over_the_api(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    post_id = add_post(app, owner="alice")
    url = f"/api/posts/{post_id}"
    auth.login("bob")
    response = client.put(url, json={"title": "Hijacked"})
    assert response.status_code == 403
    assert response.is_json
    assert client.delete(url).status_code == 403
    post = get_post(app, post_id)
    assert post is not None
    assert post.title == "A first post"
    auth.logout()
    auth.login("admin")
    assert client.put(url, json={"title": "Moderated"}).status_code == 200
    post = get_post(app, post_id)
    assert post is not None
    assert post.title == "Moderated"
    assert client.delete(url).status_code == 204
    assert not post_exists(app, post_id)
