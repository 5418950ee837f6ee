"""The list page's rows, cached (Flask-Caching) in Redis when ``REDIS_URL`` is set, shared by every
instance (``CACHE_PAGES``); without it they are read from the database, since a change made through one
process would not show in another's memory.

Pages are kept as plain data under a version number; any save or delete of a product (through
``database.save``/``database.delete``, the pages and the API alike) moves the version on, so every
instance shows the change at once. When Redis does not answer, the page is read from the database.
"""

from __future__ import annotations

from contextlib import suppress
from types import SimpleNamespace
from typing import Any

from flask import current_app
from redis import RedisError

from .. import database
from ..extensions import cache
from .models import Product, list_products

__all__ = ["PAGE_SECONDS", "forget_pages", "page_of_products"]

VERSION_KEY = "products:version"
PAGE_SECONDS = 60


def as_data(page: Any) -> SimpleNamespace:
    """What the list template reads of a page, as plain data (the cache stores it)."""
    rows = []
    for product in page.items:
        row = {"id": product.id, "title": product.title, "created_at": product.created_at}
        if hasattr(product, "owner"):
            row["owner"] = {"username": product.owner.username}
        rows.append(row)
    names = ("page", "pages", "has_prev", "has_next", "prev_num", "next_num")
    return SimpleNamespace(items=rows, **{name: getattr(page, name) for name in names})


def page_of_products(number: int, per_page: int) -> SimpleNamespace:
    """Page ``number`` of the list, newest first: from the cache, else from the database (then cached)."""
    if not current_app.config["CACHE_PAGES"]:
        return as_data(list_products(number, per_page))
    try:
        key = f"products:page:{cache.get(VERSION_KEY) or 0}:{number}:{per_page}"
        page = cache.get(key)
    except RedisError:
        return as_data(list_products(number, per_page))
    if page is None:
        page = as_data(list_products(number, per_page))
        with suppress(RedisError):
            cache.set(key, page, timeout=PAGE_SECONDS)
    return page


def forget_pages(model: type[Any]) -> None:
    """After a product changes: the cached pages are no longer used (a new version)."""
    if model is Product:
        with suppress(RedisError):  # else the pages expire within PAGE_SECONDS
            cache.cache.inc(VERSION_KEY)  # the backend's atomic increment (INCR in Redis)


database.after_change.append(forget_pages)
