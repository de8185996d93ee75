"""FtM schema and property labels in the reader's language: FtM ships its own translations of them (Arabic,
French, Russian, Spanish among Palermo's languages, not all of its labels); Palermo's own "followthemoney"
catalogues (locale/<language>/LC_MESSAGES/followthemoney.po) translate the labels FtM's lack, Chinese
entirely; Palermo's main catalogue answers for the extension's labels."""

from functools import cache
from gettext import NullTranslations, translation

from django.conf import settings
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as django_gettext
from followthemoney.types import registry
from followthemoney.util import i18n_path

# Palermo's language codes as FtM names its catalogues.
FTM_LANGUAGES = {"zh-hans": "zh", "pt-br": "pt_BR"}


@cache
def _catalogue(language: str) -> NullTranslations:
    code = FTM_LANGUAGES.get(language, language)
    ftm = translation("followthemoney", i18n_path, [code], fallback=True)
    own = translation("followthemoney", str(settings.LOCALE_PATHS[0]), [to_locale(language)], fallback=True)
    ftm.add_fallback(own)
    return ftm


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


_PARTY_NAMES: dict[str, dict[str, str]] = {}


def _party_names() -> dict[str, dict[str, str]]:
    """The register's UN names of States and organisations by ISO alpha-2 code, in the six languages
    (read once per process: reference data; never CLDR's colloquial names, tests/register/test_names.py)."""
    if not _PARTY_NAMES:
        from palermo.register.models import Party

        for alpha2, name, names in Party.objects.exclude(alpha2="").values_list("alpha2", "name", "names"):
            _PARTY_NAMES[alpha2.lower()] = {**names, "": name}
    return _PARTY_NAMES


def country_name(code: str) -> str:
    """An FtM country code ("it", "gb-sct") named in the active language: the register's UN name of a
    State, else FtM's English name of the country or region, else the code."""
    names = _party_names().get(code.lower())
    if names:
        return names.get(get_language() or "en") or names[""]
    return registry.country.names.get(code, code)


def country_choices() -> list[tuple[str, str]]:
    """FtM's countries, named and ordered for the reader."""
    return sorted(((code, country_name(code)) for code in registry.country.names), key=lambda pair: pair[1])
