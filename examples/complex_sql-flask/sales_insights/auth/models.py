"""The user model (SQLAlchemy) and the queries the views need."""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import db, find, get, save, utcnow


class User(UserMixin, db.Model):
    """Someone who can log in; ``is_admin`` marks the site's administrators."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def __str__(self) -> str:
        return self.username

    def set_password(self, password: str) -> None:
        """Store a salted hash of ``password`` (Werkzeug's scrypt by default), never the password."""
        self.password_hash = generate_password_hash(password, method=current_app.config["HASH_METHOD"])

    def check_password(self, password: str) -> bool:
        """Whether ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def password_fingerprint(self) -> str:
        """A short digest of the password hash: it changes whenever the password does."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    def get_id(self) -> str:
        """The key Flask-Login keeps in the session and the remember-me cookie.

        It holds the password fingerprint, so changing the password logs out every other session.
        """
        return f"{self.id}:{self.password_fingerprint}"


def get_user(user_id: int) -> User | None:
    """The user with this id, or None."""
    return get(User, user_id)


def user_by_username(username: str) -> User | None:
    """The user with this username, or None."""
    return find(User, username=username)


def user_by_email(email: str) -> User | None:
    """The user with this email address (compared in lowercase), or None."""
    return find(User, email=email.strip().lower())


def create_user(username: str, email: str, password: str, *, is_admin: bool = False) -> User:
    """Create and save a user."""
    user = User(username=username, email=email.strip().lower(), is_admin=is_admin)
    user.set_password(password)
    save(user)
    return user


def save_user(user: User) -> None:
    """Save changes to ``user``."""
    save(user)
