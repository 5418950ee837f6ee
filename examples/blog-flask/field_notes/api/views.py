"""Posts over JSON: anyone reads; logged-in users write, and only the owner or an admin changes one.

Authentication is the site's session cookie; as with the HTML forms, every write must carry
the CSRF token, in an ``X-CSRFToken`` header (the pages have it in ``<meta name="csrf-token">``).
"""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint, abort
from flask_smorest.pagination import PaginationParameters

from ..posts.models import (
    Post,
    delete_post,
    get_post_or_404,
    list_posts,
    save_post,
)
from .schemas import PostSchema

bp = Blueprint("api", __name__, url_prefix="/api", description="Posts")


def logged_in_user() -> Any:
    """The current user; 401 when nobody is logged in."""
    if not current_user.is_authenticated:
        abort(401, message="Log in first.")
    return current_user._get_current_object()


def editable_post(post_id: int) -> Post:
    """The post, if the current user may change it: 401, 403 or 404 otherwise."""
    user = logged_in_user()
    post = get_post_or_404(post_id)
    if post.owner_id != user.id and not user.is_admin:
        abort(403, message="Only its owner or an admin may change this post.")
    return post


@bp.route("/posts/")
class PostList(MethodView):
    @bp.response(200, PostSchema(many=True))
    @bp.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> list[Post]:
        """List posts, newest first (paging in the X-Pagination header)."""
        page = list_posts(pagination_parameters.page, pagination_parameters.page_size)
        pagination_parameters.item_count = page.total
        return list(page.items)

    @bp.arguments(PostSchema)
    @bp.response(201, PostSchema)
    def post(self, data: dict[str, Any]) -> Post:
        """Create a post (logged-in users)."""
        post = Post(title=data["title"], body=data["body"], owner=logged_in_user())
        save_post(post)
        return post


@bp.route("/posts/<int:post_id>")
class PostDetail(MethodView):
    @bp.response(200, PostSchema)
    def get(self, post_id: int) -> Post:
        """Read a post."""
        return get_post_or_404(post_id)

    @bp.arguments(PostSchema)
    @bp.response(200, PostSchema)
    def put(self, data: dict[str, Any], post_id: int) -> Post:
        """Replace a post's title and body (its owner or an admin)."""
        post = editable_post(post_id)
        post.title = data["title"]
        post.body = data["body"]
        save_post(post)
        return post

    @bp.response(204)
    def delete(self, post_id: int) -> None:
        """Delete a post (its owner or an admin)."""
        delete_post(editable_post(post_id))
