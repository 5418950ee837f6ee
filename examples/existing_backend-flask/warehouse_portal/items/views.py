"""Items: list, detail, create, edit, delete (who may write: see permissions.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from .. import database
from ..i18n import _
from .forms import ItemForm
from .listing import page_of_items
from .models import Item
from .permissions import login_to_write, new_item_fields, refusal

bp = Blueprint("items", __name__, url_prefix="/items", template_folder="templates")


def can_edit(item: Item) -> bool:
    """Whether the current user may change or delete ``item``."""
    return refusal(item) is None


@bp.context_processor
def template_names() -> dict[str, Any]:
    """Names and phrases the templates use, so they read the same for any model (phrases whole, for
    the languages whose words change with the noun: "New item" is not "New" + "item" in all of them)."""
    return {
        "singular": "item",
        "plural": "items",
        "can_edit": can_edit,
        "plural_title": _("Items"),
        "new_label": _("New item"),
        "all_label": _("All items"),
        "none_yet": _("No items yet."),
    }


def get_editable_item(item_id: int) -> Item:
    """The item, if the current user may change it (403 otherwise, 404 if there is none)."""
    item = database.get_or_404(Item, item_id)
    if not can_edit(item):
        abort(403)
    return item


@bp.get("/")
def index() -> ResponseReturnValue:
    page = page_of_items(request.args.get("page", 1, type=int), current_app.config["ITEMS_PER_PAGE"])
    return render_template("items/list.html", page=page)


@bp.get("/<int:id>")
def detail(id: int) -> ResponseReturnValue:
    return render_template("items/detail.html", item=database.get_or_404(Item, id))


@bp.route("/new", methods=["GET", "POST"])
@login_to_write
def create() -> ResponseReturnValue:
    form = ItemForm()
    if form.validate_on_submit():
        item = Item(title=form.title.data, body=form.body.data or "", **new_item_fields())
        database.save(item)
        flash(_("The item is created."), "success")
        return redirect(url_for(".detail", id=item.id))
    return render_template("items/form.html", form=form, item=None)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@login_to_write
def edit(id: int) -> ResponseReturnValue:
    item = get_editable_item(id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        item.title = form.title.data
        item.body = form.body.data or ""
        database.save(item)
        flash(_("The item is saved."), "success")
        return redirect(url_for(".detail", id=item.id))
    return render_template("items/form.html", form=form, item=item)


@bp.route("/<int:id>/delete", methods=["GET", "POST"])
@login_to_write
def delete(id: int) -> ResponseReturnValue:
    item = get_editable_item(id)
    if request.method == "POST":  # CSRFProtect has checked the form's token
        database.delete(item)
        flash(_("The item is deleted."), "success")
        return redirect(url_for(".index"))
    return render_template("items/confirm_delete.html", item=item)
