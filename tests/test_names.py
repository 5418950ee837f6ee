"""Project names and slugs (generator/names.py): what is refused, with which message, and the suggestions."""

from __future__ import annotations

import pytest

from generator.names import MAX_NAME_LENGTH, MAX_SLUG_LENGTH, RESERVED_NAMES, name_problem, slug_problem, slugify

#: The top-level names the generated projects import or define (kept here by hand, as the rule's spec).
IMPORTED_OR_DEFINED = [
    "django",
    "flask",
    "sqlalchemy",
    "flask_sqlalchemy",
    "flask_migrate",
    "flask_login",
    "flask_wtf",
    "flask_admin",
    "flask_smorest",
    "wtforms",
    "werkzeug",
    "jinja2",
    "markupsafe",
    "itsdangerous",
    "click",
    "alembic",
    "peewee",
    "peewee_migrate",
    "rest_framework",
    "drf_spectacular",
    "whitenoise",
    "gunicorn",
    "psycopg",
    "psycopg2",
    "mysqldb",
    "dj_database_url",
    "environ",
    "dotenv",
    "marshmallow",
    "pytest",
    "pytest_django",
    "ruff",
    "coverage",
    "playwright",
    "email_validator",
    "copier",
    "generator",
    "accounts",
    "pages",
    "products",
    "posts",
    "articles",
    "items",
    "tests",
    "config",
    "migrations",
    "static",
    "templates",
    "manage",
]


def test_limits() -> None:
    assert (MAX_NAME_LENGTH, MAX_SLUG_LENGTH) == (80, 40)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My Blog", "my_blog"),
        ("  Café Crème  ", "cafe_creme"),
        ("Q&A: Tom's <Blog>", "q_a_tom_s_blog"),
        ("2048 game", "app_2048_game"),
        ("__init__", "init"),
        ("ÆØ", ""),
        ("ÆØÅ", "a"),
        ("x" * 39 + " y", "x" * 39),  # cut at 40, no trailing underscore
        ("a" * 50, "a" * 40),
        ("A--B", "a_b"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_good_slug_has_no_problem() -> None:
    for slug in ("blog", "my_project", "a", "_private", "a1_b2", "x" * MAX_SLUG_LENGTH):
        assert slug_problem(slug) == "", slug


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("", "the project slug is empty; try 'my_project'"),
        ("x" * 41, "the project slug is 41 characters long, the limit is 40; try '" + "x" * 36 + "'"),
        (
            "My-Blog",
            "'My-Blog' is not a valid package name: use lowercase ASCII letters, digits and underscores, "
            "starting with a letter; try 'my_blog'",
        ),
        ("1abc", "'1abc' is not a valid package name"),
        ("café", "'café' is not a valid package name"),
        ("caf\u00e9", "try 'cafe'"),
        ("class", "'class' is a Python keyword; try 'class_app'"),
        ("match", "'match' is a Python keyword"),
        ("json", "'json' would shadow the standard-library module 'json'; try 'json_app'"),
        ("test", "'test' would shadow the standard-library module 'test'"),
        ("django", "'django' would shadow a package the generated project imports or defines; try 'django_app'"),
        ("items", "try 'items_app'"),
    ],
)
def test_slug_problem_says_why_and_suggests(slug: str, message: str) -> None:
    problem = slug_problem(slug)
    assert problem.startswith(message) or message in problem, problem
    assert slug_problem(slug, suggest=False) == problem.split("; try '")[0]


@pytest.mark.parametrize("name", IMPORTED_OR_DEFINED)
def test_every_imported_or_defined_name_is_refused(name: str) -> None:
    assert "would shadow a package" in slug_problem(name, suggest=False), name


def test_reserved_names_are_those_and_match_any_case() -> None:
    assert {n.lower() for n in RESERVED_NAMES} == set(IMPORTED_OR_DEFINED)
    assert "MySQLdb" in RESERVED_NAMES
    assert "would shadow a package" in slug_problem("mysqldb", suggest=False)


