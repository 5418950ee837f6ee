"""The ``flask tokens create USER`` and ``flask tokens revoke ID`` commands."""

from __future__ import annotations

import click

from ..auth.models import user_by_username
from .models import create_token, revoke_token, token_by_id, tokens_of
from .views import bp


@bp.cli.command("create")
@click.argument("username")
@click.option("--name", default="command line", show_default=True, help="What the token is for.")
def create_command(username: str, name: str) -> None:
    """Make an API token for USERNAME and print it (this once: only its digest is kept)."""
    user = user_by_username(username)
    if user is None:
        raise click.BadParameter(f"no user is named {username!r}", param_hint="USERNAME")
    row, token = create_token(user, name)
    click.echo(f"Token {row.id} for {username}: {token}")


@bp.cli.command("list")
@click.argument("username")
def list_command(username: str) -> None:
    """List USERNAME's tokens (ids and names; the tokens themselves are not kept)."""
    user = user_by_username(username)
    if user is None:
        raise click.BadParameter(f"no user is named {username!r}", param_hint="USERNAME")
    for row in tokens_of(user):
        click.echo(f"{row.id}\t{row.name}\t{row.created_at:%Y-%m-%d %H:%M}")


@bp.cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Revoke the token TOKEN_ID: it stops working at once."""
    row = token_by_id(token_id)
    if row is None:
        raise click.BadParameter(f"there is no token {token_id}", param_hint="TOKEN_ID")
    revoke_token(row)
    click.echo(f"Token {token_id} is revoked.")
