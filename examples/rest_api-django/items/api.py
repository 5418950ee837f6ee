"""The REST API of the items: Django REST framework's ModelViewSet, routed in api_urls.py."""

from rest_framework import viewsets

from .models import Item
from .permissions import IsOwnerOrStaffOrReadOnly
from .serializers import ItemSerializer


class ItemViewSet(viewsets.ModelViewSet):
    """List, read, create, update and delete items; writes by their owner or staff."""

    queryset = Item.objects.select_related("owner")
    serializer_class = ItemSerializer
    permission_classes = [IsOwnerOrStaffOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
