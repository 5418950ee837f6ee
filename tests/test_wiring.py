"""The wiring rules (generator/wiring.py): example app names, the default ORM, and refused combinations."""

from __future__ import annotations

import pytest

from generator.questions import load_questions
from generator.wiring import (
    DERIVED,
    EXAMPLE_APPS,
    PYTHON_VERSIONS,
    api_over_model,
    combination_problem,
    db_engine,
    db_server,
    default_orm,
    derived,
    example_names,
    has_database,
    has_e2e,
    page_dir,
    python_floor,
    python_versions,
    sends_mail,
)

NO_DATABASE = "{what} need a database, but orm is 'none': choose orm 'sqlalchemy' or 'peewee', or set {key}=false"
ADMIN_NEEDS_ACCOUNTS = (
    "the Flask admin is restricted to admin users, so it needs accounts: set auth=true or admin=false"
)
API_NEEDS_EXAMPLE = "the REST API serves the example app's model: set example_app=true or rest_api=false"


@pytest.mark.parametrize(
    ("kind", "names"),
    [
        ("online_store", ("products", "Product", "product", "products", "a product")),
        ("blog", ("posts", "Post", "post", "posts", "a post")),
        ("news_media", ("articles", "Article", "article", "articles", "an article")),
        ("other", ("items", "Item", "item", "items", "an item")),
        ("api_service", ("items", "Item", "item", "items", "an item")),
        (None, ("items", "Item", "item", "items", "an item")),
    ],
)
def test_example_names(kind, names) -> None:
    assert example_names(kind) == dict(zip(("app", "model", "singular", "plural", "a_singular"), names, strict=True))


def test_example_apps_are_only_the_three_kinds() -> None:
    assert set(EXAMPLE_APPS) == {"online_store", "blog", "news_media"}


@pytest.mark.parametrize(
    ("answers", "orm"),
    [
        ({}, "sqlalchemy"),
        ({"experience": "beginner_understand", "size": "small"}, "peewee"),
        ({"experience": "beginner_understand", "size": "small", "data_access": "orm_is_enough"}, "peewee"),
        ({"experience": "beginner_understand", "size": "large"}, "sqlalchemy"),
        ({"experience": "beginner_understand"}, "sqlalchemy"),
        ({"experience": "beginner_ship", "size": "small"}, "sqlalchemy"),
        ({"experience": "beginner_understand", "size": "small", "data_access": "complex_sql"}, "sqlalchemy"),
        ({"experience": "beginner_understand", "size": "small", "data_access": "existing_schema"}, "sqlalchemy"),
        ({"data_access": "complex_sql"}, "sqlalchemy"),
    ],
)
def test_default_orm(answers, orm) -> None:
    assert default_orm(answers) == orm


FLASK_FULL = {"framework": "flask", "orm": "sqlalchemy", "auth": True, "admin": True, "example_app": True}


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ({}, ""),
        (FLASK_FULL | {"rest_api": True}, ""),
        ({"framework": "django", "auth": False, "admin": True, "example_app": False, "rest_api": False}, ""),
        ({"framework": "flask", "orm": "none", "rest_api": True}, ""),  # an API without a database is fine
        ({"framework": "flask", "orm": "none", "auth": False, "admin": False, "example_app": False}, ""),
        ({"framework": "flask", "orm": "none", "auth": True}, NO_DATABASE.format(what="accounts", key="auth")),
        ({"framework": "flask", "orm": "none", "admin": True}, NO_DATABASE.format(what="an admin", key="admin")),
        (
            {"framework": "flask", "orm": "none", "example_app": True},
            NO_DATABASE.format(what="the example app", key="example_app"),
        ),
        ({"framework": "flask", "orm": "none", "auth": "true"}, NO_DATABASE.format(what="accounts", key="auth")),
        ({"framework": "flask", "orm": "none", "auth": "false"}, ""),
        ({"framework": "django", "orm": "none", "auth": True, "example_app": True}, ""),  # orm is Flask's question
        (FLASK_FULL | {"auth": False}, ADMIN_NEEDS_ACCOUNTS),
        (FLASK_FULL | {"auth": "no"}, ADMIN_NEEDS_ACCOUNTS),
        (FLASK_FULL | {"auth": None}, ""),  # not asked yet: not judged
        ({"framework": "flask", "orm": "peewee", "admin": True}, ""),
        ({"framework": "django", "auth": False, "admin": True}, ""),  # Django's admin has its own accounts
        (FLASK_FULL | {"example_app": False, "rest_api": True}, API_NEEDS_EXAMPLE),
        ({"framework": "django", "example_app": False, "rest_api": True}, API_NEEDS_EXAMPLE),
        ({"framework": "django", "example_app": "False", "rest_api": "True"}, API_NEEDS_EXAMPLE),
        ({"framework": "django", "rest_api": True}, ""),  # example_app not asked yet
        ({"framework": "django", "example_app": None, "rest_api": True}, ""),
        ({"framework": "django", "example_app": False, "rest_api": False}, ""),
        ({"framework": "django", "example_app": False, "rest_api": "no"}, ""),
    ],
)
def test_combination_problem(answers, problem) -> None:
    assert combination_problem(answers) == problem


@pytest.mark.parametrize("text", ["true", "TRUE", " yes ", "y", "on", "1"])
def test_true_as_text(text) -> None:
    assert combination_problem({"framework": "flask", "orm": "none", "auth": text}) != ""


@pytest.mark.parametrize("text", ["false", "no", "n", "off", "0", ""])
def test_false_as_text(text) -> None:
    assert combination_problem({"framework": "flask", "orm": "none", "auth": text}) == ""


