import csv
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from palermo.core.models import AuditEntry
from palermo.register.domain.party_names import DATA_DIR, MissingNames, names_of
from palermo.register.models import Party
from palermo.register.names import NameResolver, matching_codes, normalise, strip_footnotes

SOURCE = Path(__file__).resolve().parents[2] / "src" / "palermo"


@pytest.fixture
def resolver(db):
    return NameResolver(Party.objects.all())


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Korea, Republic of", "KOR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Swaziland", "SWZ"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("St. Kitts and Nevis", "KNA"),
        ("Saint Kitts and Nevis", "KNA"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("European Union", "EUU"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Niue", "NIU"),
        ("Cook Islands", "COK"),
        ("Argentina 1", "ARG"),
        ("Denmark 2, 3", "DNK"),
        ("  Viet Nam ", "VNM"),
        ("Allemagne", "DEU"),
    ],
)
def test_names_resolve_to_the_right_party(resolver, name, code):
    assert resolver.resolve(name) == code


@pytest.mark.parametrize("name", ["Korea", "Congo Republic", "Atlantis", "Republic of", ""])
def test_unknown_or_ambiguous_names_do_not_resolve(resolver, name):
    assert resolver.resolve(name) is None


def test_footnotes_and_spacing_are_ignored():
    assert strip_footnotes("Argentina 1") == "Argentina"
    assert normalise("The  Gambia") == normalise("Gambia")


# The names of the parties: the UN's own, in the six languages (register/data/PROVENANCE.md)

LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}


def _data_rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("COD", "fr", "République démocratique du Congo"),
        ("COD", "ru", "Демократическая Республика Конго"),
        ("COD", "zh-hans", "刚果民主共和国"),
        ("COD", "ar", "جمهورية الكونغو الديمقراطية"),
        ("RUS", "fr", "Fédération de Russie"),
        ("RUS", "ru", "Российская Федерация"),
        ("RUS", "es", "Federación de Rusia"),
        (
            "GBR",
            "fr",
            "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
        ),  # the UN's typographic apostrophe
        ("GBR", "en", "United Kingdom of Great Britain and Northern Ireland"),
        ("BOL", "es", "Bolivia (Estado Plurinacional de)"),
        ("TUR", "en", "Türkiye"),
        ("CIV", "en", "Côte d’Ivoire"),
        ("NLD", "en", "Netherlands (Kingdom of the)"),
        (
            "NLD",
            "ar",
            "هولندا (مملكة -)",
        ),  # party-names.csv: M49 has an underscore where UN Arabic has a dash
        ("COK", "fr", "Îles Cook"),
        ("NIU", "fr", "Nioué"),
        ("VAT", "ru", "Святой Престол"),
        ("EUU", "ar", "الاتحاد الأوروبي"),
        ("EUU", "zh-hans", "欧洲联盟"),
        ("EUU", "en", "European Union"),
        ("EUU", "fr", "Union européenne"),
        ("EUU", "ru", "Европейский союз"),
        ("EUU", "es", "Unión Europea"),
    ],
)
def test_parties_bear_the_un_official_short_names(db, code, language, name):
    assert Party.objects.get(code=code).name_in(language) == name


def test_every_party_is_named_as_the_un_names_it_in_six_languages(db):
    m49 = {row["iso3"]: row for row in _data_rows("un-names-6-languages.csv")}
    overrides = {(row["code"], row["language"]): row["name"] for row in _data_rows("party-names.csv")}
    columns = {"ar": "ar", "zh-hans": "zh", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}
    parties = list(Party.objects.all())
    assert len(parties) == 198
    for party in parties:
        expected = {
            language: overrides.get((party.code, language)) or m49.get(party.code, {}).get(column)
            for language, column in columns.items()
        }
        assert party.names == expected and all(expected.values()), party.code
        assert party.name == party.names["en"]


def test_overrides_are_only_what_m49_lacks_or_misprints():
    codes = {row["code"] for row in _data_rows("party-names.csv")}
    assert codes == {"EUU", "NLD"}
    assert {row["language"] for row in _data_rows("party-names.csv") if row["code"] == "EUU"} == LANGUAGES


