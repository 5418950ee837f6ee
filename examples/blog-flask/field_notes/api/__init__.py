"""The REST API (flask-smorest): JSON endpoints described by an OpenAPI document at /api/openapi.json."""

from flask import Flask

from .. import errors, security
from ..extensions import api
from ..throttling import address, configured, limiter, user_or_address
from . import contract, cors, docs
from .views import bp

__all__ = ["bp", "init_app"]

# Every request to the API counts, per client address and per user (the address when anonymous).
limiter.limit(configured("API_ADDRESS_LIMIT"), key_func=address)(bp)
limiter.limit(configured("API_USER_LIMIT"), key_func=user_or_address)(bp)


def init_app(app: Flask) -> None:
    """Bind flask-smorest to ``app``, add the API's endpoints to it and to the OpenAPI document, and
    answer errors under /api in JSON; serve Swagger UI; allow the origins of CORS_ALLOWED_ORIGINS."""
    api.init_app(app)
    contract.init_spec(api)
    api.register_blueprint(bp)
    docs.init_app(app)
    cors.init_app(app)
    errors.json_errors_under(app, "/api", api.handle_http_exception)
    security.loosen_policy(app, "/api/docs", docs.CONTENT_SECURITY_POLICY)
