"""While Redis (the cache allauth counts its rate limits in) is down: the kit's throttled forms answer 503 with
Retry-After, never a traceback and never uncounted; the pages that do not need Redis go on."""

import pytest
from django.urls import reverse

from .conftest import PASSWORD


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("account_login", {"login": "alice", "password": "wrong"}),
        ("account_login", {"login": "alice", "password": PASSWORD}),
        ("account_reset_password", {"email": "alice@example.com"}),
        (
            "account_signup",
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
    assert "_auth_user_id" not in client.session


def test_the_pages_that_do_not_need_redis_go_on(client, user, redis_down):
    assert client.get(reverse("home")).status_code == 200
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
