"""Products: list, detail, create, edit, delete (who may write: see permissions.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from .. import database
from ..i18n import _
from .forms import ProductForm
from .listing import page_of_products
from .models import Product
from .permissions import login_to_write, new_product_fields, refusal

bp = Blueprint("products", __name__, url_prefix="/products", template_folder="templates")


def can_edit(product: Product) -> bool:
    """Whether the current user may change or delete ``product``."""
    return refusal(product) is None


@bp.context_processor
def template_names() -> dict[str, Any]:
    """Names and phrases the templates use, so they read the same for any model (phrases whole, for
    the languages whose words change with the noun: "New product" is not "New" + "product" in all of them)."""
    return {
        "singular": "product",
        "plural": "products",
        "can_edit": can_edit,
        "plural_title": _("Products"),
        "new_label": _("New product"),
        "all_label": _("All products"),
        "none_yet": _("No products yet."),
    }


def get_editable_product(product_id: int) -> Product:
    """The product, if the current user may change it (403 otherwise, 404 if there is none)."""
    product = database.get_or_404(Product, product_id)
    if not can_edit(product):
        abort(403)
    return product


@bp.get("/")
def index() -> ResponseReturnValue:
    page = page_of_products(request.args.get("page", 1, type=int), current_app.config["ITEMS_PER_PAGE"])
    return render_template("products/list.html", page=page)


@bp.get("/<int:id>")
def detail(id: int) -> ResponseReturnValue:
    return render_template("products/detail.html", item=database.get_or_404(Product, id))


@bp.route("/new", methods=["GET", "POST"])
@login_to_write
def create() -> ResponseReturnValue:
    form = ProductForm()
    if form.validate_on_submit():
        product = Product(title=form.title.data, body=form.body.data or "", **new_product_fields())
        database.save(product)
        flash(_("The product is created."), "success")
        return redirect(url_for(".detail", id=product.id))
    return render_template("products/form.html", form=form, item=None)


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
@login_to_write
def edit(id: int) -> ResponseReturnValue:
    product = get_editable_product(id)
    form = ProductForm(obj=product)
    if form.validate_on_submit():
        product.title = form.title.data
        product.body = form.body.data or ""
        database.save(product)
        flash(_("The product is saved."), "success")
        return redirect(url_for(".detail", id=product.id))
    return render_template("products/form.html", form=form, item=product)


@bp.route("/<int:id>/delete", methods=["GET", "POST"])
@login_to_write
def delete(id: int) -> ResponseReturnValue:
    product = get_editable_product(id)
    if request.method == "POST":  # CSRFProtect has checked the form's token
        database.delete(product)
        flash(_("The product is deleted."), "success")
        return redirect(url_for(".index"))
    return render_template("products/confirm_delete.html", item=product)
