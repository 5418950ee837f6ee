"""The API tokens page: a logged-in user makes a token (shown once) and revokes it; nobody else can."""

import re

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

LIST_URL = "/api/items/"


@pytest.mark.django_db
def test_the_page_needs_login(client):
    response = client.get(reverse("tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_make_a_token_shown_once_then_use_and_revoke_it(client, user):
    client.force_login(user)
    made = client.post(reverse("tokens"))
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    instance = AuthToken.objects.get(user=user)
    token = re.search(r'<pre class="token"><code>([^<]+)</code>', made.content.decode()).group(1)
    assert token.startswith(instance.token_key)
    assert token not in client.get(reverse("tokens")).content.decode()

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post(LIST_URL, {"title": "Made on the page", "body": "Text"}, format="json").status_code == 201

    assert client.post(reverse("token-revoke", args=[instance.token_key])).status_code == 302
    assert not AuthToken.objects.exists()
    assert api.post(LIST_URL, {"title": "Revoked", "body": "Text"}, format="json").status_code == 401


def test_nobody_revokes_someone_elses_token(client, user, other_user):
    instance, _ = AuthToken.objects.create(user)
    client.force_login(other_user)
    assert client.post(reverse("token-revoke", args=[instance.token_key])).status_code == 404
    assert instance.token_key not in client.get(reverse("tokens")).content.decode()
    assert AuthToken.objects.filter(pk=instance.pk).exists()


def test_revoking_by_get_is_refused(client, user):
    instance, _ = AuthToken.objects.create(user)
    client.force_login(user)
    assert client.get(reverse("token-revoke", args=[instance.token_key])).status_code == 405
    assert AuthToken.objects.exists()
