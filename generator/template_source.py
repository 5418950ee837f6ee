"""Where the copier template is, and how copier reaches it under a portable name.

Projects record ``_src_path: gh:flask-or-django/flask-or-django`` in their answers file:
a name that resolves for a teammate with plain copier, and on any machine. When
flask-or-django renders or updates, git is told (through ``url.<base>.insteadOf`` in
the environment) to fetch that name from the template this installation carries:

* a git checkout of this repository (running from source), with its whole history;
* a git bundle packed into the wheel at build time (``generator/_template.bundle``),
  with the history up to the release, so an update can render the version a project
  was generated from;
* a plain folder (a wheel built without git), which can render new projects but
  cannot update them.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError
from generator.layout import TEMPLATE_PATHS
from generator.vcs import git

TEMPLATE_URL = "gh:flask-or-django/flask-or-django"
_EXPANDED_URL = "https://github.com/flask-or-django/flask-or-django.git"
_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLE_CLONES: dict[Path, str] = {}  # a bundle's path -> its bare clone, for this process


@dataclass(frozen=True)
class TemplateSource:
    """A template on disk: ``kind`` is ``checkout``, ``bundle`` or ``folder``."""

    path: Path
    kind: str

    @property
    def has_history(self) -> bool:
        """Whether older template versions can be rendered from it (needed by update)."""
        return self.kind in {"checkout", "bundle"}

    @property
    def vcs_ref(self) -> str | None:
        """The version copier renders: the newest commit where there is history."""
        return "HEAD" if self.has_history else None

    @property
    def url(self) -> str:
        """What copier is given, and records as ``_src_path``."""
        return TEMPLATE_URL if self.has_history else str(self.path)

    @property
    def questions_file(self) -> Path:
        """copier.yml of the newest template version (a wheel packs it beside the bundle)."""
        if self.kind == "bundle":
            return _PACKAGE_DIR / "_template" / "copier.yml"
        return self.path / "copier.yml"

    def has_commit(self, commit: str) -> bool:
        """Whether this source holds the template version ``commit`` (a hash or ``git describe`` name)."""
        return self.full_commit(commit) is not None

    def full_commit(self, commit: str) -> str | None:
        """The full hash of the template version ``commit`` (a hash, tag or ``git describe`` name), or None."""
        if not self.has_history:
            return None
        with self.git_dir() as git_dir:
            found = git(f"--git-dir={git_dir}", "rev-parse", "--verify", "--quiet", f"{_commit_id(commit)}^{{commit}}")
        return found.stdout.strip() if found.returncode == 0 else None

    def describe(self, *commits: str) -> list[str]:
        """Readable names of template versions (full hashes): ``v0.3.0``, ``v0.3.0-2-gabc1234`` after
        that tag, or a short hash where no tag comes before."""
        names = []
        with self.git_dir() as git_dir:
            for commit in commits:  # one at a time: a commit git cannot name falls back alone
                named = git(f"--git-dir={git_dir}", "describe", "--tags", "--always", commit).stdout.split()
                names.append(named[0] if len(named) == 1 else commit[:7])
        return names

    def head_commit(self) -> str:
        """The full hash of the newest template version (the checkout's HEAD, or the bundle's)."""
        if self.kind == "bundle":
            return git("bundle", "list-heads", str(self.path), "HEAD", check=True).stdout.split()[0]
        return git(f"--git-dir={self.path / '.git'}", "rev-parse", "HEAD^{commit}", check=True).stdout.strip()

    def tags_listing(self) -> str:
        """What git lists of the tags that name this source's versions (of a bundle: all its refs), without
        the clone ``git_dir`` makes of a bundle: it changes when a tag is made, moved or deleted."""
        if self.kind == "bundle":
            return git("bundle", "list-heads", str(self.path), check=True).stdout
        tags = ("for-each-ref", "--format=%(objectname) %(refname)", "refs/tags")
        return git(f"--git-dir={self.path / '.git'}", *tags, check=True).stdout

    @contextmanager
    def git_dir(self) -> Iterator[str]:
        """A git directory holding this source's history (a bundle is cloned into a temporary one)."""
        if self.kind == "checkout":
            yield str(self.path / ".git")
            return
        if self.path not in _BUNDLE_CLONES:  # once per process: update asks several questions of it
            tmp = tempfile.mkdtemp(prefix="fod-bundle-")
            atexit.register(shutil.rmtree, tmp, True)
            git("clone", "--quiet", "--bare", str(self.path), tmp, check=True)
            _BUNDLE_CLONES[self.path] = tmp
        yield _BUNDLE_CLONES[self.path]

    @contextmanager
    def resolving(self) -> Iterator[None]:
        """Within this block, git (and so copier) fetches ``TEMPLATE_URL`` from this source.

        copier's mirror cache goes to a temporary folder, so runs never share or race on it.
        """
        if not self.has_history:
            yield
            return
        from plumbum import local

        extra = {
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": f"url.{self.path}.insteadOf",
            "GIT_CONFIG_VALUE_0": _EXPANDED_URL,
        }
        with tempfile.TemporaryDirectory(prefix="fod-copier-cache-") as cache:
            extra["COPIER_CACHE_DIR"] = cache
            saved = {key: os.environ.get(key) for key in extra}
            os.environ.update(extra)
            try:
                with local.env(**extra):
                    yield
            finally:
                for key, value in saved.items():
                    if value is None:
                        os.environ.pop(key, None)
                    else:
                        os.environ[key] = value


def _commit_id(described: str) -> str:
    """The commit part of a ``git describe`` name (``v1.2-3-gabc123`` gives ``abc123``)."""
    head, sep, tail = described.rpartition("-g")
    return tail if sep and head else described


def locate() -> TemplateSource:
    """Find the template this installation of the generator renders."""
    checkout = _PACKAGE_DIR.parent
    if all((checkout / part).exists() for part in TEMPLATE_PATHS):
        return TemplateSource(checkout, "checkout" if (checkout / ".git").exists() else "folder")
    bundle = _PACKAGE_DIR / "_template.bundle"
    if bundle.is_file():
        return TemplateSource(bundle, "bundle")
    packed = _PACKAGE_DIR / "_template"
    if (packed / "copier.yml").is_file():
        return TemplateSource(packed, "folder")
    raise GeneratorError(
        f"the project template is missing: looked in {checkout}, {bundle} and {packed}; reinstall flask-or-django"
    )
