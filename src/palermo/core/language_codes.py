"""Languages as data (ISO 639-1 codes such as `it`, `en`, `ar`): the languages a State accepts requests in
(art. 18(14)) or an authority works in. Named in the reader's language from CLDR (babel)."""

from babel import Locale
from django.utils.translation import get_language

# The site's languages as CLDR names them.
BABEL_LOCALES = {"ar": "ar", "zh-hans": "zh_Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}

KNOWN = frozenset(code for code in Locale.parse("en").languages if len(code) == 2)


class UnknownLanguage(ValueError):
    """Some codes are not ISO 639-1 language codes; `codes` lists them."""

    def __init__(self, codes: list[str]):
        super().__init__(", ".join(codes))
        self.codes = codes


def parse_codes(text: str | list[str]) -> list[str]:
    """Codes from "it, en fr" or a list, lower-cased, in their order, without repeats; UnknownLanguage
    names the ones that are not language codes."""
    items = text if isinstance(text, list) else text.replace(",", " ").replace(";", " ").split()
    codes: list[str] = []
    for item in items:
        code = str(item).strip().lower()
        if code and code not in codes:
            codes.append(code)
    unknown = [code for code in codes if code not in KNOWN]
    if unknown:
        raise UnknownLanguage(unknown)
    return codes


def language_name(code: str, language: str | None = None) -> str:
    """A language's name in the reader's language ("italien" in French), or the code if CLDR lacks it."""
    locale = Locale.parse(BABEL_LOCALES.get(language or get_language() or "en", "en"))
    return locale.languages.get(code, code)


def names(codes: list[str], language: str | None = None) -> list[str]:
    return [language_name(code, language) for code in codes]
