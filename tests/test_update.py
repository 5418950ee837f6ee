"""`flask-or-django update`: the user's edits survive, conflicts are inline, refusals touch nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import answers_of, commit_all, git, postgres_database, run_cli, tree_digest
from tests.project_env import REPO, check_in_project


def new_project(tmp_path: Path, *data: str) -> Path:
    dest = tmp_path / "proj"
    args = [arg for pair in data for arg in ("--data", pair)]
    result = run_cli("new", str(dest), "--defaults", *args)
    assert result.returncode == 0, result.stderr
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def update(project: Path, *data: str, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    args = [arg for pair in data for arg in ("--data", pair)]
    result = run_cli("update", str(project), *args, *extra)
    assert "Traceback" not in result.stderr + result.stdout
    return result.returncode, result.stdout + result.stderr


# --- typical user edits ---------------------------------------------------------------------------

DJANGO_EDITS = {
    "items/models.py": (
        "    body = models.TextField()\n",
        "    body = models.TextField()\n    summary = models.CharField(max_length=120, blank=True)\n",
    ),
    "items/views.py": (
        None,
        '\n\ndef item_count(request):\n    return JsonResponse({"count": Item.objects.count()})\n',
    ),
    "items/urls.py": ("]\n", '    path("count/", views.item_count, name="count"),\n]\n'),
    "my_project/settings.py": ('default="UTC"', 'default="Europe/Paris"'),
    "templates/home.html": ('<p class="lead">', '<p class="lead">Our own words. '),
    "README.md": (None, "\n## Our team\n\nWe deploy on Fridays, carefully.\n"),
    "items/services.py": ("", '"""Our own business rules."""\n\nDISCOUNT = 0.1\n'),
}

FLASK_EDITS = {
    "my_project/items/models.py": (
        '    body: Mapped[str] = mapped_column(Text, default="")\n',
        '    body: Mapped[str] = mapped_column(Text, default="")\n'
        '    summary: Mapped[str] = mapped_column(String(120), default="")\n',
    ),
    "my_project/main/views.py": (
        None,
        '\n\n@bp.get("/ping")\ndef ping() -> str:\n    """Our own view."""\n    return "pong"\n',
    ),
    "my_project/config.py": ("    ITEMS_PER_PAGE = 10\n", "    ITEMS_PER_PAGE = 20\n"),
    "my_project/main/templates/main/index.html": ('<p class="lead">', '<p class="lead">Our own words. '),
    "README.md": (None, "\n## Our team\n\nWe deploy on Fridays, carefully.\n"),
    "my_project/services.py": ("", '"""Our own business rules."""\n\nDISCOUNT = 0.1\n'),
}


def apply_edits(project: Path, edits: dict) -> None:
    for rel, (old, new) in edits.items():
        path = project / rel
        if old == "":
            path.write_text(new)
        elif old is None:
            path.write_text(path.read_text() + new)
        else:
            edit(path, old, new)
    views = project / "items/views.py"
    if views.exists():  # the new Django view needs its import, where a person would put it
        text = views.read_text()
        first_import = text.index("from django")
        views.write_text(text[:first_import] + "from django.http import JsonResponse\n" + text[first_import:])
        check_in_project(project, "ruff", "check", "--fix", "--quiet", "items/views.py")


def assert_edits_kept(project: Path, edits: dict) -> None:
    for rel, (_old, new) in edits.items():
        assert new.strip() in (project / rel).read_text(), f"the user's edit of {rel} was lost"


def make_user_migration(project: Path, framework: str, tmp_path: Path) -> str:
    if framework == "django":
        check_in_project(project, "python", "manage.py", "makemigrations", "items", "-n", "item_summary")
        return "items/migrations/0002_item_summary.py"
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'migrate.sqlite3'}"}
    check_in_project(project, "flask", "--app", "my_project", "db", "upgrade", env=env)
    check_in_project(project, "flask", "--app", "my_project", "db", "migrate", "-m", "item summary", env=env)
    (created,) = [p for p in (project / "migrations/versions").glob("*item_summary*.py")]
    return str(created.relative_to(project))


@pytest.mark.slow
@pytest.mark.parametrize("framework", ["django", "flask"])
def test_user_edits_survive_turning_on_api_admin_and_postgresql(framework, tmp_path):
    project = new_project(tmp_path, f"framework={framework}", "admin=false", "rest_api=false")
    edits = DJANGO_EDITS if framework == "django" else FLASK_EDITS
    apply_edits(project, edits)
    migration = make_user_migration(project, framework, tmp_path)
    commit_all(project, "Our edits")

    for change in ("rest_api=true", "admin=true", "database=postgresql"):
        code, output = update(project, change)
        assert code == 0, output
        assert "conflict" not in output.lower(), output
        key, value = change.split("=")
        assert str(answers_of(project)[key]).lower() == value
        commit_all(project, f"Update: {change}")

    assert_edits_kept(project, edits)
    assert (project / migration).is_file()
    pyproject = (project / "pyproject.toml").read_text().lower()
    assert "psycopg" in pyproject
    if framework == "django":
        settings = (project / "my_project/settings.py").read_text()
        assert '"rest_framework"' in settings and '"django.contrib.admin"' in settings
        assert (project / "items/admin.py").is_file()
        check_in_project(project, "python", "manage.py", "makemigrations", "--check", "--dry-run")
    else:
        assert any("admin" in p.name for p in (project / "my_project").iterdir())
        assert (project / "my_project/api").is_dir()
    assert not list(project.rglob("*.rej"))

    with postgres_database() as url:
        output = check_in_project(
            project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", env={"DATABASE_URL": url}
        )
    passed = int(re.search(r"(\d+) passed", output).group(1))
    assert passed > 10


@pytest.mark.slow
def test_a_real_conflict_is_written_inline_and_other_edits_are_kept(tmp_path):
    project = new_project(tmp_path, "rest_api=false")
    pyproject = project / "pyproject.toml"
    # The user adds a dependency at the end of the list, where the template will add Django REST framework's lines...
    last = pyproject.read_text().split("\n]\n", 1)[0].rsplit("\n", 1)[1]  # the last line of [project] dependencies
    edit(pyproject, f"{last}\n]", f'{last}\n    "requests>=2.32",\n]')
    # ...and edits another line of the same file.
    edit(pyproject, 'version = "0.1.0"', 'version = "0.2.0"')
    commit_all(project, "Our dependency")

    code, output = update(project, "rest_api=true")
    assert code == 1, output
    assert "conflict" in output and "pyproject.toml" in output
    text = pyproject.read_text()
    assert "<<<<<<< " in text and ">>>>>>> " in text
    assert '"requests>=2.32"' in text and "djangorestframework" in text.lower()
    assert 'version = "0.2.0"' in text
    assert not list(project.rglob("*.rej"))


@pytest.mark.slow
def test_template_upgrade_between_tags_keeps_user_edits(tmp_path):
    template = tmp_path / "template"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(template)], check=True)
    # Only this test's two releases: a clone of a checkout whose HEAD is itself tagged (v0.4.0) would name the
    # render after that tag instead of v1.0.0, which sits on the same commit.
    for tag in git(template, "tag", "--list").split():
        git(template, "tag", "--delete", tag)
    git(template, "tag", "v1.0.0")
    css = template / "templates/shared/site.css"
    css.write_text(css.read_text() + "\n.upgraded-in-v2 { color: inherit; }\n")
    commit_all(template, "A template change")
    git(template, "tag", "v2.0.0")

    import copier

    project = tmp_path / "proj"
    copier.run_copy(
        str(template), project, data={"framework": "flask"}, defaults=True, unsafe=True, quiet=True, vcs_ref="v1.0.0"
    )
    subprocess.run(["git", "init", "--quiet"], cwd=project, check=True)
    commit_all(project, "Generated")
    assert answers_of(project)["_commit"] == "v1.0.0"
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\nOur own paragraph.\n")
    commit_all(project, "Our edit")

    code, output = update(project)
    assert code == 0, output
    assert answers_of(project)["_commit"] == "v2.0.0"
    assert ".upgraded-in-v2" in (project / "my_project/static/site.css").read_text()
    assert "Our own paragraph." in readme.read_text()
    assert "v1.0.0 to v2.0.0" in output


def test_pretend_writes_nothing(tmp_path):
    project = new_project(tmp_path, "rest_api=false")
    before = tree_digest(project)
    code, output = update(project, "rest_api=true", extra=("--pretend",))
    assert code == 0, output
    assert "Would update" in output and "pyproject.toml" in output
    assert tree_digest(project) == before


# --- refusals -------------------------------------------------------------------------------------------


@pytest.fixture
def committed_project(tmp_path) -> Path:
    return new_project(tmp_path, "framework=flask")


def assert_refused(project: Path, args: list[str], message: str, code: int | None = None) -> None:
    head = git(project, "rev-parse", "HEAD")
    status = git(project, "status", "--porcelain")
    before = tree_digest(project)
    result = run_cli("update", str(project), *args)
    assert result.returncode != 0 and (code is None or result.returncode == code), result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert git(project, "rev-parse", "HEAD") == head
    assert git(project, "status", "--porcelain") == status
    assert tree_digest(project) == before


def test_refuses_uncommitted_changes_and_names_the_files(committed_project):
    (committed_project / "notes.txt").write_text("draft\n")
    edit(committed_project / "README.md", "#", "# Draft:")
    assert_refused(committed_project, ["--data", "rest_api=true"], "uncommitted changes in", code=1)
    result = run_cli("update", str(committed_project))
    assert "README.md" in result.stderr and "notes.txt" in result.stderr


def test_refuses_a_folder_that_is_not_a_git_repository(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / ".copier-answers.yml").write_text("framework: flask\n")
    result = run_cli("update", str(folder))
    assert result.returncode == 1
    assert "is not a git repository" in result.stderr
    assert (folder / ".copier-answers.yml").read_text() == "framework: flask\n"


def test_refuses_a_project_without_answers_file(committed_project):
    (committed_project / ".copier-answers.yml").unlink()
    commit_all(committed_project, "No answers")
    assert_refused(committed_project, [], "no .copier-answers.yml")


def test_refuses_an_invalid_answers_file(committed_project):
    (committed_project / ".copier-answers.yml").write_text("framework: [flask\n")
    commit_all(committed_project, "Broken answers")
    assert_refused(committed_project, [], "is not valid YAML")


def test_refuses_an_answers_file_without_its_template_keys(committed_project):
    (committed_project / ".copier-answers.yml").write_text("framework: flask\nproject_slug: my_project\n")
    commit_all(committed_project, "Stripped answers")
    assert_refused(committed_project, [], "lacks _src_path, _commit")


def test_refuses_a_change_of_framework(committed_project):
    assert_refused(committed_project, ["--data", "framework=django"], "is a rewrite, not an update", code=2)


def test_refuses_a_change_of_the_flask_account_kit(tmp_path):
    project = new_project(tmp_path, "framework=flask", "auth=true")
    assert_refused(project, ["--data", "auth_kit=full"], "changing auth_kit of a Flask project", code=2)


def test_refuses_an_answer_outside_its_choices(committed_project):
    assert_refused(committed_project, ["--data", "database=oracle"], "not one of the choices", code=2)


def test_refuses_a_combination_that_cannot_work(committed_project):
    assert_refused(committed_project, ["--data", "orm=none"], "need a database", code=2)


def test_refuses_when_the_template_version_cannot_be_found(committed_project):
    answers = committed_project / ".copier-answers.yml"
    answers.write_text(re.sub(r"_commit: .*", "_commit: 0123456789abcdef0123", answers.read_text()))
    commit_all(committed_project, "Unknown version")
    assert_refused(committed_project, [], "template version 0123456789abcdef0123 cannot be found: looked in")


def test_refuses_a_template_path_that_does_not_exist(committed_project, tmp_path):
    answers = committed_project / ".copier-answers.yml"
    answers.write_text(re.sub(r"_src_path: .*", f"_src_path: {tmp_path / 'gone'}", answers.read_text()))
    commit_all(committed_project, "Moved template")
    assert_refused(committed_project, [], "cannot be found on this machine")


def test_a_project_copied_elsewhere_still_updates(committed_project, tmp_path):
    """The answers file names no machine-specific path: a teammate's clone updates too."""
    clone = tmp_path / "teammate"
    subprocess.run(["git", "clone", "--quiet", str(committed_project), str(clone)], check=True)
    shutil.rmtree(committed_project)
    code, output = update(clone, "rest_api=true")
    assert code == 0, output
    assert answers_of(clone)["rest_api"] is True


