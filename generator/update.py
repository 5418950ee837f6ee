"""``flask-or-django update``: re-render a project with changed answers and merge it into the user's files.

The merge is copier's three-way update (old render, new render, the user's files),
run in a throwaway clone of the project. Only when it succeeds are the results
copied into the project, so a refusal or a failure never touches it, and
``--pretend`` can report exactly what would change.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import GeneratorError, UsageError
from generator.render import copier_errors
from generator.scratch import scratch_in_memory
from generator.template_cache import keeping_compiled_templates
from generator.template_source import TEMPLATE_URL, TemplateSource, locate
from generator.wiring import combination_problem

ANSWERS_FILE = ".copier-answers.yml"
_CONFLICT_START = "<<<<<<< "


@dataclass
class UpdateReport:
    """What an update changed (or would change), by path relative to the project."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    old_version: str = ""
    new_version: str = ""

    @property
    def clean(self) -> bool:
        """True when no file holds conflict markers."""
        return not self.conflicts


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def check_project(project: Path) -> dict[str, Any]:
    """Refuse a project that update cannot work on safely; return its recorded answers."""
    if not project.is_dir():
        raise UsageError(f"{project} is not a folder: give the path of a generated project")
    top = _git(project, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GeneratorError(f"{project} is not a git repository: run 'git init' and commit your work first")
    if Path(top.stdout.strip()).resolve() != project.resolve():
        raise UsageError(f"{project} is inside the repository {top.stdout.strip()}: run update at its top folder")
    status = _git(project, "status", "--porcelain", "--untracked-files=all")
    dirty = [line[3:] for line in status.stdout.splitlines() if line.strip()]
    if dirty:
        shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
        raise GeneratorError(f"uncommitted changes in {shown}: commit or stash them, then run update again")
    if _git(project, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
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
    problem = combination_problem({**recorded, **changes})
    if problem:
        raise UsageError(problem)


def find_template(recorded: dict[str, Any]) -> TemplateSource:
    """The template source that holds the version the project was generated from."""
    src, commit = str(recorded["_src_path"]), str(recorded["_commit"])
    if src == TEMPLATE_URL:
        source = locate()
        where = str(source.path)
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
    if not source.has_commit(commit):
        raise GeneratorError(
            f"template version {commit} cannot be found: looked in {where}; "
            "upgrade flask-or-django, or run it from a checkout that has that commit"
        )
    return source


def _merge_in_clone(project: Path, source: TemplateSource, changes: dict[str, Any]) -> tuple[Path, UpdateReport]:
    from generator.copier_worker import OneCheckWorker

    workdir = Path(tempfile.mkdtemp(prefix="fod-update-"))
    clone = workdir / project.name
    cloned = _git(workdir, "clone", "--quiet", str(project), str(clone))
    if cloned.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        raise GeneratorError(f"could not clone {project} to merge in: {cloned.stderr.strip()}")
    try:
        with copier_errors(), warnings.catch_warnings(), source.resolving():
            warnings.simplefilter("ignore")
            with OneCheckWorker(
                dst_path=clone,
                data=changes,
                defaults=True,
                overwrite=True,
                unsafe=True,
                quiet=True,
                conflict="inline",
                vcs_ref="HEAD",
                skip_answered=True,
            ) as worker:
                worker.run_update()
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return workdir, _report(project, clone)


def _report(project: Path, clone: Path) -> UpdateReport:
    report = UpdateReport(
        old_version=str(read_answers(project)["_commit"]),
        new_version=str(read_answers(clone)["_commit"]),
    )
    status = _git(clone, "status", "--porcelain", "--untracked-files=all", "--no-renames")
    for line in status.stdout.splitlines():
        code, path = line[:2], line[3:]
        if code == "??" or ("A" in code and "U" not in code and code != "AA"):
            report.added.append(path)
        elif code in {" D", "D "}:
            report.removed.append(path)
            continue
        else:  # modified, or unmerged (UU, AA...) where copier wrote conflict markers
            report.changed.append(path)
        text = (clone / path).read_text(encoding="utf-8", errors="replace") if (clone / path).is_file() else ""
        if "U" in code or code == "AA" or any(line.startswith(_CONFLICT_START) for line in text.splitlines()):
            report.conflicts.append(path)
    return report


def _apply(clone: Path, project: Path, report: UpdateReport) -> None:
    for path in [*report.added, *report.changed]:
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(clone / path, target)
    for path in report.removed:
        (project / path).unlink(missing_ok=True)


def update_project(project: Path, changes: dict[str, Any], *, pretend: bool) -> UpdateReport:
    """Check, merge in a clone, and (unless ``pretend``) write the result into ``project``."""
    project = project.resolve()
    recorded = check_project(project)
    check_changes(recorded, changes)
    with scratch_in_memory(), keeping_compiled_templates():
        source = find_template(recorded)
        workdir, report = _merge_in_clone(project, source, changes)
        try:
            if not pretend:
                _apply(workdir / project.name, project, report)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return report
