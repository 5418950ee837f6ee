"""Posts: list, detail, create, edit, delete (who may write: see permissions.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from .. import database
from ..i18n import _
from .forms import PostForm
from .listing import page_of_posts
from .models import Post
from .permissions import login_to_write, new_post_fields, refusal

bp = Blueprint("posts", __name__, url_prefix="/posts", template_folder="templates")


def can_edit(post: Post) -> bool:
    """Whether the current user may change or delete ``post``."""
    return refusal(post) is None


@bp.context_processor
def template_names() -> dict[str, Any]:
    """Names and phrases the templates use, so they read the same for any model (phrases whole, for
    the languages whose words change with the noun: "New post" is not "New" + "post" in all of them)."""
    return {
        "singular": "post",
        "plural": "posts",
        "can_edit": can_edit,
        "plural_title": _("Posts"),
        "new_label": _("New post"),
        "all_label": _("All posts"),
        "none_yet": _("No posts yet."),
    }


def get_editable_post(post_id: int) -> Post:
    """The post, if the current user may change it (403 otherwise, 404 if there is none)."""
    post = database.get_or_404(Post, post_id)
    if not can_edit(post):
        abort(403)
    return post


@bp.get("/")
def index() -> ResponseReturnValue:
    page = page_of_posts(request.args.get("page", 1, type=int), current_app.config["ITEMS_PER_PAGE"])
    return render_template("posts/list.html", page=page)


@bp.get("/<int:id>")
def detail(id: int) -> ResponseReturnValue:
    return render_template("posts/detail.html", item=database.get_or_404(Post, id))


@bp.route("/new", methods=["GET", "POST"])
@login_to_write
def create() -> ResponseReturnValue:
    form = PostForm()
    if form.validate_on_submit():
        post = Post(title=form.title.data, body=form.body.data or "", **new_post_fields())
        database.save(post)
        flash(_("The post is created."), "success")
        return redirect(url_for(".detail", id=post.id))
    return render_template("posts/form.html", form=form, item=None)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@login_to_write
def edit(id: int) -> ResponseReturnValue:
    post = get_editable_post(id)
    form = PostForm(obj=post)
    if form.validate_on_submit():
        post.title = form.title.data
        post.body = form.body.data or ""
        database.save(post)
        flash(_("The post is saved."), "success")
        return redirect(url_for(".detail", id=post.id))
    return render_template("posts/form.html", form=form, item=post)


@bp.route("/<int:id>/delete", methods=["GET", "POST"])
@login_to_write
def delete(id: int) -> ResponseReturnValue:
    post = get_editable_post(id)
    if request.method == "POST":  # CSRFProtect has checked the form's token
        database.delete(post)
        flash(_("The post is deleted."), "success")
        return redirect(url_for(".index"))
    return render_template("posts/confirm_delete.html", item=post)
