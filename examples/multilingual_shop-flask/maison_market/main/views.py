"""Views of the main blueprint."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("main", __name__, template_folder="templates")


@bp.get("/")
def index() -> str:
    """The home page."""
    return render_template("main/index.html")


@bp.get("/health")
def health() -> dict[str, str]:
    """For load balancers and container checks: the process is up and answers.

    It reads no session and no database, so it stays cheap under frequent probes;
    a failing database shows on the pages that use it.
    """
    return {"status": "ok"}
