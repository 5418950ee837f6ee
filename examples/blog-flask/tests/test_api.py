"""The REST API: OpenAPI document, reads, writes and JSON errors (who may write: permissions.py)."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from .conftest import log_in_with_csrf_token
from .test_posts import add_post, get_post, post_exists


def test_swagger_ui_page(client: FlaskClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "swagger-ui" in page
    # Served by the site itself: no CDN, and no inline script in the page.
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "http" not in policy
    assert "<script>" not in page
    for name in ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        assert f"/api/docs/static/{name}" in page
        assert client.get(f"/api/docs/static/{name}").status_code == 200
    assert client.get("/api/docs/static/../config.py").status_code == 404
    assert client.get("/static/swagger-init.js").status_code == 200


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
    response = client.get("/api/posts/999999")
    assert response.status_code == 404
    assert response.is_json


@pytest.mark.parametrize("big", [2**31, 2**63, 44757234604638699520])
def test_an_id_too_large_for_the_database_is_404(client: FlaskClient, big: int) -> None:
    # Past the 32-bit id columns: a plain 404, not the driver's out-of-range error (a 500).
    response = client.get(f"/api/posts/{big}")
    assert response.status_code == 404
    assert response.is_json


def test_a_page_past_any_integer_is_empty(client: FlaskClient, app: Flask) -> None:
    add_post(app)
    response = client.get("/api/posts/?page=44757234604638699520")
    assert response.status_code == 200
    assert response.get_json() == []


@pytest.mark.usefixtures("writer")
def test_create_update_delete(client: FlaskClient, app: Flask) -> None:
    response = client.post("/api/posts/", json={"title": "Made by the API", "body": "Hi"})
    assert response.status_code == 201, response.get_json()
    created = response.get_json()
    url = f"/api/posts/{created['id']}"
    response = client.put(url, json={"title": "Changed", "body": "There"})
    assert response.status_code == 200
    assert response.get_json()["title"] == "Changed"
    post = get_post(app, created["id"])
    assert post is not None
    assert (post.title, post.body) == ("Changed", "There")
    assert client.delete(url).status_code == 204
    assert not post_exists(app, created["id"])


@pytest.mark.usefixtures("writer")
def test_validation_errors_are_json(client: FlaskClient) -> None:
    response = client.post("/api/posts/", json={"title": ""})
    assert response.status_code == 422
    errors = response.get_json()["errors"]["json"]
    assert "title" in errors
    response = client.post("/api/posts/", json={"title": "x", "owner": "mallory", "unknown": 1})
    assert response.status_code == 422
    response = client.post("/api/posts/", data="not json", content_type="text/plain")
    assert response.status_code == 422


def test_writes_need_the_csrf_token(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    log_in_with_csrf_token(client)
    response = client.post("/api/posts/", json={"title": "No token"})
    assert response.status_code == 400
    assert response.is_json
    page = client.get("/").get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    response = client.post("/api/posts/", json={"title": "With token"}, headers={"X-CSRFToken": token})
    assert response.status_code == 201
