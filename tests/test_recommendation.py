"""The recommendation rules: Gearheart 2017's scenarios, each factor's clear cases, the defaults and the
neutral answers. Every statement of the five articles is checked in tests/test_article_scenarios.py."""

from __future__ import annotations

import pytest
import yaml
from rich.console import Console

from generator.copier_session import copier_session
from generator.languages import language_problem
from generator.questionnaire import Questionnaire
from generator.questions import load_questions
from generator.recommendation import (
    ANSWER_REASONS,
    DECISION_DEFAULTS,
    DECISION_KEYS,
    KIND_DEFAULTS,
    NEUTRAL_ANSWERS,
    NOT_ASKED,
    Reason,
    _r,
    decision_defaults,
    recommend,
)
from generator.scenarios import SCENARIOS
from generator.template_source import TemplateSource
from tests.project_env import REPO

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
    # flask: complex_sql(4) ; django: admin(2) + accounts(1) + no_preference(1) = 4
    rec = recommend({"data_access": "complex_sql", "size": "medium", "team": "small"})
    assert rec.scores == {"django": 4, "flask": 4}
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
            assert set(reason.source.split(", ")) <= ARTICLES, reason.source
            assert reason.text.endswith(".") and reason.text.count(". ") == 0, reason.text


def _answers_of(key: str) -> list:
    return list(load_questions()[key].choices.values()) or [True, False]


def test_every_answer_carries_a_reason_or_is_neutral_on_purpose():
    """Each answer of each decision question is in exactly one table: a reason, or why it counts for neither."""
    assert list(ANSWER_REASONS) == list(NEUTRAL_ANSWERS) == list(DECISION_KEYS)
    for key in DECISION_KEYS:
        for value in _answers_of(key):
            reasoned, neutral = value in ANSWER_REASONS[key], value in NEUTRAL_ANSWERS[key]
            assert reasoned != neutral, f"{key}={value}: {'both' if reasoned else 'neither'} a reason and neutral"
            if neutral:
                assert NEUTRAL_ANSWERS[key][value].endswith("."), (key, value)
        assert set(ANSWER_REASONS[key]) | set(NEUTRAL_ANSWERS[key]) == set(_answers_of(key)), key


def test_the_factors_not_asked_say_why():
    assert "security by default" in NOT_ASKED
    assert {"Techvify", "Codecademy"} <= {a for a in ARTICLES if a in NOT_ASKED["security by default"]}
    assert all(why.endswith(".") and len(why) > 40 for why in NOT_ASKED.values())


@pytest.fixture(scope="module")
def copier_env():
    with copier_session(TemplateSource(REPO, "folder")) as session:
        return session.jinja_env()


@pytest.mark.parametrize("kind", [*load_questions()["project_kind"].choices.values()])
def test_defaults_match_copier_yml_for_every_kind(kind, copier_env):
    """copier.yml's defaults, rendered as the questionnaire and copier render them, are decision_defaults()."""
    questionnaire = Questionnaire(copier_env, Console(), load_questions())
    context: dict = {"project_kind": kind}
    for key in DECISION_KEYS[1:]:
        context[key] = questionnaire.default(load_questions()[key], context)
    assert context == {**decision_defaults({"project_kind": kind}), "project_kind": kind}
    assert {k: v for k, v in decision_defaults({"project_kind": kind}).items() if DECISION_DEFAULTS[k] != v} == (
        KIND_DEFAULTS.get(kind, {})
    )


def test_kind_defaults_are_valid_answers_that_the_wiring_accepts():
    for kind, defaults in KIND_DEFAULTS.items():
        assert kind in _answers_of("project_kind")
        for key, value in defaults.items():
            assert key in DECISION_KEYS[1:] and value in _answers_of(key), (kind, key, value)
        full = decision_defaults({"project_kind": kind})
        assert full["needs_accounts"] or not full["needs_admin"], f"{kind}: a Flask admin needs accounts"
    learning = decision_defaults({"project_kind": "learning_project"})
    assert (learning["needs_admin"], learning["needs_accounts"]) == (False, False)


def test_the_defaults_alone_give_the_default_stance_and_every_flask_answer_overturns_it():
    """Answers left at their defaults do not decide: all defaults give Gearheart 2017's default stance (Django,
    slightly), and each answer carrying a reason for Flask that is not itself a default turns it to Flask."""
    rec = recommend({})
    assert (rec.framework, rec.strength) == ("django", "slight"), rec.scores
    for key in DECISION_KEYS:
        for value, reason in ANSWER_REASONS[key].items():
            if reason.framework == "flask" and value != DECISION_DEFAULTS[key]:
                assert recommend({key: value}).framework == "flask", (key, value, recommend({key: value}).scores)
            if reason.framework == "django":
                assert recommend({key: value}).framework == "django", (key, value)


