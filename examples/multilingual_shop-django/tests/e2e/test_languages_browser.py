"""In a real browser: the language switcher shows the page in another language, and the site keeps it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .browser import playwright_api

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = playwright_api().expect  # skips (fails when E2E_REQUIRE_BROWSER=1) without Playwright
pytestmark = pytest.mark.django_db(transaction=True)

DEFAULT, OTHER = "en", "fr"


def test_the_switcher_changes_the_language_and_the_site_keeps_it(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/{DEFAULT}/")
    expect(page.locator("html")).to_have_attribute("lang", DEFAULT)
    page.locator("#language-choice").select_option(OTHER)
    with page.expect_navigation():
        page.locator("form.language-form [type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{OTHER}/")
    expect(page.locator("html")).to_have_attribute("lang", OTHER)
    page.goto(f"{live_server.url}/")  # a bare address: the cookie the switcher set wins
    expect(page).to_have_url(f"{live_server.url}/{OTHER}/")
