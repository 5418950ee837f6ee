"""End to end, in a real browser: sign up, log out, log in, and create, edit and delete posts.

Run them alone with ``pytest tests/e2e``; they are skipped when no browser is found (see conftest.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tests.conftest import PASSWORD

from .browser import playwright_api

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .conftest import LiveSite

expect = playwright_api().expect  # skips (fails when E2E_REQUIRE_BROWSER=1) without Playwright


def submit(page: Page) -> None:
    """Press the page's form button and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form.form [type=submit]").click()


def log_in(page: Page, live_site: LiveSite, username: str, password: str) -> None:
    page.goto(live_site.url_for("auth.login"))
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    submit(page)


def test_sign_up_log_out_and_log_in(page: Page, live_site: LiveSite) -> None:
    page.goto(live_site.url_for("auth.signup"))
    page.locator("#username").fill("erin")
    page.locator("#email").fill("erin@example.com")
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD + "!")
    submit(page)
    expect(page.locator(".errors")).to_be_visible()  # the passwords differ

    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)
    submit(page)
    expect(page.locator(".messages")).to_contain_text("Welcome, erin")

    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()
    expect(page.locator(".messages")).to_contain_text("logged out")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    log_in(page, live_site, "erin", PASSWORD)
    expect(page.locator(".site-nav")).to_contain_text("erin")


def test_create_edit_and_delete_posts(page: Page, live_site: LiveSite) -> None:
    log_in(page, live_site, "alice", PASSWORD)  # a user of tests/conftest.py

    page.goto(live_site.url_for("posts.create"))
    submit(page)
    expect(page.locator(".errors")).to_be_visible()  # the title is required
    page.locator("#title").fill("First post")
    page.locator("#body").fill("Written in a browser.")
    submit(page)
    expect(page.locator("h1")).to_have_text("First post")

    with page.expect_navigation():
        page.get_by_role("link", name="Edit").click()
    page.locator("#title").fill("Edited post")
    submit(page)
    expect(page.locator("h1")).to_have_text("Edited post")

    with page.expect_navigation():
        page.get_by_role("link", name="Delete").click()
    submit(page)
    expect(page).to_have_url(re.compile(re.escape(live_site.url_for("posts.index")) + "$"))
    expect(page.locator("main")).not_to_contain_text("Edited post")
