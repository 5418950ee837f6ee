"""Sending email: printed in development, kept in memory in tests, sent by SMTP in production.

``MAIL_BACKEND`` picks how (console, memory or smtp); the ``MAIL_*`` variables configure SMTP.
"""

from __future__ import annotations

import smtplib
import ssl
import sys
from email.message import EmailMessage

from flask import Flask, current_app


def outbox(app: Flask) -> list[EmailMessage]:
    """The messages sent so far with the memory backend (the tests read them)."""
    return app.extensions.setdefault("mail_outbox", [])


def send_mail(to: str, subject: str, body: str, *, reply_to: str | None = None) -> None:
    """Send a plain-text email with the configured backend."""
    config = current_app.config
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    if reply_to:
        message["Reply-To"] = reply_to
    message.set_content(body)

    backend = config["MAIL_BACKEND"]
    if backend == "memory":
        outbox(current_app._get_current_object()).append(message)  # type: ignore[attr-defined]
    elif backend == "console":
        sys.stdout.write(f"{'-' * 72}\n{message.as_string()}\n{'-' * 72}\n")
        sys.stdout.flush()
    elif backend == "smtp":
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    else:
        raise ValueError(f"MAIL_BACKEND={backend!r} is not one of console, memory, smtp")
