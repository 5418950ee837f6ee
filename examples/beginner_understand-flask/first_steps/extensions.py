"""Flask extensions, created here unbound and bound to the app with ``init_app`` in ``create_app``."""

from __future__ import annotations

from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
