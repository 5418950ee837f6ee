"""The browser for the end-to-end tests: headless Chromium driven by Playwright.

The tests are skipped, with the reason, when Playwright or a Chromium is missing (they fail
instead when E2E_REQUIRE_BROWSER=1). A browser is looked for in this order: the CHROMIUM_PATH
environment variable, the one Playwright manages (``python -m playwright install chromium``),
then a system install (``apt-get install chromium``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

NO_PLAYWRIGHT = "Playwright is not installed (it is in the dev dependency group)"
SYSTEM_CHROMIUMS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Headless, as root in a container too, and without the browser's own calls to the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium(playwright: Any) -> str | None:
    """The executable to launch: None means Playwright's own; raises LookupError when there is none."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        if os.access(configured, os.X_OK):
            return configured
        raise LookupError(f"CHROMIUM_PATH={configured} is not an executable")
    if os.access(playwright.chromium.executable_path, os.X_OK):
        return None
    for candidate in (*SYSTEM_CHROMIUMS, shutil.which("chromium") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise LookupError(
        "no Chromium found: run 'python -m playwright install chromium', install your system's "
        "chromium package, or set CHROMIUM_PATH"
    )


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when E2E_REQUIRE_BROWSER=1 (as in CI, where a skip would go unseen)."""
    if os.environ.get("E2E_REQUIRE_BROWSER") == "1":
        pytest.fail(f"E2E_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def playwright_api() -> Any:
    """``playwright.sync_api``, for a test module to call at import time.

    Without Playwright the whole module is skipped, or fails to import when E2E_REQUIRE_BROWSER=1
    (``pytest.importorskip`` would skip it even then, before any fixture could fail the run).
    """
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("E2E_REQUIRE_BROWSER") == "1":
            pytest.fail(f"E2E_REQUIRE_BROWSER=1 but {NO_PLAYWRIGHT}", pytrace=False)
        pytest.skip(NO_PLAYWRIGHT, allow_module_level=True)
    return sync_api


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(NO_PLAYWRIGHT)
    with sync_playwright() as playwright:
        try:
            executable = find_chromium(playwright)
        except LookupError as error:
            unavailable(str(error))
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A new page in a fresh browser context (no cookies), closed after the test."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
