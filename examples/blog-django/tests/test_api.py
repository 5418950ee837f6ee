"""The REST API: anyone reads; authenticated users create; the owner or staff change and delete."""

import base64

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from posts.models import Post

from .conftest import PASSWORD

LIST_URL = "/api/posts/"


@pytest.fixture
def api():
    return APIClient()


def detail_url(obj):
    return reverse("post-detail", kwargs={"pk": obj.pk})


def test_anyone_can_list(api, post):
    response = api.get(LIST_URL)
    assert response.status_code == 200
    assert response.data["count"] == 1
    assert response.data["results"][0]["title"] == post.title
    assert response.data["results"][0]["owner"] == "alice"


def test_list_is_paginated(api, user):
    for number in range(25):
        Post.objects.create(title=f"Number {number}", body="...", owner=user)
    first = api.get(LIST_URL).data
    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["next"]
    assert len(api.get(first["next"]).data["results"]) == 5


def test_anyone_can_read_one(api, post):
    response = api.get(detail_url(post))
    assert response.status_code == 200
    assert response.data["body"] == post.body


@pytest.mark.django_db
def test_anonymous_cannot_create(api):
    response = api.post(LIST_URL, {"title": "Spam", "body": "..."}, format="json")
    assert response.status_code == 403
    assert not Post.objects.exists()


def test_create_sets_the_owner(api, user, other_user):
    api.force_authenticate(user)
    response = api.post(LIST_URL, {"title": "Mine", "body": "Text", "owner": other_user.pk}, format="json")
    assert response.status_code == 201
    created = Post.objects.get(pk=response.data["id"])
    assert created.owner == user


def test_create_with_basic_authentication(api, user):
    credentials = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    api.credentials(HTTP_AUTHORIZATION=f"Basic {credentials}")
    response = api.post(LIST_URL, {"title": "Over Basic", "body": "Text"}, format="json")
    assert response.status_code == 201


def test_validation_errors(api, user):
    api.force_authenticate(user)
    response = api.post(LIST_URL, {"title": "", "body": "x" * 10}, format="json")
    assert response.status_code == 400
    assert "title" in response.data
    response = api.post(LIST_URL, {"title": "t" * 201}, format="json")
    assert response.status_code == 400
    assert set(response.data) == {"title", "body"}
    assert not Post.objects.exists()


def test_owner_can_update_and_delete(api, post):
    api.force_authenticate(post.owner)
    response = api.patch(detail_url(post), {"title": "Renamed"}, format="json")
    assert response.status_code == 200
    post.refresh_from_db()
    assert post.title == "Renamed"
    assert api.delete(detail_url(post)).status_code == 204
    assert not Post.objects.exists()


def test_non_owner_cannot_update_or_delete(api, post, other_user):
    api.force_authenticate(other_user)
    assert api.patch(detail_url(post), {"title": "Hijacked"}, format="json").status_code == 403
    assert api.delete(detail_url(post)).status_code == 403
    post.refresh_from_db()
    assert post.title != "Hijacked"


def test_anonymous_cannot_update(api, post):
    assert api.put(detail_url(post), {"title": "x", "body": "y"}, format="json").status_code == 403


def test_staff_can_update_any(api, post, staff_user):
    api.force_authenticate(staff_user)
    assert api.patch(detail_url(post), {"title": "Moderated"}, format="json").status_code == 200


@pytest.mark.django_db
def test_schema_and_docs(api):
    schema = api.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/posts/" in schema.content
    assert api.get("/api/docs/").status_code == 200
    assert api.get("/api/redoc/").status_code == 200


def test_schema_is_valid_and_complete(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
