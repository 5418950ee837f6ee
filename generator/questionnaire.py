"""The interactive questionnaire: copier.yml's questions asked in groups, with the recommendation panel.

copier.yml stays the one definition of the questions: their help, choices, defaults,
``when`` conditions and validators are read from it and their Jinja expressions are
rendered in copier's own environment (with the generator's extension), so what we ask
is what plain ``copier copy`` would ask. The answers are then handed to copier to render.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from rich.console import Console
from rich.rule import Rule

from generator.errors import Aborted, UsageError
from generator.panel import print_recommendation
from generator.questions import Question, load_questions
from generator.recommendation import DECISION_KEYS, recommend
from generator.wiring import derived
from generator.yes_no import is_yes

#: The questions in the order and groups they are asked (every asked question of copier.yml).
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("About you and the project", ("project_name", "project_slug", "description", "author_name", "author_email")),
    ("What it needs", DECISION_KEYS),
    ("Flask or Django", ("framework",)),
    (
        "How to wire it",
        (
            "orm",
            "database",
            "django_version",
            "templating",
            "auth",
            "auth_kit",
            "admin",
            "example_app",
            "rest_api",
            "background_jobs",
            "languages",
        ),
    ),
)


def _render(env: Environment, expression: Any, context: dict[str, Any]) -> Any:
    """Render a copier.yml expression as copier does: the computed answers (``has_database``...) included."""
    if not isinstance(expression, str) or "{" not in expression:
        return expression
    return env.from_string(expression).render({**context, **derived(context)})


class Questionnaire:
    """Ask, in a terminal, every question not already answered; return the answers for copier."""

    def __init__(self, env: Environment, console: Console, questions: dict[str, Question] | None = None) -> None:
        self.env = env
        self.console = console
        self.questions = questions or load_questions()

    def applies(self, question: Question, context: dict[str, Any]) -> bool:
        """Whether copier would ask this question, given the answers so far."""
        return is_yes(_render(self.env, question.when, context))

    def default(self, question: Question, context: dict[str, Any]) -> Any:
        """The question's default, rendered like copier renders it."""
        value = _render(self.env, question.default, context)
        return is_yes(value) if question.type == "bool" else value

    def problem(self, question: Question, context: dict[str, Any], value: Any) -> str:
        """What the question's validator says about ``value`` (empty when it is fine)."""
        if not question.validator:
            return ""
        return str(_render(self.env, question.validator, {**context, question.key: value})).strip()

    def check(self, given: dict[str, Any], *, defaults: bool) -> None:
        """Run copier.yml's validators on the given answers, and with ``defaults`` on the defaults every
        other question will take, as copier would while rendering; raise UsageError with the first
        problem. Called before anything is asked or printed, so a bad answer is one line and exit 2."""
        context: dict[str, Any] = dict(given)
        for key in (key for _, keys in GROUPS for key in keys):
            question = self.questions[key]
            if not self.applies(question, context):
                context.setdefault(key, self.default(question, context))
                continue
            if key in given:
                value = given[key]
            elif defaults:
                value = self.default(question, context)
            else:
                continue  # asked later, and checked as it is typed
            problem = self.problem(question, context, value)
            if problem:
                raise UsageError(f"{key}: {' '.join(problem.split())}")
            context[key] = value

    def run(self, given: dict[str, Any]) -> dict[str, Any]:
        """Ask the groups in order; Ctrl-C raises Aborted before anything is written."""
        context: dict[str, Any] = dict(given)
        answers: dict[str, Any] = dict(given)
        try:
            for title, keys in GROUPS:
                self.console.print(Rule(title, align="left", style="cyan"))
                if keys == ("framework",):
                    print_recommendation(recommend(context), self.console)
                for key in keys:
                    question = self.questions[key]
                    if not self.applies(question, context):
                        context.setdefault(key, self.default(question, context))
                        continue
                    if key not in given:
                        answers[key] = self._ask(question, context)
                    context[key] = answers[key]
        except KeyboardInterrupt:
            raise Aborted("aborted: nothing was generated") from None
        return answers

    def _ask(self, question: Question, context: dict[str, Any]) -> Any:
        import questionary

        default = self.default(question, context)
        message = "Which framework?" if question.key == "framework" else question.help
        if question.type == "bool":
            return questionary.confirm(message, default=bool(default)).unsafe_ask()
        if question.choices:
            recommended = recommend(context).framework if question.key == "framework" else None
            choices = [
                questionary.Choice(title=f"{label} (recommended)" if value == recommended else label, value=value)
                for label, value in question.choices.items()
            ]
            value = questionary.select(message, choices=choices, default=default).unsafe_ask()
            return value
        # The default is shown, not pre-filled: typed text replaces it (questionary's default= would put it
        # in the input buffer, where typing appends to it); Enter on an empty line takes it.
        fallback = str(default or "")

        def validate(text: str) -> bool | str:
            return self.problem(question, context, text or fallback) or True

        instruction = f"[{fallback}]" if fallback else None
        typed = questionary.text(message, instruction=instruction, validate=validate).unsafe_ask()
        return typed or fallback
