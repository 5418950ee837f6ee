"""The example app: products that users write, list, edit and delete."""

from .views import bp

__all__ = ["bp"]
