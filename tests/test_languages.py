"""generator/languages.py: the names of each language, and the catalogue folders of a multilingual project."""

from __future__ import annotations

import pytest

from generator.features import wiring_for
from generator.languages import ENGLISH_NAMES, LANGUAGE_NAMES, catalogue_locale, to_locale


def test_every_language_has_its_english_name():
    assert ENGLISH_NAMES.keys() == LANGUAGE_NAMES.keys()
    assert ENGLISH_NAMES["fr"] == "French" and ENGLISH_NAMES["pt-br"] == "Brazilian Portuguese"


@pytest.mark.parametrize(
    ("code", "locale"), [("fr", "fr"), ("pt-br", "pt_BR"), ("zh-hans", "zh_Hans"), ("en-gb", "en_GB"), ("ast", "ast")]
)
def test_locale_folders_are_named_as_django_names_them(code: str, locale: str):
    assert to_locale(code) == locale


def test_catalogues_for_every_language_but_english_of_a_multilingual_site():
    assert [catalogue_locale("en,fr,pt-br", index) for index in range(5)] == ["", "fr", "pt_BR", "", ""]
    assert [catalogue_locale("de,en", index) for index in range(3)] == ["de", "", ""]
    assert catalogue_locale("fr", 0) == ""  # one language: no catalogue, no language machinery


def test_the_language_machinery_is_wired_for_two_languages_only():
    one = wiring_for({"framework": "django", "languages": "en", "has_i18n": False})
    two = wiring_for({"framework": "django", "languages": "en,fr", "has_i18n": True})
    assert "django.middleware.locale.LocaleMiddleware" not in one.middleware
    assert [block[0] for block in one.url_blocks] == ["urlpatterns = ["]
    session, locale, common = (
        two.middleware.index(f"django.{name}")
        for name in (
            "contrib.sessions.middleware.SessionMiddleware",
            "middleware.locale.LocaleMiddleware",
            "middleware.common.CommonMiddleware",
        )
    )
    assert session < locale < common
    assert two.url_blocks[1][0].endswith("urlpatterns += i18n_patterns(")
    assert 'path("health/", health, name="health"),' in two.url_blocks[0][1]
    assert two.url_blocks[1][1] == two.page_urls and 'path("health/", health, name="health"),' not in two.page_urls
    # The page URLs and the others, together in today's order, for a project of one language.
    assert set(one.urls) == set(one.page_urls) | set(one.url_blocks[0][1])
