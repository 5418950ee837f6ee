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

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from generator.compile_cache import BYTECODE_DIR_VARIABLE
from generator.template_source import TEMPLATE_URL, TemplateSource

TEMPLATE_PATHS = ("copier.yml", "templates", "generator")  # what rendering reads; the wheel packs the same
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


def snapshot(source: TemplateSource) -> Path | None:
    """The snapshot folder of ``source``'s newest version, made on first use.

    None when there is no history to snapshot or the cache cannot be written: the
    caller then lets copier clone the template as usual.
    """
    if not source.has_history:
        return None
    try:
        commit = source.head_commit()
        folder = cache_root() / commit
        if (folder / RECORDED_SOURCE_FILE).is_file():
            os.utime(folder)  # newest use first when pruning
            return folder
        with source.git_dir() as git_dir:
            described = _git(git_dir, "describe", "--tags", "--always", commit).decode().strip()
            archive = _git(git_dir, "archive", "--format=tar", commit, "--", *TEMPLATE_PATHS)
        _publish(folder, archive, {"_src_path": TEMPLATE_URL, "_commit": described})
        _prune(folder.parent)
    except (OSError, subprocess.CalledProcessError, tarfile.TarError):
        return None
    return folder


def _git(git_dir: str, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True).stdout


def _publish(folder: Path, archive: bytes, recorded: dict[str, str]) -> None:
    """Extract into a staging folder beside ``folder``, then rename it into place (atomic)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(staging, filter="data")
        (staging / RECORDED_SOURCE_FILE).write_text(yaml.safe_dump(recorded, sort_keys=True))
        try:
            staging.rename(folder)
        except OSError:  # another run published the same version first: use theirs
            if not (folder / RECORDED_SOURCE_FILE).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _prune(root: Path) -> None:
    """Remove snapshots beyond the newest ``KEEP`` that nobody used in the last day."""
    day_ago = time.time() - 86400
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEEP:]:
        if old.stat().st_mtime < day_ago:
            shutil.rmtree(old, ignore_errors=True)
