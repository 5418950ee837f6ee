"""The home page and other pages that belong to no feature."""

from .views import bp

__all__ = ["bp"]
