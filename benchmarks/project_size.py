"""4. Size: files, lines and dependencies of a project."""

from __future__ import annotations

import contextlib
import hashlib
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from .common import run, uv


def size(project: Path, requirements: list[str] | None = None) -> dict[str, Any]:
    loc: Counter[str] = Counter()
    files = 0
    for path in project.rglob("*"):
        rel = path.relative_to(project).parts
        if not path.is_file() or {".git", "__pycache__", "staticfiles", "instance", ".venv"} & set(rel):
            continue
        if path.name == "db.sqlite3":
            continue
        files += 1
        kind = {".py": "python", ".html": "html", ".css": "css"}.get(path.suffix, "other")
        with contextlib.suppress(UnicodeDecodeError):
            loc[kind] += sum(1 for line in path.read_text().splitlines() if line.strip())
    pyproject = project / "pyproject.toml"
    dev: list[str] = []
    if requirements is None:
        data = tomllib.loads(pyproject.read_text())
        requirements = list(data["project"].get("dependencies", []))
        dev = [r for r in data.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)]
    resolved = compile_requirements(requirements)
    packages = [x for x in resolved.splitlines() if x and not x.startswith((" ", "#"))]
    return {
        "files": files,
        "loc": {k: loc[k] for k in ("python", "html", "css", "other")},
        "direct_dependencies": len(requirements),
        "dev_dependencies": len(dev),
        "resolved_dependencies": len(packages),
        "resolved": [p.split("==")[0] for p in packages],
    }


COMPILE_CACHE: Path | None = None


def compile_requirements(requirements: list[str]) -> str:
    """``uv pip compile`` for Python 3.11, cached under --work by the requirement list."""
    key = hashlib.sha256("\n".join(sorted(requirements)).encode()).hexdigest()[:16]
    cached = COMPILE_CACHE / f"{key}.txt" if COMPILE_CACHE else None
    if cached and cached.is_file() and time.time() - cached.stat().st_mtime < 86400:
        return cached.read_text()
    out = run(
        [uv(), "pip", "compile", "--quiet", "--no-header", "--python-version", "3.11", "-"],
        input="\n".join(requirements),
    ).stdout
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(out)
    return out
