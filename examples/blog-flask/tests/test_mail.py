"""Sending email with each backend."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any, ClassVar

import pytest
from flask import Flask

from field_notes import mail


class FakeSMTP:
    """Stands in for smtplib.SMTP and records what it was asked to do."""

    instances: ClassVar[list[FakeSMTP]] = []

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port = host, port
        self.calls: list[str] = []
        self.sent: list[EmailMessage] = []
        FakeSMTP.instances.append(self)

    def __enter__(self) -> FakeSMTP:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.calls.append("quit")

    def starttls(self, context: Any) -> None:
        self.calls.append("starttls")

    def login(self, username: str, password: str) -> None:
        self.calls.append(f"login {username}")

    def send_message(self, message: EmailMessage) -> None:
        self.sent.append(message)


def test_memory_backend_keeps_messages(app: Flask) -> None:
    with app.app_context():
        mail.send_mail("someone@example.com", "Hello", "Body text")
    [message] = mail.outbox(app)
    assert message["Subject"] == "Hello"
    assert message["From"] == app.config["MAIL_DEFAULT_SENDER"]


def test_console_backend_prints(app: Flask, capsys: pytest.CaptureFixture[str]) -> None:
    app.config["MAIL_BACKEND"] = "console"
    with app.app_context():
        mail.send_mail("someone@example.com", "Hello", "Body text")
    assert "Subject: Hello" in capsys.readouterr().out
    assert mail.outbox(app) == []


def test_smtp_backend_sends_with_tls_and_login(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    FakeSMTP.instances.clear()
    app.config.update(
        MAIL_BACKEND="smtp", MAIL_SERVER="smtp.example.com", MAIL_PORT=2525, MAIL_USERNAME="user", MAIL_PASSWORD="pw"
    )
    with app.app_context():
        mail.send_mail("someone@example.com", "Hello", "Body text")
    [smtp] = FakeSMTP.instances
    assert (smtp.host, smtp.port) == ("smtp.example.com", 2525)
    assert smtp.calls == ["starttls", "login user", "quit"]
    assert smtp.sent[0]["To"] == "someone@example.com"


def test_unknown_backend_is_an_error(app: Flask) -> None:
    app.config["MAIL_BACKEND"] = "pigeon"
    with app.app_context(), pytest.raises(ValueError, match="pigeon"):
        mail.send_mail("someone@example.com", "Hello", "Body text")
