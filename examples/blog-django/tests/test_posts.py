"""The posts pages: list and detail for all; create, edit and delete for logged-in users."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from posts.models import Post


def test_model(post):
    assert str(post) == post.title
    assert post.get_absolute_url().endswith(f"/posts/{post.pk}/")


def test_list_shows_the_posts(client, post):
    response = client.get(reverse("posts:list"))
    assert response.status_code == 200
    assert post.title in response.content.decode()


@pytest.mark.django_db
def test_empty_list(client):
    response = client.get(reverse("posts:list"))
    assert 'class="empty"' in response.content.decode()


def test_list_is_paginated_newest_first(client, user):
    for number in range(12):
        Post.objects.create(title=f"Post {number}", body="...", owner=user)
    first_page = client.get(reverse("posts:list")).content.decode()
    assert "Post 11" in first_page
    assert "Post 0<" not in first_page
    assert 'class="pagination"' in first_page
    second_page = client.get(reverse("posts:list"), {"page": 2}).content.decode()
    assert "Post 0<" in second_page


def test_detail(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert post.title in html
    assert post.body in html


@pytest.mark.django_db
def test_detail_of_a_missing_post_is_404(client):
    assert client.get(reverse("posts:detail", kwargs={"pk": 999})).status_code == 404


def login_url_for(path):
    return f"{resolve_url(settings.LOGIN_URL)}?next={path}"


def test_create_needs_login(client, db):
    url = reverse("posts:create")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_create(client, user):
    client.force_login(user)
    response = client.post(reverse("posts:create"), {"title": "A new post", "body": "Some text."}, follow=True)
    created = Post.objects.get(title="A new post")
    assert created.owner == user
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "was created" in response.content.decode()


def test_create_shows_validation_errors(client, user):
    client.force_login(user)
    response = client.post(reverse("posts:create"), {"title": "", "body": "No title."})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errors"' in html
    assert "This field is required." in html
    assert not Post.objects.exists()


def test_owner_can_edit(client, post):
    client.force_login(post.owner)
    url = reverse("posts:update", kwargs={"pk": post.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "A better title", "body": post.body}, follow=True)
    assert response.redirect_chain[-1][0] == post.get_absolute_url()
    assert "was saved" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "A better title"


def test_edit_needs_login(client, post):
    url = reverse("posts:update", kwargs={"pk": post.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_non_owner_cannot_edit(client, post, other_user):
    client.force_login(other_user)
    url = reverse("posts:update", kwargs={"pk": post.pk})
    response = client.get(url)
    assert response.status_code == 403
    assert "<h1>Forbidden</h1>" in response.content.decode()
    assert client.post(url, {"title": "Hijacked", "body": "..."}).status_code == 403
    post.refresh_from_db()
    assert post.title != "Hijacked"


def test_staff_can_edit_any_post(client, post, staff_user):
    client.force_login(staff_user)
    url = reverse("posts:update", kwargs={"pk": post.pk})
    response = client.post(url, {"title": "Moderated", "body": post.body})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Moderated"


def test_owner_can_delete(client, post):
    client.force_login(post.owner)
    url = reverse("posts:delete", kwargs={"pk": post.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("posts:list")
    assert "was deleted" in response.content.decode()
    assert not Post.objects.filter(pk=post.pk).exists()


def test_delete_needs_login(client, post):
    url = reverse("posts:delete", kwargs={"pk": post.pk})
    assert client.post(url).status_code == 302
    assert Post.objects.filter(pk=post.pk).exists()


def test_non_owner_cannot_delete(client, post, other_user):
    client.force_login(other_user)
    assert client.post(reverse("posts:delete", kwargs={"pk": post.pk})).status_code == 403
    assert Post.objects.filter(pk=post.pk).exists()


def test_edit_links_only_for_the_owner(client, post, other_user):
    edit_url = reverse("posts:update", kwargs={"pk": post.pk})
    client.force_login(other_user)
    assert edit_url not in client.get(post.get_absolute_url()).content.decode()
    client.force_login(post.owner)
    assert edit_url in client.get(post.get_absolute_url()).content.decode()
