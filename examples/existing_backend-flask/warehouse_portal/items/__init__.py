"""The example app: items that users write, list, edit and delete."""

from .views import bp

__all__ = ["bp"]
