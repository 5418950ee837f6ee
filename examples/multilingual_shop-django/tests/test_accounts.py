"""The full account kit (django-allauth), as a user goes through it: sign up and confirm the email address,
log in by email or by username, log out, change and reset the password, and the failed-login limit."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

NEW_PASSWORD = "another-Strong-passw0rd"


def is_logged_in(client):
    return "_auth_user_id" in client.session


def link_in(message):
    """The path of the first link in an email."""
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


@pytest.fixture
def verified(user):
    """alice, whose address is confirmed (as after her sign-up)."""
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def log_in(client, login, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


@pytest.mark.django_db
def test_signup_sends_a_confirmation_link_which_logs_in(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "carol@example.com", "username": "carol", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not is_logged_in(client)  # not before the address is confirmed
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["carol@example.com"]
    assert message.subject.startswith("[Maison Market] ")

    link = link_in(message)
    assert client.get(link).status_code == 200  # a page with a button: a GET alone confirms nothing
    assert not EmailAddress.objects.get(email="carol@example.com").verified
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="carol@example.com").verified
    assert is_logged_in(client)


def test_signup_with_an_address_already_taken_makes_no_account_and_tells_its_owner(client, verified):
    """The page says the same as for a new address (no way to learn who has an account here); the mail says."""
    response = client.post(
        reverse("account_signup"),
        {"email": "alice@example.com", "username": "alice2", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not get_user_model().objects.filter(username="alice2").exists()
    assert mail.outbox[-1].to == ["alice@example.com"]
    assert "Account Already Exists" in mail.outbox[-1].subject


def test_login_page_is_in_the_site_layout(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert 'class="site-header"' in html
    assert 'href="/static/css/site.css"' in html
    assert '<form class="form"' in html


@pytest.mark.parametrize("login", ["alice", "alice@example.com", "Alice@Example.com"])
def test_login_by_username_or_email(client, verified, login):
    response = log_in(client, login)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(verified.pk)


def test_an_unconfirmed_address_cannot_log_in_but_gets_a_new_link(client, user):
    response = log_in(client, "alice")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not is_logged_in(client)
    assert mail.outbox[0].to == ["alice@example.com"]


def test_a_wrong_password_is_refused(client, verified):
    response = log_in(client, "alice", "wrong")
    assert response.status_code == 200
    assert 'class="form-errors"' in response.content.decode()
    assert not is_logged_in(client)


def test_failed_logins_lock_the_account_for_a_while(client, verified):
    for _ in range(5):
        assert log_in(client, "alice", "wrong").status_code == 200
    response = log_in(client, "alice")  # the right password, too late
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_logged_in(client)


def test_logout_by_post(client, verified):
    log_in(client, "alice")
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert not is_logged_in(client)


def test_password_change(client, verified):
    log_in(client, "alice")
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.check_password(NEW_PASSWORD)


def test_password_reset_by_email(client, verified):
    response = client.post(reverse("account_reset_password"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    # The link redirects to a URL without the key, which shows the form.
    response = client.get(link_in(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    verified.refresh_from_db()
    assert verified.check_password(NEW_PASSWORD)
    assert log_in(client, "alice", NEW_PASSWORD).url == reverse("home")


def test_password_reset_for_an_unknown_address_sends_no_link(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert all("/password/reset/key/" not in message.body for message in mail.outbox)
