"""Readiness for load balancers: ``/ready`` is 200 while what the site needs answers, else 503.

What it checks: the database (when the project has one) and Redis (when ``REDIS_URL`` is set);
the body names what is down. ``/health`` (main/views.py) stays the cheap liveness check.
"""

from __future__ import annotations

from collections.abc import Callable

import redis
from flask import Flask, current_app
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import ServiceUnavailable

from . import errors

__all__ = ["add_check", "init_app"]

Check = Callable[[], object]


def add_check(app: Flask, name: str, check: Check) -> None:
    """Make ``/ready`` call ``check`` (it raises when ``name`` is down)."""
    app.extensions.setdefault("readiness_checks", {})[name] = check


def redis_answers() -> None:
    """Raise unless the Redis of ``REDIS_URL`` answers a PING within a second."""
    client = redis.Redis.from_url(current_app.config["REDIS_URL"], socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()


def init_app(app: Flask) -> None:
    """Add ``/ready`` (and its check of Redis when ``REDIS_URL`` is set); a page that needs Redis while it
    does not answer gets a 503 page, not a traceback."""
    if app.config["REDIS_URL"]:
        add_check(app, "redis", redis_answers)

    @app.errorhandler(redis.RedisError)
    def redis_unreachable(error: redis.RedisError) -> ResponseReturnValue:
        app.logger.error("Redis (REDIS_URL) does not answer: %s", type(error).__name__)
        return errors.handle_http_error(ServiceUnavailable("This page needs a service that is down: try again soon."))

    @app.get("/ready")
    def ready() -> tuple[dict[str, object], int]:
        down = []
        for name, check in app.extensions.get("readiness_checks", {}).items():
            try:
                check()
            except Exception as error:  # any failure means "not ready", whatever the driver raises
                app.logger.warning("/ready: %s is down (%s)", name, type(error).__name__)
                down.append(name)
        if down:
            return {"status": "unavailable", "down": down}, 503
        return {"status": "ok"}, 200
