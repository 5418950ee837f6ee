"""Worked examples: one project per scenario of Gearheart 2017's table, the blog in both frameworks, and a
shop in two languages with background jobs in both frameworks."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import UsageError
from generator.recommendation import DECISION_KEYS, recommend
from generator.scenarios import SCENARIOS, Scenario

_NAMES = {
    "online_store": "Corner Shop",
    "blog": "Field Notes",
    "news_media": "Daily Ledger",
    "beginner_understand": "First Steps",
    "beginner_ship": "Quick Launch",
    "existing_backend": "Warehouse Portal",
    "rest_api": "Catalog API",
    "complex_sql": "Sales Insights",
    "multilingual_shop": "Maison Market",
}

#: Beyond Gearheart 2017's table: Guru99 names Django's internationalization for multilingual sites; the same
#: shop in both frameworks shows Django's i18n against Flask-Babel, Celery in each, and the full account kits
#: (django-allauth against Flask-Security-Too: email verification, two-factor).
MULTILINGUAL_SHOP = Scenario(
    "multilingual_shop",
    "A shop in English and French, with background jobs and the full account kit (two-factor)",
    {"project_kind": "online_store", "multilingual": True, "needs_admin": True, "needs_accounts": True},
    "django",
)
#: Wiring answers an example sets beyond the defaults.
_WIRING: dict[str, dict[str, Any]] = {"multilingual_shop": {"background_jobs": True, "auth_kit": "full"}}


@dataclass(frozen=True)
class Example:
    """One worked example: its folder name, scenario, and the framework it is rendered in."""

    scenario: Scenario
    framework: str

    @property
    def folder(self) -> str:
        return f"{self.scenario.name}-{self.framework}"

    @property
    def answers(self) -> dict[str, Any]:
        """The scenario's decision answers, a name, and the framework (its pick, or the other for the pair)."""
        name = self.scenario.name
        return {
            "project_name": _NAMES[name],
            **self.scenario.answers,
            "framework": self.framework,
            **_WIRING.get(name, {}),
        }


def examples() -> list[Example]:
    """Every scenario in the framework the recommendation picks, plus the blog in the other one, and the
    multilingual shop in both."""
    found = [Example(s, recommend(s.answers).framework) for s in SCENARIOS]
    blog = next(e for e in found if e.scenario.name == "blog")
    found.append(Example(blog.scenario, "flask" if blog.framework == "django" else "django"))
    found += [Example(MULTILINGUAL_SHOP, framework) for framework in ("django", "flask")]
    return found


#: The blog pair, concern by concern: (Django path, Flask path, how they differ). ``{slug}`` is the package.
SIDE_BY_SIDE: tuple[tuple[str, str, str, str], ...] = (
    (
        "routing",
        "{slug}/urls.py",
        "{slug}/posts/views.py",
        "Django lists URLs in urls.py with path(); Flask puts a route decorator on each view of a blueprint.",
    ),
    (
        "views",
        "posts/views.py",
        "{slug}/posts/views.py",
        "Django subclasses generic class-based views; Flask writes one function per page.",
    ),
    (
        "models",
        "posts/models.py",
        "{slug}/posts/models.py",
        "Django's models.Model against SQLAlchemy 2 typed mapped_column() declarations.",
    ),
    (
        "migrations",
        "posts/migrations/0001_initial.py",
        "migrations/versions/0001_initial_schema.py",
        "Django writes operations per app; Alembic (Flask-Migrate) writes one revision chain for the database.",
    ),
    (
        "templates",
        "templates/posts/post_list.html",
        "{slug}/posts/templates/posts/list.html",
        "Django template language with {% url %}; Jinja2 with url_for(), in per-blueprint folders.",
    ),
    (
        "forms",
        "posts/forms.py",
        "{slug}/posts/forms.py",
        "A ModelForm derives its fields from the model; a WTForms form declares each field again.",
    ),
    (
        "auth",
        "accounts/views.py",
        "{slug}/auth/views.py",
        "Django's auth views do login and password reset; Flask-Login plus hand-written views and signed tokens.",
    ),
    (
        "admin",
        "posts/admin.py",
        "{slug}/admin.py",
        "A ModelAdmin is a few declarations; Flask-Admin views need an access check written by hand.",
    ),
    (
        "API",
        "posts/api.py",
        "{slug}/api/views.py",
        "A Django REST framework ViewSet against a Flask REST extension's MethodViews with marshmallow schemas.",
    ),
    (
        "settings",
        "{slug}/settings.py",
        "{slug}/config.py",
        "One settings module read from the environment against configuration classes chosen at create_app().",
    ),
    (
        "tests",
        "tests/test_posts.py",
        "tests/test_posts.py",
        "pytest-django's client and database fixtures against the app, client and runner fixtures of flaskr.",
    ),
)


