"""How a request to the API is authenticated, and when it needs the CSRF token.

- ``Authorization: Bearer <token>``: the token's user; no CSRF token (a script has no session
  cookie, so a forged cross-site request cannot carry the token). An unknown or revoked token is 401.
- The session cookie (the site's pages, Swagger UI): the logged-in user; every write needs the CSRF
  token in an ``X-CSRFToken`` header, as the forms do. The session wins when a request has both.
- Neither: reads are open; a write is 401 with a JSON body and ``WWW-Authenticate: Bearer``.
"""

from __future__ import annotations

from flask import Flask, Request, current_app, g, request
from flask_login import current_user
from flask_smorest import abort

from ..api.views import bp as api_bp
from ..auth.models import User
from ..extensions import api, csrf
from .models import user_by_token

__all__ = ["bearer_token", "init_app"]

#: Methods that change nothing, so need neither a login nor a CSRF token.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
API_BLUEPRINT = "api"


def bearer_token(req: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    scheme, _, token = req.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def load_user_from_token(req: Request) -> User | None:
    """Flask-Login's hook when a request has no logged-in session: the API token's user, if any."""
    token = bearer_token(req) if req.blueprint == API_BLUEPRINT else None
    user = user_by_token(token) if token else None
    g.authenticated_by_token = user is not None
    return user


def refuse(message: str, challenge: str) -> None:
    """Stop with 401, a JSON body and a ``WWW-Authenticate`` header."""
    abort(401, message=message, headers={"WWW-Authenticate": challenge})


def guard_api() -> None:
    """Before each API request: authenticate it (above), and check the CSRF token of cookie writes."""
    if request.blueprint != API_BLUEPRINT:
        return
    token = bearer_token(request)
    signed_in = current_user.is_authenticated  # loads the session's user, else the token's
    by_token = signed_in and g.get("authenticated_by_token", False)
    if token is not None and not signed_in:
        refuse("This API token is unknown or revoked.", 'Bearer realm="api", error="invalid_token"')
    if request.method in SAFE_METHODS or by_token:
        return
    if not signed_in:
        refuse("Log in first: send an API token (Authorization: Bearer) or the session cookie.", 'Bearer realm="api"')
    if current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()  # a cookie client: the X-CSRFToken header, as for the forms


def init_app(app: Flask) -> None:
    """Guard the API, and describe both ways in (token and cookie) in the OpenAPI document."""
    # The app's Flask-Login manager (the accounts' own) loads a request's user from its token.
    app.login_manager.request_loader(load_user_from_token)
    csrf.exempt(api_bp)  # guard_api checks the CSRF token of cookie clients itself
    app.before_request(guard_api)
    app.jinja_env.globals["tokens_endpoint"] = "api_tokens.index"  # the API tokens link in base.html
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "An API token made on /tokens/."}
    )
    api.spec.components.security_scheme(
        "sessionCookie",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": app.config["SESSION_COOKIE_NAME"],
            "description": "The site's session (log in on the site); writes need the X-CSRFToken header too.",
        },
    )
