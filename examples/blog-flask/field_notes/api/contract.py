"""What the OpenAPI document says beyond what flask-smorest writes: every error an operation can answer.

flask-smorest lists a ``default`` error and the 422 of invalid data. A client generated from the
document (openapi-python-client, orval...) needs each status it will meet, with its JSON body: this
apispec plugin adds them to every operation from what the operation is (it writes, it names a row, it
takes a body), so a new endpoint is documented the same way. The project's own tests fuzz the API from
this document (``tests/test_api_contract.py``, Schemathesis): a status the server sends and the document
does not list fails them.
"""

from __future__ import annotations

from typing import Any

from apispec import APISpec, BasePlugin
from flask_smorest import Api

__all__ = ["ErrorResponses", "init_spec"]

#: Why each error happens, by status; flask-smorest registers a response per status (its names below),
#: each with the ``Error`` body every JSON error of the API has.
REASONS = {
    400: ("BAD_REQUEST", "The body is not valid JSON, or a session-cookie write came without its X-CSRFToken header."),
    401: ("UNAUTHORIZED", "An API token that is not valid, or a write without credentials (token or session)."),
    403: ("FORBIDDEN", "Not yours to change: only its owner or an admin may."),
    404: ("NOT_FOUND", "No such row (an id that names none, however large)."),
}

#: Methods that change nothing: no body to parse, no CSRF token to check.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

RETRY_AFTER = {"description": "Seconds to wait before trying again.", "schema": {"type": "integer", "minimum": 0}}


class ErrorResponses(BasePlugin):
    """Document 400, 401, 403, 404 and 429 on the operations that can answer them (422 is flask-smorest's)."""

    def operation_helper(self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any):
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            statuses = []
            if method.upper() not in SAFE_METHODS:
                statuses.append(400)
            if operation.get("security"):
                statuses.append(401)  # also a read with a token that is not valid
            if operation.get("security") and method.upper() not in SAFE_METHODS:
                statuses.append(403)
            if path and "{" in path:
                statuses.append(404)
            for status in statuses:
                name, reason = REASONS[status]
                responses.setdefault(str(status), {"$ref": f"#/components/responses/{name}", "description": reason})
            responses.setdefault(
                "429",
                {
                    "description": "Too many requests from this address or user: wait Retry-After seconds.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    "headers": {"Retry-After": RETRY_AFTER},
                },
            )


def init_spec(api: Api) -> None:
    """Add :class:`ErrorResponses` to the document of ``api`` (after ``init_app``, before the blueprints),
    and say that the ``X-Pagination`` header is JSON (as flask-smorest sends it), not a simple-style value."""
    spec: APISpec = api.spec
    plugin = ErrorResponses()
    plugin.init_spec(spec)
    spec.plugins.append(plugin)
    for response in REASONS.values():
        spec.components.get_ref("response", response[0])  # registered with the Error body
    header = spec.components.headers_lazy.get("PAGINATION") or spec.components.headers.get("PAGINATION")
    if header is not None and "schema" in header:
        header["content"] = {"application/json": {"schema": header.pop("schema")}}