def test_every_kind_alone_leans_the_way_its_reason_says():
    for kind in _answers_of("project_kind"):
        reason = ANSWER_REASONS["project_kind"].get(kind)
        assert recommend({"project_kind": kind}).framework == (reason.framework if reason else "django"), kind


def test_the_beginner_on_a_small_learning_project_is_told_flask():
    """Issue 16's case: it used to be Django 6 : Flask 5 through the admin and accounts defaults."""
    answers = {"project_kind": "learning_project", "experience": "beginner_understand", "size": "small"}
    rec = recommend(answers)
    assert rec.framework == "flask" and rec.strength == "strong", rec.scores
    assert ANSWER_REASONS["project_kind"]["learning_project"] in rec.deciding_reasons
    # Even with the admin and accounts asked for, the goal of understanding decides.
    assert recommend({**answers, "needs_admin": True, "needs_accounts": True}).framework == "flask"


def test_multilingual_counts_for_django_citing_guru99_and_gearheart():
    reason = ANSWER_REASONS["multilingual"][True]
    assert (reason.framework, reason.source) == ("django", "Guru99, Gearheart 2017")
    without, with_ = recommend({"multilingual": False}), recommend({"multilingual": True})
    assert with_.scores["django"] == without.scores["django"] + reason.weight
    assert reason in with_.reasons and reason not in without.reasons
    # A multilingual front end for an existing backend still goes to Flask: the kind weighs more.
    assert recommend({"project_kind": "existing_backend", "multilingual": True}).framework == "flask"


@pytest.mark.parametrize(("multilingual", "languages"), [(False, "en"), (True, "en,fr")])
def test_the_languages_default_follows_multilingual(multilingual, languages, copier_env):
    """copier.yml's one default, as copier renders it and as the questionnaire shows it; a valid answer."""
    raw = yaml.safe_load((REPO / "copier.yml").read_text())
    assert copier_env.from_string(raw["languages"]["default"]).render(multilingual=multilingual) == languages
    questionnaire = Questionnaire(copier_env, Console(), load_questions())
    shown = questionnaire.default(load_questions()["languages"], {**DECISION_DEFAULTS, "multilingual": multilingual})
    assert shown == languages and language_problem(shown) == ""


def test_the_json_shape_of_a_recommendation() -> None:
    """What ``flask-or-django recommend --json`` prints: pick, strength, scores, every reason in order."""
    rec = recommend({"project_kind": "existing_backend", "needs_admin": False, "needs_accounts": False})
    shape = rec.as_dict()
    assert list(shape) == ["framework", "strength", "scores", "reasons"]
    assert shape["framework"] == "flask" and shape["strength"] == rec.strength == "strong"
    assert shape["scores"] == {"django": 1, "flask": 9} and shape["scores"] is not rec.scores
    assert shape["reasons"] == [
        {"framework": r.framework, "weight": r.weight, "text": r.text, "source": r.source} for r in rec.reasons
    ]
    kind = ANSWER_REASONS["project_kind"]["existing_backend"]
    assert shape["reasons"][1] == {"framework": "flask", "weight": 3, "text": kind.text, "source": "Gearheart 2017"}
    assert [r["weight"] for r in shape["reasons"]] == [4, 3, 1, 1, 1]  # existing_schema: the kind's default


@pytest.mark.parametrize(
    ("answers", "margin", "strength"),
    [
        ({"api": "api_only"}, 2, "slight"),  # flask 6, django 4
        ({}, 2, "slight"),  # django 4, flask 2
        ({"style": "conventions"}, 3, "clear"),
        ({"project_kind": "blog"}, 5, "clear"),
        ({"deadline": True}, 6, "strong"),
        ({"project_kind": "existing_backend"}, 8, "strong"),  # flask 9, django 1
    ],
)
def test_strength_follows_the_margin(answers, margin, strength) -> None:
    rec = recommend(answers)
    assert (rec.margin, rec.strength) == (margin, strength), rec.scores


def test_a_reason_holds_what_it_was_given() -> None:
    assert _r("flask", 2, "Text.", "Techvify") == Reason(framework="flask", weight=2, text="Text.", source="Techvify")


def test_the_readme_table_shows_every_weight_and_neutral_answer():
    """README's table of reasons is the code's: each answer with its weight, or in the neutral column."""
    readme = (REPO / "README.md").read_text()
    rows = {line.split("|")[1].strip(" `"): line for line in readme.splitlines() if line.startswith("| `")}
    for key in DECISION_KEYS:
        cells = [c.strip() for c in rows[key].split("|")[2:5]]
        for value, reason in ANSWER_REASONS[key].items():
            cell = cells[0 if reason.framework == "django" else 1]
            assert f"`{str(value).lower()}` {reason.weight}" in cell, (key, value, cell)
        for value in NEUTRAL_ANSWERS[key]:
            assert f"`{str(value).lower()}`" in cells[2], (key, value)
