"""CORS (Flask-CORS) for a front end on another origin: on the API only, and off unless
``CORS_ALLOWED_ORIGINS`` lists the origins (``https://app.example.com,https://admin.example.com``).

Cross-origin requests carry no cookies (``supports_credentials`` stays off): such a front end
authenticates with an API token in the ``Authorization`` header.
https://flask-cors.readthedocs.io/
"""

from __future__ import annotations

import os
import re

from flask import Flask
from flask_cors import CORS

from ..config import ConfigError

__all__ = ["allowed_origins", "init_app"]

#: An origin: a scheme, a host and maybe a port; no path, no wildcard.
ORIGIN = re.compile(r"^https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$")


def allowed_origins(raw: str | None) -> list[str]:
    """The origins of ``CORS_ALLOWED_ORIGINS`` (none when empty); anything else stops start-up."""
    if raw is None or raw.strip() == "":
        return []
    origins = [origin.strip().lower() for origin in raw.split(",")]
    if not all(ORIGIN.match(origin) for origin in origins):
        raise ConfigError(
            f"CORS_ALLOWED_ORIGINS={raw!r} is not a comma-separated list of origins such as https://app.example.com"
        )
    return origins


def init_app(app: Flask) -> None:
    """Answer cross-origin requests to /api/ from the allowed origins (none by default)."""
    origins = allowed_origins(app.config.get("CORS_ALLOWED_ORIGINS", os.environ.get("CORS_ALLOWED_ORIGINS")))
    if origins:
        CORS(
            app,
            resources={r"/api/*": dict(origins=origins)},
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["X-Pagination", "Retry-After"],
            max_age=600,
        )
