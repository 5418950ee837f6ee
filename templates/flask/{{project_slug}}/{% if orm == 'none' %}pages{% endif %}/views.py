"""The about and contact pages."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from ..i18n import _
from ..mail import send_mail
from ..throttling import limiter
from .forms import ContactForm

bp = Blueprint("pages", __name__, template_folder="templates")


@bp.get("/about")
def about() -> ResponseReturnValue:
    return render_template("pages/about.html")


@bp.route("/contact", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])  # each message is an email: no flooding the inbox
def contact() -> ResponseReturnValue:
    form = ContactForm()
    if form.validate_on_submit():
        send_mail(
            current_app.config["CONTACT_EMAIL"],
            f"Contact form: {form.name.data}",
            f"From: {form.name.data} <{form.email.data}>\n\n{form.message.data}",
            reply_to=form.email.data,
        )
        flash(_("Thank you: your message is sent."), "success")
        return redirect(url_for("main.index"))
    return render_template("pages/contact.html", form=form)
