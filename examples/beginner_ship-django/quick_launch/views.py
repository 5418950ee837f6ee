"""Views of the project itself; the apps have their own."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and container checks: the process is up and answers.

    It reads no session and no database, so it stays cheap under frequent probes;
    a failing database shows on the pages that use it.
    """
    return JsonResponse({"status": "ok"})
