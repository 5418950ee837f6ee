"""The recommendation rules: Gearheart 2017's scenarios and each factor's clear cases."""

from __future__ import annotations

import pytest

from generator.questions import load_questions
from generator.recommendation import ANSWER_REASONS, DECISION_DEFAULTS, DECISION_KEYS, recommend
from generator.scenarios import SCENARIOS

ARTICLES = {"Gearheart 2017", "Techvify", "Codecademy", "Inspector", "Guru99"}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_gearheart_scenarios_get_the_articles_pick(scenario):
    rec = recommend(scenario.answers)
    assert rec.framework == scenario.article_pick, rec.as_dict()
    assert rec.deciding_reasons, "a pick always comes with at least one reason for it"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"project_kind": "online_store"}, "django"),
        ({"project_kind": "news_media", "needs_admin": False, "needs_accounts": False}, "django"),
        ({"project_kind": "existing_backend", "needs_admin": False, "needs_accounts": False}, "flask"),
        ({"data_access": "complex_sql", "needs_admin": False, "needs_accounts": False}, "flask"),
        ({"experience": "beginner_understand", "needs_admin": False}, "flask"),
        ({"experience": "beginner_ship", "needs_admin": False, "needs_accounts": False}, "django"),
        ({"api": "api_only", "project_kind": "api_service", "needs_admin": False, "needs_accounts": False}, "flask"),
        ({"api": "with_site", "needs_admin": False, "needs_accounts": False}, "django"),
        ({"style": "flexibility", "needs_admin": False, "needs_accounts": False}, "flask"),
        ({"style": "conventions", "needs_admin": False, "needs_accounts": False}, "django"),
        ({"size": "large", "team": "large", "needs_admin": False, "needs_accounts": False}, "django"),
        ({"deadline": True, "needs_admin": False, "needs_accounts": False}, "django"),
    ],
)
def test_each_factor_in_its_clear_case(answers, expected):
    assert recommend(answers).framework == expected


def test_every_factor_moves_the_scores():
    """Each decision question changes some score for some answer (no dead question)."""
    questions = load_questions()
    for key in DECISION_KEYS:
        values = list(questions[key].choices.values()) or [True, False]
        totals = {tuple(recommend({key: v}).scores.values()) for v in values}
        assert len(totals) > 1, f"{key} never changes the scores"


def test_a_tie_goes_to_django():
    # flask: small(1) + solo(1) + complex_sql(3) = 5 ; django: admin(3) + accounts(1) + no_preference(1) = 5
    rec = recommend({"data_access": "complex_sql"})
    assert rec.scores == {"django": 5, "flask": 5}
    assert rec.framework == "django"
    assert rec.strength == "slight"


def test_reasons_cite_the_articles_and_are_sorted_by_weight():
    rec = recommend({"project_kind": "blog", "experience": "beginner_understand", "style": "flexibility"})
    assert {r.source for r in rec.reasons} <= ARTICLES
    weights = [r.weight for r in rec.reasons]
    assert weights == sorted(weights, reverse=True)
    assert rec.best_counter_reason is not None
    assert rec.best_counter_reason.framework != rec.framework
    assert rec.scores[rec.framework] == sum(r.weight for r in rec.deciding_reasons)


def test_every_reason_is_one_sentence_citing_a_known_article():
    for by_answer in ANSWER_REASONS.values():
        for reason in by_answer.values():
            assert reason.source in ARTICLES
            assert reason.text.endswith(".") and reason.text.count(". ") == 0, reason.text


def test_defaults_match_copier_yml():
    questions = load_questions()
    assert {k: questions[k].default for k in DECISION_KEYS} == DECISION_DEFAULTS
