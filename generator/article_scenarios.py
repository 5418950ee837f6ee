"""Every "use Django when / use Flask when" statement of the five articles, as answers and a framework.

Each row is one statement, in our own words, with the article it comes from, the decision answers
that describe it (the others keep their defaults) and the framework the article names. Where the
articles disagree, the row says which side the recommendation takes and why (``side``); its
``expected`` is the side taken, not necessarily the article's pick. Statements about factors the
questionnaire does not ask are in :data:`generator.recommendation.NOT_ASKED` instead.

Gearheart 2017's table, with fuller answers, is :data:`generator.scenarios.SCENARIOS` (the worked
examples); :data:`ARTICLE_SCENARIOS` includes it. ``tests/test_article_scenarios.py`` checks each row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.scenarios import SCENARIOS

__all__ = ["ARTICLE_SCENARIOS", "ArticleScenario"]


@dataclass(frozen=True)
class ArticleScenario:
    """One statement of an article: where it is from, what it says, its answers, the framework expected."""

    name: str
    source: str
    says: str
    answers: dict[str, Any] = field(default_factory=dict)
    expected: str = "django"
    side: str = ""  # where the articles disagree: the side taken, and why

    @property
    def article_pick(self) -> str:
        """The framework the article itself names (the other one when the row takes the opposing side)."""
        if self.side and self.side.startswith("against"):
            return "flask" if self.expected == "django" else "django"
        return self.expected


def _s(name: str, source: str, says: str, answers: dict[str, Any], expected: str, side: str = "") -> ArticleScenario:
    return ArticleScenario(name, source, says, answers, expected, side)


_NO_STAFF = {"needs_admin": False, "needs_accounts": False}

_STATEMENTS: tuple[ArticleScenario, ...] = (
    # --- Gearheart 2017 -------------------------------------------------------------------------------
    _s("gh_default_stance", "Gearheart 2017", "With no specific reason for Flask, take Django.", {}, "django"),
    _s(
        "gh_know_why_flask",
        "Gearheart 2017",
        "If you know exactly why you need Flask's fine-grained control, take Flask.",
        {"style": "flexibility"},
        "flask",
    ),
    _s("gh_store", "Gearheart 2017", "A typical online store: Django.", {"project_kind": "online_store"}, "django"),
    _s("gh_blog", "Gearheart 2017", "A dynamic blog: Django.", {"project_kind": "blog"}, "django"),
    _s("gh_media", "Gearheart 2017", "Online media: Django.", {"project_kind": "news_media"}, "django"),
    _s(
        "gh_understand",
        "Gearheart 2017",
        "A beginner who wants to understand how a web app is built: Flask.",
        {"experience": "beginner_understand"},
        "flask",
    ),
    _s(
        "gh_understand_learning",
        "Gearheart 2017",
        "A beginner who wants to understand how a web app works, on a small learning project: Flask.",
        {"project_kind": "learning_project", "experience": "beginner_understand", "size": "small"},
        "flask",
    ),
    _s(
        "gh_understand_learning_defaults",
        "Gearheart 2017",
        "A learning project, the rest left at the defaults: Flask, which shows how a web app works.",
        {"project_kind": "learning_project"},
        "flask",
    ),
    _s(
        "gh_ship",
        "Gearheart 2017",
        "A beginner who wants a useful app as soon as possible: Django.",
        {"experience": "beginner_ship"},
        "django",
    ),
    _s(
        "gh_ship_learning",
        "Gearheart 2017",
        "A beginner on a learning project who wants something useful fast: Django; the goal outweighs the kind.",
        {"project_kind": "learning_project", "experience": "beginner_ship"},
        "django",
    ),
    _s(
        "gh_existing_backend",
        "Gearheart 2017",
        "Integration with an existing complex backend: Flask, it is less opinionated.",
        {"project_kind": "existing_backend"},
        "flask",
    ),
    _s(
        "gh_rest_api_with_site",
        "Gearheart 2017",
        "A REST API: Django, for Django REST framework (here, an API next to the site's pages).",
        {"api": "with_site"},
        "django",
    ),
    _s(
        "gh_rest_api_service",
        "Gearheart 2017",
        "A REST API: Django, for Django REST framework (here, a service that is only an API).",
        {"project_kind": "api_service"},
        "flask",
        "against Gearheart 2017 and Guru99, with Techvify and Codecademy: a service that is only an API "
        "needs none of the site Django REST framework shares its models and auth with, and Flask's small "
        "core fits it; with staff, accounts or pages beside it, it goes to Django.",
    ),
    _s(
        "gh_complex_sql",
        "Gearheart 2017",
        "A complex web application with ingenious SQL queries: Flask, Django's ORM will not be enough.",
        {"data_access": "complex_sql"},
        "flask",
    ),
    _s(
        "gh_data_heavy",
        "Gearheart 2017",
        "A data-heavy application built on complex queries: Flask.",
        {"project_kind": "data_heavy"},
        "flask",
    ),
    _s(
        "gh_conventions_onboarding",
        "Gearheart 2017",
        "Conventions on the layout make it easy to add new people to the project: Django.",
        {"team": "large"},
        "django",
    ),
    _s(
        "gh_orm_choice",
        "Gearheart 2017",
        "Django ties you to its ORM, Flask lets you choose SQLAlchemy or peewee for the data you have: Flask.",
        {"data_access": "existing_schema"},
        "flask",
    ),
    _s(
        "gh_localized_urls",
        "Gearheart 2017",
        "Django's URLs can be localized for a site in several languages: Django.",
        {"multilingual": True},
        "django",
    ),
    # --- Techvify -------------------------------------------------------------------------------------
    _s("tv_large", "Techvify", "Large, complex, feature-rich projects: Django.", {"size": "large"}, "django"),
    _s(
        "tv_large_teams",
        "Techvify",
        "Complex projects with large teams: Django.",
        {"size": "large", "team": "large"},
        "django",
    ),
    _s(
        "tv_small_flexible",
        "Techvify",
        "Smaller projects where flexibility and a modular approach come first: Flask.",
        {"size": "small", "style": "flexibility"},
        "flask",
    ),
    _s(
        "tv_medium_flexible",
        "Techvify",
        "Small to medium projects, with the freedom to tailor the stack: Flask.",
        {"size": "medium", "style": "flexibility"},
        "flask",
    ),
    _s(
        "tv_structured",
        "Techvify",
        "For those who prioritize a structured, convention-driven environment: Django.",
        {"style": "conventions"},
        "django",
    ),
    _s(
        "tv_microservice",
        "Techvify",
        "Straightforward tasks, microservices and APIs: Flask.",
        {"project_kind": "api_service"},
        "flask",
    ),
    _s(
        "tv_api_spa",
        "Techvify",
        "Flask is best paired with React, Angular or Vue for the interface: a backend that is only an API.",
        {"api": "api_only"},
        "flask",
    ),
    _s(
        "tv_gentle_curve",
        "Techvify",
        "Flask has a gentler learning curve for developers new to web development.",
        {"experience": "beginner_understand"},
        "flask",
    ),
    _s(
        "tv_gentle_curve_ship",
        "Techvify",
        "Flask is gentler for beginners (here, a beginner who wants something useful fast).",
        {"experience": "beginner_ship"},
        "django",
        "against Techvify, with Gearheart 2017: a beginner whose goal is to ship gets more from the decisions "
        "Django has already taken than from Flask's gentler start.",
    ),
    _s(
        "tv_full_control",
        "Techvify",
        "A team that wants complete control over the application's architecture: Flask.",
        {"style": "flexibility", "team": "small", "size": "medium"},
        "flask",
    ),
    # --- Codecademy -----------------------------------------------------------------------------------
    _s("cc_large", "Codecademy", "Use Django for a large project.", {"size": "large"}, "django"),
    _s("cc_deadline", "Codecademy", "Use Django when deadlines drive the project.", {"deadline": True}, "django"),
    _s(
        "cc_one_stop",
        "Codecademy",
        "Use Django for a one-stop solution with database management included.",
        {"style": "conventions", "needs_admin": True, "needs_accounts": True},
        "django",
    ),
    _s(
        "cc_scale_up",
        "Codecademy",
        "Use Django when the app is to grow into a more complex one later.",
        {"size": "large", "team": "small"},
        "django",
    ),
    _s(
        "cc_complex_dynamic",
        "Codecademy",
        "Flask is not the framework for a complex app with many dynamic pages: Django.",
        {"size": "large", "style": "no_preference", "needs_accounts": True},
        "django",
    ),
    _s(
        "cc_small_simple",
        "Codecademy",
        "Use Flask for a smaller, simpler web app with a few pages.",
        {"size": "small", **_NO_STAFF},
        "flask",
    ),
    _s(
        "cc_flexibility",
        "Codecademy",
        "Use Flask when you need more coding flexibility.",
        {"style": "flexibility"},
        "flask",
    ),
    _s(
        "cc_extensions",
        "Codecademy",
        "Use Flask to bring in more extensions and customized elements.",
        {"style": "flexibility", "size": "medium"},
        "flask",
    ),
    _s(
        "cc_api_only",
        "Codecademy",
        "Use Flask when you need API support (here, an API for a separate front end).",
        {"api": "api_only"},
        "flask",
    ),
    _s(
        "cc_api_with_site",
        "Codecademy",
        "Use Flask when you need API support in your web app (here, an API next to the site's pages).",
        {"api": "with_site"},
        "django",
        "against Codecademy, with Gearheart 2017 and Guru99: an API beside the site's own pages shares its "
        "models, accounts and admin, which is what Django REST framework does best.",
    ),
    _s(
        "cc_db_control",
        "Codecademy",
        "Use Flask for more control over how the app talks to the database.",
        {"data_access": "complex_sql"},
        "flask",
    ),
    _s(
        "cc_more_databases",
        "Codecademy",
        "Flask has no default model, so an existing database is easier to integrate: Flask.",
        {"data_access": "existing_schema"},
        "flask",
    ),
    _s(
        "cc_experienced_control",
        "Codecademy",
        "Programmers with more experience who want control of the design prefer Flask.",
        {"experience": "experienced", "style": "flexibility"},
        "flask",
    ),
    _s(
        "cc_learn_django",
        "Codecademy",
        "Branching into web development from Python, learning Django is a good place to start.",
        {"project_kind": "learning_project", "experience": "beginner_ship"},
        "django",
    ),
    _s(
        "cc_learn_django_understand",
        "Codecademy",
        "Learning Django is a good place to start (here, a learner who wants to understand how it works).",
        {"project_kind": "learning_project", "experience": "beginner_understand"},
        "flask",
        "against Codecademy, with Gearheart 2017 and Techvify: to understand the machinery, Flask's little "
        "magic teaches more than Django's documentation does.",
    ),
    # --- Inspector ------------------------------------------------------------------------------------
    _s(
        "in_prototype_api",
        "Inspector",
        "An API built while prototyping, using the built-in ORM, accounts and admin: Django, far less code.",
        {
            "project_kind": "api_service",
            "api": "api_only",
            "deadline": True,
            "size": "medium",
            "needs_admin": True,
            "needs_accounts": True,
        },
        "django",
    ),
    _s(
        "in_prototype_service",
        "Inspector",
        "A service built while prototyping: Django, its built-ins mean far less code; the deadline outweighs the kind.",
        {"project_kind": "api_service", "deadline": True},
        "django",
        "with Inspector, against Techvify: Flask suits a microservice, but a tight deadline weighs more than the "
        "kind of project, as Inspector's own choice shows.",
    ),
    _s(
        "in_admin",
        "Inspector",
        "Django generates a full admin from the models; Flask needs Flask-Admin: Django when staff need one.",
        {"needs_admin": True, "needs_accounts": True, "size": "medium"},
        "django",
    ),
    _s(
        "in_no_orm_tie",
        "Inspector",
        "Flask is not tied to an ORM: integrate the database library that fits your case.",
        {"data_access": "existing_schema", "size": "medium"},
        "flask",
    ),
    _s(
        "in_large_scale",
        "Inspector",
        "Django's batteries make it ideal for large-scale, complex projects.",
        {"size": "large", "team": "large"},
        "django",
    ),
    # --- Guru99 ---------------------------------------------------------------------------------------
    _s(
        "gu_granular",
        "Guru99",
        "If you want a granular level of control, prefer Flask.",
        {"style": "flexibility"},
        "flask",
    ),
    _s(
        "gu_drf",
        "Guru99",
        "Django with REST framework builds powerful APIs where Flask needs more work: Django.",
        {"api": "with_site", "needs_accounts": True},
        "django",
    ),
    _s(
        "gu_drf_api_only",
        "Guru99",
        "Django with REST framework builds powerful APIs (here, a service that is only an API).",
        {"project_kind": "api_service", "api": "api_only"},
        "flask",
        "against Guru99 and Gearheart 2017, with Techvify and Codecademy: see gh_rest_api_service.",
    ),
    _s(
        "gu_multilingual",
        "Guru99",
        "Django's built-in internationalization serves multilingual sites: Django.",
        {"multilingual": True},
        "django",
    ),
    _s(
        "gu_multilingual_plain",
        "Guru99",
        "A multilingual site with no admin and no accounts still leans Django for its translation system.",
        {"multilingual": True, **_NO_STAFF},
        "django",
    ),
    _s(
        "gu_rapid_mvp",
        "Guru99",
        "Django is built for rapid development; Flask's MVPs are slower in most cases: Django.",
        {"deadline": True, "size": "medium"},
        "django",
        "with Codecademy, Inspector and Guru99's own line on slower Flask MVPs: Guru99 also says Flask makes "
        "a quick prototype easy, which contradicts it and is not followed.",
    ),
    _s(
        "gu_simple",
        "Guru99",
        "Django is too bloated for small projects and simple cases: Flask.",
        {"size": "small", **_NO_STAFF},
        "flask",
    ),
    _s(
        "gu_complex_maintenance",
        "Guru99",
        "Flask's maintenance costs grow for complex, larger systems: Django.",
        {"size": "large"},
        "django",
    ),
    _s(
        "gu_admin",
        "Guru99",
        "Django offers an easy interface for administrative tasks and a built-in authentication system.",
        {"needs_admin": True, "needs_accounts": True},
        "django",
    ),
)

#: Gearheart 2017's table with fuller answers (the worked examples), then every statement above.
ARTICLE_SCENARIOS: tuple[ArticleScenario, ...] = (
    *(
        ArticleScenario(
            f"gh_table_{s.name}",
            "Gearheart 2017",
            f"{s.title}: {s.article_pick.capitalize()} (a row of the table, with fuller answers).",
            s.answers,
            s.article_pick,
        )
        for s in SCENARIOS
    ),
    *_STATEMENTS,
)
