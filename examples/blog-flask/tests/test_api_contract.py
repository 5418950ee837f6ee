"""The API keeps its contract: Schemathesis generates requests from the OpenAPI document, valid ones
and broken ones, and checks every answer against it: no 500, each status, header and body as
documented, broken data refused, valid data taken. In-process (WSGI), bounded and repeatable: a fixed
number of cases, derandomized. Anonymous, and with an API token of a user, so that writes run too.
https://schemathesis.readthedocs.io/
"""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.generation import GenerationMode

from field_notes.api_tokens.models import create_token
from field_notes.auth.models import user_by_username

#: Cases per test, over every operation: enough to meet each rule of the document, seconds in all.
EXAMPLES = 25
CONTRACT = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def token_of(app: Flask, username: str) -> str:
    with app.app_context():
        user = user_by_username(username)
        assert user is not None
        return create_token(user, "contract")[1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "token"])
def test_the_api_keeps_its_contract(app: Flask, mode: GenerationMode, with_token: bool) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {token_of(app, 'alice')}"} if with_token else {}

    @given(case=schema.as_strategy(mode))
    @CONTRACT
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers)

    check()
