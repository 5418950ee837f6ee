"""A Flask project with ``background_jobs=true`` scaled out: two gunicorn instances and Celery workers on this
machine's PostgreSQL (a fresh database) and Redis (database REDIS_DB of its own, emptied first).

It shows, with real HTTP to 127.0.0.1: a session made on instance A is valid on B; a password reset asked
on A is written by the worker (the web processes' mail folder stays empty); a job whose worker is killed
(SIGKILL) mid-run is run again by a restarted worker; throttling counts the failures of both instances
together; ``/ready`` is 503 on an instance whose Redis is a closed port, while its ``/health`` is 200.
Every wait is bounded, and the test counts its requests; the figures are printed (``-s`` shows them).
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import copier
import pytest

from tests.browser_helpers import Server, free_port, gunicorn
from tests.celery_stack import FakeSmtp, celery_worker, empty_redis_database, kill_whole, wait_for
from tests.project_env import check_in_project
from tests.services import fresh_database

pytestmark = pytest.mark.slow

SLUG = "my_project"
PASSWORD = "correct-horse-battery"
REDIS_DB = 14
WORKER = ("celery", "-A", SLUG, "worker", "--loglevel", "INFO", "--concurrency", "1")
TIMEOUT = 20
#: Seconds after which Redis hands a job whose worker died to another worker (the project's default is an hour).
VISIBILITY_TIMEOUT = 4
requests_sent = {"count": 0}


@dataclass
class Client:
    """A visitor with their own cookies, on one instance (``at`` moves them, cookies and all, to another)."""

    url: str
    cookies: dict[str, str] = field(default_factory=dict)

    def at(self, server: Server) -> Client:
        return Client(server.url, self.cookies)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Status, body and Location of one request."""
        requests_sent["count"] += 1
        parts = urlsplit(self.url)
        headers = {"Host": parts.netloc}
        body = urlencode(form).encode() if form is not None else None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if value and "expires=thu, 01 jan 1970" not in line.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return response.status, text, response.headers.get("Location", "")

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request("GET", path)

    def post_form(self, path: str, data: dict[str, str], token_from: str | None = None) -> tuple[int, str, str]:
        page = self.get(token_from or path)[1]
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert token, f"no CSRF token on {token_from or path}"
        return self.request("POST", path, {**data, "csrf_token": token[1]})


def mail_in(folder: Path) -> str:
    """What the file mail backend wrote in ``folder`` (each message ends with a line of dashes)."""
    return "".join(path.read_text(errors="replace") for path in folder.glob("*")) if folder.is_dir() else ""


def reset_link(message: str) -> str:
    found = re.search(r"https?://[^/\s]+(/auth/reset/\S+)", message.replace("=\r\n", "").replace("=\n", ""))
    assert found, message
    return found[1]


