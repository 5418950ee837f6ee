"""Scale-out: a generated project as two gunicorn instances and one Celery worker, on real PostgreSQL and Redis.

One project with ``background_jobs=true`` (PostgreSQL, accounts, the example app), rendered from this
repository's template, migrated into a fresh database (tests/services.py) and served in production mode by
two gunicorn instances on two 127.0.0.1 ports; Redis is this machine's, on a database index of this test's
own (``REDIS_DB``, emptied before and after: never index 0). One Celery worker at a time. The test shows, in
order, and records how long each step took:

1. a session made by logging in on instance A is valid on instance B (no sticky routing);
2. a password-reset email asked for on A is sent by the worker (the web instances write their email to a
   folder that stays empty; the worker's go to another), and the worker's log does not show the link;
3. a new item written on A shows at once in B's cached list (the cache is shared, and invalidated);
4. throttling is counted across both instances: login failures (django-axes, in the database) and
   password-reset requests (django-ratelimit, in the Redis cache), split between A and B, trip the limit;
5. a job whose worker is killed with SIGKILL mid-run (it is stuck talking to a mail server that does not
   answer, a fake one of this test's) is run again by a restarted worker, once the visibility timeout passed;
6. an instance whose REDIS_URL points at a closed port starts, answers ``/health`` 200 and ``/ready`` 503
   naming Redis, and a throttled form there gets a clear 503 page, never a traceback.

The per-framework facts are one row of ``STACKS``; a Flask row can be added beside the Django one. Every wait
has a timeout; the test makes a few dozen requests, all to 127.0.0.1.
"""

from __future__ import annotations

import re
import secrets
import signal
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import free_port, gunicorn
from tests.celery_stack import FakeSmtp, celery_worker, empty_redis_database, kill_whole, redis_command, wait_for
from tests.project_env import check_in_project
from tests.services import fresh_database
from tests.test_attacks_django import PASSWORD, Client

pytestmark = pytest.mark.slow

#: The Redis database index this test owns (broker and cache): emptied before and after, never index 0.
REDIS_DB = 11
VISIBILITY_TIMEOUT_S = 5
LOGIN_FAILURE_LIMIT = 4
RESET_RATE = 3


@dataclass(frozen=True)
class Stack:
    """What the test needs to know of one framework's generated project."""

    answers: dict[str, Any]
    wsgi: str
    worker: tuple[str, ...]
    login_url: str
    reset_url: str
    ready_url: str
    health_url: str
    members_only_url: str  # a page that needs a login (200 logged in)
    list_url: str
    create_url: str
    reset_link: str  # a regular expression of the link in the reset email
    setup: str  # the shell script that creates the user alice, run with the project's manage command
    manage: tuple[str, ...]


STACKS = {
    "django": Stack(
        answers={
            "framework": "django",
            "background_jobs": True,
            "database": "postgresql",
            "auth": True,
            "example_app": True,
        },
        wsgi="my_project.wsgi",
        worker=("celery", "-A", "my_project", "worker", "--loglevel", "INFO", "--concurrency", "1"),
        login_url="/accounts/login/",
        reset_url="/accounts/password_reset/",
        ready_url="/ready/",
        health_url="/health/",
        members_only_url="/accounts/password_change/",
        list_url="/items/",
        create_url="/items/new/",
        reset_link=r"https?://[^/\s]+/accounts/reset/[^\s]+",
        setup=(
            f"from accounts.models import User;User.objects.create_user('alice', 'alice@example.com', {PASSWORD!r})"
        ),
        manage=("python", "manage.py"),
    ),
}


class CountingClient(Client):
    """A client that counts the requests all clients make."""

    requests = 0

    def request(self, *args: Any, **kwargs: Any) -> Any:
        CountingClient.requests += 1
        return super().request(*args, **kwargs)


