"""The REST API: OpenAPI document, reads for all, writes for logged-in owners and admins, JSON errors."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskClient

from .conftest import AuthActions
from .test_posts import add_post, post_exists


def test_swagger_ui_page(client: FlaskClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "swagger-ui" in response.get_data(as_text=True)
    assert "https://cdn.jsdelivr.net" in response.headers["Content-Security-Policy"]
    assert "cdn.jsdelivr.net" not in client.get("/").headers["Content-Security-Policy"]


def test_openapi_document(client: FlaskClient) -> None:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/posts/" in spec["paths"]
    assert "/api/posts/{post_id}" in spec["paths"]


def test_list_is_paginated(client: FlaskClient, app: Flask) -> None:
    for number in range(3):
        add_post(app, f"Title {number}")
    response = client.get("/api/posts/?page=1&page_size=2")
    assert response.status_code == 200
    assert [item["title"] for item in response.get_json()] == ["Title 2", "Title 1"]
    paging = json.loads(response.headers["X-Pagination"])
    assert paging["total"] == 3
    assert paging["total_pages"] == 2
    assert [item["title"] for item in client.get("/api/posts/?page=2&page_size=2").get_json()] == ["Title 0"]
    assert client.get("/api/posts/?page_size=1000").status_code == 422


def test_read_one(client: FlaskClient, app: Flask) -> None:
    post_id = add_post(app, "Readable")
    data = client.get(f"/api/posts/{post_id}").get_json()
    assert data["title"] == "Readable"
    assert data["id"] == post_id
    assert data["owner"] == "alice"
    response = client.get("/api/posts/999999")
    assert response.status_code == 404
    assert response.is_json


def test_create_update_delete(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/api/posts/", json={"title": "Made by the API", "body": "Hi"})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    assert created["owner"] == "alice"
    url = f"/api/posts/{created['id']}"
    response = client.put(url, json={"title": "Changed", "body": "There"})
    assert response.status_code == 200
    assert response.get_json()["title"] == "Changed"
    assert client.delete(url).status_code == 204
    assert not post_exists(app, created["id"])


def test_validation_errors_are_json(client: FlaskClient, auth: AuthActions) -> None:
    auth.login()
    response = client.post("/api/posts/", json={"title": ""})
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert "title" in errors
    response = client.post("/api/posts/", json={"title": "x", "owner": "mallory", "unknown": 1})
    assert response.status_code == 422
    response = client.post("/api/posts/", data="not json", content_type="text/plain")
    assert response.status_code == 422


def test_writes_need_login(client: FlaskClient, app: Flask) -> None:
    post_id = add_post(app)
    response = client.post("/api/posts/", json={"title": "Anonymous"})
    assert response.status_code == 401
    assert response.is_json
    assert client.put(f"/api/posts/{post_id}", json={"title": "x"}).status_code == 401
    assert client.delete(f"/api/posts/{post_id}").status_code == 401


def test_only_the_owner_or_an_admin_may_change(client: FlaskClient, app: Flask, auth: AuthActions) -> None:
    post_id = add_post(app, owner="alice")
    auth.login("bob")
    response = client.put(f"/api/posts/{post_id}", json={"title": "Hijacked"})
    assert response.status_code == 403
    assert response.is_json
    assert client.delete(f"/api/posts/{post_id}").status_code == 403
    auth.logout()
    auth.login("admin")
    assert client.put(f"/api/posts/{post_id}", json={"title": "Moderated"}).status_code == 200
    assert client.delete(f"/api/posts/{post_id}").status_code == 204


def test_writes_need_the_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    import re

    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert token
    client.post("/auth/login", data={"username": "alice", "password": "correct-horse-battery", "csrf_token": token[1]})
    response = client.post("/api/posts/", json={"title": "No token"})
    assert response.status_code == 400
    assert response.is_json
    page = client.get("/").get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = client.post("/api/posts/", json={"title": "With token"}, headers={"X-CSRFToken": token})
    assert response.status_code == 201
