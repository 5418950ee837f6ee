"""The one place the generator runs copier: through its public API, in one context.

``copier_session(source)`` sets up, for everything copier does inside it:

* error translation: what copier raises becomes a ``GeneratorError`` with a one-line message;
* scratch files in memory where the machine offers it (``scratch.py``);
* the compiled-template cache (``compile_cache.py``, ``template_cache.keeping_compiled_templates``);
* URL rewriting, so git fetches the portable template URL from this installation (``TemplateSource.resolving``);
* the warning filters: only the copier warnings named in ``IGNORED_WARNINGS``.

and yields a ``CopierSession`` whose ``copy``, ``render_version`` and ``jinja_env`` are the only
uses of copier in the generator (``run_copy`` and documented settings; ``update`` merges the
renders itself, ``merge.py``).

A ``copy`` from a plain-folder snapshot into a fresh folder outside any git repository
renders with git out of copier's sight: copier then skips what git could only answer
with nothing (a ``git config core.fileMode`` per rendered file, 65 processes for a
default project, and three probes of the template folder). See ``git_has_nothing_to_say``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.errors import Aborted, GeneratorError, UsageError
from generator.scratch import scratch_in_memory
from generator.template_cache import (
    RECORDED_SOURCE_FILE,
    cached_render,
    keep_render,
    keeping_compiled_templates,
    snapshot,
)
from generator.template_source import TemplateSource
from generator.yaml_text import load_yaml

ANSWERS_FILE = ".copier-answers.yml"  # copier.yml's _answers_file

#: The copier warnings the generator silences, as (category name in ``copier.errors``, message regex).
#: Each one is about something the generator chose on purpose; every other warning is shown.
IGNORED_WARNINGS: tuple[tuple[str, str], ...] = (
    # update of a project whose _src_path is a local checkout with uncommitted changes: copier renders
    # the working tree, as the generator's own renders from a checkout do
    ("DirtyLocalWarning", r"Dirty template changes included automatically"),
)

_VALIDATION = re.compile(r"Validation error for question '(?P<key>[^']+)': (?P<msg>.*)", re.S)
_TEMPLATE_EXTENSION_LOADER = "copier_template_extensions.TemplateExtensionLoader"


@contextmanager
def copier_errors() -> Iterator[None]:
    """Translate what copier raises into GeneratorError subclasses with one-line messages."""
    from copier.errors import CopierError, InteractiveSessionError, UserMessageError

    try:
        yield
    except KeyboardInterrupt:
        raise Aborted("aborted: nothing was generated") from None
    except InteractiveSessionError:
        raise UsageError(
            "no terminal to ask the questions in: pass --defaults, --data KEY=VALUE or --data-file FILE"
        ) from None
    except UserMessageError as exc:
        raise GeneratorError(" ".join(str(exc).split())) from None
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        raise GeneratorError(f"cannot write{where}: {exc.strerror or exc}") from None
    except (ValueError, CopierError) as exc:
        match = _VALIDATION.match(str(exc))
        if match:
            raise UsageError(f"{match['key']}: {' '.join(match['msg'].split())}") from None
        raise GeneratorError(" ".join(str(exc).split()) or exc.__class__.__name__) from None


def ignore_copier_warnings() -> None:
    """Add the filters for ``IGNORED_WARNINGS`` (call it inside ``warnings.catch_warnings()``)."""
    import copier.errors

    for category, message in IGNORED_WARNINGS:
        warnings.filterwarnings("ignore", category=getattr(copier.errors, category), message=message)


@contextmanager
def copier_session(source: TemplateSource) -> Iterator[CopierSession]:
    """Everything copier needs around it when the generator runs it (see the module's docstring)."""
    with (
        copier_errors(),
        warnings.catch_warnings(),
        scratch_in_memory(),
        keeping_compiled_templates(),
        source.resolving(),
    ):
        ignore_copier_warnings()
        yield CopierSession(source)


class CopierSession:
    """copier's public API, for one template source, inside ``copier_session``."""

    def __init__(self, source: TemplateSource) -> None:
        self.source = source

    @cached_property
    def reads(self) -> tuple[str, str | None]:
        """``(src_path, vcs_ref)`` for copier: the cached snapshot of the newest version where
        there is one (no clone), else the source itself."""
        folder = snapshot(self.source)
        if folder is not None:
            return str(folder), None
        return self.source.url, self.source.vcs_ref

    @property
    def template_folder(self) -> Path:
        """A folder holding the newest template version's ``copier.yml`` and ``generator/``."""
        src_path, _ = self.reads
        folder = Path(src_path)
        return folder if (folder / "copier.yml").is_file() else self.source.questions_file.parent

    def copy(self, dest: Path, data: dict[str, Any], *, defaults: bool) -> dict[str, Any]:
        """``run_copy`` the newest template version into ``dest``; return the answers it recorded."""
        src_path, vcs_ref = self.reads
        self._run_copy(src_path, vcs_ref, dest, data, defaults=defaults)
        answers = recorded_answers(dest)
        if vcs_ref is None and (Path(src_path) / RECORDED_SOURCE_FILE).is_file():  # a snapshot: one commit
            keep_render(Path(src_path).name, render_data(answers), dest)  # the first update's old render
        return answers

    def render_version(self, commit: str, dest: Path, data: dict[str, Any]) -> dict[str, Any]:
        """``run_copy`` the template version ``commit`` (a full hash) with ``data`` (other answers default)
        into ``dest`` (new, outside any repository); return the answers it recorded.

        What ``update`` merges: the old version with the recorded answers, the newest with the changed
        ones. From the version's snapshot (made once, ``template_cache.snapshot``) with git out of sight,
        so a render starts no git process; without a snapshot, copier clones the template as usual.
        """
        folder = snapshot(self.source, commit)
        if folder is None:  # no usable cache: copier clones the template
            self._run_copy(self.source.url, commit, dest, data, defaults=True)
            return recorded_answers(dest)
        kept = cached_render(folder.name, data)
        if kept is not None:
            shutil.copytree(kept, dest, ignore=shutil.ignore_patterns(".complete"))
            return recorded_answers(dest)
        self._run_copy(str(folder), None, dest, data, defaults=True)
        answers = recorded_answers(dest)
        keep_render(folder.name, render_data(answers), dest)
        return answers

    def _run_copy(
        self, src_path: str, vcs_ref: str | None, dest: Path, data: dict[str, Any], *, defaults: bool
    ) -> None:
        import copier

        with git_out_of_sight(git_has_nothing_to_say(src_path, dest)):
            copier.run_copy(
                src_path,
                dest,
                data=data,
                defaults=defaults,
                unsafe=True,
                quiet=True,
                vcs_ref=vcs_ref,
                cleanup_on_error=True,
            )

    def jinja_env(self) -> Any:
        """A Jinja environment like the one copier renders the newest template version's copier.yml in:
        copier's sandbox, its default filters and ``keep_trailing_newline``, the template's ``_envops`` and
        ``_jinja_extensions`` (``generator/copier_extension.py`` loaded from the template folder by path)."""
        from jinja2.sandbox import SandboxedEnvironment

        folder = self.template_folder
        config = load_yaml((folder / "copier.yml").read_text(encoding="utf-8")) or {}
        extensions: list[Any] = ["jinja2_ansible_filters.AnsibleCoreFiltersExtension"]
        for name in config.get("_jinja_extensions", []):
            path, sep, attr = str(name).partition(":")
            if name == _TEMPLATE_EXTENSION_LOADER:
                continue  # what lets copier load the path-named ones below
            extensions.append(_load_by_path(folder / path, attr) if sep and path.endswith(".py") else name)
        envops = {"keep_trailing_newline": True, **(config.get("_envops") or {})}
        return SandboxedEnvironment(extensions=extensions, **envops)


def render_data(answers: dict[str, Any]) -> dict[str, Any]:
    """Recorded answers as ``data`` for a render: without copier's own ``_src_path``, ``_commit``..."""
    return {key: value for key, value in answers.items() if not key.startswith("_")}


def recorded_answers(project: Path) -> dict[str, Any]:
    """The answers copier wrote into ``project``'s answers file."""
    answers = load_yaml((project / ANSWERS_FILE).read_text(encoding="utf-8"))
    return dict(answers) if isinstance(answers, dict) else {}


def _load_by_path(path: Path, attr: str) -> Any:
    """``attr`` of the Python file ``path``, loaded as copier-template-extensions loads it."""
    module_name = f"_flask_or_django_template_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise GeneratorError(f"cannot load the template's Jinja extension {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return getattr(module, attr)


def git_has_nothing_to_say(src_path: str, dest: Path) -> bool:
    """Whether a copy from ``src_path`` into ``dest`` (new or empty) can render without git.

    copier asks git about the template (is it a repository, a bundle?) and, after writing
    each file, about the destination (``core.fileMode``, then the file's index entry). For
    a plain folder (not a repository) rendered into a folder outside any repository, every
    answer is "no": git is then kept out of copier's sight. Not when the template has
    ``_tasks`` (they run with the same ``PATH``) or includes other files (not read here).
    """
    if not _copier_looks_git_up_first():
        return False
    src = Path(src_path)
    if not src.is_dir() or (src / ".git").exists() or os.environ.keys() & {"GIT_DIR", "GIT_WORK_TREE"}:
        return False
    dest = dest.absolute()
    if any((folder / ".git").exists() for folder in (dest, *dest.parents)):
        return False
    try:
        config = (src / "copier.yml").read_text(encoding="utf-8")
    except OSError:
        return False
    return not re.search(r"^\s*_tasks\s*:|!include", config, re.M)


def _copier_looks_git_up_first() -> bool:
    """Whether this copier checks that git is there before each git call of a copy from a plain folder
    (9.15.1 and later: the versions that ask git about every rendered file); older ones call it regardless."""
    import copier

    numbers = tuple(int(part) for part in re.findall(r"\d+", copier.__version__)[:3])
    return numbers >= (9, 15, 1)


@contextmanager
def git_out_of_sight(hide: bool) -> Iterator[None]:
    """Within this block (if ``hide``), copier finds no git: its ``PATH`` (plumbum's ``local.env``,
    which copier looks programs up in) holds nothing. The process's own environment is unchanged."""
    if not hide:
        yield
        return
    from plumbum import local

    with local.env(PATH=os.devnull):
        yield
