"""Throttling of Flask-Security-Too's views, which have none of their own (see ``throttling.py``).

The limits are the site's Flask-Limiter limits (``LOGIN_ACCOUNT_LIMIT``... in config.py), counted where the
others are (Redis when ``REDIS_URL`` is set). A failed login or a wrong code shows its form again (200);
one that works redirects, and is not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response, request
from flask_security.utils import lookup_identity

from ..throttling import configured, limiter, posted


def failed(response: Response) -> bool:
    """Whether an attempt failed: the form is shown again instead of a redirect."""
    return response.status_code == 200


def account() -> str:
    """The key of per-account limits: the account the posted username or email address names, so that guesses
    alternating between the two count as one account's; for a name of no account, what was posted."""
    field = "username" if (request.form.get("username") or "").strip() else "email"
    user = lookup_identity(request.form.get(field, "").strip()) if request.form.get(field) else None
    return f"user:{user.id}" if user is not None else posted(field)


def _limit(name: str, **options: Any) -> Callable[[Any], Any]:
    return limiter.limit(configured(name), methods=["POST"], **options)


#: The limits of each endpoint of Flask-Security's blueprint (named ``auth``), made once: Flask-Limiter keeps
#: every limit it is given, so making them again for each app would count each request once per app.
LIMITS: dict[str, tuple[Callable[[Any], Any], ...]] = {
    "auth.login": (
        _limit("LOGIN_ADDRESS_LIMIT", deduct_when=failed),
        _limit("LOGIN_ACCOUNT_LIMIT", deduct_when=failed, key_func=account),
    ),
    "auth.two_factor_token_validation": (_limit("TWO_FACTOR_LIMIT", deduct_when=failed),),
    "auth.mf_recovery": (_limit("TWO_FACTOR_LIMIT", deduct_when=failed),),
    "auth.register": (_limit("SIGNUP_LIMIT"),),
    "auth.forgot_password": (
        _limit("RESET_REQUEST_LIMIT"),
        _limit("RESET_REQUEST_LIMIT", key_func=lambda: posted("email")),
    ),
    "auth.send_confirmation": (_limit("RESET_REQUEST_LIMIT"),),
}


def init_app(app: Flask) -> None:
    """Wrap the views of Flask-Security's blueprint in their limits."""
    for endpoint, limits in LIMITS.items():
        view = app.view_functions[endpoint]
        for limit in limits:
            view = limit(view)
        app.view_functions[endpoint] = view
