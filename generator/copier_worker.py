"""copier's Worker, minus a git call per rendered file.

After writing each file, copier runs ``git config core.fileMode`` in the destination:
only where git ignores modes on disk (``core.fileMode=false``) does it then rewrite the
file's mode in the index. The answer is the same for every file of a destination, so it
is asked once per destination (a default project: 1 process instead of 65; an update,
whose three renders write 146 files: 3 instead of 146).
"""

from __future__ import annotations

import subprocess
from functools import cached_property
from pathlib import Path

from copier._main import Worker


class OneCheckWorker(Worker):
    """A copier Worker that asks git about ``core.fileMode`` once per destination."""

    @cached_property
    def _git_ignores_file_modes(self) -> bool:
        setting = subprocess.run(
            ["git", "config", "--type=bool", "--get", "core.fileMode"],
            cwd=self.subproject.local_abspath,
            capture_output=True,
            text=True,
            check=False,
        )
        return setting.stdout.strip() == "false"

    def _sync_git_index_executable_bit(self, dst_relpath: Path, src_mode: int) -> None:
        if self._git_ignores_file_modes:
            super()._sync_git_index_executable_bit(dst_relpath, src_mode)
