"""API tokens: non-browser clients send ``Authorization: Bearer <token>`` instead of the session cookie.

A user makes and revokes their tokens on /tokens/ (or with ``flask tokens create USER`` / ``revoke``);
a token is shown once and stored only as its SHA-256 digest. ``guard.py`` decides how each API
request is authenticated, and when the CSRF token is needed.
"""

from . import commands
from .guard import init_app
from .views import bp

__all__ = ["bp", "commands", "init_app"]
