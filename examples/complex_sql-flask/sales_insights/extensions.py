"""Flask extensions, created here unbound and bound to the app with ``init_app`` in ``create_app``."""

from __future__ import annotations

from flask_caching import Cache
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
#: The cache: Redis when REDIS_URL is set, else this process's memory (config.py); ``cache.get``/``cache.set``.
cache = Cache()

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message_category = "info"