def render_examples(out: Path, *, force: bool) -> list[Path]:
    """Render every example into ``out/<folder>`` and write ``out/README.md``; return the folders."""
    from generator.copier_session import copier_session
    from generator.render import removed_if_failed
    from generator.template_source import locate

    out.mkdir(parents=True, exist_ok=True)
    folders = []
    with copier_session(locate()) as session:
        for example in examples():
            dest = out / example.folder
            if dest.exists():
                if not force:
                    raise UsageError(f"{dest} exists: pass --force to replace the example folders")
                shutil.rmtree(dest)
            with removed_if_failed(dest):
                session.copy(dest, example.answers, defaults=True)
            folders.append(dest)
    (out / "README.md").write_text(readme(), encoding="utf-8")
    return folders


def _slug(example: Example) -> str:
    from generator.names import slugify

    return slugify(example.answers["project_name"])


def readme() -> str:
    """examples/README.md: each scenario's answers, recommendation and reasons, and the blog side by side."""
    lines = [
        "# Worked examples",
        "",
        "Generated by `flask-or-django examples`; do not edit by hand (a test fails when a file here differs",
        "from a fresh render). Each folder is a complete project: its README says how to run and test it.",
        "",
        "Guru99 ends with the advice to build a few basic CRUD apps with both frameworks and decide. These are",
        "those apps: one for each scenario of Gearheart 2017's table, in the framework the recommendation picks,",
        "the blog in both frameworks, and a shop in English and French with background jobs in both frameworks.",
        "",
        "| scenario | Gearheart 2017 picks | we recommend | example |",
        "|---|---|---|---|",
    ]
    for example in examples():
        rec = recommend(example.scenario.answers)
        note = "" if example.framework == rec.framework else f" (in {example.framework.capitalize()}, to compare)"
        lines.append(
            f"| {example.scenario.title}{note} | {example.scenario.article_pick.capitalize()} | "
            f"{rec.framework.capitalize()} ({rec.strength}) | [{example.folder}]({example.folder}/) |"
        )
    for scenario in (*SCENARIOS, MULTILINGUAL_SHOP):
        rec = recommend(scenario.answers)
        lines += ["", f"## {scenario.title}", "", "Answers (the rest are the questionnaire's defaults):", ""]
        lines += [
            f"- `{key}`: `{str(scenario.answers[key]).lower()}`" for key in DECISION_KEYS if key in scenario.answers
        ]
        lines += [f"- `{key}`: `{str(value).lower()}`" for key, value in _WIRING.get(scenario.name, {}).items()]
        lines += [
            "",
            f"Recommendation: **{rec.framework.capitalize()}**, a {rec.strength} case "
            f"(Django {rec.scores['django']}, Flask {rec.scores['flask']}). Reasons:",
            "",
        ]
        lines += [f"- {r.text} ({r.source})" for r in rec.deciding_reasons]
        counter = rec.best_counter_reason
        if counter:
            lines.append(f"- Against it, for {counter.framework.capitalize()}: {counter.text} ({counter.source})")
    blog = [e for e in examples() if e.scenario.name == "blog"]
    django, flask = sorted(blog, key=lambda e: e.framework)
    lines += [
        "",
        "## The blog, side by side",
        "",
        f"The same blog ({_NAMES['blog']}: posts with accounts, an admin and an API) in "
        f"[Django]({django.folder}/) and [Flask]({flask.folder}/).",
        "",
        "| concern | Django | Flask | how they differ |",
        "|---|---|---|---|",
    ]
    for concern, dj, fl, differ in SIDE_BY_SIDE:
        dj_path, fl_path = dj.format(slug=_slug(django)), fl.format(slug=_slug(flask))
        lines.append(
            f"| {concern} | [{dj_path}]({django.folder}/{dj_path}) | [{fl_path}]({flask.folder}/{fl_path}) | {differ} |"
        )
    return "\n".join(lines) + "\n"
