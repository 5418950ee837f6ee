"""Wiring answers: the example app for each kind of project, defaults, and which combinations work.

Standard library only, so copier can load it from the template folder.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_spec = importlib.util.spec_from_file_location("_flask_or_django_yes_no", Path(__file__).with_name("yes_no.py"))
assert _spec is not None and _spec.loader is not None
_yes_no = importlib.util.module_from_spec(_spec)  # beside this file, by path: copier loads this module so too
_spec.loader.exec_module(_yes_no)
_spec = importlib.util.spec_from_file_location("_flask_or_django_languages", Path(__file__).with_name("languages.py"))
assert _spec is not None and _spec.loader is not None
_languages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_languages)

__all__ = ["DERIVED", "EXAMPLE_APPS", "combination_problem", "default_orm", "derived", "example_names"]

#: The example CRUD app for each kind of project: (package name, model class, singular, plural, article).
EXAMPLE_APPS: dict[str, tuple[str, str, str, str, str]] = {
    "online_store": ("products", "Product", "product", "products", "a"),
    "blog": ("posts", "Post", "post", "posts", "a"),
    "news_media": ("articles", "Article", "article", "articles", "an"),
}
_FALLBACK_APP = ("items", "Item", "item", "items", "an")


def example_names(project_kind: str) -> dict[str, str]:
    """Names of the example app for a kind of project (``app``, ``model``, ``singular``, ``plural``, and
    ``a_singular``, the singular with its article: "an item", "a post")."""
    app, model, singular, plural, article = EXAMPLE_APPS.get(str(project_kind), _FALLBACK_APP)
    return {"app": app, "model": model, "singular": singular, "plural": plural, "a_singular": f"{article} {singular}"}


def _on(answers: Mapping[str, Any], key: str) -> bool:
    """Whether a yes/no answer is yes (copier's command line hands over "false" as text until it casts it)."""
    return bool(_yes_no.is_yes(answers.get(key)))


# --- Computed answers: each rule that more than one place needs, written once -------------------


def has_database(answers: Mapping[str, Any]) -> bool:
    """Every Django project has a database; a Flask project has one unless its ORM is ``none``."""
    return not (answers.get("framework") == "flask" and answers.get("orm") == "none")


def db_engine(answers: Mapping[str, Any]) -> str:
    """The production database engine (``sqlite``, ``postgresql``, ``mysql``), or ``none`` without a database."""
    return str(answers.get("database") or "sqlite") if has_database(answers) else "none"


def db_server(answers: Mapping[str, Any]) -> bool:
    """Whether production needs a database server (PostgreSQL or MySQL), so ``DATABASE_URL`` is required."""
    return db_engine(answers) in {"postgresql", "mysql"}


def sends_mail(answers: Mapping[str, Any]) -> bool:
    """Whether the project sends email: password resets (accounts), or Flask's contact form (no database)."""
    return _on(answers, "auth") or not has_database(answers)


def full_kit(answers: Mapping[str, Any]) -> bool:
    """Whether accounts use the full kit (django-allauth / Flask-Security-Too: email verification, two-factor)."""
    return _on(answers, "auth") and answers.get("auth_kit") == "full"


def simple_kit(answers: Mapping[str, Any]) -> bool:
    """Whether accounts use the simple kit (``django.contrib.auth`` views / Flask-Login)."""
    return _on(answers, "auth") and not full_kit(answers)


def has_e2e(answers: Mapping[str, Any]) -> bool:
    """Whether the project ships browser tests (tests/e2e): they sign up and edit the example app."""
    return _on(answers, "auth") and _on(answers, "example_app")


def api_over_model(answers: Mapping[str, Any]) -> bool:
    """Whether the REST API serves the example model (else a Flask project without a database
    serves a small stateless API)."""
    return _on(answers, "rest_api") and has_database(answers)


def page_dir(answers: Mapping[str, Any]) -> str:
    """The folder of a Django project's page templates: ``templates`` (DTL) or ``jinja2``."""
    return "jinja2" if answers.get("templating") == "jinja2" else "templates"


def has_i18n(answers: Mapping[str, Any]) -> bool:
    """Whether the site is in more than one language (``languages`` names two codes or more)."""
    return len(_languages.language_codes(answers.get("languages", "en"))) > 1


#: The Python versions a generated project supports, oldest first.
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")


def python_versions(answers: Mapping[str, Any]) -> list[str]:
    """The Python versions the project supports: Django 6.x needs 3.12 or newer."""
    if answers.get("framework") == "django" and str(answers.get("django_version", "5.2")).startswith("6."):
        return [v for v in PYTHON_VERSIONS if v >= "3.12"]
    return list(PYTHON_VERSIONS)


def python_floor(answers: Mapping[str, Any]) -> str:
    """The oldest Python the project supports (``requires-python``)."""
    return python_versions(answers)[0]


#: The computed answers copier.yml declares (hidden, ``when: false``), by name.
DERIVED = {
    "has_database": has_database,
    "db_engine": db_engine,
    "db_server": db_server,
    "sends_mail": sends_mail,
    "full_kit": full_kit,
    "simple_kit": simple_kit,
    "has_e2e": has_e2e,
    "api_over_model": api_over_model,
    "page_dir": page_dir,
    "has_i18n": has_i18n,
    "python_floor": python_floor,
    "python_versions": python_versions,
}


def derived(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Every computed answer for ``answers``."""
    return {name: rule(answers) for name, rule in DERIVED.items()}


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

    def on(key: str) -> bool:
        return _on(answers, key)

    framework = answers.get("framework")
    if not has_database(answers):
        for key, what in (("auth", "accounts"), ("admin", "an admin"), ("example_app", "the example app")):
            if on(key):
                return (
                    f"{what} need a database, but orm is 'none': "
                    f"choose orm 'sqlalchemy' or 'peewee', or set {key}=false"
                )
    if framework == "flask" and on("admin") and given("auth") and not on("auth"):
        return "the Flask admin is restricted to admin users, so it needs accounts: set auth=true or admin=false"
    if framework == "flask" and full_kit(answers) and answers.get("orm") == "peewee":
        return (
            "auth_kit 'full' (Flask-Security-Too) is wired with SQLAlchemy: "
            "choose orm 'sqlalchemy', or auth_kit 'simple' with peewee"
        )
    if on("rest_api") and has_database(answers) and given("example_app") and not on("example_app"):
        return "the REST API serves the example app's model: set example_app=true or rest_api=false"
    return ""
