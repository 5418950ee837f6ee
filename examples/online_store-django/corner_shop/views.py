"""Views of the project itself; the apps have their own."""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and container checks: the process is up and answers.

    It reads no session and no database, so it stays cheap under frequent probes;
    a failing database shows on the pages that use it, and on /ready/.
    """
    return JsonResponse({"status": "ok"})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError as error:
        logger.warning("Readiness: the database does not answer: %s", error)
        return False


def _redis_answers() -> bool:
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        return bool(client.ping())
    except redis.RedisError as error:
        logger.warning("Readiness: Redis (REDIS_URL) does not answer: %s", error)
        return False
    finally:
        client.close()


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness, for a load balancer choosing where to send traffic: 200 when the database answers and, when
    REDIS_URL is set, Redis answers; else 503, with a JSON body naming what is down."""
    checks = {"database": _database_answers()}
    if settings.REDIS_URL:
        checks["redis"] = _redis_answers()
    down = [name for name, answers in checks.items() if not answers]
    body = {"status": "unavailable" if down else "ok", "down": down}
    return JsonResponse(body, status=503 if down else 200)
