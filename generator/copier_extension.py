"""Jinja extension that gives copier.yml and the templates the generator's own logic.

copier loads this file by path (through copier-template-extensions), so it and the
modules it loads must work without the ``generator`` package being installed: the
sibling modules are loaded from this folder by file path, which also ties the logic
to the template version being rendered.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context


def _load_sibling(name: str) -> ModuleType:
    """Load ``generator/<name>.py`` next to this file, whatever is installed."""
    module_name = f"_flask_or_django_template_{name}"
    spec = importlib.util.spec_from_file_location(module_name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


RECORDED_SOURCE_FILE = ".recorded-source.yml"  # written by template_cache beside copier.yml
_TEMPLATE_ROOT = Path(__file__).resolve().parents[1]

_recommendation = _load_sibling("recommendation")
_names = _load_sibling("names")
_wiring = _load_sibling("wiring")
_features = _load_sibling("features")
_compile_cache = _load_sibling("compile_cache")
_languages = _load_sibling("languages")


def _answers(ctx: Context) -> dict[str, Any]:
    return dict(ctx.get_all())


@pass_context
def _recommendation_for(ctx: Context) -> Any:
    """The Recommendation itself (``framework``, ``strength``, ``scores``, ``reasons``): templates read its
    attributes; building ``as_dict()`` for each of the parity check's 93,312 renders was wasted work."""
    answers = {k: v for k in _recommendation.DECISION_KEYS if (v := ctx.get(k)) is not None}
    return _recommendation.recommend(answers)


@pass_context
def _decision_default(ctx: Context, name: str) -> Any:
    """A decision question's default, given the answers so far (some follow ``project_kind``)."""
    return _recommendation.decision_defaults(_answers(ctx))[name]


@pass_context
def _combination_problem(ctx: Context) -> str:
    return _wiring.combination_problem(_answers(ctx))


@pass_context
def _derived(ctx: Context, name: str) -> Any:
    """One computed answer (``generator/wiring.py``'s ``DERIVED``) for the answers so far."""
    return _wiring.DERIVED[name](_answers(ctx))


@pass_context
def _wiring_for(ctx: Context) -> Any:
    """What the feature table (``generator/features.py``) gives this project: dependencies, apps, env..."""
    answers = _answers(ctx)
    return _features.wiring_for({**answers, **_wiring.derived(answers)})


@pass_context
def _default_orm(ctx: Context) -> str:
    return _wiring.default_orm(_answers(ctx))


def _recorded_source(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers to store, with ``_src_path``/``_commit`` as a git render records them.

    A snapshot of the template (``generator/template_cache.py``) is a plain folder, which
    copier would record as a local path without a commit; the snapshot names the portable
    URL and ``git describe`` of the commit it was extracted from. Elsewhere (plain
    ``copier copy``) the answers pass through unchanged.
    """
    marker = _TEMPLATE_ROOT / RECORDED_SOURCE_FILE
    if not marker.is_file():
        return answers
    return {**answers, **yaml.safe_load(marker.read_text())}


class GeneratorExtension(Extension):
    """Filters ``slugify``, ``slug_problem``, ``name_problem``, ``language_problem``, ``language_codes``,
    ``recorded_source``; globals for the
    recommendation and wiring; compiled templates kept for reuse."""

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        environment.filters["slugify"] = _names.slugify
        environment.filters["slug_problem"] = _names.slug_problem
        environment.filters["name_problem"] = _names.name_problem
        environment.filters["example_names"] = _wiring.example_names
        environment.filters["language_problem"] = _languages.language_problem
        environment.filters["language_codes"] = _languages.language_codes
        environment.filters["catalogue_locale"] = _languages.catalogue_locale
        environment.globals["language_names"] = _languages.LANGUAGE_NAMES
        environment.globals["language_english_names"] = _languages.ENGLISH_NAMES
        environment.globals["recommendation"] = _recommendation_for
        environment.globals["decision_default"] = _decision_default
        environment.globals["combination_problem"] = _combination_problem
        environment.globals["default_orm"] = _default_orm
        environment.globals["derived"] = _derived
        environment.globals["features"] = _wiring_for
        environment.filters["recorded_source"] = _recorded_source
        _compile_cache.remember_compiled(environment)
