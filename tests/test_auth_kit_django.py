"""A Django project moved from the simple account kit to the full one (django-allauth) with `update`:
the users it already has keep their accounts and log in, their addresses carried over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import answers_of, commit_all
from tests.project_env import check_in_project
from tests.test_update import new_project as new_django_project
from tests.test_update import update

pytestmark = pytest.mark.slow

PASSWORD = "correct-Horse-battery-st4ple"

#: Users made with the simple kit: two share an address (the simple kit allows it).
MAKE_USERS = f"""
import django
django.setup()
from accounts.models import User
User.objects.create_user("olga", "Olga@Example.com", {PASSWORD!r})
User.objects.create_user("sam", "shared@example.com", {PASSWORD!r})
User.objects.create_user("sue", "shared@example.com", {PASSWORD!r})
User.objects.create_user("nomail", "", {PASSWORD!r})
"""

#: Log in through allauth's form with the Django test client, as a browser would post it.
LOG_IN = (
    f"PASSWORD = {PASSWORD!r}\n"
    + """
import json, sys
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from allauth.account.models import EmailAddress
setup_test_environment()
results = {}
for login in sys.argv[1:]:
    client = Client()
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    results[login] = [response.status_code, response.get("Location"), "_auth_user_id" in client.session]
results["addresses"] = sorted([a.user.username, a.email, a.verified] for a in EmailAddress.objects.all())
print(json.dumps(results))
"""
)


def test_update_to_the_full_kit_keeps_existing_users_able_to_log_in(tmp_path: Path) -> None:
    project = new_django_project(tmp_path, "framework=django", "auth=true", "auth_kit=simple")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}", "DJANGO_SETTINGS_MODULE": "my_project.settings"}
    check_in_project(project, "python", "manage.py", "migrate", "--noinput", env=env)
    check_in_project(project, "python", "-c", MAKE_USERS, env=env)

    code, output = update(project, "auth_kit=full")
    assert code == 0, output
    assert answers_of(project)["auth_kit"] == "full"
    assert not (project / "accounts" / "views.py").exists()
    assert 'include("allauth.urls")' in (project / "my_project" / "urls.py").read_text()
    commit_all(project, "Update: auth_kit=full")

    check_in_project(project, "python", "manage.py", "migrate", "--noinput", env=env)
    check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run", env=env)
    out = check_in_project(project, "python", "-c", LOG_IN, "olga", "olga@example.com", "sam", "nomail", env=env)
    results = json.loads(out.strip().splitlines()[-1])
    # olga's address was hers alone: it is verified, and she logs in by username or by address.
    assert results["olga"] == [302, "/", True]
    assert results["olga@example.com"] == [302, "/", True]
    # sam shares his address with sue: it stays unverified, so logging in asks him to confirm it first.
    assert results["sam"] == [302, "/accounts/confirm-email/", False]
    # nomail has no address to confirm: no login (DECISIONS.md says so).
    assert results["nomail"][2] is False
    assert results["addresses"] == [
        ["olga", "olga@example.com", True],
        ["sam", "shared@example.com", False],
        ["sue", "shared@example.com", False],
    ]