def test_suggestions_are_valid_slugs() -> None:
    assert slug_problem("json") == "'json' would shadow the standard-library module 'json'; try 'json_app'"
    assert slug_problem("flask_app", suggest=False) == ""
    assert slug_problem("My Shop").endswith("; try 'my_shop'")  # the slugified form when it is valid
    assert slug_problem("tests_app", suggest=False) == ""
    assert slug_problem("Tests_App").endswith("; try 'tests_app'")
    assert slug_problem("a" * 45).endswith("; try '" + "a" * 36 + "'")
    assert slug_problem("Items").endswith("; try 'items_app'")  # 'items' is reserved, so _app is added
    assert slug_problem("_-").endswith("; try 'my_project'")  # nothing left to build on
    for slug in ("", "json", "class", "django", "x" * 50, "Bad-Name", "_-", "9lives", "Items"):
        suggestion = slug_problem(slug).rsplit("; try '", 1)[1].rstrip("'")
        assert slug_problem(suggestion) == "", (slug, suggestion)


def test_a_suggestion_that_is_itself_refused_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.names as names

    monkeypatch.setattr(names, "RESERVED_NAMES", frozenset({"blog", "blog_app"}))
    assert names.slug_problem("blog").endswith("; try 'my_project'")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "the project name is empty; give a short name such as 'My Blog'"),
        ("   ", "the project name is empty"),
        ("x" * 81, "the project name is 81 characters long, the limit is 80"),
        ('My "Blog"', "the project name may not contain quotes, slashes, backslashes, '..' or line breaks"),
        ("a/b", "may not contain"),
        ("a\\b", "may not contain"),
        ("a..b", "may not contain"),
        ("a\nb", "may not contain"),
        ("a\rb", "may not contain"),
        ("a\tb", "may not contain"),
        ("ÆØ", "the project name needs at least one ASCII letter or digit to derive a package name from"),
    ],
)
def test_name_problem(name: str, message: str) -> None:
    assert message in name_problem(name), name_problem(name)


def test_name_problems_word_for_word() -> None:
    assert name_problem(" ") == "the project name is empty; give a short name such as 'My Blog'"
    assert name_problem("a/b") == "the project name may not contain quotes, slashes, backslashes, '..' or line breaks"
    assert name_problem("ÆØ") == (
        "the project name needs at least one ASCII letter or digit to derive a package name from"
    )
    assert name_problem("x" * 81) == "the project name is 81 characters long, the limit is 80"
    assert name_problem("XX") == ""  # letters of the mutants' favourite marker are fine in a name


def test_good_names() -> None:
    for name in ("My Blog", "x" * 80, "Tom's shop", "a.b", "Q&A"):
        assert name_problem(name) == "", name


def test_a_suggestion_cut_to_length_loses_its_trailing_underscore() -> None:
    slug = "a" * 35 + "_" + "b" * 10  # 46 characters: cut to 36 for the suggestion, which would end with "_"
    assert slug_problem(slug).endswith("; try '" + "a" * 35 + "'")
    slug = "_" + "a" * 45
    assert slug_problem(slug).endswith("; try '" + "a" * 36 + "'")


def test_a_refused_name_ending_in_app_gets_no_second_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.names as names

    monkeypatch.setattr(names, "RESERVED_NAMES", frozenset({"shop_app"}))
    assert names.slug_problem("shop_app").endswith("; try 'my_project'")  # not 'shop_app_app'
    monkeypatch.setattr(names, "RESERVED_NAMES", frozenset({"shop"}))
    assert names.slug_problem("shop").endswith("; try 'shop_app'")


def test_reserved_names_match_whatever_their_case(monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.names as names

    monkeypatch.setattr(names, "RESERVED_NAMES", frozenset({"MySQLdb"}))
    assert "would shadow a package" in names.slug_problem("mysqldb", suggest=False)
    assert names.slug_problem("mysql_db", suggest=False) == ""
