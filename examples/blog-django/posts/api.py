"""The REST API of the posts: Django REST framework's ModelViewSet, routed in api_urls.py."""

from rest_framework import viewsets

from .models import Post
from .permissions import IsOwnerOrStaffOrReadOnly
from .serializers import PostSerializer


class PostViewSet(viewsets.ModelViewSet):
    """List, read, create, update and delete posts; writes by their owner or staff."""

    queryset = Post.objects.select_related("owner")
    serializer_class = PostSerializer
    permission_classes = [IsOwnerOrStaffOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)
