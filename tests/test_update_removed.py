"""`flask-or-django update` turning a feature off: a file the user changed is never removed silently,
and what the answer change does to the data is reported (issue 18)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_helpers import answers_of, commit_all, tree_digest
from tests.project_env import check_in_project
from tests.test_update import new_project, update

EDIT = "\n\nOUR_OWN_SETTING = 42  # the user's edit: it must survive the update\n"
OWN_FILE = '"""The user\'s own module, in the feature\'s folder."""\n\nDISCOUNT = 0.1\n'

# (framework, feature) -> (answers that turn it off, files of the feature the user edits, own file added there)
CASES = {
    ("django", "admin"): (["admin=false"], ["items/admin.py", "tests/test_admin.py"], None),
    ("django", "auth"): (["auth=false"], ["accounts/views.py"], None),
    ("django", "example_app"): (["example_app=false"], ["items/models.py"], "items/services.py"),
    ("django", "rest_api"): (["rest_api=false"], ["items/permissions.py", "tests/test_api.py"], None),
    ("flask", "admin"): (["admin=false"], ["my_project/admin.py", "tests/test_admin.py"], None),
    ("flask", "auth"): (["auth=false", "admin=false"], ["my_project/auth/views.py"], None),
    ("flask", "example_app"): (["example_app=false"], ["my_project/items/views.py"], "my_project/items/services.py"),
    ("flask", "rest_api"): (["rest_api=false"], ["my_project/api/views.py"], None),
}


def kept_notes(output: str, path: str) -> list[str]:
    """The notes printed under ``kept PATH`` (the terminal may have wrapped the lines)."""
    lines = output.splitlines()
    (start,) = [i for i, line in enumerate(lines) if re.match(rf"\s+kept\s+{re.escape(path)}:", line)]
    block = [lines[start]]
    for line in lines[start + 1 :]:
        new_entry = re.match(r"\s{2}\S", line) or re.match(r"(Merged|Updated|Would|\d+ file)", line)
        if new_entry:
            break
        block.append(line)
    return [" ".join(note.split()) for note in re.split(r"\s-\s(?=it )", " ".join(block))[1:]]


@pytest.mark.slow
@pytest.mark.parametrize(("framework", "feature"), list(CASES), ids=[f"{f}-{x}" for f, x in CASES])
def test_turning_a_feature_off_keeps_the_users_files(framework, feature, tmp_path):
    off, edited, own = CASES[framework, feature]
    project = new_project(tmp_path, f"framework={framework}", f"{feature}=true")
    untouched_before = {
        rel for rel in tree_digest(project) if rel.startswith(str(Path(edited[0]).parent)) and rel not in edited
    }
    for rel in edited:
        path = project / rel
        path.write_text(path.read_text() + EDIT)
    if own:
        (project / own).write_text(OWN_FILE)
    commit_all(project, "Our edits")

    code, output = update(project, *off)
    assert code == 0, output
    for rel in edited:
        assert EDIT.strip() in (project / rel).read_text(), f"the user's edit of {rel} was lost:\n{output}"
        assert re.search(rf"kept\s+{re.escape(rel)}: you changed it", output), output
        assert "removed  " + rel not in output
    if own:
        assert (project / own).read_text() == OWN_FILE
        assert re.search(rf"kept\s+{re.escape(own)}: your file", output), output
    assert "git rm" in output
    for key in off:
        name, value = key.split("=")
        assert answers_of(project)[name] is (value == "true")
    # files of the feature the user never touched are removed as before (where the template removes any)
    generated_gone = [rel for rel in untouched_before if not (project / rel).exists()]
    assert all(f"removed  {rel}" in output for rel in generated_gone), output

    # The project's own suite passes, once the files the report says break it are gone.
    breaking = [rel for rel in edited if any("suite will fail" in note for note in kept_notes(output, rel))]
    for rel in breaking:
        (project / rel).unlink()
    check_in_project(project, "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x")


@pytest.mark.slow
def test_a_kept_file_names_what_it_imports_that_is_gone(tmp_path):
    project = new_project(tmp_path, "rest_api=true")
    permissions = project / "items/permissions.py"
    permissions.write_text(permissions.read_text() + EDIT)
    commit_all(project, "Our permission")
    code, output = update(project, "rest_api=false")
    assert code == 0, output
    notes = kept_notes(output, "items/permissions.py")
    assert any("rest_framework" in note and "djangorestframework" in note for note in notes), output
    assert "rest_api=false" in output
    assert "Merged cleanly" in output and "kept files" in output


@pytest.mark.parametrize(
    ("framework", "change", "expected"),
    [
        ("django", "database=postgresql", "dumpdata"),
        ("django", "example_app=false", "migrate items zero"),
        ("django", "auth=false", "accounts_user"),
        ("flask", "database=postgresql", "flask db upgrade"),
        ("flask", "example_app=false", "flask db migrate"),
    ],
)
def test_pretend_reports_what_an_answer_change_does_to_the_data(framework, change, expected, tmp_path):
    project = new_project(tmp_path, f"framework={framework}")
    before = tree_digest(project)
    code, output = update(project, change, extra=("--pretend",))
    assert code == 0, output
    data_lines = [line for line in output.splitlines() if line.strip().startswith("data ")]
    assert len(data_lines) == 1, output
    assert expected in " ".join(output.split()), output
    assert tree_digest(project) == before


def test_an_untouched_feature_is_removed_without_notes(tmp_path):
    project = new_project(tmp_path, "rest_api=true")
    code, output = update(project, "rest_api=false")
    assert code == 0, output
    assert "removed  items/permissions.py" in output and "kept" not in output
    assert not (project / "items/permissions.py").exists()
    assert "Merged cleanly: review with 'git diff', run the tests" in output
