"""The admin's permissions per model, with either account kit: staff see only what they are granted."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from .conftest import PASSWORD

CHANGELIST = "admin:articles_article_changelist"


def test_superuser_sees_the_articles(client, db):
    admin_user = get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    client.force_login(admin_user)
    assert reverse(CHANGELIST) in client.get(reverse("admin:index")).content.decode()


def test_staff_with_the_view_permission_sees_the_article_list(client, article, staff_user):
    url = reverse(CHANGELIST)
    client.force_login(staff_user)
    assert client.get(url).status_code == 403  # staff, but no permission on the model yet

    staff_user.user_permissions.add(Permission.objects.get(codename="view_article"))
    response = client.get(url, {"q": "first"})
    assert response.status_code == 200
    assert article.title in response.content.decode()
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(change, {"title": "Renamed"}).status_code == 403  # viewing is not changing
