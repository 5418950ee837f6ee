"""Emails sent by a background job: the site's email backend only queues each message; a worker sends it.

``QueuedEmailBackend`` is the site's EMAIL_BACKEND: whatever sends an email (the password reset
form, ``send_mail``...) queues the ``send_email`` job instead, with the message as plain data (JSON). The job
sends it with the backend EMAIL_URL names, and is retried with backoff while the mail server fails. Without
REDIS_URL the job runs at once, in the request (Celery's eager mode). Attachments are queued when they are
(filename, content, mimetype) triples, as ``EmailMessage.attach()`` makes them.
"""

import base64
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from maison_market.tasks import Job


def as_data(message):
    """An email message as JSON-ready data: what ``from_data`` makes it again."""
    attachments = []
    for filename, content, mimetype in message.attachments:
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[content, mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def from_data(data):
    """The email message that ``as_data`` described."""
    data = dict(data)
    attachments = data.pop("attachments")
    alternatives = [tuple(alternative) for alternative in data.pop("alternatives")]
    message = EmailMultiAlternatives(**data, alternatives=alternatives)
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


class QueuedEmailBackend(BaseEmailBackend):
    """Queue every message as a ``send_email`` job instead of sending it."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if message.recipients():
                send_email.delay(as_data(message))
                queued += 1
        return queued


def delivery_backend():
    """The backend that really sends: the one EMAIL_URL names."""
    return get_connection(settings.DELIVERY_EMAIL_BACKEND)


@shared_task(base=Job, autoretry_for=(smtplib.SMTPException, OSError))
def send_email(data):
    """Send one queued email message (retried while the mail server cannot be reached or refuses it)."""
    return delivery_backend().send_messages([from_data(data)])
