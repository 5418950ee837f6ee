"""Render a project with copier, turning copier's exceptions into one-line errors."""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.errors import Aborted, GeneratorError, UsageError
from generator.scratch import scratch_in_memory
from generator.template_cache import keeping_compiled_templates, snapshot
from generator.template_source import TemplateSource

_VALIDATION = re.compile(r"Validation error for question '(?P<key>[^']+)': (?P<msg>.*)", re.S)


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
def copier_errors() -> Iterator[None]:
    """Translate what copier raises into GeneratorError subclasses with one-line messages."""
    from copier.errors import CopierError, InteractiveSessionError, UserMessageError

    try:
        yield
    except KeyboardInterrupt:
        raise Aborted("aborted: nothing was generated") from None
    except InteractiveSessionError:
        raise UsageError(
            "no terminal to ask the questions in: pass --defaults, --data KEY=VALUE or --data-file FILE"
        ) from None
    except UserMessageError as exc:
        raise GeneratorError(" ".join(str(exc).split())) from None
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        raise GeneratorError(f"cannot write{where}: {exc.strerror or exc}") from None
    except (ValueError, CopierError) as exc:
        match = _VALIDATION.match(str(exc))
        if match:
            raise UsageError(f"{match['key']}: {' '.join(match['msg'].split())}") from None
        raise GeneratorError(" ".join(str(exc).split()) or exc.__class__.__name__) from None


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


def _where_copier_reads(source: TemplateSource) -> tuple[str, str | None]:
    """``(src_path, vcs_ref)`` for copier: the cached snapshot of the newest version where
    there is one (no clone), else the source itself."""
    folder = snapshot(source)
    if folder is not None:
        return str(folder), None
    return source.url, source.vcs_ref


@contextmanager
def template_jinja_env(source: TemplateSource) -> Iterator[Any]:
    """copier's own Jinja environment for the newest template version, extension loaded."""
    from generator.copier_worker import OneCheckWorker

    with copier_errors(), warnings.catch_warnings(), keeping_compiled_templates():
        warnings.simplefilter("ignore")
        src_path, vcs_ref = _where_copier_reads(source)
        with (
            source.resolving(),
            tempfile.TemporaryDirectory(prefix="fod-env-") as scratch,
            OneCheckWorker(src_path=src_path, dst_path=Path(scratch), unsafe=True, vcs_ref=vcs_ref) as worker,
        ):
            yield worker.jinja_env


def render_project(
    source: TemplateSource,
    dest: Path,
    data: dict[str, Any],
    *,
    defaults: bool,
) -> dict[str, Any]:
    """Render the template into ``dest`` (which must be new or empty); return the answers used.

    On any failure nothing is left behind: a folder this call created is removed.
    """
    from generator.copier_worker import OneCheckWorker

    with (
        removed_if_failed(dest),
        copier_errors(),
        warnings.catch_warnings(),
        scratch_in_memory(),
        keeping_compiled_templates(),
    ):
        warnings.simplefilter("ignore")
        src_path, vcs_ref = _where_copier_reads(source)
        with (
            source.resolving(),
            OneCheckWorker(
                src_path=src_path,
                dst_path=dest,
                data=data,
                defaults=defaults,
                unsafe=True,
                quiet=True,
                vcs_ref=vcs_ref,
                cleanup_on_error=True,
            ) as worker,
        ):
            worker.run_copy()
    return dict(worker.answers.combined)
