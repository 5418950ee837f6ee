"""Checks that already passed on identical input in this test run, so they need not run again.

Many combinations of the matrix render byte-identical files (Dockerfiles, workflows, most Python
modules). A deterministic linter gives identical input the same answer, so a check whose whole
input (the tool and its version, its options and configuration, the file's path and bytes) already
passed once in this run counts as run on that input. Only passes are recorded: an input that fails
is checked, and fails, every time.

The folder is made by the pytest controller for one run, shared by its xdist workers, and removed
when the run ends (tests/conftest.py): nothing is kept from one run to the next. Without a folder
(a helper used outside pytest) nothing is recorded and every check runs.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

_folder: Path | None = None
_COUNTS = "counts.log"


def use(where: Path | None) -> None:
    """Record passes in the folder ``where`` (None: record nothing, run every check)."""
    global _folder
    if where is not None:
        where.mkdir(parents=True, exist_ok=True)
    _folder = where


def folder() -> Path | None:
    """The folder of this run's passes, or None when checks are not cached."""
    return _folder


def key(*parts: str | bytes) -> str:
    """A hash naming exactly these parts, in order (each length-prefixed, so no two lists share one)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _entry(tool: str, name: str) -> Path | None:
    root = folder()
    return None if root is None else root / tool / name


def _count(tool: str, outcome: str) -> None:
    root = folder()
    if root is not None:
        with open(root / _COUNTS, "a") as log:  # one short appended line a check: whole even with workers writing
            log.write(f"{tool} {outcome}\n")


def passed(tool: str, name: str) -> bool:
    """Whether ``tool`` already passed on the input named ``name`` (a :func:`key`) in this run."""
    entry = _entry(tool, name)
    if entry is not None and entry.exists():
        _count(tool, "skipped")
        return True
    return False


def record(tool: str, name: str) -> None:
    """Note that ``tool`` passed, just now, on the input named ``name``."""
    entry = _entry(tool, name)
    if entry is None:
        return
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.touch()
    _count(tool, "ran")


def counts() -> dict[str, Counter[str]]:
    """For each tool: how many checks ran and passed, and how many were skipped as already passed."""
    root = folder()
    found: dict[str, Counter[str]] = {}
    if root is None or not (root / _COUNTS).exists():
        return found
    for line in (root / _COUNTS).read_text().splitlines():
        tool, _, outcome = line.partition(" ")
        found.setdefault(tool, Counter())[outcome] += 1
    return found


def files_named(top: Path, names: set[str]) -> list[tuple[str, bytes]]:
    """Every file under ``top`` with one of ``names``, with its bytes (configuration a tool would read)."""
    found = []
    for root, _, files in os.walk(top):
        for name in sorted(set(files) & names):
            path = Path(root, name)
            found.append((str(path.relative_to(top)), path.read_bytes()))
    return sorted(found)
