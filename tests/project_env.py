"""One shared virtual environment for running rendered projects' own tests and checks.

Rendered projects are not installed; only their dependencies are, into one venv
shared by the whole test session (and across sessions, under ``.cache/``). A file
lock keeps parallel pytest-xdist workers from installing at the same time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from filelock import FileLock

REPO = Path(__file__).resolve().parents[1]
VENV = Path(os.environ.get("FOD_PROJECT_VENV", REPO / ".cache" / "project-venv"))
_installed: set[str] = set()


def _uv() -> str:
    found = shutil.which("uv")
    if not found:
        raise RuntimeError("uv is not installed: run 'pip install -e .[test]' first")
    return found


def venv_python() -> Path:
    """The shared venv's interpreter, creating the venv on first use."""
    python = VENV / "bin" / "python"
    with FileLock(str(VENV) + ".lock"):
        if not python.exists():
            VENV.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([_uv(), "venv", "--quiet", "--python", sys.executable, str(VENV)], check=True)
    return python


def project_requirements(project_dir: Path) -> list[str]:
    """Runtime dependencies plus the ``dev`` dependency group of a rendered project."""
    data = tomllib.loads((project_dir / "pyproject.toml").read_text())
    requirements = list(data["project"].get("dependencies", []))
    requirements += [r for r in data.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)]
    return requirements


def install_project_deps(project_dir: Path) -> None:
    """Install what a rendered project needs into the shared venv (quick when already there)."""
    requirements = sorted(project_requirements(project_dir))
    key = "\n".join(requirements)
    if key in _installed:
        return
    python = venv_python()
    with FileLock(str(VENV) + ".lock"):
        subprocess.run(
            [_uv(), "pip", "install", "--quiet", "--compile-bytecode", "--python", str(python), *requirements],
            check=True,
        )
    _installed.add(key)


def run_in_project(
    project_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run a command inside a rendered project with the shared venv first on PATH."""
    install_project_deps(project_dir)
    bin_dir = str(venv_python().parent)
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    full_env.update({"PATH": f"{bin_dir}{os.pathsep}{full_env.get('PATH', '')}", "VIRTUAL_ENV": str(VENV)})
    full_env.update(env or {})
    return subprocess.run(list(args), cwd=project_dir, env=full_env, capture_output=True, text=True, timeout=timeout)


def check_in_project(project_dir: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a command in a rendered project and fail the test with its output unless it exits 0."""
    result = run_in_project(project_dir, *args, env=env)
    assert result.returncode == 0, (
        f"{' '.join(args)} exited {result.returncode} in {project_dir}\n"
        f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}"
    )
    return result.stdout + result.stderr
