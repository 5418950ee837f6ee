"""The products list's pages, kept in the cache until a product changes.

The list's two queries (counting the products, reading a page of them) are answered from Django's cache
when it is one that every process and instance shares (Redis, REDIS_URL: settings.CACHE_PAGES); with each
process's own memory they go to the database, since a change made in one process would not show in another. The
entries are filed under a generation token that saving or deleting a product (or a user, whose name the
list shows) replaces, so every instance sees the change at its next request. While the cache cannot be
reached, the pages are read from the database, as without a cache.
https://docs.djangoproject.com/en/5.2/topics/cache/#the-low-level-cache-api
"""

import hashlib
import logging
import uuid

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

GENERATION_KEY = "products:list-generation"
#: Seconds an entry lives at most: the bound on staleness if an invalidation could not reach the cache.
TIMEOUT = 5 * 60


def _generation():
    return cache.get_or_set(GENERATION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def invalidate(**kwargs):
    """Forget every cached page (a signal receiver: a product or a user was saved or deleted)."""
    try:
        cache.delete(GENERATION_KEY)
    except redis.RedisError as error:
        logger.warning("The cached %s pages could not be invalidated: %s", "products", error)


class CachedPaginator(Paginator):
    """Django's paginator, with its count and its pages read from the cache."""

    def _cached(self, name, compute):
        if not settings.CACHE_PAGES:
            return compute()
        try:
            query = hashlib.sha256(str(self.object_list.query).encode()).hexdigest()[:16]
            key = f"products:list:{_generation()}:{query}:{name}"
            found = cache.get(key)
            if found is None:
                found = compute()
                cache.set(key, found, TIMEOUT)
            return found
        except redis.RedisError as error:
            logger.warning("The %s pages are read without the cache: %s", "products", error)
            return compute()

    @cached_property
    def count(self):
        return self._cached("count", lambda: Paginator.count.func(self))

    def page(self, number):
        page = super().page(number)
        page.object_list = self._cached(f"page:{page.number}:{self.per_page}", lambda: list(page.object_list))
        return page
