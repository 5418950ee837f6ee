"""Sales Insights: the application factory.

Run it with ``flask --app sales_insights run``;
gunicorn serves ``"sales_insights:create_app()"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import database, errors, i18n, mail, ready, security, throttling
from .auth import bp as auth_bp
from .config import check_config, load_config
from .extensions import cache, csrf, login_manager
from .i18n import _l
from .items import bp as items_bp
from .main import bp as main_bp

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the application.

    ``config`` overrides settings after the environment's configuration class is loaded
    (the tests pass ``{"APP_ENV": "testing", ...}``).
    """
    overrides = dict(config or {})
    app = Flask(__name__)
    settings = load_config(overrides.get("APP_ENV"))
    app.config.from_object(settings)
    app.config.update(overrides)
    check_config(app.config, app.config["APP_ENV"])
    if app.config["BEHIND_PROXY"]:
        # Trust one proxy's X-Forwarded-* headers (scheme and host for links in emails).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    csrf.init_app(app)
    cache.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    throttling.init_app(app)
    ready.init_app(app)
    mail.init_app(app)
    database.init_app(app)
    security.init_app(app)

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(items_bp)
    errors.init_app(app)  # last: its handler of HTTP errors replaces the extensions' own

    # Links of the navigation bar in templates/base.html: (label, endpoint); the labels are translated
    # when a page shows them (lazy_gettext).
    app.jinja_env.globals["nav_links"] = [
        (_l("Items"), "items.index"),
    ]
    return app
