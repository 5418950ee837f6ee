"""Sending email with Flask-Mailman (Django's email backends, ported to Flask).

``MAIL_BACKEND`` picks how: ``console`` prints messages (development), ``file`` writes them to
``MAIL_FILE_PATH``, ``memory`` keeps them in ``outbox`` (tests), ``smtp`` sends them (production,
with the ``MAIL_*`` settings). https://waynerv.github.io/flask-mailman/

``send_mail`` queues a job for the Celery worker (``deliver_job``, retried with backoff);
without ``REDIS_URL`` the job runs at once, inside the request.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage as ParsedMessage

from celery import shared_task
from flask import Flask
from flask_mailman import EmailMessage, Mail

mail = Mail()


def init_app(app: Flask) -> None:
    """Bind Flask-Mailman to ``app`` (it reads the ``MAIL_*`` settings now; ``memory`` is its ``locmem``)."""
    if app.config["MAIL_BACKEND"] == "memory":
        app.config["MAIL_BACKEND"] = "locmem"
    mail.init_app(app)


def outbox(app: Flask) -> list[ParsedMessage]:
    """The messages sent so far with the memory backend, as the standard library reads them (for the tests)."""
    sent = getattr(app.extensions["mailman"], "outbox", [])
    with app.app_context():
        return [message_from_bytes(message.message().as_bytes(), policy=policy.default) for message in sent]


def deliver(to: str, subject: str, body: str, reply_to: str | None = None) -> None:
    """Send a plain-text email now, with the configured backend."""
    EmailMessage(subject, body, to=[to], reply_to=[reply_to] if reply_to else None).send()


@shared_task(name="mail.deliver")
def deliver_job(to: str, subject: str, body: str, reply_to: str | None = None) -> None:
    """The job that sends an email (its arguments are never logged: they hold reset links)."""
    deliver(to, subject, body, reply_to)


def send_mail(to: str, subject: str, body: str, *, reply_to: str | None = None) -> None:
    """Send a plain-text email: queued for the worker (at once, inline, without ``REDIS_URL``)."""
    deliver_job.delay(to, subject, body, reply_to)
