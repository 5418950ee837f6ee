"""The combination matrix, enumerated from copier.yml itself (no hand-kept list that can drift).

Each wiring question is branched over its choices (a bool over true and false) where its
``when`` holds for the answers so far, in copier.yml's order; a combination is valid when
:func:`generator.wiring.combination_problem` (the rule copier.yml's validators apply) finds
nothing, and invalid otherwise, with the message the user gets.
"""

from __future__ import annotations

import itertools
from functools import cache
from typing import Any

from jinja2 import Environment

from generator.questionnaire import GROUPS
from generator.questions import Question, load_questions
from generator.wiring import combination_problem, derived

WIRING_KEYS = next(keys for title, keys in GROUPS if title == "How to wire it")
FRAMEWORKS = ("django", "flask")


def _values(question: Question) -> list[Any] | None:
    """The answers the matrix branches over: the choices, both yes and no, or none for free text."""
    if question.choices:
        return list(question.choices.values())
    return [True, False] if question.type == "bool" else None


def _applies(question: Question, answers: dict[str, Any]) -> bool:
    when = question.when
    if isinstance(when, bool):
        return when
    rendered = Environment().from_string(str(when)).render({**answers, **derived(answers)})
    return rendered.strip().lower() == "true"


def _enumerate(framework: str) -> list[dict[str, Any]]:
    questions = load_questions()
    combos: list[dict[str, Any]] = [{"framework": framework}]
    for key in WIRING_KEYS:
        grown = []
        for combo in combos:
            values = _values(questions[key])
            if values is not None and _applies(questions[key], combo):
                grown += [{**combo, key: value} for value in values]
            else:
                grown.append(combo)
        combos = grown
    return combos


@cache
def valid_combinations(framework: str) -> tuple[dict[str, Any], ...]:
    """Every combination of the wiring answers copier accepts for ``framework``."""
    return tuple(c for c in _enumerate(framework) if not combination_problem(_with_unasked(c)))


@cache
def invalid_combinations(framework: str) -> tuple[tuple[dict[str, Any], str], ...]:
    """Every combination copier refuses, with the reason it gives."""
    return tuple((c, problem) for c in _enumerate(framework) if (problem := combination_problem(_with_unasked(c))))


def _with_unasked(combo: dict[str, Any]) -> dict[str, Any]:
    """Questions that are not asked (Flask without a database) are false, as their defaults are."""
    return {**{k: False for k in ("auth", "admin", "example_app", "background_jobs")}, **combo}


def combination_id(combo: dict[str, Any]) -> str:
    """A short readable name: framework, the non-boolean choices, then the options that are on."""
    parts = [combo["framework"]]
    parts += [str(combo[k]) for k in ("django_version", "orm", "templating", "database") if k in combo]
    flags = [k for k in ("auth", "admin", "example_app", "rest_api", "background_jobs") if combo.get(k)]
    parts += ["auth_full" if k == "auth" and combo.get("auth_kit") == "full" else k for k in flags]
    if "languages" in combo:
        parts.append(str(combo["languages"]).replace(",", "+"))
    return "-".join(parts)


def _pairs(combo: dict[str, Any]) -> set[tuple[tuple[str, Any], tuple[str, Any]]]:
    return set(itertools.combinations(sorted(combo.items()), 2))


def all_pairs(combos: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A greedy all-pairs cover: every pair of answer values found in ``combos`` occurs in one chosen."""
    missing = set().union(*(_pairs(c) for c in combos))
    chosen: list[dict[str, Any]] = []
    while missing:
        best = max(combos, key=lambda c: len(_pairs(c) & missing))
        chosen.append(best)
        missing -= _pairs(best)
    return chosen


#: The languages the covering set pairs with every other answer: one, and two (the full matrix keeps one).
LANGUAGE_CHOICES = ("en", "en,fr")


@cache
def covering_set(framework: str) -> tuple[dict[str, Any], ...]:
    """An all-pairs cover of the valid matrix of ``framework``, each combination in one language and in two
    (``languages`` is left out where it is the default, so such a combination is one of the matrix's own)."""
    combos = [{**c, "languages": lang} for c in valid_combinations(framework) for lang in LANGUAGE_CHOICES]
    return tuple(
        {k: v for k, v in c.items() if (k, v) != ("languages", LANGUAGE_CHOICES[0])} for c in all_pairs(combos)
    )
