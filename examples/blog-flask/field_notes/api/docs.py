"""The API's Swagger UI, served by the site itself: no CDN, so the docs page's CSP allows only 'self'.

Swagger UI's files come from the ``swagger-ui-py`` package (which vendors swagger-ui-dist); the page
is ``templates/swagger_ui.html`` (it replaces flask-smorest's, whose inline script a strict CSP
refuses) and its start-up script is ``static/swagger-init.js``.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, send_from_directory

__all__ = ["CONTENT_SECURITY_POLICY", "SWAGGER_UI_FILES", "init_app"]

#: The files the page loads (the package holds more: Swagger Editor's, source maps).
SWAGGER_UI_FILES = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"})

#: Scripts and styles from this site only; Swagger UI sets inline style attributes and shows data: images.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

bp = Blueprint("swagger_ui_files", __name__)


def swagger_ui_folder() -> Path:
    """Where the installed swagger-ui-py keeps Swagger UI's files (found without importing it)."""
    spec = find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("swagger-ui-py is not installed: the API docs page needs it")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


@bp.get("/api/docs/static/<name>")
def swagger_ui_file(name: str) -> Response:
    """One of Swagger UI's files (cached for a day)."""
    if name not in SWAGGER_UI_FILES:
        abort(404)
    return send_from_directory(swagger_ui_folder(), name, max_age=86400)


def init_app(app: Flask) -> None:
    """Serve Swagger UI's files at /api/docs/static/ (``OPENAPI_SWAGGER_UI_URL``)."""
    app.register_blueprint(bp)
