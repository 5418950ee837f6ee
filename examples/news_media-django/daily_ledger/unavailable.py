"""A page that needs a service that is down answers 503, never a traceback.

Redis (REDIS_URL) holds the cache the throttled requests are counted in.
While it cannot be reached, a request that needs it gets HTTP 503 with a ``Retry-After`` header and a page
(JSON under /api/) saying to try again shortly. Pages that only read through the cache do not need it: they fall
back to the database.
"""

import logging

import redis
from django.http import JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

#: The errors of a service that is down (Redis refusing or timing out).
UNAVAILABLE = (redis.RedisError,)
RETRY_AFTER_SECONDS = 30


def service_unavailable(request):
    """HTTP 503 saying to try again shortly: a page, or JSON for the API."""
    message = "The site cannot do this right now: please try again in a minute."
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class ServiceUnavailableMiddleware:
    """Turn the error of a service that is down, raised by a view, into a 503 answer (logged, one line)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE):
            logger.error("503 for %s %s: %s: %s", request.method, request.path, type(exception).__name__, exception)
            return service_unavailable(request)
        return None
