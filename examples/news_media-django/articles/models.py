from django.conf import settings
from django.db import models
from django.urls import reverse


class Article(models.Model):
    """An article: the example model, written by its owner; rename it or copy it for your own data."""

    title = models.CharField(max_length=200)
    body = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="articles")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})
