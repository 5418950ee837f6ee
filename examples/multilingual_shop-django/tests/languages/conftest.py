"""The site's translations, compiled for these tests, and each test run in the default language.

Django reads only the compiled catalogues (locale/*/LC_MESSAGES/django.mo), which are not committed:
they are compiled here with Babel, as the Dockerfile does (`pybabel compile`), before any test runs.
"""

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.test.signals import language_changed
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def pytest_configure(config):
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parents[1].name)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalogue)
    # Django may have read the catalogues already, before they were compiled: read them again.
    language_changed(setting="LOCALE_PATHS")


@pytest.fixture(autouse=True)
def default_language():
    """A request in another language leaves that language active: give the next test the default back."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
