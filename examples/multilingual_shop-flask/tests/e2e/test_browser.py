"""End to end, in a real browser: sign up and confirm the address from the email, log in with a two-factor
code, and create, edit and delete products.

Run them alone with ``pytest tests/e2e``; they are skipped when no browser is found (see conftest.py).
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING

from passlib.totp import TOTP

from maison_market import mail
from tests.conftest import PASSWORD

from .browser import playwright_api

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .conftest import LiveSite

expect = playwright_api().expect  # skips (fails when E2E_REQUIRE_BROWSER=1) without Playwright


def submit(page: Page, form: str = "main form.form") -> None:
    """Press a form's button and wait for the next page."""
    with page.expect_navigation():
        page.locator(f"{form} [type=submit]").click()


def log_in(page: Page, live_site: LiveSite, username: str, password: str) -> None:
    page.goto(live_site.url_for("auth.login"))
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    submit(page)


def test_sign_up_confirm_the_address_and_log_in(page: Page, live_site: LiveSite) -> None:
    page.goto(live_site.url_for("main.index"))
    with page.expect_navigation():
        page.locator(".site-nav").get_by_role("link", name="Sign up").click()
    page.locator("#email").fill("erin@example.com")
    page.locator("#username").fill("erin")
    page.locator("#password").fill(PASSWORD)
    page.locator("#password_confirm").fill(PASSWORD + "!")
    submit(page)
    expect(page.locator(".errors")).to_be_visible()  # the passwords differ
    page.locator("#password").fill(PASSWORD)
    page.locator("#password_confirm").fill(PASSWORD)
    submit(page)

    [message] = [m for m in mail.outbox(live_site.app) if m["To"] == "erin@example.com"]
    link = re.search(r"https?://\S+/auth/confirm/\S+", message.get_content())
    assert link, message.get_content()
    page.goto(link[0])
    log_in(page, live_site, "erin", PASSWORD)
    expect(page.locator(".site-nav")).to_contain_text("erin")

    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_two_factor_setup_then_a_login_with_a_code(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site, "bob", PASSWORD)  # a user of tests/conftest.py
    with page.expect_navigation():
        page.locator(".site-nav").get_by_role("link", name="Two-factor").click()
    page.locator("input[value=authenticator]").check()
    submit(page)
    expect(page.locator("#qrcode")).to_be_visible()
    totp = TOTP(key=re.sub(r"[ -]", "", page.locator(".authenticator-key").inner_text()))
    page.locator("#code").fill(totp.generate().token)
    submit(page, ".two-factor-code form")

    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    log_in(page, live_site, "bob", PASSWORD)
    expect(page).to_have_url(re.compile("/auth/tf-validate"))
    page.locator("#code").fill("000000" if totp.generate(time.time() + 30).token != "000000" else "111111")
    submit(page)
    expect(page.locator(".errors, .form-errors")).to_be_visible()  # a wrong code
    page.locator("#code").fill(totp.generate(time.time() + 30).token)
    submit(page)
    expect(page.locator(".site-nav")).to_contain_text("bob")


def test_create_edit_and_delete_products(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site, "alice", PASSWORD)  # a user of tests/conftest.py

    page.goto(live_site.url_for("products.create"))
    submit(page)
    expect(page.locator(".errors")).to_be_visible()  # the title is required
    page.locator("#title").fill("First product")
    page.locator("#body").fill("Written in a browser.")
    submit(page)
    expect(page.locator("h1")).to_have_text("First product")

    with page.expect_navigation():
        page.get_by_role("link", name="Edit").click()
    page.locator("#title").fill("Edited product")
    submit(page)
    expect(page.locator("h1")).to_have_text("Edited product")

    with page.expect_navigation():
        page.get_by_role("link", name="Delete").click()
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(live_site.url_for("products.index")) + "$"))
    expect(page.locator("main")).not_to_contain_text("Edited product")
