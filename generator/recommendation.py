"""Recommend Django or Flask from the questionnaire's decision answers.

This module is the single source of truth for the recommendation: copier.yml's
``framework`` default (through :mod:`generator.copier_extension`) and the command
line both call :func:`recommend`. It imports only the standard library so that
copier can load it straight from the template folder.

``ANSWER_REASONS`` turns each answer into points for a framework and a reason, in
our own words, citing the article it comes from (see ``shared/decision-factors.md``).
Every other answer is listed in ``NEUTRAL_ANSWERS`` with why it counts for neither;
the factors the articles name that are not asked are in ``NOT_ASKED``, with why.
``generator/article_scenarios.py`` holds every "use Django when / use Flask when"
statement of the five articles as answers and the framework the article names.

Defaults. An answer left at its default must not decide on its own, so the
questions after ``project_kind`` default to what that kind of project usually is
(``KIND_DEFAULTS``): a learning project, an API service or a front end for an
existing backend defaults to no admin panel and no accounts, a front end for an
existing backend to its existing schema, a data-heavy app to hand-tuned SQL. The API
question keeps its default (no API) for an API service: the kind already counts for
Flask, and counting it again through the API answer would let no deadline outweigh
it, where Inspector's prototype shows that one can. With every answer left at
its default the result is Gearheart 2017's default stance: Django, by a slight margin
that any one reason for Flask the articles give can overturn.

Where the articles disagree we take a side:

* APIs. Gearheart 2017 and Guru99 pick Django for REST APIs (Django REST framework);
  Techvify and Codecademy pick Flask for APIs and microservices. We split the
  question: an API *next to* a site (``api: with_site``) leans Django, an
  API-only service leans Flask. Accounts and an admin still count for Django,
  so a data-rich API with staff and users can end up on Django, as Gearheart
  2017 advises.
* Beginners. Techvify calls Flask gentler for every beginner; Codecademy calls
  Django a good place to start; Gearheart 2017 splits by goal. We follow Gearheart
  2017: a beginner who wants to understand the machinery gets Flask, one who wants
  to ship gets Django. The goal (``experience``) weighs more than the kind
  ``learning_project``.
* Deadlines. Codecademy and Inspector say a tight deadline calls for Django; Guru99
  says both that Flask is "easy to build a quick prototype" and that its MVPs are
  slower. We side with Codecademy and Inspector.
* Project size. Techvify puts medium projects with Flask ("small to medium"),
  Codecademy names only small (Flask) and large (Django): ``medium`` is neutral.
* Ties. Gearheart 2017's default stance: take Flask only when you know why you
  need it, otherwise Django. A tie therefore goes to Django.
* Guru99's claims that are false today (for example that Django has no API
  support) are not encoded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DECISION_DEFAULTS",
    "DECISION_KEYS",
    "FRAMEWORKS",
    "KIND_DEFAULTS",
    "NEUTRAL_ANSWERS",
    "NOT_ASKED",
    "Reason",
    "Recommendation",
    "decision_defaults",
    "recommend",
]

FRAMEWORKS = ("django", "flask")

#: The decision questions and their default answers for ``project_kind=other`` (copier.yml's, in its order).
DECISION_DEFAULTS: dict[str, Any] = {
    "project_kind": "other",
    "size": "small",
    "deadline": False,
    "team": "solo",
    "experience": "experienced",
    "needs_admin": True,
    "needs_accounts": True,
    "data_access": "orm_is_enough",
    "api": "none",
    "multilingual": False,
    "style": "no_preference",
}
DECISION_KEYS = tuple(DECISION_DEFAULTS)

#: The defaults that follow the kind of project (the questions come after ``project_kind``).
KIND_DEFAULTS: dict[str, dict[str, Any]] = {
    "api_service": {"needs_admin": False, "needs_accounts": False},
    "existing_backend": {"needs_admin": False, "needs_accounts": False, "data_access": "existing_schema"},
    "data_heavy": {"needs_admin": False, "data_access": "complex_sql"},
    "learning_project": {"needs_admin": False, "needs_accounts": False},
}


def decision_defaults(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The default of every decision question, given the answers so far (``project_kind`` sets some)."""
    kind = answers.get("project_kind") or DECISION_DEFAULTS["project_kind"]
    return {**DECISION_DEFAULTS, **KIND_DEFAULTS.get(str(kind), {})}


@dataclass(frozen=True)
class Reason:
    """One reason for a framework, with its weight and the article it comes from."""

    framework: str
    weight: int
    text: str
    source: str


