"""Sending email with each backend of Flask-Mailman that MAIL_BACKEND names."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from field_notes import create_app, mail
from field_notes.config import ConfigError


def test_memory_backend_keeps_messages(app: Flask) -> None:
    with app.app_context():
        mail.send_mail("someone@example.com", "Hello", "Body text", reply_to="me@example.com")
    [message] = mail.outbox(app)
    assert message["Subject"] == "Hello"
    assert message["To"] == "someone@example.com"
    assert message["Reply-To"] == "me@example.com"
    assert message["From"] == app.config["MAIL_DEFAULT_SENDER"]
    assert message.get_content().strip() == "Body text"


def test_console_backend_prints(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAIL_BACKEND", "console")
    app = create_app({"APP_ENV": "development", "DATABASE_URL": "sqlite://"})
    with app.app_context():
        mail.deliver("someone@example.com", "Hello", "Body text")
    assert "Subject: Hello" in capsys.readouterr().out
    assert mail.outbox(app) == []


def test_file_backend_writes_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAIL_BACKEND", "file")
    monkeypatch.setenv("MAIL_FILE_PATH", str(tmp_path / "mail"))
    app = create_app({"APP_ENV": "development", "DATABASE_URL": "sqlite://"})
    with app.app_context():
        mail.deliver("someone@example.com", "Hello", "Body text")
    [written] = (tmp_path / "mail").iterdir()
    assert "Subject: Hello" in written.read_text()


@pytest.mark.parametrize(("name", "value"), [("MAIL_BACKEND", "pigeon"), ("MAIL_PORT", "twenty-five")])
def test_a_bad_mail_setting_stops_start_up_naming_it(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=rf"^{name}="):
        create_app({"APP_ENV": "development"})
