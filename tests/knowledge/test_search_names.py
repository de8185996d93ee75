"""A query word that names a crime type, a facet value, a cross-cutting issue or a State, in any of the six
languages, finds the records so tagged (the State: their jurisdiction or a country concerned) and ranks them
above records that only mention the word. The names are the taxonomy's labels and the register's
`Party.names`, read from the database (never written into the search)."""

from datetime import date

import numpy as np
import pytest
from django.contrib.auth.models import AnonymousUser

from palermo.knowledge.domain.records import create_record, transition_record
from palermo.knowledge.models import Term, Vocabulary
from palermo.knowledge.models.search import SearchSegment
from palermo.knowledge.search import snapshot as snapshots
from palermo.knowledge.search.engine import SearchParams, search
from palermo.knowledge.search.segments import read_columns
from palermo.register.models import Party
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es", "ru", "ar", "zh-hans"]


def publish(secretariat, title, summary, *, party="ITA", crime=None, countries=(), year=2016):
    relations = {
        "crime_types": [Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug=crime)] if crime else []
    }
    relations["countries"] = [Party.objects.get(code=code) for code in countries]
    record = create_record(
        user=secretariat,
        kind="case",
        fields={
            "title": title,
            "jurisdiction_id": party,
            "date": date(year, 1, 1),
            "summary": {"en": summary},
        },
        relations=relations,
    )
    for state in ("submitted", "verified", "published"):
        record = transition_record(record=record, user=secretariat, to_state=state)
    return record


@pytest.fixture
def records(db):
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    return {
        "trafficking": publish(
            secretariat,
            "Forced labour case",
            "Workers were recruited by deception.",
            crime="trafficking-in-persons",
        ),
        "smuggling": publish(
            secretariat,
            "Boat case",
            "A boat left the coast at night.",
            party="KWT",
            crime="smuggling-of-migrants",
        ),
        "mention": publish(secretariat, "Mention case", "The money went through Kuwait twice.", party="FRA"),
        "concerned": publish(
            secretariat, "Concerned case", "Transfers abroad.", party="GBR", countries=["KWT"]
        ),
    }


def titles(q, language="en"):
    result = search(SearchParams(q=q, per_page=100, languages=(language, "en")), AnonymousUser())
    assert not result.error, result.error
    return [hit.record.title for hit in result.hits]


@pytest.mark.parametrize(
    ("q", "language"),
    [("trata de personas", "es"), ("traite", "fr"), ('"traite des personnes"', "fr"), ("trafficking", "en")],
)
def test_a_crime_types_name_finds_its_records(records, q, language):
    assert titles(q, language) == ["Forced labour case"]


def test_the_name_of_smuggling_of_migrants_in_spanish_finds_its_records(records):
    assert titles("tráfico de migrantes", "es") == ["Boat case"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_crime_types_label_in_each_language_finds_its_records(records, language):
    label = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="trafficking-in-persons").labels[language]
    assert titles(label, language) == ["Forced labour case"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_states_name_in_each_language_finds_its_records_first(records, language):
    name = Party.objects.get(code="KWT").names[language]
    found = titles(name, language)
    # its jurisdiction's and the one concerning it, above the one that only mentions the name in English
    assert sorted(found[:2]) == ["Boat case", "Concerned case"]
    assert found[2:] == (["Mention case"] if language in ("en", "es") else [])


def test_a_states_english_name_and_its_aliases_find_its_records(records):
    party = Party.objects.get(code="KWT")
    assert "Boat case" in titles(party.name)
    for alias in party.aliases:
        assert "Boat case" in titles(f'"{alias}"')


def test_a_state_name_can_be_left_out(records):
    assert titles("case -Kuwait") == ["Forced labour case"]


def test_a_prefix_of_a_name_finds_the_tagged_records(records):
    assert set(titles("kuwa*")) == {"Boat case", "Concerned case", "Mention case"}


def test_the_hits_name_their_crime_types_in_the_readers_language(records, client):
    page = client.get("/es/knowledge/", {"q": "trata de personas"}).content.decode()
    assert "Forced labour case" in page and '<span class="tag">Trata de personas</span>' in page


def test_a_segment_from_before_the_countries_column_is_still_searched(records):
    """An index written before the countries concerned were a column: the State's own records are found
    through their jurisdiction until the index is rebuilt (the migration rebuilds it)."""
    import io

    for segment in SearchSegment.objects.all():
        columns = {k: v for k, v in read_columns(segment.columns).items() if not k.startswith("country.")}
        buffer = io.BytesIO()
        np.savez(buffer, **columns)
        segment.columns = buffer.getvalue()
        segment.save(update_fields=["columns"])
    snapshots._current = snapshots.Snapshot()  # as a process started after the upgrade
    assert titles("Kuwait") == ["Boat case", "Mention case"]


def test_a_rebuilt_index_finds_the_records_concerning_a_state(records):
    from palermo.knowledge.search.index import rebuild

    rebuild(workers=1)
    assert sorted(titles("Koweït", "fr")) == ["Boat case", "Concerned case"]
