"""Fixtures shared by the generator's tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.project_env import REPO


def pytest_configure(config: pytest.Config) -> None:
    """Point pytest-copie at this repository's template unless told otherwise."""
    if getattr(config.option, "template", None) in (None, "."):
        config.option.template = str(REPO)


@pytest.fixture
def render(copie: Any):
    """Render a project with the given answers (other answers default) and return its folder."""

    def _render(**answers: Any) -> Path:
        result = copie.copy(extra_answers=answers)
        assert result.exit_code == 0, f"render failed: {result.exception!r}"
        assert result.project_dir is not None
        return Path(result.project_dir)

    return _render
