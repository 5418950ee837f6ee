"""Fixtures of the end-to-end tests: the browser (see browser.py) and the live site.

The site runs in a thread (Werkzeug's server) on a free port, with the test settings but CSRF
protection on.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, url_for
from werkzeug.serving import make_server

from tests.conftest import clean_up, make_app

from .browser import browser, page  # noqa: F401  (fixtures)


@dataclass
class LiveSite:
    """The app served on ``url`` (``http://127.0.0.1:PORT``)."""

    app: Flask
    url: str

    def url_for(self, endpoint: str, **values: Any) -> str:
        """The full address of a page, e.g. ``live_site.url_for("auth.login")``."""
        with self.app.test_request_context():
            return self.url + url_for(endpoint, **values)


@pytest.fixture
def live_site(tmp_path: Path) -> Iterator[LiveSite]:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveSite(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        clean_up(app)
