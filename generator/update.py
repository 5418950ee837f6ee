"""``flask-or-django update``: re-render a project with changed answers and merge it into the user's files.

The merge is three-way, as copier's update: the template version the project was generated
from is rendered with its recorded answers, the newest version with the changed answers (both
with ``run_copy`` from cached snapshots, ``template_cache.py``, into a scratch folder), and
``merge.py`` merges the difference into the user's files with ``git merge-file`` (copier's
inline conflict markers). The project is written only once everything is rendered and merged,
so a refusal or a failure never touches it, and ``--pretend`` reports exactly what would change.

Unlike copier, a file the user changed is never removed because the template stops
generating it: it is kept and reported, with what it still imports that the update takes
away (``update_notes.py``), as are the answer changes that leave data behind.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.copier_session import ANSWERS_FILE, copier_session, render_data
from generator.errors import GeneratorError, UsageError
from generator.merge import MergePlan, apply_plan, plan_merge, render_files
from generator.template_source import TEMPLATE_URL, TemplateSource, locate
from generator.update_notes import data_notes, dependencies, kept_file_notes
from generator.vcs import git
from generator.wiring import combination_problem
from generator.yes_no import is_yes


@dataclass
class UpdateReport:
    """What an update changed (or would change), by path relative to the project."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    kept: dict[str, list[str]] = field(default_factory=dict)  # changed by the user, no longer generated: notes
    kept_yours: dict[str, list[str]] = field(default_factory=dict)  # the user's own files in removed folders
    kept_deleted: list[str] = field(default_factory=list)  # deleted by the user, changed by the template
    changed_answers: dict[str, Any] = field(default_factory=dict)
    data_notes: list[str] = field(default_factory=list)  # what the answer changes do to the database
    old_version: str = ""
    new_version: str = ""

    @property
    def clean(self) -> bool:
        """True when no file holds conflict markers."""
        return not self.conflicts


def check_project(project: Path) -> dict[str, Any]:
    """Refuse a project that update cannot work on safely; return its recorded answers."""
    if not project.is_dir():
        raise UsageError(f"{project} is not a folder: give the path of a generated project")
    top = git("rev-parse", "--show-toplevel", cwd=project)
    if top.returncode != 0:
        raise GeneratorError(f"{project} is not a git repository: run 'git init' and commit your work first")
    if Path(top.stdout.strip()).resolve() != project.resolve():
        raise UsageError(f"{project} is inside the repository {top.stdout.strip()}: run update at its top folder")
    status = git("status", "--porcelain", "--untracked-files=all", cwd=project)
    dirty = [line[3:] for line in status.stdout.splitlines() if line.strip()]
    if dirty:
        shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise GeneratorError(f"uncommitted changes in {shown}: commit or stash them, then run update again")
    if git("rev-parse", "--verify", "--quiet", "HEAD", cwd=project).returncode != 0:
        raise GeneratorError(f"{project} has no commit yet: commit the project first")
    return read_answers(project)


def read_answers(project: Path) -> dict[str, Any]:
    """The answers file, checked for what update needs."""
    path = project / ANSWERS_FILE
    if not path.is_file():
        raise GeneratorError(f"no {ANSWERS_FILE} in {project}: update works only on projects made by flask-or-django")
    try:
        answers = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise GeneratorError(
            f"{path} is not valid YAML: restore it from git ('git checkout -- {ANSWERS_FILE}')"
        ) from None
    if not isinstance(answers, dict):
        raise GeneratorError(f"{path} is not a valid answers file: expected 'key: value' lines")
    missing = [key for key in ("_src_path", "_commit", "framework", "project_slug") if not answers.get(key)]
    if missing:
        raise GeneratorError(f"{path} is not a valid answers file: it lacks {', '.join(missing)}")
    if answers["framework"] not in {"django", "flask"}:
        raise GeneratorError(f"{path} is not a valid answers file: framework is {answers['framework']!r}")
    return answers


def check_changes(recorded: dict[str, Any], changes: dict[str, Any]) -> None:
    """Refuse a framework switch and combinations that cannot work."""
    new_framework = changes.get("framework", recorded["framework"])
    if new_framework != recorded["framework"]:
        raise UsageError(
            f"changing framework from {recorded['framework']} to {new_framework} is a rewrite, not an update "
            f"(copier would delete the {recorded['framework']} files, edited ones too): "
            f"generate a new project in another folder with 'flask-or-django new DEST --data framework={new_framework}'"
        )
    if _changes_the_flask_account_kit(recorded, changes):
        raise UsageError(
            "changing auth_kit of a Flask project with accounts is not an update: the two kits store users "
            "differently (Werkzeug hashes and an is_admin column, or Flask-Security-Too's argon2 hashes, roles and "
            "two-factor columns) and no migration converts one into the other: generate a new project in another "
            "folder with 'flask-or-django new DEST --data auth_kit=...'"
        )
    problem = combination_problem({**recorded, **changes})
    if problem:
        raise UsageError(problem)


def _changes_the_flask_account_kit(recorded: dict[str, Any], changes: dict[str, Any]) -> bool:
    """Whether ``changes`` switch a Flask project that has (or keeps) accounts from one kit to the other."""
    if recorded["framework"] != "flask" or "auth_kit" not in changes:
        return False
    had_accounts = is_yes(recorded.get("auth"))
    return had_accounts and str(changes["auth_kit"]) != str(recorded.get("auth_kit") or "simple")


