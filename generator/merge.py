"""The three-way merge ``update`` makes: the old render, the new render and the user's files, file by file.

For each path either render has, comparing bytes:

* the template did not change it (old render == new render): the user's file is left alone,
  edited, deleted or not;
* the user did not change it (project == old render): it becomes the new render (or is removed);
* the user already has the new content: nothing to do;
* both changed it: ``git merge-file`` merges the user's file with the template's change and writes
  copier's inline markers (``<<<<<<< before updating`` ... ``>>>>>>> after updating``) where they overlap;
* the template stops generating a file the user changed: the file is **kept**, never removed;
* the template changed a file the user deleted: it stays deleted.

A user's own file inside a folder the template no longer generates is kept too (it is not in
either render, so nothing touches it) and is named in the plan (``kept_in_removed_folders``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.vcs import git

LABELS = ("before updating", "last update", "after updating")  # copier's --conflict inline labels


@dataclass
class MergePlan:
    """What the merge writes (``writes``: path -> content) and removes, and why, by path."""

    writes: dict[str, bytes] = field(default_factory=dict)
    modes: dict[str, int] = field(default_factory=dict)
    removes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the user changed it; the template no longer generates it
    kept_in_removed_folders: list[str] = field(default_factory=list)  # the user's own files there
    kept_deleted: list[str] = field(default_factory=list)  # the user deleted it; the template changed it
    unmergeable: list[str] = field(default_factory=list)  # both changed a binary file: the user's is kept

    def final_files(self, tracked: set[str]) -> set[str]:
        """The project's files once the plan is applied (``tracked``: before)."""
        return (tracked - set(self.removes)) | set(self.writes)


def render_files(folder: Path) -> set[str]:
    """Every file under ``folder``, relative, with ``/``."""
    return {
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file() and not path.is_symlink()
    }


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def plan_merge(
    project: Path, old: Path, new: Path, tracked: set[str], *, always_new: tuple[str, ...] = ()
) -> MergePlan:
    """Merge the renders ``old`` and ``new`` into ``project`` (its git-tracked files: ``tracked``).

    Paths in ``always_new`` (the answers file) take the new render's content whatever the user did.
    """
    plan = MergePlan()
    old_files, new_files = render_files(old), render_files(new)
    with tempfile.TemporaryDirectory(prefix="fod-merge-") as scratch:
        empty = Path(scratch) / "empty"
        empty.write_bytes(b"")
        for rel in sorted(old_files | new_files):
            before, after, mine = _read(old / rel), _read(new / rel), _read(project / rel)
            if rel in always_new:
                if after is not None and after != mine:
                    plan.writes[rel] = after
                    (plan.changed if mine is not None else plan.added).append(rel)
                continue
            if before == after or mine == after:
                continue
            if after is None:  # the template no longer generates it
                if mine is None:
                    continue
                if mine == before:
                    plan.removes.append(rel)
                else:
                    plan.kept.append(rel)
                continue
            if mine is None:
                if before is None:
                    plan.writes[rel] = after
                    plan.modes[rel] = (new / rel).stat().st_mode
                    plan.added.append(rel)
                else:
                    plan.kept_deleted.append(rel)
                continue
            if mine == before:
                plan.writes[rel] = after
                plan.changed.append(rel)
                continue
            base = old / rel if before is not None else empty
            merged = git("merge-file", "-p", *_labels(), str(project / rel), str(base), str(new / rel), binary=True)
            if merged.returncode < 0 or merged.returncode > 127:  # binary, or git could not merge
                plan.unmergeable.append(rel)
                plan.conflicts.append(rel)
                continue
            plan.writes[rel] = merged.stdout
            plan.changed.append(rel)
            if merged.returncode > 0:
                plan.conflicts.append(rel)
    plan.kept_in_removed_folders = _user_files_in_removed_folders(old_files, new_files, tracked)
    return plan


def _labels() -> list[str]:
    return [arg for label in LABELS for arg in ("-L", label)]


def _folders(files: set[str]) -> set[str]:
    return {parent.as_posix() for rel in files for parent in Path(rel).parents if parent != Path(".")}


def _user_files_in_removed_folders(old_files: set[str], new_files: set[str], tracked: set[str]) -> list[str]:
    gone = _folders(old_files) - _folders(new_files)
    return sorted(
        rel for rel in tracked - old_files - new_files if any(parent.as_posix() in gone for parent in Path(rel).parents)
    )


def apply_plan(project: Path, plan: MergePlan) -> None:
    """Write the plan into ``project``: new and merged files, then removals (and the folders they empty)."""
    for rel, content in plan.writes.items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        if rel in plan.modes:
            os.chmod(target, stat.S_IMODE(plan.modes[rel]))
    for rel in plan.removes:
        target = project / rel
        target.unlink(missing_ok=True)
        for parent in target.parents:
            if parent == project or not parent.is_dir() or any(parent.iterdir()):
                break
            parent.rmdir()
