"""Background jobs (Celery): eager without Redis, retried with backoff, arguments kept out of logs.

The last test runs a real worker on the Redis of ``REDIS_URL`` (the CI workflow's Redis service).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from typing import Any

import pytest
from celery import shared_task
from celery.contrib.testing.worker import start_worker
from flask import Flask

from maison_market import create_app
from maison_market.extensions import cache
from maison_market.jobs import HEARTBEAT_KEY, heartbeat

calls: list[str] = []


@shared_task(name="tests.flaky")
def flaky(secret: str, failures: int) -> str:
    """Fails ``failures`` times, then succeeds."""
    calls.append(secret)
    if len(calls) <= failures:
        raise ConnectionError("the service this job calls is down")
    return "done"


@pytest.fixture(autouse=True)
def no_calls() -> None:
    calls.clear()


def celery_of(app: Flask) -> Any:
    return app.extensions["celery"]


def test_jobs_run_at_once_without_redis(app: Flask) -> None:
    settings = celery_of(app).conf
    assert settings.task_always_eager
    assert settings.task_acks_late and settings.task_reject_on_worker_lost
    assert "heartbeat" in settings.beat_schedule
    with app.app_context():
        assert flaky.delay("s3cret", 0).get() == "done"
    assert calls == ["s3cret"]


def test_a_failing_job_is_retried_with_backoff(app: Flask) -> None:
    assert flaky.retry_backoff and flaky.max_retries == 5
    with app.app_context():
        assert flaky.delay("s3cret", 2).get() == "done"
    assert len(calls) == 3


def test_a_job_that_fails_for_good_is_logged_without_its_arguments(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with app.app_context():
        assert flaky.delay("s3cret-reset-link", 99).failed()
    assert len(calls) == 1 + flaky.max_retries
    assert "tests.flaky" in caplog.text and "failed for good" in caplog.text
    assert "s3cret-reset-link" not in caplog.text


def test_the_periodic_heartbeat_job_and_its_check(app: Flask) -> None:
    runner = app.test_cli_runner()
    assert runner.invoke(args=["jobs-heartbeat"]).exit_code == 1
    with app.app_context():
        heartbeat.delay()
        assert cache.get(HEARTBEAT_KEY) is not None
    result = runner.invoke(args=["jobs-heartbeat"])
    assert result.exit_code == 0, result.output


def test_a_page_that_queues_a_job_answers_503_while_redis_is_down(tmp_path: Any) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(
        {
            "APP_ENV": "testing",
            "REDIS_URL": f"redis://127.0.0.1:{port}/0",
            "JOBS_EAGER": False,
            "DATABASE_URL": "sqlite://",
        }
    )

    @app.get("/queue")
    def queue() -> str:
        heartbeat.delay()
        return "queued"

    response = app.test_client().get("/queue")
    assert response.status_code == 503
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis server in REDIS_URL (CI has one)")
def test_a_worker_runs_a_queued_job_through_redis() -> None:
    app = create_app({"APP_ENV": "testing", "JOBS_EAGER": False, "DATABASE_URL": "sqlite://"})
    celery_app = celery_of(app)
    celery_app.conf.task_default_queue = f"test-{uuid.uuid4().hex}"  # this test's own queue
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        with app.app_context():
            flaky.delay("through-redis", 1)
        deadline = time.monotonic() + 20
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    assert calls == ["through-redis", "through-redis"]  # failed once, retried after a backoff
