"""The API token model (SQLAlchemy) and the queries the views need."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..auth.models import User
from ..database import db, delete, find, get, save, utcnow
from .keys import digest, new_token


class ApiToken(db.Model):
    """A token a user made for a script or an app; only its digest is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    user: Mapped[User] = relationship()
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __str__(self) -> str:
        return self.name


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``: the saved row, and the token itself (shown once, never stored)."""
    token = new_token()
    row = ApiToken(user=user, name=name, token_hash=digest(token))
    save(row)
    return row, token


def user_by_token(token: str) -> User | None:
    """The user a token belongs to, or None for an unknown or revoked one."""
    row = find(ApiToken, token_hash=digest(token))
    return row.user if row is not None else None


def tokens_of(user: User) -> list[ApiToken]:
    """``user``'s tokens, newest first."""
    query = select(ApiToken).filter_by(user_id=user.id).order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    return list(db.session.scalars(query))


def token_by_id(token_id: int) -> ApiToken | None:
    """The token with this id, or None."""
    return get(ApiToken, token_id)


def revoke_token(row: ApiToken) -> None:
    """Delete a token: it stops working at once."""
    delete(row)
