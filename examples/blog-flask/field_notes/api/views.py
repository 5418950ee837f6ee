"""Posts over JSON: anyone reads; who may write is decided in ``posts/permissions.py``.

A write comes with an API token (``Authorization: Bearer``, see ``api_tokens/guard.py``) or with the
session cookie and the CSRF token in an ``X-CSRFToken`` header (the pages have it in
``<meta name="csrf-token">``), as the HTML forms carry it in a field.
"""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from flask_smorest.pagination import PaginationParameters

from .. import database
from ..posts.models import Post, list_posts
from ..posts.permissions import new_post_fields, refusal
from .schemas import PostSchema

bp = Blueprint("api", __name__, url_prefix="/api", description="Posts")

#: The OpenAPI document's word on writes: an API token, or the session cookie (and the CSRF token).
WRITERS: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"sessionCookie": []}]
WRITE_DOCS: dict[str, Any] = {"security": WRITERS}
#: Reads: anyone (``{}``); credentials may come, and a token that is not valid is refused (401).
READ_DOCS: dict[str, Any] = {"security": [*WRITERS, {}]}


def check_may_write(post: Post | None = None) -> None:
    """Stop with a JSON 401 or 403 error unless the current user may write ``post`` (or a new one)."""
    problem = refusal(post)
    if problem is not None:
        status, message = problem
        abort(status, message=message)


def editable_post(post_id: int) -> Post:
    """The post, if the current user may change it: 401, 403 or 404 otherwise."""
    check_may_write()
    post = database.get_or_404(Post, post_id)
    check_may_write(post)
    return post


@bp.route("/posts/")
class PostList(MethodView):
    @bp.doc(**READ_DOCS)
    @bp.response(200, PostSchema(many=True))
    @bp.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> list[Post]:
        """List posts, newest first (paging in the X-Pagination header)."""
        page = list_posts(pagination_parameters.page, pagination_parameters.page_size)
        pagination_parameters.item_count = page.total
        return list(page.items)

    @bp.doc(**WRITE_DOCS)
    @bp.arguments(PostSchema)
    @bp.response(201, PostSchema)
    def post(self, data: dict[str, Any]) -> Post:
        """Create a post."""
        check_may_write()
        post = Post(title=data["title"], body=data["body"], **new_post_fields())
        database.save(post)
        return post


@bp.route("/posts/<int:post_id>")
class PostDetail(MethodView):
    @bp.doc(**READ_DOCS)
    @bp.response(200, PostSchema)
    def get(self, post_id: int) -> Post:
        """Read a post."""
        return database.get_or_404(Post, post_id)

    @bp.doc(**WRITE_DOCS)
    @bp.arguments(PostSchema)
    @bp.response(200, PostSchema)
    def put(self, data: dict[str, Any], post_id: int) -> Post:
        """Replace a post's title and body."""
        post = editable_post(post_id)
        post.title = data["title"]
        post.body = data["body"]
        database.save(post)
        return post

    @bp.doc(**WRITE_DOCS)
    @bp.response(204)
    def delete(self, post_id: int) -> None:
        """Delete a post."""
        database.delete(editable_post(post_id))
