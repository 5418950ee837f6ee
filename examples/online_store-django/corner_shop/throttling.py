"""Throttling helpers: the client's address and the 429 answer.

django-axes (logins) and the throttled forms of accounts/views.py (sign-up, password reset)
ask ``client_ip`` who the client is, and answer a throttled request with ``too_many_requests``: HTTP 429,
a ``Retry-After`` header, and a page (JSON under /api/) saying when to try again.
"""

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def client_ip(request):
    """The client's address: the connection's, or behind a TLS proxy the last X-Forwarded-For entry (the one
    the proxy added; the ones before it are whatever the client sent)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and forwarded:
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def too_many_requests(request, retry_after):
    """HTTP 429 saying when to try again: a page, or JSON for the API."""
    retry_after = max(1, math.ceil(retry_after))
    minutes = math.ceil(retry_after / 60)
    if request.path.startswith("/api/"):
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
        response = JsonResponse({"detail": f"Too many attempts: try again in {wait}."}, status=429)
    else:
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
        response = render(request, "429.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): every attempt restarts the cool-off."""
    return too_many_requests(request, settings.AXES_COOLOFF_TIME.total_seconds())
