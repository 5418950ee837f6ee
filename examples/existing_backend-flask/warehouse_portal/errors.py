"""Error pages: HTML for the site, and JSON under the paths an API claims (``json_errors_under``)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, make_response, render_template, request
from flask.globals import request_ctx
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from .i18n import _

ErrorHandler = Callable[[HTTPException], ResponseReturnValue]


def json_errors_under(app: Flask, prefix: str, handler: ErrorHandler) -> None:
    """Let ``handler`` answer the HTTP errors of the paths under ``prefix`` (an API's JSON errors)."""
    app.extensions.setdefault("json_error_handlers", []).append((prefix, handler))


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    """An HTTP error's page: templates/errors/error.html, or JSON where ``json_errors_under`` says."""
    if request_ctx.url_adapter is None:
        # A Host outside TRUSTED_HOSTS: no link can be built for it, so Werkzeug's plain page.
        return error
    for prefix, handler in current_app.extensions.get("json_error_handlers", ()):
        if request.path == prefix or request.path.startswith(prefix + "/"):
            return with_headers_of(error, make_response(handler(error)))
    # Werkzeug's name and description, translated here rather than in the template: Jinja's ``_`` treats
    # its text as trusted markup, and a description may carry request data.
    # (gettext("") would be the catalogue's header.)
    description = _(error.description) if error.description else ""
    page = render_template("errors/error.html", error=error, name=_(error.name), description=description)
    return with_headers_of(error, make_response(page, error.code or 500))


def with_headers_of(error: HTTPException, response: Response) -> Response:
    """``response`` with the headers the error itself carries (``Allow`` on a 405), but its own body's type."""
    for name, value in error.get_headers():
        if name.lower() != "content-type" and name not in response.headers:
            response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    """Answer HTTP errors with ``handle_http_error`` (the extensions' own handlers are replaced)."""
    app.register_error_handler(HTTPException, handle_http_error)
