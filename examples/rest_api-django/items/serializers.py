from rest_framework import serializers

from .models import Item


class ItemSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.get_username", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "title", "body", "owner", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
