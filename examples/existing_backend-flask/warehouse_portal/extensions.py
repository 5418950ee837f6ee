"""Flask extensions, created here unbound and bound to the app with ``init_app`` in ``create_app``."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

csrf = CSRFProtect()


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
