"""Sign up, log in, log out, password change and password reset, as a user goes through them."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

NEW_PASSWORD = "another-Strong-passw0rd"


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_signup_creates_the_account_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {"username": "carol", "email": "carol@example.com", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert get_user_model().objects.filter(username="carol", email="carol@example.com").exists()
    assert is_logged_in(client)
    assert "your account is ready" in response.content.decode()


@pytest.mark.django_db
def test_signup_rejects_a_weak_password(client):
    response = client.post(
        reverse("signup"),
        {"username": "carol", "email": "carol@example.com", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
    assert not get_user_model().objects.filter(username="carol").exists()


def test_login_page(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "<h1>Log in</h1>" in response.content.decode()


def test_login(client, user):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert is_logged_in(client)
    assert "Welcome back, alice" in response.content.decode()


def test_login_with_a_wrong_password_fails(client, user):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert not is_logged_in(client)


def test_logout_by_post(client, user):
    client.force_login(user)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert not is_logged_in(client)
    assert "You are logged out." in response.content.decode()


def test_logout_by_get_is_refused(client, user):
    client.force_login(user)
    response = client.get(reverse("logout"))
    assert response.status_code == 405
    assert is_logged_in(client)


def test_password_change(client, user):
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Your password was changed." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_change_needs_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_password_reset_by_email(client, user):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    # The link redirects to a URL without the token, which shows the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []
