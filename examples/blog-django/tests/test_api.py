"""The REST API: anyone reads; authenticated users create; the owner or staff change and delete.
Tokens (stored hashed), 401 for anonymous writes, CSRF for cookie clients, throttling and CORS."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from posts.models import Post

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
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert not Post.objects.exists()


def test_create_sets_the_owner(api, user, other_user):
    api.force_authenticate(user)
    response = api.post(LIST_URL, {"title": "Mine", "body": "Text", "owner": other_user.pk}, format="json")
    assert response.status_code == 201
    created = Post.objects.get(pk=response.data["id"])
    assert created.owner == user


def test_create_with_a_token_needs_no_csrf_token(user):
    _, token = AuthToken.objects.create(user)
    api = APIClient(enforce_csrf_checks=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(LIST_URL, {"title": "Over a token", "body": "Text"}, format="json")
    assert response.status_code == 201
    assert response.data["owner"] == "alice"


def test_tokens_are_stored_hashed(user):
    instance, token = AuthToken.objects.create(user)
    stored = AuthToken.objects.values_list("digest", "token_key").get(pk=instance.pk)
    assert token not in stored[0] and len(stored[0]) == 128  # a SHA-512 digest
    assert token.startswith(stored[1]) and len(stored[1]) < len(token)


def test_a_revoked_or_wrong_token_is_refused(api, user):
    instance, token = AuthToken.objects.create(user)
    instance.delete()
    for value in (token, token[:-1] + "x"):
        api.credentials(HTTP_AUTHORIZATION=f"Token {value}")
        response = api.post(LIST_URL, {"title": "Nope", "body": "Text"}, format="json")
        assert response.status_code == 401
        assert "detail" in response.json()


def test_http_basic_is_not_accepted(api, user):
    api.credentials(HTTP_AUTHORIZATION="Basic YWxpY2U6cGFzc3dvcmQ=")
    assert api.post(LIST_URL, {"title": "Basic", "body": "Text"}, format="json").status_code == 401


def test_a_cookie_client_still_needs_its_csrf_token(user):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(user)
    response = api.post(LIST_URL, {"title": "Forged", "body": "Text"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Post.objects.exists()


def test_tokens_command_creates_lists_and_revokes(api, user):
    out = io.StringIO()
    call_command("tokens", "create", "alice", stdout=out, stderr=io.StringIO())
    token = out.getvalue().strip()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post(LIST_URL, {"title": "Scripted", "body": "Text"}, format="json").status_code == 201
    out = io.StringIO()
    call_command("tokens", "list", "alice", stdout=out)
    assert token[:8] in out.getvalue()
    call_command("tokens", "revoke", "alice", token, stdout=io.StringIO())
    assert not AuthToken.objects.exists()
    assert api.post(LIST_URL, {"title": "Revoked", "body": "Text"}, format="json").status_code == 401


@pytest.mark.django_db
def test_anonymous_requests_are_throttled(api, monkeypatch):
    # DRF reads the rates once, into the throttle classes.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "5/minute"})
    codes = [api.get(LIST_URL).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = api.get(LIST_URL)
    assert int(response["Retry-After"]) > 0
    assert "throttled" in response.json()["detail"]
    # A forged X-Forwarded-For does not make a new client.
    assert api.get(LIST_URL, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429


def test_user_requests_are_throttled_per_user(api, monkeypatch, user, other_user):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100/minute", "user": "2/minute"})
    api.force_authenticate(user)
    assert [api.get(LIST_URL).status_code for _ in range(3)] == [200, 200, 429]
    api.force_authenticate(other_user)
    assert api.get(LIST_URL).status_code == 200


@pytest.mark.django_db
def test_cors_only_for_listed_origins_and_only_the_api(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    allowed = client.get(LIST_URL, HTTP_ORIGIN="https://app.example.com")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Access-Control-Allow-Origin" not in client.get(LIST_URL, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://app.example.com")


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
    before = (post.title, post.body)
    assert api.put(detail_url(post), {"title": "x", "body": "y"}, format="json").status_code == 401
    post.refresh_from_db()
    assert (post.title, post.body) == before


def test_staff_can_update_any(api, post, staff_user):
    api.force_authenticate(staff_user)
    assert api.patch(detail_url(post), {"title": "Moderated"}, format="json").status_code == 200
    post.refresh_from_db()
    assert post.title == "Moderated"
    assert post.owner.username == "alice"


@pytest.mark.django_db
def test_schema_and_docs(api):
    schema = api.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/posts/" in schema.content
    assert b"knoxApiToken" in schema.content and b"cookieAuth" in schema.content
    assert api.get("/api/docs/").status_code == 200
    assert api.get("/api/redoc/").status_code == 200


def test_schema_is_valid_and_complete(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
