"""The items pages: list and detail for all; create, edit and delete for logged-in users."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from items.models import Item


def test_model(item):
    assert str(item) == item.title
    assert item.get_absolute_url().endswith(f"/items/{item.pk}/")


def test_list_shows_the_items(client, item):
    response = client.get(reverse("items:list"))
    assert response.status_code == 200
    assert item.title in response.content.decode()


@pytest.mark.django_db
def test_empty_list(client):
    response = client.get(reverse("items:list"))
    assert 'class="empty"' in response.content.decode()


def test_list_is_paginated_newest_first(client, user):
    for number in range(12):
        Item.objects.create(title=f"Item {number}", body="...", owner=user)
    first_page = client.get(reverse("items:list")).content.decode()
    assert "Item 11" in first_page
    assert "Item 0<" not in first_page
    assert 'class="pagination"' in first_page
    second_page = client.get(reverse("items:list"), {"page": 2}).content.decode()
    assert "Item 0<" in second_page


def test_detail(client, item):
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert item.title in html
    assert item.body in html


@pytest.mark.django_db
def test_detail_of_a_missing_item_is_404(client):
    assert client.get(reverse("items:detail", kwargs={"pk": 999})).status_code == 404


def login_url_for(path):
    return f"{resolve_url(settings.LOGIN_URL)}?next={path}"


def test_create_needs_login(client, db):
    url = reverse("items:create")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_create(client, user):
    client.force_login(user)
    response = client.post(reverse("items:create"), {"title": "A new item", "body": "Some text."}, follow=True)
    created = Item.objects.get(title="A new item")
    assert created.owner == user
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "was created" in response.content.decode()


def test_create_shows_validation_errors(client, user):
    client.force_login(user)
    response = client.post(reverse("items:create"), {"title": "", "body": "No title."})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errors"' in html
    assert "This field is required." in html
    assert not Item.objects.exists()


def test_owner_can_edit(client, item):
    client.force_login(item.owner)
    url = reverse("items:update", kwargs={"pk": item.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "A better title", "body": item.body}, follow=True)
    assert response.redirect_chain[-1][0] == item.get_absolute_url()
    assert "was saved" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "A better title"


def test_edit_needs_login(client, item):
    url = reverse("items:update", kwargs={"pk": item.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_non_owner_cannot_edit(client, item, other_user):
    client.force_login(other_user)
    url = reverse("items:update", kwargs={"pk": item.pk})
    response = client.get(url)
    assert response.status_code == 403
    assert "<h1>Forbidden</h1>" in response.content.decode()
    assert client.post(url, {"title": "Hijacked", "body": "..."}).status_code == 403
    item.refresh_from_db()
    assert item.title != "Hijacked"


def test_staff_can_edit_any_item(client, item, staff_user):
    client.force_login(staff_user)
    url = reverse("items:update", kwargs={"pk": item.pk})
    response = client.post(url, {"title": "Moderated", "body": item.body})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Moderated"


def test_owner_can_delete(client, item):
    client.force_login(item.owner)
    url = reverse("items:delete", kwargs={"pk": item.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("items:list")
    assert "was deleted" in response.content.decode()
    assert not Item.objects.filter(pk=item.pk).exists()


def test_delete_needs_login(client, item):
    url = reverse("items:delete", kwargs={"pk": item.pk})
    assert client.post(url).status_code == 302
    assert Item.objects.filter(pk=item.pk).exists()


def test_non_owner_cannot_delete(client, item, other_user):
    client.force_login(other_user)
    assert client.post(reverse("items:delete", kwargs={"pk": item.pk})).status_code == 403
    assert Item.objects.filter(pk=item.pk).exists()


def test_edit_links_only_for_the_owner(client, item, other_user):
    edit_url = reverse("items:update", kwargs={"pk": item.pk})
    client.force_login(other_user)
    assert edit_url not in client.get(item.get_absolute_url()).content.decode()
    client.force_login(item.owner)
    assert edit_url in client.get(item.get_absolute_url()).content.decode()
