"""The peewee database: the models' base, one connection per request, the helpers every view uses,
and the ``flask db`` commands.

A SQLAlchemy project has a ``database.py`` with the same functions, so views and tests never depend
on the ORM. The models bind to ``db``, a proxy that ``init_app`` points at ``DATABASE_URL``.
Migrations live in ``migrations/`` and run with peewee-migrate:
``flask db upgrade`` applies them, ``flask db downgrade`` rolls the last one back,
``flask db create NAME`` writes a new one from the model changes, and ``flask db check`` fails
while the models and the migrations differ.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
import peewee
from flask import Flask, abort, current_app
from flask.cli import AppGroup
from peewee_migrate import Router
from peewee_migrate.router import compile_migrations
from playhouse.db_url import connect

from .ready import add_check

__all__ = [
    "BaseModel",
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

Model = TypeVar("Model", bound=peewee.Model)

#: The largest id: ids are 32-bit integer columns (in PostgreSQL and MySQL), so a larger one names
#: no row. The drivers would fail on it (a 500 for a 404), as on an offset past 64 bits (a huge page).
MAX_ID = 2**31 - 1
MAX_OFFSET = 2**63 - 1

db = peewee.DatabaseProxy()
MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo (peewee's DateTimeField stores none)."""
    return datetime.now(UTC).replace(tzinfo=None)


class BaseModel(peewee.Model):
    """Base class of the models: they all live in ``db``."""

    class Meta:
        database = db


