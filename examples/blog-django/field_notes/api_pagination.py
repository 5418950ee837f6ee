"""The API's paginator (``REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]``), as strict as its OpenAPI document.

A module of its own: DRF imports it while it loads, before drf-spectacular can be (``api_contract.py``).
"""

import re

from rest_framework import pagination
from rest_framework.exceptions import NotFound

__all__ = ["PageNumberPagination"]


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's, but ``page`` is a whole number, as the document says: anything else (DRF takes an empty one
    for the first page, ``last`` for the last) is 404, like a page past the last."""

    last_page_strings = ()

    def get_page_number(self, request, paginator):
        number = request.query_params.get(self.page_query_param, "1")
        if not re.fullmatch(r"-?[0-9]+", number):
            raise NotFound(self.invalid_page_message.format(page_number=number[:20], message="not a whole number"))
        return number
