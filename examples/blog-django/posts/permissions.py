from rest_framework import permissions


class IsOwnerOrStaffOrReadOnly(permissions.IsAuthenticatedOrReadOnly):
    """Anyone may read; authenticated users may create; only the owner or staff may change or delete.

    Being an ``IsAuthenticatedOrReadOnly`` (its ``has_permission``), it lets the OpenAPI document say
    that reads are public (``api_contract.py`` of the project package).
    """

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.is_staff or obj.owner_id == request.user.pk
