"""Items: list, detail, create, edit, delete."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from .forms import ItemForm
from .models import Item, delete_item, get_item_or_404, list_items, save_item

bp = Blueprint("items", __name__, url_prefix="/items", template_folder="templates")


def can_edit(item: Item) -> bool:
    """Whether the current user may change or delete ``item``."""
    return True  # no accounts: anyone may (turn on auth to restrict this)


@bp.context_processor
def template_names() -> dict[str, Any]:
    """Names the templates use, so they read the same for any model."""
    return {"singular": "item", "plural": "items", "can_edit": can_edit}


def get_editable_item(item_id: int) -> Item:
    """The item, if the current user may change it (404 if there is none)."""
    item = get_item_or_404(item_id)
    return item


@bp.get("/")
def index() -> ResponseReturnValue:
    page = list_items(max(request.args.get("page", 1, type=int), 1), current_app.config["ITEMS_PER_PAGE"])
    return render_template("items/list.html", page=page)


@bp.get("/<int:id>")
def detail(id: int) -> ResponseReturnValue:
    return render_template("items/detail.html", item=get_item_or_404(id))


@bp.route("/new", methods=["GET", "POST"])
def create() -> ResponseReturnValue:
    form = ItemForm()
    if form.validate_on_submit():
        item = Item(title=form.title.data, body=form.body.data or "")
        save_item(item)
        flash("The item is created.", "success")
        return redirect(url_for(".detail", id=item.id))
    return render_template("items/form.html", form=form, item=None)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
def edit(id: int) -> ResponseReturnValue:
    item = get_editable_item(id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        item.title = form.title.data
        item.body = form.body.data or ""
        save_item(item)
        flash("The item is saved.", "success")
        return redirect(url_for(".detail", id=item.id))
    return render_template("items/form.html", form=form, item=item)


@bp.route("/<int:id>/delete", methods=["GET", "POST"])
def delete(id: int) -> ResponseReturnValue:
    item = get_editable_item(id)
    if request.method == "POST":  # CSRFProtect has checked the form's token
        delete_item(item)
        flash("The item is deleted.", "success")
        return redirect(url_for(".index"))
    return render_template("items/confirm_delete.html", item=item)
