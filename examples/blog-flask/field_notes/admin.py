"""The admin panel (Flask-Admin), open to admin users only.

Anonymous visitors are sent to the login page; logged-in users who are not admins get 403.
https://flask-admin.readthedocs.io/
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, redirect, request, url_for
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import BaseForm
from flask_admin.theme import Bootstrap4Theme
from flask_login import current_user
from flask_wtf import FlaskForm

from . import security
from .auth.models import User
from .database import db
from .posts.models import Post

#: Flask-Admin's pages use inline scripts and styles (they are for admins only).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class AdminForm(BaseForm):
    """Admin forms carry Flask-WTF's CSRF token, which CSRFProtect checks on every POST."""

    class Meta(FlaskForm.Meta):
        pass


class AdminOnlyMixin:
    """Admin users only: log in first, and 403 for everyone else."""

    def is_accessible(self) -> bool:
        return bool(current_user.is_authenticated and current_user.is_admin)

    def inaccessible_callback(self, name: str, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        abort(403)


class AdminHomeView(AdminOnlyMixin, AdminIndexView):
    """The admin's home page."""


class SecureModelView(AdminOnlyMixin, ModelView):
    """A model view with CSRF-protected forms."""

    form_base_class = AdminForm
    page_size = 50


class UserAdmin(SecureModelView):
    """Users: the password hash is never shown nor editable (users reset it themselves)."""

    column_list = ("username", "email", "is_admin", "created_at")
    column_searchable_list = ("username", "email")
    column_filters = ("is_admin",)
    form_columns = ("username", "email", "is_admin")
    column_details_exclude_list = ("password_hash",)
    column_export_exclude_list = ("password_hash",)
    can_create = False  # accounts are made by signing up or with flask create-admin


class PostAdmin(SecureModelView):
    """Posts."""

    column_list = ("title", "owner", "created_at", "updated_at")
    column_searchable_list = ("title",)
    column_default_sort = ("created_at", True)
    form_excluded_columns = ("created_at", "updated_at")


def init_app(app: Flask) -> Admin:
    """Create the admin panel for ``app`` (one per app, so tests can make many apps)."""
    admin = Admin(
        app,
        name=f"{app.config['SITE_NAME']} admin",
        index_view=AdminHomeView(),
        theme=Bootstrap4Theme(),
    )
    admin.add_view(UserAdmin(User, db, name="Users"))
    admin.add_view(PostAdmin(Post, db, name="Posts"))
    security.loosen_policy(app, "/admin", CONTENT_SECURITY_POLICY)
    app.jinja_env.globals["admin_endpoint"] = "admin.index"  # the Admin link in base.html
    return admin
