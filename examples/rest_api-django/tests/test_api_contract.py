"""The API keeps its contract: Schemathesis generates requests from the OpenAPI document, valid ones
and broken ones, and checks every answer against it: no 500, each status, header and body as
documented, broken data refused, valid data taken. In-process (WSGI), bounded and repeatable: a fixed
number of cases, derandomized. Anonymous, and with an API token of a user, so that writes run too.
https://schemathesis.readthedocs.io/
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from knox.models import AuthToken
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.generation import GenerationMode

#: Cases per test, over every operation: enough to meet each rule of the document, seconds in all.
EXAMPLES = 25
CONTRACT = hypothesis_settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def keep_the_connection():
    """The test's database connection stays open across the requests (its transaction holds the test's
    rows): Django closes it around each request, which its test client prevents the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "token"])
def test_the_api_keeps_its_contract(user, monkeypatch, settings, keep_the_connection, mode, with_token):
    # Throttling off: it would answer 429 to so many requests (DRF reads the rates once, into the class).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
    settings.ALLOWED_HOSTS = ["localhost"]  # the Host Schemathesis sends in-process
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    headers = {"Authorization": f"Token {AuthToken.objects.create(user)[1]}"} if with_token else {}

    @given(case=schema.as_strategy(mode))
    @CONTRACT
    def check(case):
        case.call_and_validate(headers=headers)

    check()
