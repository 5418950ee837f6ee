"""Wiring answers: the example app for each kind of project, defaults, and which combinations work.

Standard library only, so copier can load it from the template folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["EXAMPLE_APPS", "combination_problem", "default_orm", "example_names"]

#: The example CRUD app for each kind of project: (package name, model class, singular, plural).
EXAMPLE_APPS: dict[str, tuple[str, str, str, str]] = {
    "online_store": ("products", "Product", "product", "products"),
    "blog": ("posts", "Post", "post", "posts"),
    "news_media": ("articles", "Article", "article", "articles"),
}
_FALLBACK_APP = ("items", "Item", "item", "items")


def example_names(project_kind: str) -> dict[str, str]:
    """Names of the example app for a kind of project (``app``, ``model``, ``singular``, ``plural``)."""
    app, model, singular, plural = EXAMPLE_APPS.get(str(project_kind), _FALLBACK_APP)
    return {"app": app, "model": model, "singular": singular, "plural": plural}


def default_orm(answers: Mapping[str, Any]) -> str:
    """The Flask ORM that suits the decision answers.

    SQLAlchemy by default and whenever SQL matters (complex queries, an existing
    schema); peewee for a beginner who wants to understand the machinery on a
    small project, since it is a much smaller library to read.
    """
    if answers.get("data_access", "orm_is_enough") != "orm_is_enough":
        return "sqlalchemy"
    if answers.get("experience") == "beginner_understand" and answers.get("size") == "small":
        return "peewee"
    return "sqlalchemy"


def combination_problem(answers: Mapping[str, Any]) -> str:
    """Return why a combination of wiring answers cannot work, or ``""`` when it can.

    Answers not given yet (None or absent) are not judged: copier validates each
    question as it goes, before the later ones are known.
    """

    def given(key: str) -> bool:
        return answers.get(key) is not None

    def on(key: str) -> bool:  # copier's command line hands over "false" as text until it casts it
        value = answers.get(key)
        return value.strip().lower() in {"true", "yes", "y", "on", "1"} if isinstance(value, str) else bool(value)

    framework = answers.get("framework")
    has_database = not (framework == "flask" and answers.get("orm") == "none")
    if not has_database:
        for key, what in (("auth", "accounts"), ("admin", "an admin"), ("example_app", "the example app")):
            if on(key):
                return (
                    f"{what} need a database, but orm is 'none': "
                    f"choose orm 'sqlalchemy' or 'peewee', or set {key}=false"
                )
    if framework == "flask" and on("admin") and given("auth") and not on("auth"):
        return "the Flask admin is restricted to admin users, so it needs accounts: set auth=true or admin=false"
    if on("rest_api") and has_database and given("example_app") and not on("example_app"):
        return "the REST API serves the example app's model: set example_app=true or rest_api=false"
    return ""
