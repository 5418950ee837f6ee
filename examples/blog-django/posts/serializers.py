"""How posts look in JSON (Django REST framework), in and out.

The rules are the OpenAPI document's too (its ``type``, ``maxLength`` and ``pattern``), so a client
knows before sending what the server refuses.
"""

from django.core.validators import RegexValidator
from django.db import models
from rest_framework import serializers

from .models import Post

#: No NUL character anywhere (PostgreSQL cannot store one); with ``HAS_TEXT``, something other than spaces.
NO_NUL = RegexValidator(r"^[^\x00]*$", "Text may not hold a NUL character.")
HAS_TEXT = RegexValidator(r"^[^\x00]*[^\s\x00][^\x00]*$", "Write something other than spaces.")


class TextField(serializers.CharField):
    """A string, and only a string (DRF's own takes the number 12 for "12"), kept as sent (not trimmed,
    so the document's lengths are the server's), holding something other than spaces unless it may be blank."""

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.validators.append(NO_NUL if self.allow_blank else HAS_TEXT)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class PostSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: TextField,
        models.TextField: TextField,
    }
    owner = serializers.CharField(source="owner.get_username", read_only=True)

    class Meta:
        model = Post
        fields = ["id", "title", "body", "owner", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
