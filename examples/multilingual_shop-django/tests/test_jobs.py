"""The background jobs: inline (Celery's eager mode) here; on a real Redis and worker when REDIS_URL is set."""

import logging
import os
import time
import uuid
from datetime import timedelta
from unittest import mock

import pytest
from celery import Task, shared_task
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from maison_market.celery import app as celery_app
from maison_market.tasks import REDACTED, Job, clear_expired_sessions


@pytest.fixture
def eager():
    """Jobs run inline, as without REDIS_URL (CI sets REDIS_URL, for the test on a real Redis below)."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before


def make_sessions():
    """One expired session and one live one; the keys of both."""
    live, expired = SessionStore(), SessionStore()
    live.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    return live.session_key, expired.session_key


@pytest.mark.django_db
def test_the_periodic_job_clears_expired_sessions_only(eager):
    live, _expired = make_sessions()
    clear_expired_sessions.delay()
    assert set(Session.objects.values_list("session_key", flat=True)) == {live}


def test_beat_runs_the_clean_up_daily():
    entry = celery_app.conf.beat_schedule["clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name
    assert entry["task"] in celery_app.tasks


def test_jobs_are_acknowledged_late_and_retried_with_backoff():
    assert isinstance(clear_expired_sessions, Job)
    assert clear_expired_sessions.acks_late and clear_expired_sessions.reject_on_worker_lost
    assert clear_expired_sessions.retry_backoff and clear_expired_sessions.max_retries == 5
    assert celery_app.conf.worker_prefetch_multiplier == 1


def test_arguments_are_redacted_in_what_the_worker_logs():
    with mock.patch.object(Task, "apply_async") as queued:
        clear_expired_sessions.apply_async(("a reset link",), {"to": "alice@example.com"})
    options = queued.call_args.kwargs
    assert options["argsrepr"] == repr((REDACTED,))
    assert options["kwargsrepr"] == repr({"to": REDACTED})


@shared_task(base=Job, name="tests.always_fails")
def always_fails(secret):
    raise RuntimeError("the service said no")


def test_a_failing_job_is_logged_without_its_arguments(eager, caplog):
    with caplog.at_level(logging.INFO):
        result = always_fails.delay("secret-value")
    assert result.failed()
    assert any("failed after 0 retries: RuntimeError" in record.getMessage() for record in caplog.records)
    # What the log handlers write (a worker's log also names the arguments only as their redacted form).
    assert "secret-value" not in caplog.text


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set (CI sets it to a Redis service)")
@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_job_queued_on_redis():
    """A real worker on the real broker, on a queue of this test's own (never another's jobs)."""
    from celery.contrib.testing.worker import start_worker

    live, expired = make_sessions()
    queue = f"test-{uuid.uuid4().hex}"
    assert not celery_app.conf.task_always_eager
    with start_worker(celery_app, perform_ping_check=False, queues=[queue], shutdown_timeout=10):
        clear_expired_sessions.apply_async(queue=queue)
        deadline = time.monotonic() + 20
        while Session.objects.filter(session_key=expired).exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    with celery_app.connection_for_write() as broker:
        broker.default_channel.queue_delete(queue)
    assert set(Session.objects.values_list("session_key", flat=True)) == {live}