def test_the_first_problem_is_reported() -> None:
    answers = {"framework": "flask", "orm": "none", "auth": True, "admin": True, "example_app": True}
    assert combination_problem(answers) == NO_DATABASE.format(what="accounts", key="auth")
    answers = {"framework": "flask", "orm": "none", "admin": True, "example_app": True}
    assert combination_problem(answers) == NO_DATABASE.format(what="an admin", key="admin")


# --- The computed answers (copier.yml's hidden questions) ------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"framework": "django"}, True),
        ({"framework": "django", "orm": "none"}, True),  # Django has no orm answer: always a database
        ({"framework": "flask", "orm": "sqlalchemy"}, True),
        ({"framework": "flask", "orm": "peewee"}, True),
        ({"framework": "flask", "orm": "none"}, False),
    ],
)
def test_has_database(answers, expected) -> None:
    assert has_database(answers) is expected


@pytest.mark.parametrize(
    ("answers", "engine", "server"),
    [
        ({"framework": "django", "database": "postgresql"}, "postgresql", True),
        ({"framework": "django", "database": "mysql"}, "mysql", True),
        ({"framework": "django", "database": "sqlite"}, "sqlite", False),
        ({"framework": "django"}, "sqlite", False),  # not answered yet: the default
        ({"framework": "flask", "orm": "peewee", "database": "mysql"}, "mysql", True),
        ({"framework": "flask", "orm": "none", "database": "postgresql"}, "none", False),
    ],
)
def test_db_engine_and_db_server(answers, engine, server) -> None:
    assert db_engine(answers) == engine
    assert db_server(answers) is server


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"framework": "django", "auth": True}, True),
        ({"framework": "django", "auth": False}, False),
        ({"framework": "django", "auth": "false"}, False),  # copier's command line hands text over
        ({"framework": "flask", "orm": "sqlalchemy", "auth": "yes"}, True),
        ({"framework": "flask", "orm": "none", "auth": False}, True),  # the contact form sends email
    ],
)
def test_sends_mail(answers, expected) -> None:
    assert sends_mail(answers) is expected


@pytest.mark.parametrize(
    ("auth", "example_app", "expected"),
    [(True, True, True), (True, False, False), (False, True, False), ("true", "1", True), ("no", True, False)],
)
def test_has_e2e(auth, example_app, expected) -> None:
    assert has_e2e({"auth": auth, "example_app": example_app}) is expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"framework": "django", "rest_api": True}, True),
        ({"framework": "django", "rest_api": False}, False),
        ({"framework": "flask", "orm": "none", "rest_api": True}, False),
        ({"framework": "flask", "orm": "peewee", "rest_api": "on"}, True),
    ],
)
def test_api_over_model(answers, expected) -> None:
    assert api_over_model(answers) is expected


def test_page_dir() -> None:
    assert page_dir({"templating": "jinja2"}) == "jinja2"
    assert page_dir({"templating": "django"}) == "templates"
    assert page_dir({}) == "templates"


@pytest.mark.parametrize(
    ("answers", "versions"),
    [
        ({"framework": "django", "django_version": "5.2"}, ["3.11", "3.12", "3.13"]),
        ({"framework": "django"}, ["3.11", "3.12", "3.13"]),
        ({"framework": "django", "django_version": "6.1"}, ["3.12", "3.13"]),
        ({"framework": "flask", "django_version": "6.1"}, ["3.11", "3.12", "3.13"]),  # Flask ignores it
    ],
)
def test_python_versions_and_floor(answers, versions) -> None:
    assert python_versions(answers) == versions
    assert python_floor(answers) == versions[0]
    assert PYTHON_VERSIONS == ("3.11", "3.12", "3.13")


def test_derived_gives_every_computed_answer_copier_yml_declares() -> None:
    answers = {"framework": "flask", "orm": "none", "rest_api": True, "auth": False, "example_app": False}
    assert derived(answers) == {
        "has_database": False,
        "db_engine": "none",
        "db_server": False,
        "sends_mail": True,
        "full_kit": False,
        "simple_kit": False,
        "has_e2e": False,
        "api_over_model": False,
        "page_dir": "templates",
        "has_i18n": False,
        "python_floor": "3.11",
        "python_versions": ["3.11", "3.12", "3.13"],
    }
    questions = load_questions()
    hidden = {key for key, q in questions.items() if q.when is False and f"derived('{key}')" in str(q.default)}
    assert hidden == set(DERIVED)


@pytest.mark.parametrize(
    ("answers", "full", "simple"),
    [
        ({"auth": True}, False, True),  # the kit not given: the simple one, copier's default
        ({"auth": True, "auth_kit": "simple"}, False, True),
        ({"auth": True, "auth_kit": "full"}, True, False),
        ({"auth": False, "auth_kit": "full"}, False, False),  # no accounts, no kit
        ({"auth": "false", "auth_kit": "full"}, False, False),  # copier's command line hands text over
    ],
)
def test_the_account_kit_is_one_computed_answer(answers: dict, full: bool, simple: bool) -> None:
    assert (derived(answers)["full_kit"], derived(answers)["simple_kit"]) == (full, simple)


def test_flasks_full_kit_is_refused_with_peewee_in_one_line() -> None:
    answers = {"framework": "flask", "orm": "peewee", "auth": True, "auth_kit": "full"}
    problem = combination_problem(answers)
    assert "Flask-Security-Too" in problem and "orm 'sqlalchemy'" in problem and "\n" not in problem
    assert combination_problem({**answers, "orm": "sqlalchemy"}) == ""
    assert combination_problem({**answers, "auth_kit": "simple"}) == ""
    assert combination_problem({**answers, "framework": "django"}) == ""
