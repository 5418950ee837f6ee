"""The products pages: list and detail for all; create, edit and delete for logged-in users."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from products.models import Product


def test_model(product):
    assert str(product) == product.title
    assert product.get_absolute_url().endswith(f"/products/{product.pk}/")


def test_list_shows_the_products(client, product):
    response = client.get(reverse("products:list"))
    assert response.status_code == 200
    assert product.title in response.content.decode()


@pytest.mark.django_db
def test_empty_list(client):
    response = client.get(reverse("products:list"))
    assert 'class="empty"' in response.content.decode()


def test_list_is_paginated_newest_first(client, user):
    for number in range(12):
        Product.objects.create(title=f"Product {number}", body="...", owner=user)
    first_page = client.get(reverse("products:list")).content.decode()
    assert "Product 11" in first_page
    assert "Product 0<" not in first_page
    assert 'class="pagination"' in first_page
    second_page = client.get(reverse("products:list"), {"page": 2}).content.decode()
    assert "Product 0<" in second_page


def test_detail(client, product):
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert product.title in html
    assert product.body in html


@pytest.mark.django_db
def test_detail_of_a_missing_product_is_404(client):
    assert client.get(reverse("products:detail", kwargs={"pk": 999})).status_code == 404


def login_url_for(path):
    return f"{resolve_url(settings.LOGIN_URL)}?next={path}"


def test_create_needs_login(client, db):
    url = reverse("products:create")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_create(client, user):
    client.force_login(user)
    response = client.post(reverse("products:create"), {"title": "A new product", "body": "Some text."}, follow=True)
    created = Product.objects.get(title="A new product")
    assert created.owner == user
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "was created" in response.content.decode()


def test_create_shows_validation_errors(client, user):
    client.force_login(user)
    response = client.post(reverse("products:create"), {"title": "", "body": "No title."})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errors"' in html
    assert "This field is required." in html
    assert not Product.objects.exists()


def test_owner_can_edit(client, product):
    client.force_login(product.owner)
    url = reverse("products:update", kwargs={"pk": product.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "A better title", "body": product.body}, follow=True)
    assert response.redirect_chain[-1][0] == product.get_absolute_url()
    assert "was saved" in response.content.decode()
    product.refresh_from_db()
    assert product.title == "A better title"


def test_edit_needs_login(client, product):
    url = reverse("products:update", kwargs={"pk": product.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_non_owner_cannot_edit(client, product, other_user):
    client.force_login(other_user)
    url = reverse("products:update", kwargs={"pk": product.pk})
    response = client.get(url)
    assert response.status_code == 403
    assert "<h1>Forbidden</h1>" in response.content.decode()
    assert client.post(url, {"title": "Hijacked", "body": "..."}).status_code == 403
    product.refresh_from_db()
    assert product.title != "Hijacked"


def test_staff_can_edit_any_product(client, product, staff_user):
    client.force_login(staff_user)
    url = reverse("products:update", kwargs={"pk": product.pk})
    response = client.post(url, {"title": "Moderated", "body": product.body})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title == "Moderated"


def test_owner_can_delete(client, product):
    client.force_login(product.owner)
    url = reverse("products:delete", kwargs={"pk": product.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("products:list")
    assert "was deleted" in response.content.decode()
    assert not Product.objects.filter(pk=product.pk).exists()


def test_delete_needs_login(client, product):
    url = reverse("products:delete", kwargs={"pk": product.pk})
    assert client.post(url).status_code == 302
    assert Product.objects.filter(pk=product.pk).exists()


def test_non_owner_cannot_delete(client, product, other_user):
    client.force_login(other_user)
    assert client.post(reverse("products:delete", kwargs={"pk": product.pk})).status_code == 403
    assert Product.objects.filter(pk=product.pk).exists()


def test_edit_links_only_for_the_owner(client, product, other_user):
    edit_url = reverse("products:update", kwargs={"pk": product.pk})
    client.force_login(other_user)
    assert edit_url not in client.get(product.get_absolute_url()).content.decode()
    client.force_login(product.owner)
    assert edit_url in client.get(product.get_absolute_url()).content.decode()
