"""Wheel build hook: pack the template (``generator/_template/``) and its git history as a bundle beside the package.

The template's parts are those ``generator/layout.py`` lists. ``flask-or-django update`` must render
the template at the version a project was generated from, so an installed wheel carries the history
(see generator/template_source.py).
"""

from __future__ import annotations

import importlib.util
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def template_paths(root: Path) -> tuple[str, ...]:
    """``TEMPLATE_PATHS`` of ``generator/layout.py``, loaded by file path (the package is not importable here)."""
    spec = importlib.util.spec_from_file_location("_flask_or_django_layout", root / "generator" / "layout.py")
    assert spec is not None and spec.loader is not None
    layout = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(layout)
    return tuple(layout.TEMPLATE_PATHS)


class TemplateBundleHook(BuildHookInterface):
    """Add the template as ``generator/_template/`` to every wheel, and ``generator/_template.bundle`` to a
    regular (not editable) wheel built from a git checkout."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        template = {str(root / path): f"generator/_template/{path}" for path in template_paths(root)}
        build_data["force_include_editable" if version == "editable" else "force_include"].update(template)
        if version == "editable":
            return
        if not (root / ".git").exists():
            self.app.display_warning("not a git checkout: the wheel can render projects but not update them")
            return
        bundle = Path(tempfile.mkdtemp(prefix="fod-wheel-")) / "_template.bundle"
        subprocess.run(
            ["git", "bundle", "create", "--quiet", str(bundle), "HEAD", "--branches", "--tags"],
            cwd=root,
            check=True,
        )
        build_data["force_include"][str(bundle)] = "generator/_template.bundle"