class Clients:
    """Browser-like clients, each from an address of its own in 127.0.0.0/8 (per-address throttles)."""

    def __init__(self) -> None:
        self.count = 0

    def new(self, port: int) -> CountingClient:
        self.count += 1
        return CountingClient(port, f"127.0.{40 + self.count // 250}.{self.count % 250 + 2}")


def on(port: int, client: Client) -> CountingClient:
    """The same browser (same address, same cookie jar) talking to another instance."""
    return CountingClient(port, client.address, cookies=client.cookies)


def files_in(folder: Path) -> list[str]:
    return [p.read_text(errors="replace") for p in sorted(folder.glob("*"))] if folder.exists() else []


@pytest.fixture(params=sorted(STACKS))
def stack(request: pytest.FixtureRequest) -> Stack:
    return STACKS[request.param]


def test_two_instances_and_a_worker(stack: Stack, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    import copier

    redis_url = empty_redis_database(REDIS_DB)
    began = time.monotonic()
    figures: dict[str, Any] = {}
    project = tmp_path / "project"
    template = str(request.config.option.template)  # the working tree's snapshot (tests/conftest.py)
    copier.run_copy(template, project, data=stack.answers, defaults=True, unsafe=True, quiet=True)
    web_mails, worker_mails = tmp_path / "web-mails", tmp_path / "worker-mails"

    with fresh_database("postgresql") as (server, name), ExitStack() as running:
        running.callback(redis_command, REDIS_DB, "FLUSHDB")
        env = {
            "DJANGO_ENV": "production",
            "APP_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TRUSTED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "off",
            "DATABASE_URL": server.database_url(name, scheme="postgres"),
            "REDIS_URL": redis_url,
            "JOB_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT_S),
            "LOGIN_FAILURE_LIMIT": str(LOGIN_FAILURE_LIMIT),
            "PASSWORD_RESET_RATE": f"{RESET_RATE}/h",
        }
        web_env = {**env, "EMAIL_URL": f"filemail:///{web_mails}"}  # four slashes: an absolute path
        worker_env = {**env, "EMAIL_URL": f"filemail:///{worker_mails}"}
        for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
            check_in_project(project, *stack.manage, *args, env=web_env)
        check_in_project(project, *stack.manage, "shell", "-c", stack.setup, env=web_env)

        started = time.monotonic()
        a = running.enter_context(gunicorn(project, stack.wsgi, web_env, tmp_path / "web-a.log"))
        b = running.enter_context(gunicorn(project, stack.wsgi, web_env, tmp_path / "web-b.log"))
        port_a, port_b = (int(s.url.rsplit(":", 1)[1]) for s in (a, b))
        worker = running.enter_context(celery_worker(project, stack.worker, worker_env, tmp_path / "worker-1.log"))
        figures["start-up of 2 instances and the worker (s)"] = round(time.monotonic() - started, 1)
        clients = Clients()

        # 1. A session made on A is valid on B.
        alice = clients.new(port_a)
        assert alice.log_in("alice", path=stack.login_url).status == 302
        assert on(port_b, alice).get(stack.members_only_url).status == 200
        assert clients.new(port_b).get(stack.members_only_url).status == 302  # not for just anyone

        # 2. An email asked for on A is sent by the worker, not by a web process.
        asker = clients.new(port_a)
        assert asker.post_form(stack.reset_url, {"email": "alice@example.com"}).status == 302
        sent = wait_for("the worker's reset email", lambda: any("alice" in m for m in files_in(worker_mails)), 30)
        figures["reset email sent by the worker after (s)"] = round(sent, 2)
        mail = next(m for m in files_in(worker_mails) if "alice@example.com" in m)
        link = re.search(stack.reset_link, mail)
        assert link, mail
        assert files_in(web_mails) == [], "a web process sent an email itself"
        assert link.group(0).split("/")[-2] not in worker.output(), "the worker's log shows the reset token"

        # 3. The cached list: written on A, seen on B at once.
        assert "Written on A" not in on(port_b, alice).get(stack.list_url).body
        created = alice.post_form(stack.create_url, {"title": "Written on A", "body": "Seen on B."})
        assert created.status == 302, created.body[-2000:]
        assert "Written on A" in on(port_b, alice).get(stack.list_url).body

        # 4. Throttling counted across both instances.
        guesser = clients.new(port_a)
        codes = []
        for attempt in range(LOGIN_FAILURE_LIMIT + 1):
            client = guesser if attempt % 2 == 0 else on(port_b, guesser)
            codes.append(client.log_in("alice", "wrong-password", path=stack.login_url).status)
        assert codes == [200] * (LOGIN_FAILURE_LIMIT - 1) + [429, 429], codes
        figures["login failures split A/B until 429"] = codes
        resetter = clients.new(port_b)
        codes = []
        for attempt in range(RESET_RATE + 1):
            client = resetter if attempt % 2 == 0 else on(port_a, resetter)
            codes.append(client.post_form(stack.reset_url, {"email": f"nobody{attempt}@example.com"}).status)
        assert codes == [302] * RESET_RATE + [429], codes
        figures["reset requests split B/A until 429"] = codes

        # 5. A job whose worker is killed mid-run is run again by a restarted worker.
        worker.process.send_signal(signal.SIGTERM)  # the file-writing worker leaves (warm shutdown)
        worker.process.wait(timeout=30)
        smtp = running.enter_context(FakeSmtp().running())
        smtp_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}
        with celery_worker(project, stack.worker, smtp_env, tmp_path / "worker-2.log") as doomed:
            assert clients.new(port_a).post_form(stack.reset_url, {"email": "alice@example.com"}).status == 302
            wait_for("the worker connecting to the mail server", lambda: smtp.connections >= 1, 30)
            taken = time.monotonic()
            kill_whole(doomed)
        assert smtp.messages == []
        smtp.stalling = False
        time.sleep(max(0.0, VISIBILITY_TIMEOUT_S + 1 - (time.monotonic() - taken)))
        restarted = time.monotonic()
        with celery_worker(project, stack.worker, smtp_env, tmp_path / "worker-3.log"):
            wait_for("the job run again by the restarted worker", lambda: len(smtp.messages) >= 1, 60)
            figures["killed job run again after (s, from the kill)"] = round(time.monotonic() - taken, 1)
            figures["restarted worker ran it after (s)"] = round(time.monotonic() - restarted, 1)
            time.sleep(1)  # a duplicate would show now
        assert "alice@example.com" in smtp.messages[0] and re.search(stack.reset_link, smtp.messages[0])
        figures["deliveries of the killed job"] = len(smtp.messages)

        # 6. An instance whose Redis is unreachable starts, is alive but not ready, and answers 503 pages.
        closed = free_port()
        broken_env = {**web_env, "REDIS_URL": f"redis://127.0.0.1:{closed}/{REDIS_DB}"}
        c = running.enter_context(gunicorn(project, stack.wsgi, broken_env, tmp_path / "web-c.log"))
        port_c = int(c.url.rsplit(":", 1)[1])
        probe = clients.new(port_c)
        assert probe.get(stack.health_url).status == 200
        not_ready = probe.get(stack.ready_url)
        assert not_ready.status == 503 and not_ready.json()["down"] == ["redis"], not_ready.body
        assert clients.new(port_a).get(stack.ready_url).status == 200
        page = probe.post_form(stack.reset_url, {"email": "alice@example.com"})
        assert page.status == 503 and "Traceback" not in page.body, page.body[-2000:]
        assert "try again" in page.body.lower()

    figures["clients"] = clients.count
    figures["requests"] = CountingClient.requests
    figures["total (s)"] = round(time.monotonic() - began, 1)
    for name, value in figures.items():
        request.node.user_properties.append((name, value))
    print("\nscale-out figures:", figures)
