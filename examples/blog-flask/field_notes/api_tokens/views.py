"""The API tokens page: a logged-in user makes tokens (each shown once) and revokes them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..i18n import _, _l
from .models import create_token, revoke_token, token_by_id, tokens_of

bp = Blueprint("api_tokens", __name__, url_prefix="/tokens", template_folder="templates", cli_group="tokens")


class TokenForm(FlaskForm):
    name = StringField(_l("What it is for"), validators=[DataRequired(), Length(max=100)])


class RevokeForm(FlaskForm):
    """No field: the CSRF token only."""


@bp.route("/", methods=["GET", "POST"])
@login_required
def index() -> ResponseReturnValue:
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        _, new_token = create_token(current_user._get_current_object(), form.name.data)
        form = TokenForm(formdata=None)
    return render_template(
        "api_tokens/list.html", form=form, revoke_form=RevokeForm(), tokens=tokens_of(current_user), new_token=new_token
    )


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int) -> ResponseReturnValue:
    row = token_by_id(token_id)
    if row is None or row.user_id != current_user.id:
        abort(404)  # someone else's token is none of this user's business
    if RevokeForm().validate_on_submit():
        revoke_token(row)
        flash(_("The token “%(name)s” is revoked.", name=row.name), "success")
    return redirect(url_for(".index"))
