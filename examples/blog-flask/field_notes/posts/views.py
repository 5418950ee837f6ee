"""Posts: list, detail, create, edit, delete (writes need login; only the owner or an admin may change one)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from .forms import PostForm
from .models import Post, delete_post, get_post_or_404, list_posts, save_post

bp = Blueprint("posts", __name__, url_prefix="/posts", template_folder="templates")


def can_edit(post: Post) -> bool:
    """Whether the current user may change or delete ``post``."""
    return current_user.is_authenticated and (post.owner_id == current_user.id or current_user.is_admin)


@bp.context_processor
def template_names() -> dict[str, Any]:
    """Names the templates use, so they read the same for any model."""
    return {"singular": "post", "plural": "posts", "can_edit": can_edit}


def get_editable_post(post_id: int) -> Post:
    """The post, if the current user may change it (403 otherwise, 404 if there is none)."""
    post = get_post_or_404(post_id)
    if not can_edit(post):
        abort(403)
    return post


@bp.get("/")
def index() -> ResponseReturnValue:
    page = list_posts(max(request.args.get("page", 1, type=int), 1), current_app.config["ITEMS_PER_PAGE"])
    return render_template("posts/list.html", page=page)


@bp.get("/<int:id>")
def detail(id: int) -> ResponseReturnValue:
    return render_template("posts/detail.html", item=get_post_or_404(id))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create() -> ResponseReturnValue:
    form = PostForm()
    if form.validate_on_submit():
        post = Post(title=form.title.data, body=form.body.data or "", owner=current_user._get_current_object())
        save_post(post)
        flash("The post is created.", "success")
        return redirect(url_for(".detail", id=post.id))
    return render_template("posts/form.html", form=form, item=None)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@login_required
def edit(id: int) -> ResponseReturnValue:
    post = get_editable_post(id)
    form = PostForm(obj=post)
    if form.validate_on_submit():
        post.title = form.title.data
        post.body = form.body.data or ""
        save_post(post)
        flash("The post is saved.", "success")
        return redirect(url_for(".detail", id=post.id))
    return render_template("posts/form.html", form=form, item=post)


@bp.route("/<int:id>/delete", methods=["GET", "POST"])
@login_required
def delete(id: int) -> ResponseReturnValue:
    post = get_editable_post(id)
    if request.method == "POST":  # CSRFProtect has checked the form's token
        delete_post(post)
        flash("The post is deleted.", "success")
        return redirect(url_for(".index"))
    return render_template("posts/confirm_delete.html", item=post)
