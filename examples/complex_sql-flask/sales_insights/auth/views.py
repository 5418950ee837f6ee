"""Account pages: sign up, log in, log out, change and reset a password."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import login_manager
from ..i18n import _, _l
from ..mail import send_mail
from ..security import safe_next_url
from ..throttling import configured, limiter, posted
from .forms import ChangePasswordForm, LoginForm, ResetPasswordForm, ResetRequestForm, SignupForm
from .models import User, create_user, get_user, save_user, user_by_email, user_by_username
from .tokens import make_reset_token, user_from_reset_token

# cli_group=None: the blueprint's commands are top-level (flask create-admin).
bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates", cli_group=None)

# Flask-Login's message on its way to the login page, in the visitor's language (str() translates it
# when it is flashed).
login_manager.login_message = _l("Please log in to access this page.")
login_manager.localize_callback = str


@login_manager.user_loader
def load_user(session_key: str) -> User | None:
    """Flask-Login's hook: the user of a session key from ``User.get_id`` ("id:fingerprint").

    A key made before the user's password last changed no longer loads anyone.
    """
    user_id, fingerprint = session_key.partition(":")[::2]
    user = get_user(int(user_id)) if user_id.isdigit() else None
    if user is None or not hmac.compare_digest(fingerprint, user.password_fingerprint):
        return None
    return user


def failed(response: Response) -> bool:
    """Whether a login attempt failed: a successful one redirects, a failed one shows the form again."""
    return response.status_code == 200


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit(configured("SIGNUP_LIMIT"), methods=["POST"])
def signup() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = SignupForm()
    if form.validate_on_submit():
        if user_by_username(form.username.data):
            form.username.errors.append(_("This username is taken."))
        elif user_by_email(form.email.data):
            form.email.errors.append(_("An account with this email address exists: log in or reset its password."))
        else:
            user = create_user(form.username.data, form.email.data, form.password.data)
            login_user(user)
            flash(_("Welcome, %(username)s! Your account is ready.", username=user.username), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(configured("LOGIN_ADDRESS_LIMIT"), methods=["POST"], deduct_when=failed)
@limiter.limit(
    configured("LOGIN_ACCOUNT_LIMIT"), methods=["POST"], deduct_when=failed, key_func=lambda: posted("username")
)
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = user_by_username(form.username.data)
        if user is not None and user.check_password(form.password.data):
            login_user(user, remember=form.remember.data)
            flash(_("Logged in as %(username)s.", username=user.username), "success")
            return redirect(safe_next_url(request.args.get("next")) or url_for("main.index"))
        form.form_errors.append(_("Wrong username or password."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if current_user.check_password(form.current_password.data):
            user = current_user._get_current_object()
            user.set_password(form.password.data)
            save_user(user)
            login_user(user)  # a new session key: other sessions are logged out
            flash(_("Your password is changed; your other sessions are logged out."), "success")
            return redirect(url_for("main.index"))
        form.current_password.errors.append(_("This is not your current password."))
    return render_template("auth/change_password.html", form=form)


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(configured("RESET_REQUEST_LIMIT"), methods=["POST"])
@limiter.limit(configured("RESET_REQUEST_LIMIT"), methods=["POST"], key_func=lambda: posted("email"))
def reset_request() -> ResponseReturnValue:
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = user_by_email(form.email.data)
        if user is not None:
            link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
            send_mail(
                user.email,
                _("Reset your password"),
                render_template("auth/email/reset_password.txt", user=user, link=link),
            )
        # The same answer whether or not the address has an account.
        flash(_("If an account uses this address, we sent it a link to reset the password."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    user = user_from_reset_token(token)
    if user is None:
        flash(_("This password reset link is invalid or has expired: ask for a new one."), "error")
        return redirect(url_for("auth.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        save_user(user)
        flash(_("Your password is changed: you can log in with it now."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
