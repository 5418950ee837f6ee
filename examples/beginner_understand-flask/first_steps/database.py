"""The peewee database: one connection per request, pagination, and the ``flask db`` commands.

The models bind to ``db``, a proxy that ``init_database`` points at ``DATABASE_URL``.
Migrations live in ``migrations/`` and run with peewee-migrate:
``flask db upgrade`` applies them, ``flask db downgrade`` rolls the last one back,
``flask db create NAME`` writes a new one from the model changes, and ``flask db check`` fails
while the models and the migrations differ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import peewee
from flask import Flask, abort, current_app
from flask.cli import AppGroup
from peewee_migrate import Router
from peewee_migrate.router import compile_migrations
from playhouse.db_url import connect

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


def init_database(app: Flask) -> None:
    """Point ``db`` at ``DATABASE_URL``, open a connection per request, add ``flask db``."""
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


def create_tables() -> None:
    """Create the tables of every model (the tests use this; real databases use migrations)."""
    with db.connection_context():
        db.create_tables(models())


def drop_tables() -> None:
    """Drop the tables of every model, and the migrations' history."""
    with db.connection_context():
        db.drop_tables(models())
        db.execute_sql("DROP TABLE IF EXISTS migratehistory")


def get_or_404(model: type[peewee.Model], pk: int) -> Any:
    """The row of ``model`` with this primary key; a 404 error if there is none."""
    try:
        return model.get_by_id(pk)
    except model.DoesNotExist:
        abort(404)


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
    page = max(page, 1)
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
