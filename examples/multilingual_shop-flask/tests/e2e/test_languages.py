"""End to end: a browser set to another language gets the pages in it, and the switcher changes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from maison_market.config import Config

from .browser import playwright_api

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .conftest import LiveSite

expect = playwright_api().expect  # skips (fails when E2E_REQUIRE_BROWSER=1) without Playwright

DEFAULT, OTHER = "en", "fr"


@pytest.fixture
def other_language_page(browser: Any) -> Iterator[Page]:
    """A page in a browser whose language (Accept-Language) is OTHER."""
    context = browser.new_context(locale=OTHER)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_browser_s_language_then_the_switcher(other_language_page: Page, live_site: LiveSite) -> None:
    live_site.app.config["LANGUAGES"] = dict(Config.LANGUAGES)  # conftest.py's app speaks English only
    page = other_language_page
    page.goto(live_site.url_for("main.index"))
    expect(page.locator("html")).to_have_attribute("lang", OTHER)

    default_name = live_site.app.config["LANGUAGES"][DEFAULT]
    with page.expect_navigation():
        page.locator(".language-switcher").get_by_role("button", name=default_name).click()
    expect(page.locator("html")).to_have_attribute("lang", DEFAULT)
    page.goto(live_site.url_for("auth.login"))  # the choice stays
    expect(page.locator("html")).to_have_attribute("lang", DEFAULT)
