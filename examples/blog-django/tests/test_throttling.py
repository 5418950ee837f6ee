"""Throttling: the login lock-out (django-axes) and its end, the sign-up and password-reset forms."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from .conftest import PASSWORD

LOGIN_VIEW = "login"


def log_in(client, password, username="alice"):
    return client.post(reverse(LOGIN_VIEW), {"username": username, "password": password})


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def account(user):
    return user


def test_failed_logins_lock_the_account_out(client, account, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    locked = log_in(client, "wrong")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Too many attempts" in locked.content.decode()
    # The right password does not log in during the lock-out.
    assert log_in(client, PASSWORD).status_code == 429
    assert not is_logged_in(client)


def test_the_lock_out_ends_after_the_cool_off(client, account, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 429
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= settings.AXES_COOLOFF_TIME
        attempt.save()
    assert log_in(client, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_one_address_is_locked_out_whatever_the_username(client, account, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", username=f"guess{number}")
    assert log_in(client, PASSWORD).status_code == 429


def test_one_account_is_locked_out_whatever_the_address(client, account, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        elsewhere = f"198.51.100.{number}"
        client.post(reverse(LOGIN_VIEW), {"username": account.username, "password": "wrong"}, REMOTE_ADDR=elsewhere)
    assert log_in(client, PASSWORD).status_code == 429


def test_the_admin_login_is_throttled_too(client, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "stella", "password": "wrong"})
    assert client.post("/admin/login/", {"username": "stella", "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_sign_ups_are_throttled_per_address(client, settings):
    settings.SIGNUP_RATE = "2/h"
    codes = []
    for number in range(3):
        data = {"username": f"new{number}", "email": f"new{number}@example.com"}
        response = client.post(reverse("signup"), {**data, "password1": PASSWORD, "password2": PASSWORD})
        codes.append(response.status_code)
        client.post(reverse("logout"))
    assert codes == [302, 302, 429]
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()


def test_password_resets_are_throttled_per_email_and_per_address(client, user, settings):
    settings.PASSWORD_RESET_RATE = "2/h"
    for email in ("alice@example.com", "ALICE@example.com "):
        assert client.post(reverse("password_reset"), {"email": email}).status_code == 302
    assert client.post(reverse("password_reset"), {"email": "Alice@Example.com"}).status_code == 429
    assert len(mail.outbox) == 2
    other = client.post(reverse("password_reset"), {"email": "bob@example.com"}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302
    assert client.post(reverse("password_reset"), {"email": "carol@example.com"}).status_code == 429


def test_the_reset_form_does_not_tell_whether_an_account_exists(client, user):
    known = client.post(reverse("password_reset"), {"email": "alice@example.com"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    # The same page, but for the CSRF token of its forms (masked anew on every page).
    assert without_csrf_tokens(known.content) == without_csrf_tokens(unknown.content)


def without_csrf_tokens(content):
    """The page without the values of its CSRF token fields."""
    head, *fields = content.split(b'name="csrfmiddlewaretoken" value="')
    return head + b"".join(field.partition(b'"')[2] for field in fields)
