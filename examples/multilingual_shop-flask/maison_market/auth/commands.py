"""The ``flask create-admin`` command (Flask-Security-Too adds ``flask users`` and ``flask roles`` too)."""

from __future__ import annotations

import click
from email_validator import EmailNotValidError, validate_email
from flask import Flask
from flask.cli import with_appcontext

from .models import create_user, make_admin, user_by_email, user_by_username


@click.command("create-admin")
@click.option("--username", prompt=True, help="The admin's username.")
@click.option("--email", prompt=True, help="The admin's email address.")
@click.password_option(help="The admin's password (asked for when not given).")
@with_appcontext
def create_admin(username: str, email: str, password: str) -> None:
    """Create an admin user (address confirmed), or give an existing user the admin role."""
    user = user_by_username(username)
    if user is not None:
        make_admin(user)
        click.echo(f"{username} already existed and is now an admin.")
        return
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="--email") from None
    if user_by_email(email) is not None:
        raise click.BadParameter("another user has this email address", param_hint="--email")
    if len(password) < 8:
        raise click.BadParameter("use at least 8 characters", param_hint="--password")
    create_user(username, email, password, is_admin=True)
    click.echo(f"Admin user {username} created.")


def init_app(app: Flask) -> None:
    """Add the command to ``flask``."""
    app.cli.add_command(create_admin)
