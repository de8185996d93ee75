"""Every label of the FtM model that Palermo shows (schemata, their plurals, relationship verbs, properties,
value types) is translated in each of Palermo's languages: by FtM's own catalogue, by Palermo's
followthemoney catalogue (which fills FtM's gaps, Chinese entirely), or by Palermo's main catalogue (the
extension's labels)."""

import pytest
from django.utils import translation
from django.utils.translation import trans_real
from followthemoney.types import registry

from palermo.networks.ftm.model import model
from palermo.networks.interfaces.schema_labels import _catalogue, translated

LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]


def labels() -> set[str]:
    found = set()
    for schema in model.schemata.values():
        found |= {label for label in (schema._label, schema._plural, schema._edge_label) if label}
        found |= {prop._label for prop in schema.properties.values() if prop._label}
    for kind in registry.types:
        found |= {kind.label, kind.plural}
    return found


def known(catalogue) -> set[str]:
    keys: set[str] = set()
    while catalogue is not None:
        keys |= {key for key in getattr(catalogue, "_catalog", {}) if isinstance(key, str)}
        catalogue = getattr(catalogue, "_fallback", None)
    return keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ftm_label_is_translated(language):
    own = known(_catalogue(language)) | set(trans_real.translation(language)._catalog.keys())
    missing = sorted(label for label in labels() if label not in own)
    assert missing == []


def test_chinese_readers_see_schemata_and_properties_in_chinese():
    with translation.override("zh-hans"):
        assert translated("Person") != "Person"
        assert translated("Ownership") != "Ownership"
        assert translated("Birth date") != "Birth date"
    with translation.override("fr"):
        assert translated("Person") == "Personne"  # FtM's own translation comes first
