"""A plain-folder copy of each template version, kept between runs, for copier to render from.

Given a git template, copier checks the whole repository out into a temporary folder on
every run (examples and docs included: 778 files), then throws it away. A new project
needs only ``copier.yml``, ``templates/`` and ``generator/`` of one commit, so that
commit is extracted once (``git archive``) into the user's cache folder and rendered
from there on every later run.

copier records a plain folder as ``_src_path`` and no ``_commit``; the snapshot holds a
small file naming what a git render would have recorded (the portable URL and ``git
describe`` of the commit), and the answers-file template writes those instead (the
``recorded_source`` filter in ``copier_extension.py``). The project's answers file is
the same as if copier had cloned the template, so ``copier update`` works on it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from generator.compile_cache import BYTECODE_DIR_VARIABLE
from generator.layout import TEMPLATE_PATHS
from generator.template_source import TEMPLATE_URL, TemplateSource
from generator.vcs import git

RECORDED_SOURCE_FILE = ".recorded-source.yml"  # beside copier.yml; read by copier_extension.recorded_source
KEEP = 5  # snapshots kept; older ones are removed once they have not been used for a day


def cache_home() -> Path:
    """``$FOD_CACHE_DIR``, else the platform's user cache folder for flask-or-django."""
    configured = os.environ.get("FOD_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_path

    return user_cache_path("flask-or-django")


def cache_root() -> Path:
    """Where the template snapshots are."""
    return cache_home() / "templates"


@contextmanager
def keeping_compiled_templates() -> Iterator[None]:
    """Within this block, copier's Jinja keeps compiled templates in the cache (``compile_cache.py``)."""
    saved = os.environ.get(BYTECODE_DIR_VARIABLE)
    os.environ[BYTECODE_DIR_VARIABLE] = str(cache_home() / "bytecode")
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(BYTECODE_DIR_VARIABLE, None)
        else:
            os.environ[BYTECODE_DIR_VARIABLE] = saved


def snapshot(source: TemplateSource, commit: str | None = None) -> Path | None:
    """The snapshot folder of ``source``'s version ``commit`` (a full hash; default: the newest), made on first use.

    None when there is no history to snapshot or the cache cannot be written: the
    caller then lets copier clone the template as usual.
    """
    if not source.has_history:
        return None
    try:
        commit = commit or source.head_commit()
        folder = cache_root() / snapshot_name(commit, source.tags_listing())
        if (folder / RECORDED_SOURCE_FILE).is_file():
            os.utime(folder)  # newest use first when pruning
            return folder
        with source.git_dir() as git_dir, tempfile.TemporaryDirectory(prefix="fod-archive-") as scratch:
            described = git(f"--git-dir={git_dir}", "describe", "--tags", "--always", commit, check=True).stdout
            archive = _archive(git_dir, commit, Path(scratch) / "template.tar")
            _publish(folder, archive, {"_src_path": TEMPLATE_URL, "_commit": described.strip()})
        _prune(folder.parent)
    except (OSError, subprocess.CalledProcessError, tarfile.TarError):
        return None
    return folder


def snapshot_name(commit: str, tags: str) -> str:
    """A snapshot's folder name: the commit and a digest of the source's tags (``TemplateSource.tags_listing``).

    The snapshot records what git calls the commit (``v0.4.0``, or a short hash where no tag
    comes before), and the project's answers file records that name. A tag made, moved or
    deleted later changes the listing, and so names another snapshot: one keyed by the commit
    alone would go on recording a tag the source no longer has, which ``update`` cannot find.
    """
    return f"{commit}-{hashlib.sha256(tags.encode()).hexdigest()[:8]}"


def _archive(git_dir: str, commit: str, archive: Path) -> Path:
    """``archive``, written as a tar of the template's paths at ``commit``."""
    # an early version may lack one of today's paths (git archive refuses a path it cannot find)
    listed = git(f"--git-dir={git_dir}", "ls-tree", "--name-only", commit, "--", *TEMPLATE_PATHS, check=True)
    paths = ("--", *listed.stdout.split())
    git(f"--git-dir={git_dir}", "archive", "--format=tar", f"--output={archive}", commit, *paths, check=True)
    return archive


def _publish(folder: Path, archive: Path, recorded: dict[str, str]) -> None:
    """Extract the tar ``archive`` into a staging folder beside ``folder``, then rename it into place (atomic)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
    try:
        with tarfile.open(archive) as tar:
            _extract(tar, staging)
        (staging / RECORDED_SOURCE_FILE).write_text(yaml.safe_dump(recorded, sort_keys=True))
        try:
            staging.rename(folder)
        except OSError:  # another run published the same version first: use theirs
            if not (folder / RECORDED_SOURCE_FILE).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _extract(tar: tarfile.TarFile, staging: Path) -> None:
    """Extract with tarfile's ``filter="data"`` (Python 3.11.4+, PEP 706); on an older 3.11 (Debian 12's
    python3 is 3.11.2) refuse what that filter would refuse in our own ``git archive`` first."""
    if hasattr(tarfile, "data_filter"):
        tar.extractall(staging, filter="data")
        return
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise tarfile.TarError(f"refusing to extract {member.name!r}: not a plain file or folder inside")
    tar.extractall(staging)  # every member checked above


def _prune(root: Path) -> None:
    """Remove snapshots beyond the newest ``KEEP`` that nobody used in the last day."""
    day_ago = time.time() - 86400
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEEP:]:
        if old.stat().st_mtime < day_ago:
            shutil.rmtree(old, ignore_errors=True)


# --- renders kept for the next update -----------------------------------------------------------------

RENDERS_KEPT = 20  # renders kept; the least recently used beyond them are removed


def _render_key(version_name: str, data: dict[str, Any]) -> str:
    from importlib.metadata import version  # not copier.__version__: a kept render needs no copier import

    blob = json.dumps([version_name, version("copier"), data], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def renders_root() -> Path:
    """Where renders of (template version, answers) are kept."""
    return cache_home() / "renders"


def cached_render(version_name: str, data: dict[str, Any]) -> Path | None:
    """The kept render of the template version whose snapshot is named ``version_name`` with answers ``data``
    (read it, never write it), or None.

    ``update`` renders the version a project was made from with the project's answers: the same
    render ``new`` (or the previous update) made, kept here by ``keep_render``.
    """
    folder = renders_root() / _render_key(version_name, data)
    if not (folder / ".complete").is_file():
        return None
    with contextlib.suppress(OSError):
        os.utime(folder)
    return folder


def keep_render(version_name: str, data: dict[str, Any], rendered: Path) -> None:
    """Keep a copy of ``rendered`` (the snapshot ``version_name`` rendered with answers ``data``); never fails."""
    folder = renders_root() / _render_key(version_name, data)
    if (folder / ".complete").is_file():
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
        try:
            shutil.copytree(rendered, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git"))
            (staging / ".complete").write_text("")
            with contextlib.suppress(OSError):  # another run kept the same render first
                staging.rename(folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        folders = sorted(
            (p for p in folder.parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in folders[RENDERS_KEPT:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        return