def test_two_instances_and_a_worker(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    started = time.monotonic()
    figures: dict[str, object] = {}
    project = tmp_path / "project"
    copier.run_copy(
        str(request.config.option.template),
        str(project),
        data={
            "framework": "flask",
            "database": "postgresql",
            "auth": True,
            "example_app": True,
            "background_jobs": True,
        },
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    redis_url = empty_redis_database(REDIS_DB)
    web_mail, worker_mail = tmp_path / "web-mail", tmp_path / "worker-mail"
    with fresh_database("postgresql") as (server, name), ExitStack() as stack:
        smtp = stack.enter_context(FakeSmtp().running())
        env = {
            "APP_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(48),  # the same on every instance: the sessions are shared
            "TRUSTED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": server.database_url(name),
            "REDIS_URL": redis_url,
            "JOB_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "MAIL_BACKEND": "file",
            "MAIL_FILE_PATH": str(web_mail),
        }
        check_in_project(project, "flask", "--app", SLUG, "db", "upgrade", env=env)
        a = stack.enter_context(gunicorn(project, f"{SLUG}:create_app()", env, tmp_path / "a.log"))
        b = stack.enter_context(gunicorn(project, f"{SLUG}:create_app()", env, tmp_path / "b.log"))
        figures["start-up of both instances (s)"] = round(time.monotonic() - started, 1)

        # A session made on A is valid on B (signed cookies, the same SECRET_KEY; the CSRF token too).
        alice = Client(a.url)
        data = {"username": "alice", "email": "alice@example.com", "password": PASSWORD, "confirm": PASSWORD}
        assert alice.post_form("/auth/signup", data)[0] == 302
        on_b = alice.at(b)
        status, page, _ = on_b.get("/auth/password")
        assert status == 200 and "Change" in page, (status, page[:500])
        assert Client(b.url).get("/auth/password")[0] == 302  # a visitor without the cookie is sent to log in
        assert on_b.post_form("/auth/logout", {}, token_from="/auth/password")[0] == 302

        # A password reset asked on A is written by the worker, not by the web processes.
        worker_env = {**env, "MAIL_FILE_PATH": str(worker_mail)}
        with celery_worker(project, WORKER, worker_env, tmp_path / "worker-1.log"):
            assert Client(a.url).post_form("/auth/reset", {"email": "alice@example.com"})[0] == 302
            figures["reset email written by the worker after (s)"] = round(
                wait_for("the worker's email", lambda: "-" * 40 in mail_in(worker_mail), 30), 2
            )
        [written] = worker_mail.iterdir()
        assert "To: alice@example.com" in written.read_text()
        assert reset_link(written.read_text()).startswith("/auth/reset/")
        assert not web_mail.exists() or not any(web_mail.iterdir())

        # A job whose worker is killed mid-run runs again on a restarted worker (acks late; Redis hands it out
        # again after the visibility timeout). The job hangs on an SMTP server that does not answer.
        smtp_env = {**env, "MAIL_BACKEND": "smtp", "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port)}
        smtp_env["MAIL_USE_TLS"] = "0"
        with celery_worker(project, WORKER, smtp_env, tmp_path / "worker-2.log") as doomed:
            assert Client(b.url).post_form("/auth/reset", {"email": "alice@example.com"})[0] == 302
            wait_for("the job to reach the SMTP server", lambda: smtp.connections >= 1, 30)
            killed = time.monotonic()
            kill_whole(doomed)
        assert smtp.messages == []
        smtp.stalling = False
        time.sleep(max(0.0, VISIBILITY_TIMEOUT + 0.5 - (time.monotonic() - killed)))
        with celery_worker(project, WORKER, smtp_env, tmp_path / "worker-3.log"):
            wait_for("the restarted worker to send the email", lambda: smtp.messages, 30)
            figures["killed job run again after (s)"] = round(time.monotonic() - killed, 1)
            time.sleep(1)  # a duplicate would show now
        # Acks late on Redis is at-least-once: a restarted worker slower than the (4 s) visibility timeout between
        # taking the job and acknowledging it gets it handed out again. Every delivery is the same reset email.
        assert smtp.messages, "the killed job was never run again"
        for message in smtp.messages:
            assert "alice@example.com" in message and "/auth/reset/" in message.replace("=\r\n", "")
        assert smtp.connections == 1 + len(smtp.messages)  # the killed try, and one per delivery
        figures["deliveries of the killed job"] = len(smtp.messages)

        # Throttling counts both instances together: 5 failed logins per account in 15 minutes.
        outcomes = []
        for attempt in range(6):
            visitor = Client((a if attempt % 2 == 0 else b).url)
            outcomes.append(visitor.post_form("/auth/login", {"username": "alice", "password": "wrong"})[0])
        assert outcomes == [200, 200, 200, 200, 200, 429], outcomes

        # /ready: 200 on A; 503 naming Redis on an instance whose Redis is a closed port, /health still 200.
        status, body, _ = Client(a.url).get("/ready")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        cut_off = {**env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
        c = stack.enter_context(gunicorn(project, f"{SLUG}:create_app()", cut_off, tmp_path / "c.log"))
        status, body, _ = Client(c.url).get("/ready")
        assert (status, json.loads(body)) == (503, {"status": "unavailable", "down": ["redis"]})
        assert Client(c.url).get("/health")[0] == 200
        assert Client(c.url).get("/items/")[0] == 200  # the cached list is read from the database instead

    figures["requests"] = requests_sent["count"]
    figures["total (s)"] = round(time.monotonic() - started, 1)
    print("\nscale-out figures:", figures)
    assert requests_sent["count"] < 100
