"""While Redis (the cache the throttles count in) is down: a clear 503 page, never a traceback; logins still work."""

import pytest
from django.urls import reverse

from .conftest import PASSWORD


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("password_reset", {"email": "alice@example.com"}),
        (
            "signup",
            {"username": "new", "email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
        ),
    ],
)
def test_a_throttled_form_answers_503_while_redis_is_down(client, user, redis_down, url_name, data):
    response = client.post(reverse(url_name), data)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Try again shortly" in html
    assert "Traceback" not in html


def test_logging_in_works_while_redis_is_down(client, user, redis_down):
    # Login failures are counted in the database (django-axes), not in the cache.
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
