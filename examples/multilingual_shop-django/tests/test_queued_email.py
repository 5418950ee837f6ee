"""Emails go through the ``send_email`` job: the site's email backend queues, the job sends."""

import smtplib

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.urls import reverse

from maison_market import mail as queued_mail
from maison_market.celery import app as celery_app

from .conftest import PASSWORD

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def queued(settings):
    """The project's mail settings, which the test runner replaced with its in-memory outbox, and eager jobs."""
    settings.EMAIL_BACKEND = "maison_market.mail.QueuedEmailBackend"
    settings.DELIVERY_EMAIL_BACKEND = LOCMEM
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    ran = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record)
    yield ran
    task_prerun.disconnect(record)
    celery_app.conf.task_always_eager = before


def test_the_accounts_email_is_sent_by_the_job(client, user, queued):
    to, link = ask_for_an_email(client)
    assert queued == [queued_mail.send_email.name]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [to]
    assert link in message.body


def ask_for_an_email(client):
    """Sign up: allauth mails the link that confirms the new address. Returns the address and the link's path."""
    data = {"username": "carol", "email": "carol@example.com", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post(reverse("account_signup"), data).status_code == 302
    return "carol@example.com", "/accounts/confirm-email/"


def test_a_message_survives_the_queue_whole():
    message = mail.EmailMultiAlternatives(
        subject="Hello",
        body="Plain",
        from_email="a@example.com",
        to=["b@example.com"],
        cc=["c@example.com"],
        headers={"X-Tag": "1"},
    )
    message.attach_alternative("<p>Rich</p>", "text/html")
    message.attach("notes.txt", b"some notes", "text/plain")
    again = queued_mail.from_data(queued_mail.as_data(message))
    assert (again.subject, again.body, again.to, again.cc, again.extra_headers) == (
        "Hello",
        "Plain",
        ["b@example.com"],
        ["c@example.com"],
        {"X-Tag": "1"},
    )
    assert [tuple(a) for a in again.alternatives] == [("<p>Rich</p>", "text/html")]
    assert [tuple(a) for a in again.attachments] == [("notes.txt", "some notes", "text/plain")]


def test_a_failing_mail_server_is_retried(client, user, queued, monkeypatch):
    attempts = []
    real = queued_mail.delivery_backend

    class Flaky:
        def send_messages(self, messages):
            attempts.append(len(messages))
            if len(attempts) == 1:
                raise smtplib.SMTPServerDisconnected("try again")
            return real().send_messages(messages)

    monkeypatch.setattr(queued_mail, "delivery_backend", Flaky)
    ask_for_an_email(client)
    assert attempts == [1, 1]
    assert len(mail.outbox) == 1
