"""Signed, expiring password reset tokens (itsdangerous).

A token names the user and a fingerprint of their current password hash, so it stops
working once the password changes: each link works once.
"""

from __future__ import annotations

import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from .models import User, get_user

SALT = "password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_reset_token(user: User) -> str:
    """A token for ``user``'s password reset link."""
    return _serializer().dumps({"user": user.id, "check": user.password_fingerprint})


def user_from_reset_token(token: str) -> User | None:
    """The user a valid token was made for, or None if it is forged, expired or used."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except BadSignature:  # SignatureExpired is a BadSignature too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    user = get_user(data["user"])
    if user is None or not hmac.compare_digest(str(data.get("check", "")), user.password_fingerprint):
        return None
    return user
