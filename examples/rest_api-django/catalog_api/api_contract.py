"""The API's contract: its OpenAPI document (drf-spectacular) as true as the server, and JSON errors.

``AutoSchema`` is ``REST_FRAMEWORK``'s schema class (its paginator is in ``api_pagination.py``);
``not_found`` answers every other path under /api/ (Django's own 404 would be the site's HTML page).

drf-spectacular writes the success of each operation. A client generated from the document
(openapi-python-client, orval...) also needs each error it will meet, with its JSON body, and to know
which operations anyone may call. This class adds both from what the operation is (it takes a body, it
names a row, it writes), so a new endpoint is documented the same way. The project's own tests fuzz the
API from this document (``tests/test_api_contract.py``, Schemathesis): a status the server sends and
the document does not list fails them.
"""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

__all__ = ["AutoSchema", "ErrorSerializer", "not_found"]


class ErrorSerializer(serializers.Serializer):
    """The body of every error but a validation error: ``{"detail": "..."}``."""

    detail = serializers.CharField(help_text="What went wrong, in words.")


#: The body of a 400: the fields' errors, by field name (``non_field_errors`` for the whole body), or
#: ``detail`` when the body is not valid JSON.
VALIDATION_ERROR = {
    "type": "object",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    "example": {"title": ["This field may not be blank."]},
}

#: Why each error happens.
REASONS = {
    "400": "The data break the rules (the body says which field and why), or the body is not valid JSON.",
    "401": "Credentials that are not valid (an unknown or expired token), or a write without any.",
    "403": "Not yours to change (only its owner or staff may), or a session-cookie write without its CSRF token.",
    "404": "No such row (an id that names none, however large), or no such page.",
    "415": "A body that is not JSON (Content-Type: application/json).",
    "429": "Too many requests from this address or user: wait Retry-After seconds.",
}
RETRY_AFTER = {"description": "Seconds to wait before trying again.", "schema": {"type": "integer", "minimum": 0}}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's, plus the errors each operation can answer and the public reads said as public."""

    def takes_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH")

    def is_public(self) -> bool:
        """Anyone may call it: a read, where the view's permission lets anonymous visitors read."""
        readable = any(isinstance(p, permissions.IsAuthenticatedOrReadOnly) for p in self.view.get_permissions())
        return self.method in permissions.SAFE_METHODS and readable

    def get_auth(self):
        auths = super().get_auth()
        if self.is_public() and {} not in auths:
            auths.append({})  # security: credentials may come, none is needed
        return auths

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        statuses = ["401", "429"]  # a token that is not valid is refused even on a public read
        if "{" in self.path or self.method == "GET":
            statuses.append("404")  # no such row, or no such page of a list
        if self.method not in permissions.SAFE_METHODS:
            statuses.append("403")
        if self.takes_body():
            statuses += ["400", "415"]
        for status in sorted(statuses):
            body = VALIDATION_ERROR if status == "400" else ErrorSerializer
            response = self._get_response_for_code(OpenApiResponse(body, description=REASONS[status]), status)
            if status == "429":
                response.setdefault("headers", {})["Retry-After"] = RETRY_AFTER
            responses.setdefault(status, response)
        return responses


@csrf_exempt  # it changes nothing, whatever the method
def not_found(request: HttpRequest, unknown: str) -> JsonResponse:
    """A path under /api/ that names no endpoint: 404 in the API's error shape."""
    return JsonResponse({"detail": "Not found."}, status=404)
