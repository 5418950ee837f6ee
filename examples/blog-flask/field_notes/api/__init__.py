"""The REST API (flask-smorest): JSON endpoints described by an OpenAPI document at /api/openapi.json."""

from .views import bp

__all__ = ["bp"]
