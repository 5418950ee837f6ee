"""Error pages: HTML for the site, JSON for the API."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from .extensions import api


def init_app(app: Flask) -> None:
    """Render HTTP errors with templates/errors/error.html (JSON under /api)."""

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException) -> ResponseReturnValue:
        if request.path == "/api" or request.path.startswith("/api/"):
            return api.handle_http_exception(error)
        return render_template("errors/error.html", error=error), error.code or 500
