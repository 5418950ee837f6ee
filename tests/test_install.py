"""`new --install`: a virtual environment, the dependencies, a database, and the command to start."""

from __future__ import annotations

import sqlite3

import pytest

from tests.cli_helpers import git, run_cli


@pytest.mark.slow
@pytest.mark.parametrize(
    ("framework", "database_file", "table", "start"),
    [
        ("django", "db.sqlite3", "items_item", "uv run python manage.py runserver"),
        ("flask", "instance/my_project.sqlite3", "items", "uv run flask --app my_project run --debug"),
    ],
)
def test_install_creates_venv_installs_and_migrates(framework, database_file, table, start, tmp_path):
    dest = tmp_path / "site"
    result = run_cli("new", str(dest), "--defaults", "--install", "--data", f"framework={framework}")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "dependencies installed in .venv, database created" in result.stdout
    assert result.stdout.strip().endswith(start)
    assert (dest / ".venv" / "bin" / "python").is_file()
    with sqlite3.connect(dest / database_file) as db:
        tables = {row[0] for row in db.execute("select name from sqlite_master where type='table'")}
    assert table in tables
    assert git(dest, "status", "--porcelain") == ""
    assert git(dest, "log", "--format=%s").split("\n")[:2] == [
        "Lock the dependencies",
        "Generate the project with flask-or-django",
    ]