@dataclass(frozen=True)
class Recommendation:
    """The framework picked, each framework's score, and the reasons behind it."""

    framework: str
    scores: dict[str, int]
    reasons: list[Reason] = field(default_factory=list)

    @property
    def margin(self) -> int:
        """How many points the pick leads by."""
        return abs(self.scores["django"] - self.scores["flask"])

    @property
    def strength(self) -> str:
        """How strong the case is: ``strong``, ``clear``, or ``slight``."""
        if self.margin >= 6:
            return "strong"
        if self.margin >= 3:
            return "clear"
        return "slight"

    @property
    def deciding_reasons(self) -> list[Reason]:
        """Reasons for the picked framework, heaviest first."""
        return [r for r in self.reasons if r.framework == self.framework]

    @property
    def best_counter_reason(self) -> Reason | None:
        """The strongest reason for the framework that was not picked."""
        other = [r for r in self.reasons if r.framework != self.framework]
        return other[0] if other else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``flask-or-django recommend --json``."""
        return {
            "framework": self.framework,
            "strength": self.strength,
            "scores": dict(self.scores),
            "reasons": [
                {"framework": r.framework, "weight": r.weight, "text": r.text, "source": r.source} for r in self.reasons
            ],
        }


def _r(framework: str, weight: int, text: str, source: str) -> Reason:
    return Reason(framework, weight, text, source)


#: For each decision question, the reason each answer gives; the other answers are in NEUTRAL_ANSWERS.
ANSWER_REASONS: dict[str, dict[Any, Reason]] = {
    "project_kind": {
        "online_store": _r(
            "django",
            3,
            "A typical online store fits Django: e-commerce packages exist and its ORM is enough "
            "for catalogue and orders.",
            "Gearheart 2017",
        ),
        "blog": _r(
            "django",
            3,
            "A dynamic blog is close to Django's own tutorial: models, admin and generic views do half the work.",
            "Gearheart 2017",
        ),
        "news_media": _r(
            "django",
            3,
            "Django was born in a newsroom; content sites with editors and many dynamic pages are its home ground.",
            "Gearheart 2017",
        ),
        "api_service": _r(
            "flask", 2, "A focused API service or microservice is where Flask's small core shines.", "Techvify"
        ),
        "existing_backend": _r(
            "flask",
            3,
            "Integrating with an existing complex backend is easier with Flask: it imposes no opinions to fight.",
            "Gearheart 2017",
        ),
        "data_heavy": _r(
            "flask",
            2,
            "Applications built around ingenious SQL tend to outgrow Django's ORM; Flask lets you pick SQLAlchemy.",
            "Gearheart 2017",
        ),
        "learning_project": _r(
            "flask",
            2,
            "A project to learn from teaches more in Flask, where you wire each piece of the app yourself.",
            "Gearheart 2017",
        ),
    },
    "size": {
        "large": _r(
            "django",
            2,
            "A large project with many features and pages benefits from Django's built-in structure and tools.",
            "Techvify",
        ),
        "small": _r(
            "flask",
            1,
            "A small app with a few pages stays simple in Flask; Django can feel like overkill.",
            "Codecademy",
        ),
    },
    "deadline": {
        True: _r(
            "django",
            4,
            "With a tight deadline, Django's batteries mean less code to write before release.",
            "Codecademy",
        ),
    },
    "team": {
        "large": _r(
            "django",
            2,
            "A large team gains from shared conventions: everyone knows where things live in a Django project.",
            "Gearheart 2017",
        ),
        "solo": _r(
            "flask", 1, "Working alone, you can enjoy Flask's freedom without agreeing on conventions.", "Techvify"
        ),
    },
    "experience": {
        "beginner_understand": _r(
            "flask",
            4,
            "To understand how a web app works, Flask has little magic: every piece is visible and small.",
            "Gearheart 2017",
        ),
        "beginner_ship": _r(
            "django",
            4,
            "To ship something useful fast as a beginner, Django has already taken most decisions for you.",
            "Gearheart 2017",
        ),
    },
    "needs_admin": {
        True: _r(
            "django",
            2,
            "Staff need an admin panel: Django generates a complete one from the models, Flask-Admin is more work.",
            "Inspector",
        ),
    },
    "needs_accounts": {
        True: _r(
            "django",
            1,
            "User accounts come built in with Django; Flask needs Flask-Login and hand-written views.",
            "Inspector",
        ),
    },
    "data_access": {
        "complex_sql": _r(
            "flask",
            4,
            "Hand-tuned SQL is first-class with SQLAlchemy in Flask; Django's ORM will likely not be enough.",
            "Gearheart 2017",
        ),
        "existing_schema": _r(
            "flask",
            4,
            "An existing schema is easier to map with SQLAlchemy than to bend into Django's models and migrations.",
            "Inspector",
        ),
    },
    "api": {
        "with_site": _r(
            "django",
            4,
            "An API next to a data-rich site is Django REST framework's strength, sharing models and auth.",
            "Gearheart 2017",
        ),
        "api_only": _r(
            "flask",
            4,
            "An API-only backend for a separate front end is a classic Flask use: small, explicit, fast to start.",
            "Codecademy",
        ),
    },
    "multilingual": {
        True: _r(
            "django",
            2,
            "A site in several languages gets Django's built-in translation system and localized URLs.",
            "Guru99, Gearheart 2017",
        ),
    },
    "style": {
        "conventions": _r(
            "django", 2, "You prefer conventions and a fixed layout, which is what Django gives.", "Techvify"
        ),
        "flexibility": _r(
            "flask",
            4,
            "You know why you want full control over structure and components: that is the case for Flask.",
            "Gearheart 2017",
        ),
        "no_preference": _r(
            "django", 1, "With no specific reason for Flask, Django's defaults save many hours.", "Gearheart 2017"
        ),
    },
}

#: The answers that count for neither framework, on purpose, and why.
NEUTRAL_ANSWERS: dict[str, dict[Any, str]] = {
    "project_kind": {
        "other": "Says nothing about the project; the later questions decide.",
    },
    "size": {
        "medium": "Techvify puts medium projects with Flask, Codecademy names only small and large: no side.",
    },
    "deadline": {
        False: "No rush is no reason for either: Codecademy's point is only that a deadline favours Django.",
    },
    "team": {
        "small": "A small team fits both; only a large team (conventions) or working alone (freedom) leans.",
    },
    "experience": {
        "experienced": "Gearheart 2017 assumes a team new to both frameworks; experience alone picks neither, "
        "and Codecademy's experienced developer who wants control is heard by the style question.",
    },
    "needs_admin": {
        False: "Not needing an admin takes away Django's advantage but gives none to Flask.",
    },
    "needs_accounts": {
        False: "Not needing accounts takes away Django's advantage but gives none to Flask.",
    },
    "data_access": {
        "orm_is_enough": "Django's ORM integrations (admin, model forms, serializers) are counted where they "
        "pay off, by the admin and API questions; counting them here too would count them twice.",
    },
    "api": {
        "none": "No API: neither Django REST framework nor Flask's API-only strength applies.",
    },
    "multilingual": {
        False: "One language needs no translation system in either framework.",
    },
    "style": {},
}

#: Factors the articles name that the questionnaire does not ask, and why.
NOT_ASKED: dict[str, str] = {
    "security by default": "Techvify and Codecademy favour Django for its built-in protections, but every "
    "project this generator makes is secure by default in both frameworks (CSRF, secure cookies, security "
    "headers, password hashing, checked settings): asking would count a difference the generated project "
    "does not have.",
    "performance": "Techvify calls Flask lighter; Inspector finds the code you write matters far more than the "
    "framework. Not a decision factor.",
    "community support": "Codecademy and Guru99 find Django's community larger. It does not depend on the "
    "project, so it is no question; the default stance (Django on a tie) already leans the same way.",
    "try both": "Guru99's advice to build a small CRUD app in both frameworks is what the worked examples do "
    "(the blog in Django and in Flask); it is no rule.",
}


def recommend(answers: Mapping[str, Any]) -> Recommendation:
    """Score both frameworks from the decision answers and pick one.

    Missing answers take their questionnaire default (which may follow ``project_kind``);
    unknown keys are ignored. A tie goes to Django (Gearheart 2017's default stance).
    """
    full = {**decision_defaults(answers), **{k: answers[k] for k in DECISION_KEYS if k in answers}}
    found = (ANSWER_REASONS[key].get(full[key]) for key in DECISION_KEYS)
    reasons = sorted((r for r in found if r is not None), key=lambda r: -r.weight)
    scores = {fw: sum(r.weight for r in reasons if r.framework == fw) for fw in FRAMEWORKS}
    framework = "django" if scores["django"] >= scores["flask"] else "flask"
    return Recommendation(framework=framework, scores=scores, reasons=reasons)
