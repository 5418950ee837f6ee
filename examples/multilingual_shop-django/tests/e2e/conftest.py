"""Fixtures of the end-to-end tests: the browser (see browser.py) and the site in pytest-django's
``live_server`` (a real HTTP server in a thread).
"""

from __future__ import annotations

import os

from .browser import browser, page  # noqa: F401  (fixtures)

# Playwright's synchronous API runs an event loop, which makes Django refuse database queries from
# the test itself (creating users, checking rows) unless told that this is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
