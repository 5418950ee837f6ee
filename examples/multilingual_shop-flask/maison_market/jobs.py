"""Background jobs with Celery, made from the application factory.

Flask's pattern (https://flask.palletsprojects.com/en/stable/patterns/celery/): ``init_app`` makes
a Celery app whose jobs run inside an application context, and ``maison_market/celery.py`` makes
the app the worker uses: ``celery -A maison_market worker`` runs the jobs, ``celery -A maison_market
beat`` queues the periodic ones. Redis (``REDIS_URL``) carries the queue; without it every job runs
at once, inside the request (Celery's eager mode), so development needs no service.

A job is acknowledged once it has run (a job whose worker dies mid-run is delivered again), retried
with exponential backoff when it raises, and its arguments are never written to the logs.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import click
from celery import Celery, Task, shared_task
from flask import Flask, has_app_context
from flask.typing import ResponseReturnValue
from kombu.exceptions import OperationalError
from werkzeug.exceptions import ServiceUnavailable

from . import errors
from .config import env_int
from .extensions import cache

__all__ = ["HEARTBEAT_KEY", "heartbeat", "init_app"]

logger = logging.getLogger(__name__)

#: The cache key the periodic ``heartbeat`` job writes: when it last ran.
HEARTBEAT_KEY = "jobs:heartbeat"


def celery_settings(app: Flask) -> dict[str, Any]:
    """Celery's settings for ``app``: https://docs.celeryq.dev/en/stable/userguide/configuration.html"""
    redis_url = app.config["REDIS_URL"]
    return {
        "broker_url": redis_url or "memory://",
        # No Redis (or the tests): run each job at once, in the caller; its retries run at once too, and a
        # failure is logged as the worker would (the caller goes on).
        "task_always_eager": app.config.get("JOBS_EAGER", app.testing or not redis_url),
        "task_ignore_result": True,  # no job's caller waits for its result
        # Acknowledge a job after it ran, so that one whose worker died is delivered again; Redis hands an
        # unacknowledged job out again after the visibility timeout (JOB_VISIBILITY_TIMEOUT seconds).
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "broker_transport_options": {
            "visibility_timeout": env_int("JOB_VISIBILITY_TIMEOUT", 3600),
            "socket_connect_timeout": 2,
        },
        "broker_connection_retry_on_startup": True,
        # Queuing while Redis is down fails within seconds (a 503 page), rather than hanging the request.
        "broker_connection_timeout": 2,
        "task_publish_retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
        "beat_schedule": {"heartbeat": {"task": "jobs.heartbeat", "schedule": 60.0}},
    }


class FlaskTask(Task):
    """A job: run inside an application context, retried with backoff, its arguments kept out of logs."""

    autoretry_for = (Exception,)
    max_retries = 5
    retry_backoff = True  # waits about 1, 2, 4, 8, 16 seconds between tries (with jitter)
    retry_backoff_max = 600
    retry_jitter = True
    flask_app: Flask

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():  # run at once (eager), inside a request or a command: its app
            return self.run(*args, **kwargs)
        with self.flask_app.app_context():
            return self.run(*args, **kwargs)

    def apply_async(self, args: Any = None, kwargs: Any = None, **options: Any) -> Any:
        # What Celery logs and shows (worker logs, events) instead of the arguments, which may hold
        # email addresses and password reset links.
        options.setdefault("argsrepr", f"<{len(args or ())} arguments hidden>")
        options.setdefault("kwargsrepr", "<hidden>")
        return super().apply_async(args, kwargs, **options)

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        name = type(exc).__name__
        logger.error("job %s[%s] failed for good: %s (%d arguments, not logged)", self.name, task_id, name, len(args))


@shared_task(name="jobs.heartbeat", autoretry_for=())
def heartbeat() -> None:
    """The periodic job (every minute, queued by beat): records that beat and a worker both run."""
    cache.set(HEARTBEAT_KEY, time.time(), timeout=0)


@click.command("jobs-heartbeat")
@click.option("--max-age", default=180, show_default=True, help="Seconds since the last heartbeat job ran.")
def check_heartbeat(max_age: int) -> None:
    """Exit 1 unless the periodic heartbeat job ran recently (a health check of beat and the workers)."""
    last = cache.get(HEARTBEAT_KEY)
    if last is None or time.time() - last > max_age:
        raise click.ClickException(f"no heartbeat job has run in the last {max_age} seconds")
    click.echo(f"the heartbeat job ran {time.time() - last:.0f} seconds ago")


def init_app(app: Flask) -> Celery:
    """Make ``app``'s Celery app (``app.extensions["celery"]``); a page whose job cannot be queued gets 503."""
    task_class = type("FlaskTask", (FlaskTask,), {"flask_app": app})
    celery_app = Celery(app.name, task_cls=task_class)
    celery_app.config_from_object(celery_settings(app))
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    app.cli.add_command(check_heartbeat)

    @app.errorhandler(OperationalError)
    def queue_unreachable(error: OperationalError) -> ResponseReturnValue:
        app.logger.error("the job queue (REDIS_URL) is unreachable: %s", error)
        return errors.handle_http_error(ServiceUnavailable("This page needs a service that is down: try again soon."))

    return celery_app
