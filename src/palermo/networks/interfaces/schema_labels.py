"""FtM schema and property labels in the reader's language: FtM ships its own translations of them (Arabic,
French, Russian, Spanish among Palermo's languages); Palermo's catalogue answers for the extension's labels
and for languages FtM lacks."""

from functools import cache
from gettext import NullTranslations, translation

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language
from django.utils.translation import gettext as django_gettext
from followthemoney.types import registry
from followthemoney.util import i18n_path

# Palermo's language codes as FtM names its catalogues.
FTM_LANGUAGES = {"zh-hans": "zh", "pt-br": "pt_BR"}


@cache
def _catalogue(language: str) -> NullTranslations:
    code = FTM_LANGUAGES.get(language, language)
    return translation("followthemoney", i18n_path, [code], fallback=True)


def translated(label: str) -> str:
    """`label` (an FtM label in English) in the active language: FtM's translation, else Palermo's."""
    language = (get_language() or "en").lower()
    if language == "en":
        return label
    ftm = _catalogue(language).gettext(label)
    return ftm if ftm != label else django_gettext(label)


def schema_label(schema) -> str:
    """The schema's label (e.g. "Person", "Company") in the active language."""
    return translated(schema._label)


def schema_plural(schema) -> str:
    return translated(schema._plural)


def property_label(prop) -> str:
    return translated(prop._label)


@cache
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (ValueError, UnknownLocaleError):
        return {}


def country_name(code: str) -> str:
    """An FtM country code ("it", "gb-sct") named in the active language where Babel knows it."""
    language = (get_language() or "en").split("-")[0]
    name = _territories(language).get(code.upper()) if len(code) == 2 else None
    return name or registry.country.names.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """FtM's countries, named and ordered for the reader."""
    return sorted(((code, country_name(code)) for code in registry.country.names), key=lambda pair: pair[1])
