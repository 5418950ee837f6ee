"""The admin's permissions per model, with either account kit: staff see only what they are granted."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from .conftest import PASSWORD

CHANGELIST = "admin:posts_post_changelist"


def test_superuser_sees_the_posts(client, db):
    admin_user = get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    client.force_login(admin_user)
    assert reverse(CHANGELIST) in client.get(reverse("admin:index")).content.decode()


def test_staff_with_the_view_permission_sees_the_post_list(client, post, staff_user):
    url = reverse(CHANGELIST)
    client.force_login(staff_user)
    assert client.get(url).status_code == 403  # staff, but no permission on the model yet

    staff_user.user_permissions.add(Permission.objects.get(codename="view_post"))
    response = client.get(url, {"q": "first"})
    assert response.status_code == 200
    assert post.title in response.content.decode()
    change = reverse("admin:posts_post_change", args=[post.pk])
    assert client.post(change, {"title": "Renamed"}).status_code == 403  # viewing is not changing
