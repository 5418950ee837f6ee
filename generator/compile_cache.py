"""Compiled Jinja templates kept for reuse, within a run and across runs.

copier renders every path part, question default and help text with ``from_string``,
which compiles anew on each call: a default project compiles the same 211 sources 723
times, an update three times that, and every run compiles them all again. Compiling is a
pure function of the source and the environment's settings, so the code is kept in
memory for the run and, when flask-or-django runs copier (it sets ``FOD_BYTECODE_DIR``),
in Jinja's bytecode cache for later runs, under a key of the environment's settings.
With plain ``copier copy`` nothing is written.

Loaded by file path from ``copier_extension.py``: it imports nothing from ``generator``.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment
from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache

BYTECODE_DIR_VARIABLE = "FOD_BYTECODE_DIR"


class _BytecodeByName(FileSystemBytecodeCache):
    """Keyed by template name only: copier checks each template version out into a new
    temporary folder, so file names never repeat. Jinja still compares the source's
    checksum before using stored code."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name)


def _qualified(value: Any) -> str:
    kind = value if isinstance(value, type) else type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def settings_key(environment: Environment) -> str:
    """A short hash of everything in ``environment`` that changes the code Jinja compiles."""
    finalize, autoescape = environment.finalize, environment.autoescape
    parts = [
        jinja2.__version__,
        sys.version.split()[0],
        _qualified(environment),
        _qualified(environment.code_generator_class),
        *(
            repr(getattr(environment, name))
            for name in (
                "block_start_string",
                "block_end_string",
                "variable_start_string",
                "variable_end_string",
                "comment_start_string",
                "comment_end_string",
                "line_statement_prefix",
                "line_comment_prefix",
                "trim_blocks",
                "lstrip_blocks",
                "newline_sequence",
                "keep_trailing_newline",
                "optimized",
            )
        ),
        _qualified(finalize) if callable(finalize) else repr(finalize),
        _qualified(autoescape) if callable(autoescape) else repr(autoescape),
        *sorted(_qualified(ext) for ext in environment.extensions.values()),
        *sorted(environment.filters),
        *sorted(environment.tests),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _stored_code(environment: Environment) -> BytecodeCache | None:
    """The bytecode cache for ``environment``'s settings, where flask-or-django asked for one."""
    root = os.environ.get(BYTECODE_DIR_VARIABLE)
    if not root:
        return None
    folder = Path(root) / settings_key(environment)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BytecodeByName(str(folder))


def remember_compiled(environment: Environment) -> None:
    """Make ``environment`` compile each distinct source once, and reuse stored code.

    The extensions' ``preprocess`` hooks still run on every call, as they would when
    compiling (copier's yield tag resets its state there).
    """
    compile_source: Callable[..., Any] = environment.compile
    compiled: dict[tuple[Any, ...], Any] = {}
    stored: list[BytecodeCache | None] = []  # decided at the first compile, when all extensions are loaded

    def store() -> BytecodeCache | None:
        if not stored:
            stored.append(_stored_code(environment))
            environment.bytecode_cache = stored[0]  # file templates: Jinja's loader consults it itself
        return stored[0]

    def compile_from_string(source: str, cache: BytecodeCache) -> Any:
        name = "<string " + hashlib.sha256(source.encode()).hexdigest() + ">"
        bucket = cache.get_bucket(environment, name, None, source)
        if bucket.code is None:
            bucket.code = compile_source(source)
            cache.set_bucket(bucket)
        else:
            environment.preprocess(source)
        return bucket.code

    def compile_once(
        source: Any, name: str | None = None, filename: str | None = None, raw: bool = False, defer_init: bool = False
    ) -> Any:
        cache = store()
        if not isinstance(source, str):
            return compile_source(source, name, filename, raw, defer_init)
        key = (source, name, filename, raw, defer_init)
        if key in compiled:
            environment.preprocess(source, name, filename)
        elif cache is not None and name is None and filename is None and not raw and not defer_init:  # from_string
            compiled[key] = compile_from_string(source, cache)
        else:
            compiled[key] = compile_source(source, name, filename, raw, defer_init)
        return compiled[key]

    environment.compile = compile_once  # type: ignore[method-assign]
