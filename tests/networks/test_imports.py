"""Imports of FtM JSON lines as background jobs: all or nothing, problems by line, merges of ids stated by
two sources, removal of a source, and resuming after the worker stopped."""

import pytest

from palermo.core.models import AuditEntry
from palermo.networks.domain.imports import ImportError_, remove_source
from palermo.networks.ftm.store import entity_proxy, visible_entities
from palermo.networks.models import Entity, Source, SourceState, Statement
from tests.networks.ftm_helpers import ftm_lines, import_now, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_an_import_writes_statements_and_entities_and_marks_the_source_ready(inquiry):
    content = ftm_lines(
        person("p1", "Aleksandr Zakharov", nationality=["ru"], birthDate=["1971-02-03"]),
        {
            "id": "c1",
            "schema": "Company",
            "properties": {"name": ["Lupa Trading SRL"], "jurisdiction": ["it"]},
        },
        {"id": "o1", "schema": "Ownership", "properties": {"owner": ["p1"], "asset": ["c1"]}},
    )
    source = import_now(inquiry.investigation, inquiry["analyst"], "network.ftm.json", content)
    assert source.state == SourceState.READY
    assert (source.entity_count, source.statement_count) == (3, 7)
    rows = {e.entity_id: (e.schema, e.caption, e.countries, e.canonical_id) for e in Entity.objects.all()}
    assert rows["p1"] == ("Person", "Aleksandr Zakharov", "ru", "p1")
    assert rows["c1"] == ("Company", "Lupa Trading SRL", "it", "c1")
    assert Statement.objects.get(entity_id="p1", prop="birthDate").line == 1
    assert source.job.state == "done"
    assert source.job.result["entities"] == 3
    entry = AuditEntry.objects.get(action="networks.source.imported")
    assert entry.data == {"file": "network.ftm.json", "entities": 3, "statements": 7}


def test_a_file_with_problems_writes_nothing_and_names_each_line_and_field(inquiry):
    content = (
        b"\n".join(
            [
                ftm_lines(person("p1", "Ana Lima"))[:-1],
                b'{"id": "p2", "schema": "Persn", "properties": {}}',
                b'{"schema": "Person", "properties": {"name": ["No Id"]}}',
                b"{not json",
                b'{"id": "p3", "schema": "Person", "properties": {"birthDate": ["31 Febtember"], "colour": ["red"]}}',
                b'{"id": "p4", "schema": "Person", "properties": {"email": ["not-an-email"], "nationality": ["xx"]}}',
                b'{"id": "a1", "schema": "BankAccount", "properties": {"iban": ["DE00 1234"]}}',
            ]
        )
        + b"\n"
    )
    source = import_now(inquiry.investigation, inquiry["analyst"], "bad.jsonl", content)
    assert source.state == SourceState.FAILED
    problems = [(p["line"], p["field"], p["code"]) for p in source.job.result["problems"]]
    assert problems == [
        (2, "schema", "unknown_schema"),
        (3, "id", "missing_id"),
        (4, "", "bad_json"),
        (5, "birthDate", "invalid_date"),
        (5, "colour", "unknown_property"),
        (6, "email", "invalid_email"),
        (6, "nationality", "invalid_country"),
        (7, "iban", "invalid_value"),
    ]
    messages = [p["message"] for p in source.job.result["problems"]]
    assert messages[1] == "The entity has no id."
    # The file's line, never the JSON parser's own "line 1"; the character where it went wrong.
    assert (
        messages[2]
        == "This line is not valid JSON (at character 2): unexpected character, expected a string key"
    )
    assert messages[3] == "31 Febtember is not a date: write it as 2024-03-14, 2024-03 or 2024."
    # An identifier is named by its property, not as "Identifier".
    assert messages[7] == "DE00 1234 is not a valid IBAN."
    assert not Statement.objects.exists() and not Entity.objects.exists()
    assert AuditEntry.objects.filter(action="networks.source.failed").count() == 1


def test_the_same_id_from_two_sources_is_one_entity_and_removing_one_keeps_the_others_values(inquiry):
    first = import_now(
        inquiry.investigation,
        inquiry["analyst"],
        "a.jsonl",
        ftm_lines({"id": "x1", "schema": "LegalEntity", "properties": {"name": ["Zakharov A."]}}),
    )
    second = import_now(
        inquiry.investigation,
        inquiry["analyst"],
        "b.jsonl",
        ftm_lines(person("x1", "Aleksandr Zakharov", nationality=["ru"])),
    )
    assert second.state == SourceState.READY and second.entity_count == 1
    row = Entity.objects.get(entity_id="x1")
    assert (row.schema, row.first_source_id, row.countries) == ("Person", first.pk, "ru")
    proxy = entity_proxy(inquiry.investigation, "x1")
    assert sorted(proxy.get("name")) == ["Aleksandr Zakharov", "Zakharov A."]
    assert {s.dataset for s in proxy.get_statements("name")} == {
        f"palermo_source_{first.pk}",
        f"palermo_source_{second.pk}",
    }
    remove_source(source=first, user=inquiry["analyst"])
    row.refresh_from_db()
    assert (row.schema, row.caption, row.first_source_id) == ("Person", "Aleksandr Zakharov", second.pk)
    assert list(Statement.objects.values_list("value", flat=True).order_by("value")) == [
        "Aleksandr Zakharov",
        "ru",
    ]
    remove_source(source=second, user=inquiry["analyst"])
    assert not Entity.objects.exists()


def test_entities_of_an_import_in_progress_are_not_visible(inquiry):
    source = import_now(inquiry.investigation, inquiry["analyst"], "a.jsonl", ftm_lines(person("p1", "Ana")))
    assert visible_entities(inquiry.investigation).count() == 1
    source.state = SourceState.LOADING
    source.save()
    assert visible_entities(inquiry.investigation).count() == 0
    assert entity_proxy(inquiry.investigation, "p1") is None


def test_a_viewer_cannot_import(inquiry):
    with pytest.raises(ImportError_):
        import_now(inquiry.investigation, inquiry["viewer"], "a.jsonl", ftm_lines(person("p1", "Ana")))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"x", "Choose a file ending in"),
        ("a.jsonl", b"", "The file is empty."),
    ],
)
def test_an_import_is_refused_before_it_starts(inquiry, name, content, message):
    with pytest.raises(ImportError_, match=message):
        import_now(inquiry.investigation, inquiry["analyst"], name, content)
    assert not Statement.objects.exists()


def test_a_file_larger_than_the_setting_is_refused(inquiry, settings):
    settings.NETWORKS_IMPORT_MAX_BYTES = 10
    with pytest.raises(ImportError_, match="larger than"):
        import_now(inquiry.investigation, inquiry["analyst"], "a.jsonl", ftm_lines(person("p1", "Ana")))


def test_the_same_file_is_not_imported_twice(inquiry):
    content = ftm_lines(person("p1", "Ana Lima"))
    first = import_now(inquiry.investigation, inquiry["analyst"], "a.jsonl", content)
    assert first.state == SourceState.READY
    with pytest.raises(ImportError_, match=r"This file was imported already, as a\.jsonl on "):
        import_now(inquiry.investigation, inquiry["analyst"], "copy.jsonl", content)
    assert Source.objects.filter(investigation=inquiry.investigation).count() == 1
    # Once that source is removed, the file may come in again.
    remove_source(source=first, user=inquiry["analyst"])
    assert (
        import_now(inquiry.investigation, inquiry["analyst"], "copy.jsonl", content).state
        == SourceState.READY
    )
