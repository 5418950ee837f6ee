"""The user and role models (SQLAlchemy, with Flask-Security-Too's columns) and the queries the site needs.

The functions are the simple kit's (``get_user``, ``user_by_username``, ``create_user``...), so the admin,
the API tokens, the example app and the tests use either kit alike. ``is_admin`` is the ``admin`` role.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from flask_security import AsaList, RoleMixin, UserMixin, hash_password
from sqlalchemy import Column, DateTime, ForeignKey, String, Table
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..database import db, find, get, save, utcnow

#: The role of the site's administrators (the admin panel, and editing what others wrote).
ADMIN_ROLE = "admin"

roles_users = Table(
    "roles_users",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
)


class Role(RoleMixin, db.Model):
    """A named role; users with the ``admin`` role are the site's administrators."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))

    def __str__(self) -> str:
        return self.name


class User(UserMixin, db.Model):
    """Someone who can log in (by email or username) once their email address is confirmed."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    #: The password hash (argon2, keyed with SECURITY_PASSWORD_SALT); Flask-Security calls it ``password``.
    password: Mapped[str] = mapped_column("password_hash", String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Flask-Security's session key: changing it (a password change, a reset) logs out every session.
    fs_uniquifier: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime())
    #: Two-factor: the method set up ("authenticator") and its secret, encrypted with SECURITY_TOTP_SECRETS.
    tf_primary_method: Mapped[str | None] = mapped_column(String(64))
    tf_totp_secret: Mapped[str | None] = mapped_column(String(255))
    #: The recovery codes not used yet.
    mf_recovery_codes: Mapped[list[str] | None] = mapped_column(MutableList.as_mutable(AsaList()))
    roles: Mapped[list[Role]] = relationship(secondary=roles_users, lazy="selectin")

    def __str__(self) -> str:
        return self.username

    @property
    def is_admin(self) -> bool:
        """Whether the user has the ``admin`` role."""
        return self.has_role(ADMIN_ROLE)


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
    """Create and save a user whose address counts as confirmed (made by an admin or a command)."""
    datastore = current_app.extensions["security"].datastore
    user = datastore.create_user(
        username=username,
        email=email.strip().lower(),
        password=hash_password(password),
        confirmed_at=datetime.now(UTC).replace(tzinfo=None),  # Flask-Security's naive UTC times
    )
    if is_admin:
        datastore.add_role_to_user(user, datastore.find_or_create_role(ADMIN_ROLE))
    save(user)
    return user


def make_admin(user: User) -> None:
    """Give ``user`` the ``admin`` role."""
    datastore = current_app.extensions["security"].datastore
    datastore.add_role_to_user(user, datastore.find_or_create_role(ADMIN_ROLE))
    save(user)


def save_user(user: User) -> None:
    """Save changes to ``user``."""
    save(user)
