"""Views of the main blueprint."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("main", __name__, template_folder="templates")


@bp.get("/")
def index() -> str:
    """The home page."""
    return render_template("main/index.html")
