"""Warehouse Portal: the application factory.

Run it with ``flask --app warehouse_portal run``;
gunicorn serves ``"warehouse_portal:create_app()"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import errors, security
from .config import check_config, default_database_url, load_config, sqlalchemy_url
from .extensions import csrf, db, migrate
from .items import bp as items_bp
from .main import bp as main_bp

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the application.

    ``config`` overrides settings after the environment's configuration class is loaded
    (the tests pass ``{"APP_ENV": "testing", ...}``).
    """
    overrides = dict(config or {})
    # INSTANCE_PATH: where the SQLite database lives (default: instance/ next to the package).
    app = Flask(__name__, instance_relative_config=True, instance_path=os.environ.get("INSTANCE_PATH") or None)
    settings = load_config(overrides.get("APP_ENV"))
    app.config.from_object(settings)
    app.config.update(overrides)
    check_config(app.config, app.config["APP_ENV"])
    if app.config["BEHIND_PROXY"]:
        # Trust one proxy's X-Forwarded-* headers (scheme and host for links in emails).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    if not app.config["DATABASE_URL"]:  # development: a SQLite file in the instance folder
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["DATABASE_URL"] = default_database_url(app.instance_path)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", sqlalchemy_url(app.config["DATABASE_URL"]))

    csrf.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db)
    security.init_app(app)

    app.register_blueprint(main_bp)
    app.register_blueprint(items_bp)
    errors.init_app(app)

    # Links of the navigation bar in templates/base.html: (label, endpoint).
    app.jinja_env.globals["nav_links"] = [
        ("Items", "items.index"),
    ]
    return app
