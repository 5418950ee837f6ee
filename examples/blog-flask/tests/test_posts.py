"""Posts: list, detail, create, edit, delete, and who may do what."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import NotFound

from field_notes.posts.models import Post, get_post_or_404, save_post

from .conftest import AuthActions, get_user_named


def add_post(app: Flask, title: str = "A first post", owner: str = "alice") -> int:
    """Save a post owned by ``owner`` and return its id."""
    with app.app_context():
        post = Post(title=title, body="Its body.\n\nA second paragraph.", owner=get_user_named(app, owner))
        save_post(post)
        return post.id


def post_exists(app: Flask, post_id: int) -> bool:
    with app.app_context():
        try:
            get_post_or_404(post_id)
        except NotFound:
            return False
        return True


def test_empty_list(client: FlaskClient) -> None:
    response = client.get("/posts/")
    assert response.status_code == 200
    assert "No posts yet." in response.get_data(as_text=True)


def test_list_and_detail(client: FlaskClient, app: Flask) -> None:
    post_id = add_post(app, "Hello there")
    html = client.get("/posts/").get_data(as_text=True)
    assert "Hello there" in html
    assert f'href="/posts/{post_id}"' in html
    response = client.get(f"/posts/{post_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Hello there</h1>" in html
    assert "A second paragraph." in html
    assert "By alice" in html


def test_detail_of_a_missing_post_is_404(client: FlaskClient) -> None:
    assert client.get("/posts/999999").status_code == 404


def test_pagination(client: FlaskClient, app: Flask) -> None:
    per_page = app.config["ITEMS_PER_PAGE"]
    for number in range(per_page + 1):
        add_post(app, f"Title number {number}")
    first = client.get("/posts/").get_data(as_text=True)
    assert first.count('class="card"') == per_page
    assert "?page=2" in first
    second = client.get("/posts/?page=2").get_data(as_text=True)
    assert second.count('class="card"') == 1
    assert "Title number 0" in second  # the oldest comes last
    assert client.get("/posts/?page=99").status_code == 200


def test_create_edit_delete(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    assert client.get("/posts/new").status_code == 200
    response = client.post("/posts/new", data={"title": "Brand new", "body": "Body text"})
    assert response.status_code == 302
    location = response.headers["Location"]
    match = re.fullmatch(r"/posts/(\d+)", location)
    assert match
    post_id = int(match.group(1))
    assert "The post is created." in client.get(location).get_data(as_text=True)
    with app.app_context():
        assert get_post_or_404(post_id).owner.username == "alice"

    assert client.get(f"/posts/{post_id}/edit").status_code == 200
    response = client.post(f"/posts/{post_id}/edit", data={"title": "Renamed", "body": "New body"})
    assert response.status_code == 302
    assert "<h1>Renamed</h1>" in client.get(location).get_data(as_text=True)

    assert client.get(f"/posts/{post_id}/delete").status_code == 200
    response = client.post(f"/posts/{post_id}/delete")
    assert response.status_code == 302
    assert not post_exists(app, post_id)


def test_create_validates(client: FlaskClient, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/posts/new", data={"title": "", "body": "No title"})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)


def test_delete_needs_the_csrf_token(csrf_app: Flask) -> None:
    post_id = add_post(csrf_app)
    client = csrf_app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    client.post("/auth/login", data={"username": "alice", "password": "correct-horse-battery", "csrf_token": token[1]})
    assert client.post(f"/posts/{post_id}/delete").status_code == 400
    assert post_exists(csrf_app, post_id)
    page = client.get(f"/posts/{post_id}/delete").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    assert client.post(f"/posts/{post_id}/delete", data={"csrf_token": token[1]}).status_code == 302
    assert not post_exists(csrf_app, post_id)


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
    assert post_exists(app, post_id)
    with app.app_context():
        assert get_post_or_404(post_id).title != "Hijacked"
    assert "Edit" not in client.get(f"/posts/{post_id}").get_data(as_text=True)


def test_an_admin_may_change_any_post(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    post_id = add_post(app, owner="alice")
    auth.login("admin")
    response = client.post(f"/posts/{post_id}/edit", data={"title": "Moderated", "body": ""})
    assert response.status_code == 302
    assert client.post(f"/posts/{post_id}/delete").status_code == 302
    assert not post_exists(app, post_id)