def models() -> list[type[peewee.Model]]:
    """Every model of the app, in dependency order (the blueprints import them)."""
    found: list[type[peewee.Model]] = []
    pending: list[type[peewee.Model]] = list(BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        found.append(model)
        pending.extend(model.__subclasses__())
    return peewee.sort_models(found)


def default_database_url(instance_path: str) -> str:
    """The development database: a SQLite file in the instance folder."""
    return f"sqlite:///{os.path.join(instance_path, 'first_steps.sqlite3')}"


def ping() -> None:
    """Raise unless the database answers (``/ready`` calls it)."""
    db.execute_sql("SELECT 1")


def init_app(app: Flask) -> None:
    """Point ``db`` at ``DATABASE_URL`` (empty: a SQLite file in the instance folder), open a
    connection per request, add ``flask db``."""
    if app.config["INSTANCE_PATH"]:
        app.instance_path = app.config["INSTANCE_PATH"]
    if not app.config["DATABASE_URL"]:  # development
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["DATABASE_URL"] = default_database_url(app.instance_path)
    url: str = app.config["DATABASE_URL"]
    options: dict[str, Any] = {}
    if url.startswith(("postgres://", "postgresql://")):
        options["prefer_psycopg3"] = True
    elif url.startswith("sqlite:"):
        options["pragmas"] = {"foreign_keys": 1, "journal_mode": "wal"}
    db.initialize(connect(url, **options))

    @app.before_request
    def open_connection() -> None:
        db.connect(reuse_if_open=True)

    @app.teardown_appcontext
    def close_connection(exception: BaseException | None) -> None:
        if not db.is_closed():
            db.close()

    app.cli.add_command(db_cli)
    add_check(app, "database", ping)


def create_tables() -> None:
    """Create the tables of every model (the tests use this; real databases use migrations)."""
    with db.connection_context():
        db.create_tables(models())


def drop_tables() -> None:
    """Drop the tables of every model, and the migrations' history."""
    with db.connection_context():
        db.drop_tables(models())
        db.execute_sql("DROP TABLE IF EXISTS migratehistory")


def empty_tables() -> None:
    """Delete every row of every model's table and start their ids at 1 again (the tests use this
    between tests: on a database server it is several times quicker than dropping and creating them)."""
    tables = models()
    if not tables:  # a project without models yet
        return
    with db.connection_context(), db.atomic():
        names = [db.get_sql_context().sql(peewee.Entity(model._meta.table_name)).query()[0] for model in tables]
        if isinstance(db.obj, peewee.PostgresqlDatabase):
            db.execute_sql(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE")
            return
        for model in reversed(tables):  # rows that others refer to last
            model.delete().execute()
        if isinstance(db.obj, peewee.MySQLDatabase):  # SQLite numbers rows from the largest id left: 1
            for name in names:
                db.execute_sql(f"ALTER TABLE {name} AUTO_INCREMENT = 1")


def disconnect() -> None:
    """Close this thread's connection, if one is open."""
    if not db.is_closed():
        db.close()


def get(model: type[Model], pk: int) -> Model | None:
    """The row of ``model`` with this primary key, or None."""
    if not -MAX_ID <= pk <= MAX_ID:
        return None
    return model.get_or_none(model._meta.primary_key == pk)


def get_or_404(model: type[Model], pk: int) -> Model:
    """The row of ``model`` with this primary key; a 404 error if there is none."""
    row = get(model, pk)
    if row is None:
        abort(404)
    return row


def find(model: type[Model], **equal: Any) -> Model | None:
    """The first row of ``model`` whose columns equal these values (``find(User, email=...)``), or None."""
    return model.get_or_none(**equal)


#: Called with the model class after each ``save`` and ``delete`` (a cache of rows forgets them).
after_change: list[Callable[[type[Any]], None]] = []


def save(row: peewee.Model) -> None:
    """Save a new or changed row."""
    row.save()
    for hook in after_change:
        hook(type(row))


def delete(row: peewee.Model) -> None:
    """Delete a row."""
    row.delete_instance()
    for hook in after_change:
        hook(type(row))


@dataclass
class Page:
    """One page of a query: the attributes Flask-SQLAlchemy's pagination has."""

    items: Sequence[Any]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def paginate(query: peewee.SelectQuery, page: int, per_page: int) -> Page:
    """One page of ``query`` (an empty list past the last page)."""
    page = min(max(page, 1), MAX_OFFSET // per_page)
    return Page(items=list(query.paginate(page, per_page)), page=page, per_page=per_page, total=query.count())


# --- flask db: migrations with peewee-migrate ----------------------------------------------

db_cli = AppGroup("db", help="Database migrations (peewee-migrate).")


def router() -> Router:
    return Router(db, migrate_dir=str(MIGRATIONS), logger=current_app.logger)


def pending_changes(migrations: Router) -> str:
    """The code of a migration that would bring the migrations up to the models ("" if none)."""
    migrator = migrations.migrator
    for name in migrations.diff:
        migrations.run_one(name, migrator, fake=True)
    return compile_migrations(migrator, models())


@db_cli.command("upgrade")
def upgrade_command() -> None:
    """Apply the migrations not applied yet."""
    with db.connection_context():
        done = router().run()
    click.echo(f"Applied {len(done)} migration(s): {', '.join(done)}" if done else "Nothing to apply.")


@db_cli.command("downgrade")
def downgrade_command() -> None:
    """Roll the last applied migration back."""
    with db.connection_context():
        migrations = router()
        if not migrations.done:
            click.echo("Nothing to roll back.")
            return
        last = migrations.done[-1]
        migrations.rollback()
    click.echo(f"Rolled back {last}.")


@db_cli.command("create")
@click.argument("name")
def create_command(name: str) -> None:
    """Write a migration for the changes of the models since the last one."""
    with db.connection_context():
        migrations = router()
        changes = pending_changes(migrations)
        if not changes:
            click.echo("No changes in the models.")
            return
        created = migrations.compile(name, changes, compile_migrations(migrations.migrator, models(), reverse=True))
    click.echo(f"Created migrations/{created}.py: read it, then run flask db upgrade.")


@db_cli.command("check")
def check_command() -> None:
    """Fail if the models differ from the migrations."""
    with db.connection_context():
        changes = pending_changes(router())
    if changes:
        raise click.ClickException(f"The models differ from the migrations: run flask db create NAME.\n{changes}")
    click.echo("The migrations match the models.")
