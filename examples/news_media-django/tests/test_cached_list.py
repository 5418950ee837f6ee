"""The articles list's pages come from the cache until a article or a user changes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article

TABLE = Article._meta.db_table


@pytest.fixture(autouse=True)
def pages_cached(settings):
    """As with REDIS_URL set (one test process: its own memory is shared enough)."""
    settings.CACHE_PAGES = True


def list_page(client):
    """The list page's HTML, and the queries it made of the articles' table."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    return _without_csrf_tokens(response.content.decode()), [
        q["sql"] for q in queries.captured_queries if TABLE in q["sql"]
    ]


def _without_csrf_tokens(html):
    """The page without its forms' CSRF tokens (masked anew for every response)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', html)


def test_the_second_visit_is_answered_from_the_cache(client, article):
    html, first = list_page(client)
    assert article.title in html and first
    again, second = list_page(client)
    assert again == html
    assert second == []


def test_a_new_article_shows_at_once(client, article, user):
    list_page(client)
    Article.objects.create(title="Just written", body="...", owner=user)
    html, queries = list_page(client)
    assert "Just written" in html and queries


def test_a_deleted_article_goes_at_once(client, article):
    list_page(client)
    article.delete()
    html, _ = list_page(client)
    assert article.title not in html


def test_a_renamed_owner_shows_at_once(client, article, user):
    list_page(client)
    user.username = "renamed"
    user.save()
    assert "renamed" in list_page(client)[0]


def test_the_list_is_read_from_the_database_while_the_cache_is_down(client, article, redis_down):
    html, queries = list_page(client)
    assert article.title in html and queries
