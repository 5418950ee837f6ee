"""The SQLAlchemy database: the models' base, the session, and the helpers every view uses.

A peewee project has a ``database.py`` with the same functions, so views and tests never depend on
the ORM. ``init_app`` binds ``db`` to ``DATABASE_URL``; Flask-Migrate adds the ``flask db``
commands: ``flask db upgrade`` applies the migrations in ``migrations/``, ``flask db migrate -m NAME``
writes a new one from the model changes, and ``flask db check`` fails while the two differ.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from flask import Flask, abort
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import MetaData, Select, select, text
from sqlalchemy.orm import DeclarativeBase

from .ready import add_check

__all__ = [
    "Base",
    "after_change",
    "create_tables",
    "db",
    "delete",
    "disconnect",
    "drop_tables",
    "empty_tables",
    "find",
    "get",
    "get_or_404",
    "init_app",
    "paginate",
    "ping",
    "save",
    "utcnow",
]

Model = TypeVar("Model")

#: The largest id: ids are 32-bit integer columns (in PostgreSQL and MySQL), so a larger one names
#: no row. The drivers would fail on it (a 500 for a 404), as on an offset past 64 bits (a huge page).
MAX_ID = 2**31 - 1
MAX_OFFSET = 2**63 - 1


class Base(DeclarativeBase):
    """Base class of the models; named constraints keep migrations portable."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def utcnow() -> datetime:
    """The current time, timezone-aware: the default of the models' timestamps."""
    return datetime.now(UTC)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True)  # batch mode lets SQLite alter tables


def default_database_url(instance_path: str) -> str:
    """The development database: a SQLite file in the instance folder."""
    return f"sqlite:///{os.path.join(instance_path, 'field_notes.sqlite3')}"


def sqlalchemy_url(url: str) -> str:
    """Pick the installed drivers for plain URLs: psycopg 3 for PostgreSQL, PyMySQL for MySQL."""
    for plain, with_driver in (
        ("postgres://", "postgresql+psycopg://"),
        ("postgresql://", "postgresql+psycopg://"),
        ("mysql://", "mysql+pymysql://"),
    ):
        if url.startswith(plain):
            return with_driver + url[len(plain) :]
    return url


def ping() -> None:
    """Raise unless the database answers (``/ready`` calls it)."""
    db.session.execute(text("SELECT 1"))
    db.session.rollback()


def init_app(app: Flask) -> None:
    """Bind ``db`` to ``DATABASE_URL`` (empty: a SQLite file in the instance folder), add ``flask db``."""
    if app.config["INSTANCE_PATH"]:
        app.instance_path = app.config["INSTANCE_PATH"]
    if not app.config["DATABASE_URL"]:  # development
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["DATABASE_URL"] = default_database_url(app.instance_path)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", sqlalchemy_url(app.config["DATABASE_URL"]))
    # https://flask-sqlalchemy.readthedocs.io/en/stable/config/
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    db.init_app(app)
    migrate.init_app(app, db)
    add_check(app, "database", ping)


def create_tables() -> None:
    """Create the tables of every model (the tests use this; real databases use migrations)."""
    db.create_all()


def drop_tables() -> None:
    """Drop the tables of every model, and close the connections."""
    db.session.remove()
    db.drop_all()
    db.engine.dispose()


def empty_tables() -> None:
    """Delete every row of every model's table and start their ids at 1 again (the tests use this
    between tests: on a database server it is several times quicker than dropping and creating them)."""
    db.session.remove()
    tables = db.metadata.sorted_tables
    if not tables:  # a project without models yet
        return
    with db.engine.begin() as connection:
        quote = connection.dialect.identifier_preparer.quote
        names = [quote(table.name) for table in tables]
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
            return
        for table in reversed(tables):  # rows that others refer to last
            connection.execute(table.delete())
        if connection.dialect.name == "mysql":  # SQLite numbers rows from the largest id left: 1
            for name in names:
                connection.execute(text(f"ALTER TABLE {name} AUTO_INCREMENT = 1"))


def disconnect() -> None:
    """Close the session and every pooled connection of this app's engine."""
    db.session.remove()
    db.engine.dispose()


def get(model: type[Model], pk: int) -> Model | None:
    """The row of ``model`` with this primary key, or None."""
    if not -MAX_ID <= pk <= MAX_ID:
        return None
    return db.session.get(model, pk)


def get_or_404(model: type[Model], pk: int) -> Model:
    """The row of ``model`` with this primary key; a 404 error if there is none."""
    row = get(model, pk)
    if row is None:
        abort(404)
    return row


def find(model: type[Model], **equal: Any) -> Model | None:
    """The first row of ``model`` whose columns equal these values (``find(User, email=...)``), or None."""
    return db.session.scalar(select(model).filter_by(**equal).limit(1))


def paginate(query: Select[Any], page: int, per_page: int) -> Pagination:
    """One page of ``query`` (an empty list past the last page)."""
    page = min(max(page, 1), MAX_OFFSET // per_page)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


#: Called with the model class after each ``save`` and ``delete`` (a cache of rows forgets them).
after_change: list[Callable[[type[Any]], None]] = []


def save(row: Any) -> None:
    """Save a new or changed row."""
    db.session.add(row)
    db.session.commit()
    for hook in after_change:
        hook(type(row))


def delete(row: Any) -> None:
    """Delete a row."""
    db.session.delete(row)
    db.session.commit()
    for hook in after_change:
        hook(type(row))
