"""Flask extensions, created here unbound and bound to the app with ``init_app`` in ``create_app``."""

from __future__ import annotations

from flask_caching import Cache
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
#: The cache: Redis when REDIS_URL is set, else this process's memory (config.py); ``cache.get``/``cache.set``.
cache = Cache()
