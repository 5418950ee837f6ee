"""The site's languages (Flask-Babel): which one a request is answered in, the switcher, the catalogues.

The language is the visitor's choice (the switcher posts it to ``/language``; it is kept in the session),
else the best match of the browser's ``Accept-Language`` among ``LANGUAGES``, else the first of them.
Strings are marked with ``_`` (``gettext``) and ``_l`` (``lazy_gettext``, for form labels made at import);
the catalogues are ``translations/<language>/LC_MESSAGES/messages.po``. See the README, "Languages".
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, Flask, Response, abort, current_app, has_request_context, redirect, request, session
from flask.typing import ResponseReturnValue
from flask_babel import Babel, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .config import ConfigError
from .security import safe_next_url

__all__ = ["_", "_l", "compile_catalogues", "current_language", "init_app"]

TRANSLATIONS = Path(__file__).with_name("translations")

#: Werkzeug's names and descriptions of the HTTP errors the site answers most, which the error page
#: shows translated: listed here so that ``pybabel extract`` keeps them in the catalogue.
HTTP_ERROR_TEXTS = (
    _l("Bad Request"),
    _l("The browser (or proxy) sent a request that this server could not understand."),
    _l("Forbidden"),
    _l(
        "You don't have the permission to access the requested resource. It is either read-protected or not "
        "readable by the server."
    ),
    _l("Not Found"),
    _l(
        "The requested URL was not found on the server. If you entered the URL manually please check your "
        "spelling and try again."
    ),
    _l("Method Not Allowed"),
    _l("The method is not allowed for the requested URL."),
    _l("Too Many Requests"),
    _l("Internal Server Error"),
    _l(
        "The server encountered an internal error and was unable to complete your request. Either the server "
        "is overloaded or there is an error in the application."
    ),
)

babel = Babel()
bp = Blueprint("i18n", __name__)


def current_language() -> str:
    """The code in ``LANGUAGES`` the request is answered in (the first of them outside a request)."""
    languages = list(current_app.config["LANGUAGES"])
    if not has_request_context():
        return languages[0]
    chosen = session.get("language")
    if chosen in languages:
        return str(chosen)
    return request.accept_languages.best_match(languages) or languages[0]


def select_locale() -> str:
    """Flask-Babel's locale selector: the current language as Babel spells it (``pt-br`` is ``pt_BR``)."""
    return str(Locale.parse(current_language(), sep="-"))


def local_datetime(value: datetime) -> str:
    """A date and time as the current language writes it (``1 Dec 2026, 09:30``, ``1 déc. 2026, 09:30``)."""
    return format_datetime(value, "d MMM y, HH:mm")


@bp.post("/language")
def set_language() -> ResponseReturnValue:
    """The switcher's form (CSRF-checked like every POST): keep the choice, go back to the page."""
    language = request.form.get("language", "")
    if language not in current_app.config["LANGUAGES"]:
        abort(400)
    session["language"] = language
    return redirect(safe_next_url(request.form.get("next")) or "/")


def stale_catalogues() -> list[Path]:
    """The catalogues (``.po``) whose compiled ``.mo`` is missing or older."""
    stale = []
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


def compile_catalogues() -> list[Path]:
    """Compile the stale catalogues, as ``pybabel compile`` does (fuzzy entries left out); return them.

    Each ``.mo`` is written to a temporary file first and moved into place, so that several workers
    starting together never read half a file.
    """
    stale = stale_catalogues()
    for po in stale:
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog)
        os.replace(temporary, po.with_suffix(".mo"))
    return stale


def init_app(app: Flask) -> None:
    """Bind Flask-Babel, the switcher's endpoint and the template helpers; compile stale catalogues."""
    try:
        compile_catalogues()
    except OSError as error:
        raise ConfigError(
            f"the translations cannot be compiled ({error.strerror}: {error.filename}): "
            f"compile them when the code is installed: pybabel compile -d {__package__}/translations"
        ) from None
    babel.init_app(app, locale_selector=select_locale)
    app.register_blueprint(bp)
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.filters["local_datetime"] = local_datetime

    @app.after_request
    def vary_by_language(response: Response) -> Response:
        # A page's language follows the browser's Accept-Language: caches must keep one copy per value.
        if response.mimetype == "text/html":
            response.vary.add("Accept-Language")
        return response
