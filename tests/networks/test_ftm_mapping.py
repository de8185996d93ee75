"""Tables imported through an FtM mapping: CSV and XLSX, problems named by line and column, and a mapping
that can never make the server read anything but the uploaded file."""

import io

import pytest
from openpyxl import Workbook

from palermo.networks.domain.imports import ImportError_
from palermo.networks.models import Entity, SourceState, Statement
from tests.networks.ftm_helpers import import_now

pytestmark = pytest.mark.django_db

MAPPING = """
lupa:
  queries:
    - csv_url: {csv_url}
      entities:
        person:
          schema: Person
          keys: [ref]
          properties:
            name: {{column: name}}
            birthDate: {{column: born}}
            nationality: {{column: country}}
        company:
          schema: Company
          keys: [employer]
          properties:
            name: {{column: employer}}
        job:
          schema: Employment
          key_literal: job
          keys: [ref, employer]
          properties:
            employee: {{entity: person}}
            employer: {{entity: company}}
"""


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def mapping(csv_url: str = "people.csv") -> str:
    return MAPPING.format(csv_url=csv_url)


def test_a_csv_is_imported_through_its_mapping_and_the_mappings_csv_url_is_never_opened(inquiry, tmp_path):
    elsewhere = tmp_path / "secret.csv"
    elsewhere.write_text("ref,name\nX,Should never be read\n")
    csv = b"ref,name,born,country,employer\n1,Ana Lima,1980-05-02,br,Lima Ltda\n2,Bruno Costa,,pt,\n"
    source = import_now(
        inquiry.investigation, inquiry["analyst"], "people.csv", csv, mapping=mapping(str(elsewhere))
    )
    assert source.state == SourceState.READY, source.job.result
    assert sorted(Entity.objects.values_list("schema", "caption")) == [
        ("Company", "Lima Ltda"),
        ("Employment", "Employment"),
        ("Employment", "Employment"),
        ("Person", "Ana Lima"),
        ("Person", "Bruno Costa"),
    ]
    assert not Statement.objects.filter(value="Should never be read").exists()
    assert set(Statement.objects.filter(value="Ana Lima").values_list("line", flat=True)) == {2}


def test_an_xlsx_is_imported_through_the_same_mapping(inquiry):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ref", "name", "born", "country", "employer"])
    sheet.append([1, "Ana Lima", "1980-05-02", "br", "Lima Ltda"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = import_now(
        inquiry.investigation, inquiry["analyst"], "people.xlsx", buffer.getvalue(), mapping=mapping()
    )
    assert source.state == SourceState.READY, source.job.result
    assert Entity.objects.filter(schema="Person").get().caption == "Ana Lima"


def test_bad_cells_and_missing_columns_are_named_by_line_and_column(inquiry):
    csv = b"ref,name,born,country,employer\n1,Ana Lima,someday,br,\n,Nameless,,,\n"
    source = import_now(inquiry.investigation, inquiry["analyst"], "people.csv", csv, mapping=mapping())
    assert source.state == SourceState.FAILED
    assert [(p["line"], p["field"], p["code"]) for p in source.job.result["problems"]] == [
        (2, "born", "invalid_date"),
        (3, "ref", "empty_key"),
    ]
    csv = b"ref,name\n1,Ana\n"
    source = import_now(inquiry.investigation, inquiry["analyst"], "people.csv", csv, mapping=mapping())
    assert [(p["line"], p["field"], p["code"]) for p in source.job.result["problems"]] == [
        (1, "born", "missing_column"),
        (1, "country", "missing_column"),
        (1, "employer", "missing_column"),
    ]
    assert not Statement.objects.exists()


def test_a_mapping_that_reads_a_database_is_refused(inquiry):
    text = "q:\n  queries:\n    - database: sqlite:///etc/passwd.db\n      tables: [t]\n      entities: {}\n"
    with pytest.raises(ImportError_, match="read a database"):
        import_now(inquiry.investigation, inquiry["analyst"], "people.csv", b"a\n1\n", mapping=text)
