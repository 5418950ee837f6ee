"""Compiled Jinja templates kept for reuse, within a run and (in a template snapshot) across runs.

copier renders every path part, question default and help text with ``from_string``,
which compiles anew on each call: a default project compiles the same 211 sources 723
times, and every run compiles them all again. Compiling is a pure function of the source
and the environment, so the code is kept in memory for the run and, where a folder is
given, in Jinja's own bytecode cache for the next run (file templates included).

Loaded by file path from ``copier_extension.py``: it imports nothing from ``generator``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import BytecodeCache, FileSystemBytecodeCache


def bytecode_cache(folder: Path) -> BytecodeCache | None:
    """Jinja's file-system bytecode cache in ``folder``, or None where it cannot be written."""
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def remember_compiled(environment: Environment, bytecode_folder: Path | None = None) -> None:
    """Make ``environment`` compile each distinct source once; keep the code in ``bytecode_folder`` too.

    The extensions' ``preprocess`` hooks still run on every call, as they would when
    compiling (copier's yield tag resets its state there).
    """
    compile_source = environment.compile
    stored = bytecode_cache(bytecode_folder) if bytecode_folder else None
    if stored is not None:
        environment.bytecode_cache = stored  # file templates: Jinja's loader consults it itself
    compiled: dict[tuple[Any, ...], Any] = {}

    def compile_from_string(source: str) -> Any:
        if stored is None:
            return compile_source(source)
        name = "<string " + hashlib.sha256(source.encode()).hexdigest() + ">"
        bucket = stored.get_bucket(environment, name, None, source)
        if bucket.code is None:
            bucket.code = compile_source(source)
            stored.set_bucket(bucket)
        else:
            environment.preprocess(source)
        return bucket.code

    def compile_once(
        source: Any, name: str | None = None, filename: str | None = None, raw: bool = False, defer_init: bool = False
    ) -> Any:
        if not isinstance(source, str):
            return compile_source(source, name, filename, raw, defer_init)
        key = (source, name, filename, raw, defer_init)
        if key in compiled:
            environment.preprocess(source, name, filename)
        elif name is None and filename is None and not raw and not defer_init:  # from_string
            compiled[key] = compile_from_string(source)
        else:
            compiled[key] = compile_source(source, name, filename, raw, defer_init)
        return compiled[key]

    environment.compile = compile_once  # type: ignore[method-assign]
