"""The `languages` answer: comma-separated language codes, the first the default.

Standard library only, so copier can load it from the template folder. The codes are those
Django ships translations for (``django.conf.global_settings.LANGUAGES``, lowercase with a
hyphen: ``pt-br``, ``zh-hans``), with each language's own name for the language switcher.
"""

from __future__ import annotations

import re

__all__ = ["ENGLISH_NAMES", "LANGUAGE_NAMES", "catalogue_locale", "language_codes", "language_problem", "to_locale"]

#: Language code -> the language's name in itself (what a switcher shows).
LANGUAGE_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "ar": "العربية",
    "ast": "Asturianu",
    "az": "Azərbaycanca",
    "be": "Беларуская",
    "bg": "Български",
    "bn": "বাংলা",
    "br": "Brezhoneg",
    "bs": "Bosanski",
    "ca": "Català",
    "cs": "Čeština",
    "cy": "Cymraeg",
    "da": "Dansk",
    "de": "Deutsch",
    "el": "Ελληνικά",
    "en": "English",
    "en-au": "English (Australia)",
    "en-gb": "English (UK)",
    "eo": "Esperanto",
    "es": "Español",
    "es-ar": "Español (Argentina)",
    "es-mx": "Español (México)",
    "et": "Eesti",
    "eu": "Euskara",
    "fa": "فارسی",
    "fi": "Suomi",
    "fr": "Français",
    "fy": "Frysk",
    "ga": "Gaeilge",
    "gd": "Gàidhlig",
    "gl": "Galego",
    "he": "עברית",
    "hi": "हिन्दी",
    "hr": "Hrvatski",
    "hu": "Magyar",
    "hy": "Հայերեն",
    "ia": "Interlingua",
    "id": "Bahasa Indonesia",
    "is": "Íslenska",
    "it": "Italiano",
    "ja": "日本語",
    "ka": "ქართული",
    "kk": "Қазақша",
    "km": "ខ្មែរ",
    "kn": "ಕನ್ನಡ",
    "ko": "한국어",
    "lb": "Lëtzebuergesch",
    "lt": "Lietuvių",
    "lv": "Latviešu",
    "mk": "Македонски",
    "ml": "മലയാളം",
    "mn": "Монгол",
    "mr": "मराठी",
    "ms": "Bahasa Melayu",
    "my": "မြန်မာဘာသာ",
    "nb": "Norsk (bokmål)",
    "ne": "नेपाली",
    "nl": "Nederlands",
    "nn": "Norsk (nynorsk)",
    "pl": "Polski",
    "pt": "Português",
    "pt-br": "Português (Brasil)",
    "ro": "Română",
    "ru": "Русский",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "sq": "Shqip",
    "sr": "Српски",
    "sv": "Svenska",
    "sw": "Kiswahili",
    "ta": "தமிழ்",
    "te": "తెలుగు",
    "th": "ไทย",
    "tr": "Türkçe",
    "uk": "Українська",
    "ur": "اردو",
    "uz": "Oʻzbek",  # noqa: RUF001 (the modifier letter is how Uzbek writes it)
    "vi": "Tiếng Việt",
    "zh-hans": "简体中文",
    "zh-hant": "繁體中文",
}

#: Language code -> its name in English, as Django's own ``global_settings.LANGUAGES`` spells it (Django's
#: catalogues translate these names, so ``gettext_lazy("French")`` in a project's settings shows in each language).
ENGLISH_NAMES: dict[str, str] = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "ast": "Asturian",
    "az": "Azerbaijani",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "br": "Breton",
    "bs": "Bosnian",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "en-au": "Australian English",
    "en-gb": "British English",
    "eo": "Esperanto",
    "es": "Spanish",
    "es-ar": "Argentinian Spanish",
    "es-mx": "Mexican Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "fy": "Frisian",
    "ga": "Irish",
    "gd": "Scottish Gaelic",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "ia": "Interlingua",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ja": "Japanese",
    "ka": "Georgian",
    "kk": "Kazakh",
    "km": "Khmer",
    "kn": "Kannada",
    "ko": "Korean",
    "lb": "Luxembourgish",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "ml": "Malayalam",
    "mn": "Mongolian",
    "mr": "Marathi",
    "ms": "Malay",
    "my": "Burmese",
    "nb": "Norwegian Bokmål",
    "ne": "Nepali",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "pl": "Polish",
    "pt": "Portuguese",
    "pt-br": "Brazilian Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "th": "Thai",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
    "zh-hans": "Simplified Chinese",
    "zh-hant": "Traditional Chinese",
}

_CODE = re.compile(r"[a-z]{2,3}(-[a-z]{2,4})?")
_FORM = "comma-separated language codes such as en,fr,pt-br (the first is the default)"


def language_codes(languages: object) -> list[str]:
    """The codes of a ``languages`` answer, in order (``"en, fr"`` gives ``["en", "fr"]``)."""
    return [code.strip() for code in str(languages or "").split(",") if code.strip()]


def to_locale(code: str) -> str:
    """Django's locale name of a language code, the name of its folder under ``locale/``: ``pt-br`` gives
    ``pt_BR``, ``zh-hans`` gives ``zh_Hans`` (as ``django.utils.translation.to_locale``)."""
    language, _, region = code.partition("-")
    if not region:
        return language
    return f"{language}_{region.upper() if len(region) == 2 else region.capitalize()}"


def catalogue_locale(languages: object, index: int) -> str:
    """The folder (``locale/<name>/``) of the catalogue for the ``index``-th language of a multilingual
    ``languages`` answer, or ``""`` (no such language, one language only, or English, the pages' source).
    The template names a catalogue folder for each of the first five positions."""
    codes = language_codes(languages)
    if len(codes) < 2 or index >= len(codes) or codes[index] == "en":
        return ""
    return to_locale(codes[index])


def language_problem(languages: object) -> str:
    """Why ``languages`` cannot be used, in one line naming the code at fault, or ``""``."""
    codes = language_codes(languages)
    if not codes:
        return f"languages is empty: give {_FORM}"
    for code in codes:
        if not _CODE.fullmatch(code):
            return f"languages: '{code}' is not a language code: give {_FORM}"
        if code not in LANGUAGE_NAMES:
            return f"languages: '{code}' is not a language Django and Babel translate: give {_FORM}"
    repeated = next((code for code in codes if codes.count(code) > 1), None)
    if repeated:
        return f"languages: '{repeated}' is given twice: give {_FORM}"
    return ""
