"""Two-factor authentication (django-allauth's MFA): an authenticator app's codes (TOTP), and recovery codes.

The codes are computed with pyotp, an implementation of TOTP (RFC 6238) of its own, as an app would.
"""

import re

import pyotp
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from .conftest import PASSWORD


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture(autouse=True)
def one_step_either_way(settings):
    """Accept the codes of the 30 seconds before and after too (as apps' clocks drift), so that a test that
    crosses a step boundary between computing a code and posting it does not fail by chance."""
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def log_in(client, login="alice", password=PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def confirm_access(client):
    """allauth asks for the password again before a second factor is turned on: a login alone is not enough."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    response = client.post(response.url, {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def activate_totp(client):
    """Turn on the authenticator app for the logged-in user, as they would: read the secret, send a code."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code for the app
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', html).group(1)
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    return pyotp.TOTP(secret)


def test_enable_totp_then_login_asks_for_a_code(client, verified):
    log_in(client)
    confirm_access(client)
    client.get(reverse("mfa_activate_totp"))
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200  # a code that is not the app's does not turn it on
    assert not Authenticator.objects.filter(user=verified, type=Authenticator.Type.TOTP).exists()
    totp = activate_totp(client)
    assert Authenticator.objects.filter(user=verified, type=Authenticator.Type.TOTP).exists()
    client.post(reverse("account_logout"))

    response = log_in(client)
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert not is_logged_in(client)  # the password alone is not enough

    refused = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert refused.status_code == 200
    assert "Incorrect code" in refused.content.decode()
    assert not is_logged_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": totp.now()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(verified.pk)


def test_a_recovery_code_works_once(client, verified):
    log_in(client)
    confirm_access(client)
    activate_totp(client)
    codes = Authenticator.objects.get(user=verified, type=Authenticator.Type.RECOVERY_CODES).wrap()
    code = codes.get_unused_codes()[0]
    client.post(reverse("account_logout"))

    log_in(client)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert is_logged_in(client)
    client.post(reverse("account_logout"))

    log_in(client)
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    assert again.status_code == 200
    assert not is_logged_in(client)


def test_the_two_factor_page_needs_login(client, db):
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
