"""End to end, in a real browser: sign up, log out, log in, and create, edit and delete products.

Run them alone with ``pytest tests/e2e``; they are skipped when no browser is found (see conftest.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from products.models import Product

from .browser import playwright_api

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = playwright_api().expect  # skips (fails when E2E_REQUIRE_BROWSER=1) without Playwright
pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-Horse-battery-st4ple"


def submit(page: Page) -> None:
    """Press the page's form button and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form.form [type=submit]").click()


def log_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(url + reverse("login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    submit(page)


def test_sign_up_log_out_and_log_in(page: Page, live_server) -> None:
    page.goto(live_server.url + reverse("signup"))
    page.locator("#id_username").fill("erin")
    page.locator("#id_email").fill("erin@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD + "!")
    submit(page)
    expect(page.locator(".errors")).to_be_visible()  # the passwords differ

    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    submit(page)
    expect(page.locator(".messages")).to_contain_text("Welcome, erin")

    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    expect(page.locator(".messages")).to_contain_text("logged out")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    log_in(page, live_server.url, "erin", PASSWORD)
    expect(page.locator(".site-nav")).to_contain_text("erin")


def test_create_edit_and_delete_products(page: Page, live_server, django_user_model) -> None:
    django_user_model.objects.create_user("frank", "frank@example.com", PASSWORD)
    log_in(page, live_server.url, "frank", PASSWORD)

    page.goto(live_server.url + reverse("products:create"))
    page.locator("#id_title").fill("First product")
    page.locator("#id_body").fill("Written in a browser.")
    submit(page)
    expect(page.locator("h1")).to_have_text("First product")
    assert Product.objects.get().owner.username == "frank"

    with page.expect_navigation():
        page.get_by_role("link", name="Edit").click()
    page.locator("#id_title").fill("Edited product")
    submit(page)
    expect(page.locator("h1")).to_have_text("Edited product")

    with page.expect_navigation():
        page.get_by_role("link", name="Delete").click()
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(reverse("products:list")) + "$"))
    expect(page.locator(".messages")).to_contain_text("deleted")
    assert not Product.objects.exists()
