"""The admin: staff only, logged in through the site's login (allauth's, with its second factor)."""

from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth import get_user_model
from django.urls import reverse

from .conftest import PASSWORD


def test_anonymous_is_sent_to_the_site_login_page(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    first, then = response.redirect_chain[0][0], response.redirect_chain[-1][0]
    assert first.startswith(reverse("admin:login"))
    assert then.startswith(reverse("account_login"))
    assert parse_qs(urlsplit(then).query)["next"] == [reverse("admin:index")]


def test_the_admin_login_form_does_not_log_in(client, staff_user):
    """Its own form would dodge the second factor: a post to it is sent to the site's login, not honoured."""
    response = client.post(reverse("admin:login"), {"username": "stella", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_logged_in_non_staff_is_denied(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


@pytest.mark.django_db
def test_staff_with_two_factor_logs_in_through_the_site_login(client, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # see test_two_factor.py
    admin_user = get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    EmailAddress.objects.create(user=admin_user, email=admin_user.email, primary=True, verified=True)
    secret = pyotp.random_base32()
    Authenticator.objects.create(user=admin_user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)})

    response = client.post(
        reverse("account_login"), {"login": "admin", "password": PASSWORD, "next": reverse("admin:index")}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not yet
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:accounts_user_changelist") in html
