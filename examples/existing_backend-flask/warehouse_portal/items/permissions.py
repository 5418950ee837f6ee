"""Who may change items: anyone, as the project has no accounts.

The pages and the API ask the same two questions here; a project with accounts (``auth``) has a
``permissions.py`` that lets logged-in users write and only the owner or an admin change one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .models import Item

__all__ = ["login_to_write", "new_item_fields", "refusal"]

View = TypeVar("View", bound=Callable[..., Any])


def login_to_write(view: View) -> View:
    """Guards the pages that write: without accounts, there is nothing to check."""
    return view


def refusal(item: Item | None = None) -> tuple[int, str] | None:
    """Why the current user may not write ``item`` (or a new item): never, so None."""
    return None


def new_item_fields() -> dict[str, Any]:
    """The fields a new item takes from the current user: none."""
    return {}
