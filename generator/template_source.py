"""Where the copier template is: this repository's checkout, or the copy packed into the wheel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class TemplateSource:
    """A template folder, and whether it is a git checkout (so copier can record a commit)."""

    path: Path
    is_git: bool

    @property
    def vcs_ref(self) -> str | None:
        """Render a checkout's working tree (HEAD plus uncommitted changes), not its newest tag."""
        return "HEAD" if self.is_git else None


def locate() -> TemplateSource:
    """Find the template this installation of the generator renders."""
    checkout = _PACKAGE_DIR.parent
    if (checkout / "copier.yml").is_file() and (checkout / "templates").is_dir():
        return TemplateSource(checkout, (checkout / ".git").exists())
    packed = _PACKAGE_DIR / "_template"
    if (packed / "copier.yml").is_file():
        return TemplateSource(packed, False)
    raise GeneratorError(
        f"the project template is missing: looked in {checkout} and {packed}; reinstall flask-or-django"
    )