def test_refuses_a_template_url_that_is_not_ours(committed_project):
    answers = committed_project / ".copier-answers.yml"
    answers.write_text(re.sub(r"_src_path: .*", "_src_path: gh:someone/fork", answers.read_text()))
    commit_all(committed_project, "A fork")
    assert_refused(committed_project, [], "update it with plain copier ('copier update --trust')")


@pytest.mark.slow
def test_the_documented_plain_copier_command_updates_a_project(committed_project, tmp_path):
    """README's plain-copier recipe: git fetches the portable name from a checkout of the template."""
    import os

    env = {
        **os.environ,
        # copier keeps a mirror of each remote template across runs; one made from another checkout
        # (its HEAD naming a branch this one lacks) would be reused, so this run gets its own.
        "COPIER_CACHE_DIR": str(tmp_path / "copier-cache"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{REPO}.insteadOf",
        "GIT_CONFIG_VALUE_0": "https://github.com/flask-or-django/flask-or-django.git",
    }
    copier = shutil.which("copier")
    if copier is None:
        pytest.skip("the copier command is not installed")
    result = subprocess.run(
        [copier, "update", "--trust", "--defaults", "--vcs-ref=HEAD", "-d", "rest_api=true"],
        cwd=committed_project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert answers_of(committed_project)["rest_api"] is True
    assert (committed_project / "my_project/api").is_dir()
