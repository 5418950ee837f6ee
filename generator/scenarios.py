"""The scenarios of Gearheart 2017's table, as questionnaire answers, with the article's pick.

Used by the recommendation tests and by the worked examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["SCENARIOS", "Scenario"]


@dataclass(frozen=True)
class Scenario:
    """One row of the table: a name, the decision answers that describe it, and the article's pick."""

    name: str
    title: str
    answers: dict[str, Any] = field(default_factory=dict)
    article_pick: str = "django"


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "online_store",
        "A typical online store",
        {"project_kind": "online_store", "size": "medium", "needs_admin": True, "needs_accounts": True},
        "django",
    ),
    Scenario(
        "blog",
        "Dynamic blog",
        # a blog whose posts a JavaScript front end or an app also reads: an API next to the site
        {"project_kind": "blog", "api": "with_site", "needs_admin": True, "needs_accounts": True},
        "django",
    ),
    Scenario(
        "news_media",
        "Online media",
        {"project_kind": "news_media", "size": "large", "team": "small", "needs_admin": True},
        "django",
    ),
    Scenario(
        "beginner_understand",
        "A beginner who wants to understand how it works",
        {
            "project_kind": "learning_project",
            "experience": "beginner_understand",
            "needs_admin": False,
            "needs_accounts": False,
        },
        "flask",
    ),
    Scenario(
        "beginner_ship",
        "A beginner who wants a useful app as soon as possible",
        {"project_kind": "other", "experience": "beginner_ship", "deadline": True},
        "django",
    ),
    Scenario(
        "existing_backend",
        "Integration with an existing complex backend",
        {
            "project_kind": "existing_backend",
            "data_access": "existing_schema",
            "needs_admin": False,
            "needs_accounts": False,
            "style": "flexibility",
        },
        "flask",
    ),
    Scenario(
        # Gearheart 2017 picks Django because of Django REST framework: a data-rich API
        # with accounts and staff. A bare microservice would go to Flask (Techvify).
        "rest_api",
        "RESTful API",
        {
            "project_kind": "api_service",
            "api": "with_site",
            "size": "medium",
            "needs_admin": True,
            "needs_accounts": True,
        },
        "django",
    ),
    Scenario(
        "complex_sql",
        "Complex web application with ingenious SQL queries",
        {"project_kind": "data_heavy", "data_access": "complex_sql", "size": "medium", "needs_admin": False},
        "flask",
    ),
)
