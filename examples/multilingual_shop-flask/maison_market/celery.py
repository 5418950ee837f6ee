"""The Celery app of ``celery -A maison_market worker`` and ``celery -A maison_market beat``.

Celery finds ``maison_market.celery.app``; it comes from the application factory, with the
settings of the environment (see jobs.py).
"""

from __future__ import annotations

from . import create_app

flask_app = create_app()
app = flask_app.extensions["celery"]
