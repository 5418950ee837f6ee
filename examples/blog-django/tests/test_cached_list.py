"""The posts list's pages come from the cache until a post or a user changes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posts.models import Post

TABLE = Post._meta.db_table


@pytest.fixture(autouse=True)
def pages_cached(settings):
    """As with REDIS_URL set (one test process: its own memory is shared enough)."""
    settings.CACHE_PAGES = True


def list_page(client):
    """The list page's HTML, and the queries it made of the posts' table."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("posts:list"))
    assert response.status_code == 200
    return _without_csrf_tokens(response.content.decode()), [
        q["sql"] for q in queries.captured_queries if TABLE in q["sql"]
    ]


def _without_csrf_tokens(html):
    """The page without its forms' CSRF tokens (masked anew for every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


def test_the_second_visit_is_answered_from_the_cache(client, post):
    html, first = list_page(client)
    assert post.title in html and first
    again, second = list_page(client)
    assert again == html
    assert second == []


def test_a_new_post_shows_at_once(client, post, user):
    list_page(client)
    Post.objects.create(title="Just written", body="...", owner=user)
    html, queries = list_page(client)
    assert "Just written" in html and queries


def test_a_deleted_post_goes_at_once(client, post):
    list_page(client)
    post.delete()
    html, _ = list_page(client)
    assert post.title not in html


def test_a_renamed_owner_shows_at_once(client, post, user):
    list_page(client)
    user.username = "renamed"
    user.save()
    assert "renamed" in list_page(client)[0]


def test_the_list_is_read_from_the_database_while_the_cache_is_down(client, post, redis_down):
    html, queries = list_page(client)
    assert post.title in html and queries
