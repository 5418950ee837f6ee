"""The generator uses copier through its public API only, and silences only the warnings it names."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.project_env import REPO

CHECKED = ("generator", "tests", "benchmarks")


def _python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (REPO / folder).rglob("*.py") if "_template" not in path.parts)


def _private_copier_imports(tree: ast.AST) -> list[str]:
    """``import copier._x``, ``from copier._x import ...``, ``from copier import _x``, and the
    same through ``importlib.import_module("copier._x")`` or ``__import__``."""
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id in {"__import__", "import_module"})
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names = [node.args[0].value]
        for name in names:
            parts = name.split(".")
            if parts[0] == "copier" and any(part.startswith("_") and part != "__version__" for part in parts[1:]):
                found.append(f"line {node.lineno}: {name}")
    return found


def _ignore_everything_calls(tree: ast.AST) -> list[str]:
    """``warnings.simplefilter("ignore")`` (or ``simplefilter(action="ignore")``), or a
    ``filterwarnings("ignore")`` with neither a category nor a message."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in {"simplefilter", "filterwarnings"}:
            continue
        action = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "action"), None)
        if not (isinstance(action, ast.Constant) and action.value == "ignore"):
            continue
        keywords = {k.arg for k in node.keywords}
        if name == "simplefilter" or not ({"category", "message"} & keywords or len(node.args) > 1):
            found.append(f"line {node.lineno}: {name}('ignore') silences every warning")
    return found


@pytest.mark.parametrize("path", _python_files(*CHECKED), ids=lambda p: str(p.relative_to(REPO)))
def test_no_private_copier_import(path: Path) -> None:
    found = _private_copier_imports(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    assert not found, f"{path.relative_to(REPO)} imports copier's private modules: {found}"


@pytest.mark.parametrize("path", _python_files("generator"), ids=lambda p: str(p.relative_to(REPO)))
def test_no_warning_filter_that_silences_everything(path: Path) -> None:
    found = _ignore_everything_calls(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    assert not found, f"{path.relative_to(REPO)}: {found}"


@pytest.mark.parametrize(
    ("source", "private"),
    [
        ("from copier._main import Worker", True),
        ("import copier._vcs", True),
        ("from copier import _main", True),
        ("import importlib\nimportlib.import_module('copier._template')", True),
        ("from copier import run_copy, run_update", False),
        ("from copier.errors import UserMessageError", False),
        ("import copier\ncopier.__version__", False),
    ],
)
def test_the_import_check_itself(source: str, private: bool) -> None:
    assert bool(_private_copier_imports(ast.parse(source))) is private


@pytest.mark.parametrize(
    ("source", "silences"),
    [
        ("import warnings\nwarnings.simplefilter('ignore')", True),
        ("from warnings import simplefilter\nsimplefilter(action='ignore')", True),
        ("import warnings\nwarnings.filterwarnings('ignore')", True),
        ("import warnings\nwarnings.filterwarnings('ignore', category=UserWarning, message='x')", False),
        ("import warnings\nwarnings.simplefilter('error')", False),
    ],
)
def test_the_warning_check_itself(source: str, silences: bool) -> None:
    assert bool(_ignore_everything_calls(ast.parse(source))) is silences
