"""Error pages: HTML for the site."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    """Render HTTP errors with templates/errors/error.html."""

    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException) -> ResponseReturnValue:
        return render_template("errors/error.html", error=error), error.code or 500
