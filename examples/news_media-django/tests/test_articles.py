"""The articles pages: list and detail for all; create, edit and delete for logged-in users."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from articles.models import Article


def test_model(article):
    assert str(article) == article.title
    assert article.get_absolute_url().endswith(f"/articles/{article.pk}/")


def test_list_shows_the_articles(client, article):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert article.title in response.content.decode()


@pytest.mark.django_db
def test_empty_list(client):
    response = client.get(reverse("articles:list"))
    assert 'class="empty"' in response.content.decode()


def test_list_is_paginated_newest_first(client, user):
    for number in range(12):
        Article.objects.create(title=f"Article {number}", body="...", owner=user)
    first_page = client.get(reverse("articles:list")).content.decode()
    assert "Article 11" in first_page
    assert "Article 0<" not in first_page
    assert 'class="pagination"' in first_page
    second_page = client.get(reverse("articles:list"), {"page": 2}).content.decode()
    assert "Article 0<" in second_page


def test_detail(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert article.title in html
    assert article.body in html


@pytest.mark.django_db
def test_detail_of_a_missing_article_is_404(client):
    assert client.get(reverse("articles:detail", kwargs={"pk": 999})).status_code == 404


def login_url_for(path):
    return f"{resolve_url(settings.LOGIN_URL)}?next={path}"


def test_create_needs_login(client, db):
    url = reverse("articles:create")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_create(client, user):
    client.force_login(user)
    response = client.post(reverse("articles:create"), {"title": "A new article", "body": "Some text."}, follow=True)
    created = Article.objects.get(title="A new article")
    assert created.owner == user
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "was created" in response.content.decode()


def test_create_shows_validation_errors(client, user):
    client.force_login(user)
    response = client.post(reverse("articles:create"), {"title": "", "body": "No title."})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errors"' in html
    assert "This field is required." in html
    assert not Article.objects.exists()


def test_owner_can_edit(client, article):
    client.force_login(article.owner)
    url = reverse("articles:update", kwargs={"pk": article.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "A better title", "body": article.body}, follow=True)
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    assert "was saved" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "A better title"


def test_edit_needs_login(client, article):
    url = reverse("articles:update", kwargs={"pk": article.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_non_owner_cannot_edit(client, article, other_user):
    client.force_login(other_user)
    url = reverse("articles:update", kwargs={"pk": article.pk})
    response = client.get(url)
    assert response.status_code == 403
    assert "<h1>Forbidden</h1>" in response.content.decode()
    assert client.post(url, {"title": "Hijacked", "body": "..."}).status_code == 403
    article.refresh_from_db()
    assert article.title != "Hijacked"


def test_staff_can_edit_any_article(client, article, staff_user):
    client.force_login(staff_user)
    url = reverse("articles:update", kwargs={"pk": article.pk})
    response = client.post(url, {"title": "Moderated", "body": article.body})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Moderated"


def test_owner_can_delete(client, article):
    client.force_login(article.owner)
    url = reverse("articles:delete", kwargs={"pk": article.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("articles:list")
    assert "was deleted" in response.content.decode()
    assert not Article.objects.filter(pk=article.pk).exists()


def test_delete_needs_login(client, article):
    url = reverse("articles:delete", kwargs={"pk": article.pk})
    assert client.post(url).status_code == 302
    assert Article.objects.filter(pk=article.pk).exists()


def test_non_owner_cannot_delete(client, article, other_user):
    client.force_login(other_user)
    assert client.post(reverse("articles:delete", kwargs={"pk": article.pk})).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_edit_links_only_for_the_owner(client, article, other_user):
    edit_url = reverse("articles:update", kwargs={"pk": article.pk})
    client.force_login(other_user)
    assert edit_url not in client.get(article.get_absolute_url()).content.decode()
    client.force_login(article.owner)
    assert edit_url in client.get(article.get_absolute_url()).content.decode()
