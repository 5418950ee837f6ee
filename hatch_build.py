"""Wheel build hook: pack the template's git history as a bundle beside the package.

``flask-or-django update`` must render the template at the version a project was
generated from, so an installed wheel carries the history (see generator/template_source.py).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class TemplateBundleHook(BuildHookInterface):
    """Add ``generator/_template.bundle`` to a regular (not editable) wheel built from a git checkout."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
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
