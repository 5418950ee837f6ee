"""Pages of a site without a database: about, and a contact form that sends an email."""

from .views import bp

__all__ = ["bp"]
