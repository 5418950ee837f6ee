"""Render a project with copier into a new or empty folder, leaving nothing behind on failure."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.copier_session import copier_session
from generator.errors import UsageError
from generator.template_source import TemplateSource


def check_destination(dest: Path) -> None:
    """Refuse a destination that would mean touching existing files, or that cannot be written."""
    if dest.exists() and not dest.is_dir():
        raise UsageError(f"{dest} is a file, not a folder: choose a new folder name for the project")
    if dest.is_dir() and any(dest.iterdir()):
        raise UsageError(f"{dest} already exists and is not empty: choose a new folder, or empty this one")
    if not dest.parent.is_dir():
        raise UsageError(f"the parent folder {dest.parent} does not exist: create it first, or choose another place")
    try:  # try it for real: permissions, read-only file systems and root all answer here
        if dest.is_dir():
            with tempfile.TemporaryFile(dir=dest):
                pass
        else:
            dest.mkdir()
            dest.rmdir()
    except OSError as exc:
        raise UsageError(f"cannot write in {dest}: {exc.strerror or exc}; choose a folder you can write to") from None


@contextmanager
def removed_if_failed(dest: Path, failures: tuple[type[BaseException], ...] = (BaseException,)) -> Iterator[None]:
    """If the block raises one of ``failures`` (any, or Ctrl-C), remove what it wrote into ``dest``
    (which was new or empty before)."""
    created = not dest.exists()
    try:
        yield
    except failures:
        if created and dest.exists():
            shutil.rmtree(dest, ignore_errors=True)
        elif dest.is_dir():
            for child in dest.iterdir():
                shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)
        raise


def render_project(
    source: TemplateSource,
    dest: Path,
    data: dict[str, Any],
    *,
    defaults: bool,
) -> dict[str, Any]:
    """Render the template into ``dest`` (which must be new or empty); return the answers it recorded.

    On any failure nothing is left behind: a folder this call created is removed.
    """
    with removed_if_failed(dest), copier_session(source) as session:
        return session.copy(dest, data, defaults=defaults)
