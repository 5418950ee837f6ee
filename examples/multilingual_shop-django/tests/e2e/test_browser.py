"""End to end, in a real browser: sign up and confirm the email address, turn on two-factor authentication,
log in with a code, and create, edit and delete products.

Run them alone with ``pytest tests/e2e``; they are skipped when no browser is found (see conftest.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pyotp
import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from products.models import Product

from .browser import playwright_api

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = playwright_api().expect  # skips (fails when E2E_REQUIRE_BROWSER=1) without Playwright
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-Horse-battery-st4ple"


def press(page: Page, name: str) -> None:
    """Press the button of that name and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def log_in(page: Page, url: str, login: str, password: str) -> None:
    page.goto(url + reverse("account_login"))
    page.locator("#id_login").fill(login)
    page.locator("#id_password").fill(password)
    press(page, "Sign In")


def test_sign_up_confirm_turn_on_two_factor_and_log_in_with_a_code(page: Page, live_server, settings) -> None:
    settings.MFA_TOTP_TOLERANCE = 1  # a code computed just before a 30-second step ends still counts
    page.goto(live_server.url + reverse("account_signup"))
    page.locator("#id_email").fill("erin@example.com")
    page.locator("#id_username").fill("erin")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    press(page, "Sign Up")
    expect(page.locator("h1")).to_have_text("Verify Your Email Address")

    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    press(page, "Confirm")
    expect(page.locator(".site-nav")).to_contain_text("erin")

    page.get_by_role("link", name="Two-factor").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Activate").click()
    expect(page.locator("h1")).to_have_text("Confirm Access")  # the password again, before a security change
    page.locator("#id_password").fill(PASSWORD)
    press(page, "Confirm")
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()  # the QR code
    totp = pyotp.TOTP(page.locator("#authenticator_secret").input_value())
    page.locator("#id_code").fill(totp.now())
    press(page, "Activate")
    expect(page.locator("h1")).to_have_text("Recovery Codes")

    press(page, "Log out")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    log_in(page, live_server.url, "erin@example.com", PASSWORD)
    expect(page.locator("h1")).to_have_text("Two-Factor Authentication")
    page.locator("#id_code").fill("000000")
    press(page, "Sign In")
    expect(page.locator(".form")).to_contain_text("Incorrect code")
    page.locator("#id_code").fill(totp.now())
    press(page, "Sign In")
    expect(page.locator(".site-nav")).to_contain_text("erin")


def test_create_edit_and_delete_products(page: Page, live_server, django_user_model) -> None:
    frank = django_user_model.objects.create_user("frank", "frank@example.com", PASSWORD)
    EmailAddress.objects.create(user=frank, email=frank.email, primary=True, verified=True)
    log_in(page, live_server.url, "frank", PASSWORD)

    page.goto(live_server.url + reverse("products:create"))
    page.locator("#id_title").fill("First product")
    page.locator("#id_body").fill("Written in a browser.")
    press(page, "Save")
    expect(page.locator("h1")).to_have_text("First product")
    assert Product.objects.get().owner.username == "frank"

    with page.expect_navigation():
        page.get_by_role("link", name="Edit").click()
    page.locator("#id_title").fill("Edited product")
    press(page, "Save")
    expect(page.locator("h1")).to_have_text("Edited product")

    with page.expect_navigation():
        page.get_by_role("link", name="Delete").click()
    page.locator("main form [type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("products:list")) + "$"))
    expect(page.locator(".messages")).to_contain_text("deleted")
    assert not Product.objects.exists()
