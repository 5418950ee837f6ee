"""Accounts with Flask-Security-Too: sign up with email verification, log in by email or username, change and
reset passwords, two-factor codes (an authenticator app) with recovery codes, roles, and ``flask create-admin``.

Its views keep the site's URLs and endpoints (the blueprint is named ``auth``: ``auth.login`` is /auth/login);
its pages use the site's layout (``templates/security/``); its emails go through the site's ``send_mail``;
``limits.py`` throttles its views. https://flask-security.readthedocs.io/
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_security import Security, SQLAlchemyUserDatastore, Totp
from flask_security.mail_util import MailUtil
from passlib.totp import TotpMatch

from ..database import db
from ..extensions import cache
from ..i18n import _l
from ..mail import send_mail
from . import commands, limits
from .models import Role, User

__all__ = ["datastore", "init_app"]

datastore = SQLAlchemyUserDatastore(db, User, Role)


class SiteMail(MailUtil):
    """Flask-Security's emails, sent as the site's others are (the plain-text part, queued when jobs are on)."""

    def send_mail(
        self, template: str, subject: str, recipient: str, sender: Any, body: str, html: str | None, **kwargs: Any
    ) -> None:
        send_mail(recipient, str(subject), body)


class OneTimeCodes(Totp):
    """Each two-factor code works once: the last one used by each user is kept in the site's cache
    (shared by every worker when ``REDIS_URL`` is set), and an older or equal one is refused."""

    def get_last_counter(self, user: Any) -> int | None:
        return cache.get(f"totp-counter:{user.fs_uniquifier}")

    def set_last_counter(self, user: Any, tmatch: TotpMatch) -> None:
        # Kept as long as a code stays valid (SECURITY_TWO_FACTOR_AUTHENTICATOR_VALIDITY), with a margin.
        cache.set(f"totp-counter:{user.fs_uniquifier}", tmatch.counter, timeout=600)


def init_app(app: Flask) -> Security:
    """Bind Flask-Security-Too to ``app`` (one per app, so tests can make many apps)."""
    security = Security(app, datastore, mail_util_cls=SiteMail, totp_cls=OneTimeCodes)
    limits.init_app(app)
    commands.init_app(app)
    # base.html's account links: the sign-up page, and the pages of a logged-in user.
    app.jinja_env.globals["signup_endpoint"] = "auth.register"
    app.jinja_env.globals["account_links"] = [(_l("Two-factor"), "auth.two_factor_setup")]
    return security
