"""Throttling (Flask-Limiter): how often one client address or one account may try something.

The counts live in Redis when ``REDIS_URL`` is set (shared by every worker and server), else in the
process's memory. The views say what they limit with ``@limiter.limit``; a limited request gets 429,
the error page (JSON under /api) saying when to try again, and a ``Retry-After`` header.
https://flask-limiter.readthedocs.io/
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from flask import Flask, current_app, request
from flask.typing import ResponseReturnValue
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address

from . import errors

__all__ = ["address", "configured", "init_app", "limiter", "posted", "user_or_address"]

#: No default limit: each view that needs one says so. ``get_remote_address`` is the client's
#: address (the proxy's X-Forwarded-For when BEHIND_PROXY=1, see ProxyFix in create_app).
limiter = Limiter(key_func=get_remote_address)

#: The load balancer's and orchestrator's probes (``/health``, ``/ready``): several a second, never limited.
PROBES = frozenset({"main.health", "ready"})


@limiter.request_filter
def is_probe() -> bool:
    """True for a probe: the limiter then skips its per-request work (resolving limits, keys) entirely."""
    return request.endpoint in PROBES


def configured(name: str) -> Callable[[], str]:
    """A limit read from the configuration at each request (``LOGIN_ACCOUNT_LIMIT``...; tests shorten them)."""
    return lambda: current_app.config[name]


def address() -> str:
    """The client's address: the key of per-address limits."""
    return get_remote_address()


def posted(field: str) -> str:
    """The key of per-account limits: the form's ``field`` (a username or an email), in lowercase."""
    return f"{field}:{(request.form.get(field) or '').strip().lower()[:254]}"


def user_or_address() -> str:
    """The client's address (the site has no accounts)."""
    return f"address:{get_remote_address()}"


def retry_after_seconds() -> int:
    """Seconds until the limit this request broke lets it through again."""
    breached = limiter.current_limit
    if breached is None:
        return 60
    return max(1, math.ceil(breached.reset_at - time.time()))


def init_app(app: Flask) -> None:
    """Bind the limiter to ``app``; a limited request is answered by the site's error pages."""
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded) -> ResponseReturnValue:
        seconds = retry_after_seconds()
        error.description = f"Too many attempts: try again in {seconds} seconds."
        error.data = {"message": error.description}  # the API's JSON errors show it too
        return errors.handle_http_error(error)