def test_the_curated_english_names_are_the_un_names(db):
    """parties.csv keeps an English name per row for its readers; it must be the one loaded."""
    for row in _data_rows("parties.csv"):
        assert Party.objects.get(code=row["code"]).name == row["name_en"], row["code"]


@pytest.mark.parametrize(
    "colloquial",
    [
        "Congo-Kinshasa",
        "Congo-Brazzaville",
        "Russie",
        "Rusia",
        "Россия",
        "Конго - Киншаса",
        "刚果\uff08金\uff09",
        "Royaume-Uni",
        "Turquie",
        "Viêt Nam",
        "Vietnam",
    ],
)
def test_no_party_bears_a_colloquial_cldr_name(db, colloquial):
    assert not [p.code for p in Party.objects.all() if colloquial in p.names.values()]


def test_no_state_name_comes_from_cldr():
    """Babel's territory names (CLDR) are colloquial: only M49 subregions (regions, not States) use them."""
    uses = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for marker in ("territories", "get_territory_name", "pycountry"):
            if marker in text and "migrations" not in path.parts:
                uses.append((str(path.relative_to(SOURCE)), marker, text.count(marker)))
    assert uses == [("register/models/parties.py", "territories", 1)]


def test_reloading_the_reference_data_renames_the_parties_of_an_existing_installation(db):
    cldr = {
        "ar": "الكونغو - كينشاسا",
        "zh-hans": "刚果\uff08金\uff09",
        "en": "Congo - Kinshasa",
        "fr": "Congo-Kinshasa",
    }
    Party.objects.filter(code="COD").update(name="Congo - Kinshasa", names={**cldr, "ru": "Конго - Киншаса"})
    call_command("load_reference_data", verbosity=0)
    congo = Party.objects.get(code="COD")
    assert congo.name == "Democratic Republic of the Congo"
    assert congo.names["fr"] == "République démocratique du Congo"
    renamed = AuditEntry.objects.filter(action="register.parties.renamed").latest("id").data["parties"]
    assert list(renamed) == ["COD"]
    assert renamed["COD"]["fr"] == ["Congo-Kinshasa", "République démocratique du Congo"]
    assert renamed["COD"]["es"] == ["", "República Democrática del Congo"]
    call_command("load_reference_data", verbosity=0)  # nothing left to rename: no entry
    assert AuditEntry.objects.filter(action="register.parties.renamed").count() == 1


def test_a_party_without_a_un_name_in_some_language_is_refused():
    with pytest.raises(MissingNames, match="XXX: no UN name in ar, zh-hans, ru"):
        names_of("XXX", {"XXX": {"en": "Atlantis", "fr": "Atlantide", "es": "Atlántida"}})


def test_every_un_name_resolves_to_its_party(resolver, db):
    for party in Party.objects.all():
        for name in party.names.values():
            assert resolver.resolve(name) == party.code, name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("cote d'ivoire", "CIV"),  # no accent, a straight apostrophe: the UN's name has ’
        ("CÔTE D’IVOIRE", "CIV"),
        ("Royaume-Uni de Grande-Bretagne et d'Irlande", "GBR"),
        ("افغانستان", "AFG"),  # written without the hamza of أفغانستان
        ("俄罗斯", "RUS"),
        ("федерация", "RUS"),
        ("swaziland", "SWZ"),  # a former name
        ("nld", "NLD"),
    ],
)
def test_a_search_finds_a_state_by_any_of_its_names_whatever_accents_and_apostrophes(db, text, code):
    assert code in matching_codes(text, Party.objects.all())


def test_the_register_list_finds_a_state_typed_without_its_accents_or_typographic_apostrophe(db, client):
    html = client.get("/fr/register/parties/", {"q": "cote d'ivoire"}).content.decode()
    assert re.findall(r'href="/fr/register/parties/([A-Z]{3})/"', html) == ["CIV"]
    assert "Côte d’Ivoire" in html
