"""API tokens from the command line: ``manage.py tokens create|list|revoke USERNAME``.

Tokens are django-rest-knox's: only a digest is stored, so a token is shown once, when it is made. A
client sends it as ``Authorization: Token <token>``; its first characters (the key ``list`` shows) name it.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from knox.models import AuthToken
from knox.settings import CONSTANTS


class Command(BaseCommand):
    help = "Create, list or revoke a user's API tokens."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("username")
        parser.add_argument("key", nargs="?", help="revoke: the token's key (as list shows it), or its whole value")
        parser.add_argument("--days", type=int, help="create: days the token lasts (default: API_TOKEN_DAYS)")
        parser.add_argument("--all", action="store_true", help="revoke: every token of the user")

    def handle(self, *args, action, username, key=None, days=None, all=False, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
        tokens = AuthToken.objects.filter(user=user)
        if action == "create":
            extra = {} if days is None else {"expiry": timedelta(days=days)}
            instance, token = AuthToken.objects.create(user, **extra)
            until = f"until {instance.expiry:%Y-%m-%d}" if instance.expiry else "with no end"
            self.stderr.write(f"Token {instance.token_key} for {username}, valid {until}:")
            self.stdout.write(token)
        elif action == "list":
            for token in tokens.order_by("created"):
                expires = f"{token.expiry:%Y-%m-%d}" if token.expiry else "never"
                self.stdout.write(f"{token.token_key}  created {token.created:%Y-%m-%d}  expires {expires}")
        else:
            if not (all or key):
                raise CommandError("Name the token to revoke (its key, as list shows it) or pass --all.")
            chosen = tokens if all else tokens.filter(token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH])
            count, _ = chosen.delete()
            if not count:
                raise CommandError(f"{username} has no such token.")
            self.stdout.write(f"Revoked {count} token{'s' if count != 1 else ''} of {username}.")
