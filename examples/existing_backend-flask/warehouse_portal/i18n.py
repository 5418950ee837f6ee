"""The site's language: one, so no translation is loaded; the strings are marked for a second one.

The pages and the code mark their strings as a multilingual project does (``_`` in templates and code,
``_l`` for form labels made at import), so that adding a language later is a catalogue, not a rewrite:
here those markers return the text as it is (Jinja's own i18n extension with null translations).
"""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

from flask import Flask, current_app

__all__ = ["_", "_l", "current_language", "init_app"]


def _(text: str, **variables: Any) -> str:
    """The text (``%(name)s`` filled from ``variables``), as a translating ``gettext`` would give it."""
    return text % variables if variables else text


_l = _  # lazy_gettext: nothing to delay without translations


def current_language() -> str:
    """The site's language: the code in ``LANGUAGES``."""
    return next(iter(current_app.config["LANGUAGES"]))


def local_datetime(value: datetime) -> str:
    """A date and time for the pages (``1 Dec 2026, 09:30``)."""
    return value.strftime("%d %b %Y, %H:%M")


def init_app(app: Flask) -> None:
    """``_`` and the ``trans`` blocks of Jinja in the templates, and the template helpers the pages use."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.filters["local_datetime"] = local_datetime
    # Flask-Admin translates its own pages with Flask-Babel whenever Flask-Babel can be imported, and then
    # needs it bound to the app: bind it where it is installed (say, as you start adding a language).
    try:
        flask_babel = importlib.import_module("flask_babel")
    except ImportError:
        return
    flask_babel.Babel(app)
