"""The admin: staff only."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from .conftest import PASSWORD


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_non_staff_cannot_log_in(client, user):
    response = client.post(reverse("admin:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_can_log_in(client, staff_user):
    response = client.post(reverse("admin:login"), {"username": "stella", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_logged_in_non_staff_is_denied(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_superuser_sees_the_models(client, db):
    admin_user = get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("admin:accounts_user_changelist") in html