def find_template(recorded: dict[str, Any]) -> TemplateSource:
    """The template source that holds the version the project was generated from."""
    src, commit = str(recorded["_src_path"]), str(recorded["_commit"])
    if src == TEMPLATE_URL:
        source = locate()
    elif re.match(r"^[a-z][a-z0-9+.-]*:(?!\\)|^git@", src, re.I) and not Path(src).exists():
        raise GeneratorError(
            f"the project was generated from {src}, not from this installation's template ({TEMPLATE_URL}): "
            f"update it with plain copier ('copier update --trust'), or set _src_path in {ANSWERS_FILE} "
            f"to {TEMPLATE_URL} or to a local checkout of the template"
        )
    else:
        path = Path(src).expanduser()
        if not path.exists():
            raise GeneratorError(
                f"the template {src} recorded in {ANSWERS_FILE} cannot be found on this machine: "
                f"set _src_path to {TEMPLATE_URL} or to a checkout of the template"
            )
        source = TemplateSource(path.resolve(), "checkout" if (path / ".git").exists() else "folder")
    where = str(source.path)
    if not source.has_history:
        raise GeneratorError(
            f"template version {commit} cannot be found: {where} has no git history; "
            "install flask-or-django from a git checkout or a wheel built from one"
        )
    if source.full_commit(commit) is None:
        newest = source.describe(source.head_commit())[0]
        raise GeneratorError(
            f"template version {commit} cannot be found: looked in {where} (its newest version is {newest}); "
            "upgrade flask-or-django ('pip install -U flask-or-django'), or run it from a checkout that has that commit"
        )
    return source


def update_project(project: Path, changes: dict[str, Any], *, pretend: bool) -> UpdateReport:
    """Check, render the old and new versions, merge them into ``project`` (unless ``pretend``), and report."""
    project = project.resolve()
    recorded = check_project(project)
    check_changes(recorded, changes)
    source = find_template(recorded)
    old_commit = source.full_commit(str(recorded["_commit"]))
    new_commit = source.head_commit()
    assert old_commit is not None  # find_template checked it
    with copier_session(source) as session, tempfile.TemporaryDirectory(prefix="fod-update-") as workdir:
        old, new = Path(workdir) / "old", Path(workdir) / "new"
        session.render_version(old_commit, old, render_data(recorded))
        new_answers = session.render_version(new_commit, new, {**render_data(recorded), **changes})
        tracked = set(git("ls-files", "-z", cwd=project, check=True).stdout.split("\0")) - {""}
        plan = plan_merge(project, old, new, tracked, always_new=(ANSWERS_FILE,))
        report = _report(recorded, new_answers, changes, plan, project, old, new, tracked)
        if not pretend:
            apply_plan(project, plan)
    return report


def _report(
    recorded: dict[str, Any],
    new_answers: dict[str, Any],
    changes: dict[str, Any],
    plan: MergePlan,
    project: Path,
    old: Path,
    new: Path,
    tracked: set[str],
) -> UpdateReport:
    report = UpdateReport(
        added=plan.added,
        changed=plan.changed,
        removed=plan.removes,
        conflicts=plan.conflicts,
        kept_deleted=plan.kept_deleted,
        old_version=str(recorded["_commit"]),
        new_version=str(new_answers.get("_commit", "")),
        changed_answers={k: v for k, v in changes.items() if recorded.get(k) != v},
        data_notes=data_notes(recorded, {**recorded, **new_answers}),
    )
    before = tracked | render_files(old)
    after = plan.final_files(tracked)
    gone = dependencies(_read(old / "pyproject.toml")) - dependencies(_read(new / "pyproject.toml"))
    for rel in [*plan.kept, *plan.kept_in_removed_folders]:
        notes = kept_file_notes(
            rel, _read(project / rel), files_after=after, files_before=before, removed_dependencies=gone
        )
        (report.kept if rel in plan.kept else report.kept_yours)[rel] = notes
    return report


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def report_lines(report: UpdateReport, *, pretend: bool) -> list[str]:
    """The update's report as the command line prints it (rich markup)."""
    verb = "Would update" if pretend else "Updated"
    lines = [f"{verb} the project from template version {report.old_version} to {report.new_version}."]
    for label, paths in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
        lines += [f"  {label:8} {path}" for path in paths]
    if not (report.added or report.changed or report.removed or report.kept or report.kept_yours):
        lines.append("  nothing to change")
    why = (
        "for " + " ".join(f"{k}={_shown(v)}" for k, v in report.changed_answers.items())
        if report.changed_answers
        else "in the new template version"
    )
    for path, notes in report.kept.items():
        lines.append(
            f"  [bold yellow]kept[/bold yellow]     {path}: you changed it and the template no longer generates it "
            f"{why}; it was not removed"
        )
        lines += [f"           - {note}" for note in notes]
    for path, notes in report.kept_yours.items():
        lines.append(
            f"  [bold yellow]kept[/bold yellow]     {path}: your file, in a folder the template no longer generates"
        )
        lines += [f"           - {note}" for note in notes]
    if report.kept or report.kept_yours:
        lines.append(
            "  Kept files are yours to decide: move what you still need elsewhere, then 'git rm' them "
            "(the template's last version of each is in git history)."
        )
    for path in report.kept_deleted:
        lines.append(f"  not restored {path}: you deleted it (the template changed it; 'git log' has its history)")
    for path in report.conflicts:
        lines.append(f"  [bold red]conflict[/bold red] {path}: resolve the <<<<<<< markers, then commit")
    for note in report.data_notes:
        lines.append(f"  [bold]data[/bold]     {note}")
    if report.conflicts:
        lines.append(f"{len(report.conflicts)} file(s) with conflicts.")
    elif not pretend:
        attention = " and the kept files above" if report.kept or report.kept_yours else ""
        lines.append(f"Merged cleanly: review with 'git diff'{attention}, run the tests, then commit.")
    return lines


def _shown(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
