"""The full account kit (django-allauth) over users made before it: each address becomes their primary one.

An address is marked verified when no other account has it: before allauth, a password reset link went to
that address, so whoever reads its mail could already take over the account; marking it verified trusts it
no more than that, and spares existing users a confirmation on their next login. An address that several
accounts share stays unverified on each (allauth allows a verified address on one account only): those users
confirm it at their next login, and only the first to confirm gets it.
"""

from django.db import migrations
from django.db.models import Count
from django.db.models.functions import Lower


def add_email_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    users = User.objects.exclude(email="").filter(emailaddress__isnull=True)
    shared = set(
        User.objects.exclude(email="")
        .annotate(address=Lower("email"))
        .values("address")
        .annotate(accounts=Count("id"))
        .filter(accounts__gt=1)
        .values_list("address", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email.lower(), primary=True, verified=user.email.lower() not in shared)
        for user in users
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(add_email_addresses, migrations.RunPython.noop)]
