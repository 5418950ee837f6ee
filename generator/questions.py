"""The questionnaire as data: copier.yml's questions, and typed, checked answers from the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.errors import UsageError
from generator.template_source import locate
from generator.yaml_text import load_yaml
from generator.yes_no import yes_no


@dataclass(frozen=True)
class Question:
    """One question of copier.yml: its key, type, help, choices (label to value) and raw default."""

    key: str
    type: str
    help: str
    default: Any
    choices: dict[str, Any] = field(default_factory=dict)
    asked: bool = True
    when: Any = True
    validator: str = ""

    def cast(self, raw: Any) -> Any:
        """Turn a command-line string into this question's type, or raise UsageError."""
        if self.type == "bool":
            answer = yes_no(raw)
            if answer is not None:
                return answer
            raise UsageError(f"{self.key}={raw!r} is not a yes/no answer: use {self.key}=true or {self.key}=false")
        value = raw if isinstance(raw, str) else str(raw)
        if self.choices and value not in self.choices.values():
            allowed = ", ".join(str(v) for v in self.choices.values())
            raise UsageError(f"{self.key}={value!r} is not one of the choices: {allowed}")
        return value


@cache
def load_questions(copier_yml: Path | None = None) -> dict[str, Question]:
    """Read the questions (not the ``_settings``) from copier.yml, in order."""
    path = copier_yml or locate().questions_file
    raw = load_yaml(path.read_text(encoding="utf-8"))
    questions: dict[str, Question] = {}
    for key, spec in raw.items():
        if key.startswith("_") or not isinstance(spec, dict):
            continue
        choices = spec.get("choices") or {}
        if isinstance(choices, list):
            choices = {str(c): c for c in choices}
        questions[key] = Question(
            key=key,
            type=spec.get("type", "str"),
            help=str(spec.get("help", "")),
            default=spec.get("default"),
            choices=dict(choices),
            asked=spec.get("when", True) is not False,
            when=spec.get("when", True),
            validator=str(spec.get("validator", "")),
        )
    return questions


def parse_data(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Split ``KEY=VALUE`` strings; raise UsageError on a malformed one."""
    data: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--data {pair!r} is not KEY=VALUE, for example --data framework=flask")
        data[key.strip()] = value
    return data


def read_data_file(path: Path) -> dict[str, Any]:
    """Read answers from a YAML (or JSON) file of ``key: value`` lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"--data-file {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"--data-file {path}: is a folder, not a file") from None
    except (PermissionError, UnicodeDecodeError) as exc:
        raise UsageError(f"--data-file {path}: cannot be read ({exc.__class__.__name__})") from None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise UsageError(f"--data-file {path}: not valid YAML{where}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise UsageError(f"--data-file {path}: expected 'key: value' lines, found a {type(loaded).__name__}")
    return {str(k): v for k, v in loaded.items() if not str(k).startswith("_")}


def check_answers(raw: dict[str, Any], questions: dict[str, Question] | None = None) -> dict[str, Any]:
    """Cast answers to their types; refuse unknown keys, derived keys and values outside the choices."""
    questions = questions if questions is not None else load_questions()
    answers: dict[str, Any] = {}
    for key, value in raw.items():
        question = questions.get(key)
        if question is None or not question.asked:
            known = ", ".join(k for k, q in questions.items() if q.asked)
            raise UsageError(f"unknown answer {key!r}: the questions are {known}")
        answers[key] = question.cast(value)
    return answers
