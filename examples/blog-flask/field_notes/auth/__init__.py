"""Accounts: sign up, log in and out, change and reset passwords, and the create-admin command."""

from . import commands
from .views import bp

__all__ = ["bp", "commands"]
