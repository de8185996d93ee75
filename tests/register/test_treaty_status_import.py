from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from palermo.core.models import AuditEntry
from palermo.register.domain.status_import import StatusImportFailed, import_treaty_status
from palermo.register.interfaces.treaty_status import parse_table
from palermo.register.models import Participation, StatusChange, StatusImport

pytestmark = pytest.mark.django_db
HEADER = 'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"\n'
AS_OF = date(2015, 3, 14)


def run(text: str, code: str = "SOM", *, as_of=AS_OF, name="status.csv"):
    return import_treaty_status(tables=[(parse_table(text, name), code)], as_of=as_of, source="test")


def problems_of(text: str, code: str = "SOM", **kwargs) -> list[str]:
    with pytest.raises(StatusImportFailed) as failure:
        run(text, code, **kwargs)
    return [str(p) for p in failure.value.problems]


def snapshot():
    return sorted(
        Participation.objects.values_list(
            "party", "instrument", "signature", "consent", "consent_kind", "as_of"
        )
    )


def test_reimporting_the_bundled_tables_changes_nothing():
    before, imports = snapshot(), StatusImport.objects.count()
    out = StringIO()
    from palermo.register.domain.reference_data import bundled_status_files

    call_command("import_treaty_status", *map(str, bundled_status_files()), as_of="2015-03-14", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert snapshot() == before and StatusImport.objects.count() == imports


def test_suffixes_give_the_kind_of_consent():
    table = parse_table(
        HEADER + "Albania,,8 Feb 2008 a\nNetherlands,12 Dec 2000,27 Jul 2005 A\n"
        "Belgium,12 Dec 2000,11 Aug 2004 AA\nMontenegro,,23 Oct 2006 d\nChile,8 Aug 2002,29 Nov 2004\n",
        "t.csv",
    )
    assert [(r.name, r.consent_kind) for r in table.rows] == [
        ("Albania", "accession"),
        ("Netherlands", "acceptance"),
        ("Belgium", "approval"),
        ("Montenegro", "succession"),
        ("Chile", "ratification"),
    ]


def test_text_copied_from_the_un_page_with_footnotes_and_leading_spaces():
    text = (
        "Protocol against the Smuggling of Migrants\n\nParticipant\tSignature\tRatification, Accession(a)\n"
        "Argentina 1\t 12 Dec 2000\t 19 Nov 2002\nDenmark 2, 3\t 12 Dec 2000\t 8 Sep 2006\n"
        "Republic of Korea\t 13 Dec 2000\t 5 Nov 2015 4\n"
    )
    table = parse_table(text, "copied.txt")
    assert table.problems == []
    assert [(r.name, r.signature, r.consent) for r in table.rows] == [
        ("Argentina", date(2000, 12, 12), date(2002, 11, 19)),
        ("Denmark", date(2000, 12, 12), date(2006, 9, 8)),
        ("Republic of Korea", date(2000, 12, 13), date(2015, 11, 5)),
    ]


def test_a_newer_table_updates_and_records_what_changed():
    korea = Participation.objects.get(party="KOR", instrument="SOM")
    assert korea.consent is None
    row = HEADER + "Republic of Korea,13 Dec 2000,5 Nov 2015\n"
    report = import_treaty_status(
        tables=[(parse_table(row, "som.csv"), "SOM"), (parse_table(row, "untoc.csv"), "UNTOC")],
        as_of=date(2016, 1, 1),
        source="test",
    )
    korea.refresh_from_db()
    assert (korea.consent, korea.consent_kind, korea.as_of) == (
        date(2015, 11, 5),
        "ratification",
        date(2016, 1, 1),
    )
    assert korea.entry_into_force == date(2015, 12, 5)
    change = StatusChange.objects.get(status_import=report.status_import, instrument="SOM", field="consent")
    assert (change.party_id, change.field, change.old_value, change.new_value) == (
        "KOR",
        "consent",
        "",
        "2015-11-05",
    )
    assert "PRK" not in {c.party_id for c in report.changes}
    assert AuditEntry.objects.filter(
        action="register.status.imported", object_id=str(report.status_import.pk)
    ).exists()
    assert len(report.not_in_file["SOM"]) > 100  # the others are left as they were, and said so


def test_a_protocol_without_the_convention_is_flagged_and_not_in_force():
    from palermo.register.queries import participation_problems

    run(HEADER + "Republic of Korea,13 Dec 2000,5 Nov 2015\n", as_of=date(2016, 1, 1))
    assert Participation.objects.get(party="KOR", instrument="SOM").entry_into_force is None
    assert [(p.party.code, p.instrument_code) for p in participation_problems()] == [("KOR", "SOM")]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("Atlantis,12 Dec 2000,\n", "status.csv, line 2, Participant: unknown participant 'Atlantis'"),
        ("Albania,31 Feb 2000,\n", "status.csv, line 2, Signature: '31 Feb 2000' is not a valid date"),
        ("Albania,12 Dex 2000,\n", "status.csv, line 2, Signature: 'Dex' is not a month"),
        ("Albania,2000-12-12,\n", "status.csv, line 2, Signature: '2000-12-12' is not a date"),
        ("Albania,12 Dec 2000,21 Aug 2002 x\n", "status.csv, line 2, Consent: '21 Aug 2002 x' is not a date"),
        ("Albania,,\n", "status.csv, line 2, row: neither a signature nor a consent date is given"),
        (
            "Albania,12 Dec 2003,21 Aug 2002\n",
            "status.csv, line 2, Signature: signed on 12 December 2003, after consenting",
        ),
        (
            "Albania,12 Dec 2000,21 Aug 2016\n",
            "status.csv, line 2, Consent: 21 August 2016 is after the as-of date",
        ),
        (
            "Albania,12 Dec 2000,21 Aug 2002\nAlbania,12 Dec 2000,22 Aug 2002\n",
            "status.csv, line 3, Participant: 'Albania' contradicts line 2",
        ),
        ("Albania,12 Dec 2000,21 Aug 2002,extra\n", "status.csv, line 2, row: expected 3 columns, found 4"),
    ],
)
def test_bad_rows_are_reported_with_line_and_field_and_nothing_is_written(rows, expected):
    before, imports = snapshot(), StatusImport.objects.count()
    problems = problems_of(HEADER + "Algeria,6 Jun 2001,9 Mar 2004\n" + rows.replace("line 2", "line 3"))
    expected = expected.replace("line 3", "line 4").replace("line 2", "line 3")
    assert any(p.startswith(expected) for p in problems), problems
    assert snapshot() == before and StatusImport.objects.count() == imports


def test_every_problem_of_a_file_is_listed_at_once():
    problems = problems_of(
        HEADER + "Atlantis,12 Dec 2000,\nAlbania,12 Dex 2000,\nAlgeria,6 Jun 2001,9 Mar 2004\n"
    )
    assert len(problems) == 2


def test_a_file_without_a_header_is_refused():
    assert problems_of("Albania,12 Dec 2000,21 Aug 2002\n") == [
        "status.csv, line 1, header: no header row starting with 'Participant' was found"
    ]


def test_an_older_as_of_date_than_the_register_holds_is_refused():
    problems = problems_of(HEADER + "Albania,12 Dec 2000,21 Aug 2002\n", as_of=date(2014, 1, 1))
    assert "newer than 1 January 2014" in problems[0]


def test_the_command_reports_problems_and_exits_with_an_error(tmp_path):
    bad = tmp_path / "untc-xviii-12-b.csv"
    bad.write_text(HEADER + "Atlantis,12 Dec 2000,\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_treaty_status", str(bad), as_of="2015-03-14", stderr=err, stdout=StringIO())
    assert "untc-xviii-12-b.csv, line 2, Participant: unknown participant 'Atlantis'" in err.getvalue()


def test_the_command_needs_to_know_the_instrument(tmp_path):
    table = tmp_path / "status.csv"
    table.write_text(HEADER + "Albania,12 Dec 2000,21 Aug 2002\n", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot tell which instrument"):
        call_command("import_treaty_status", str(table), as_of="2015-03-14", stdout=StringIO())
    call_command("import_treaty_status", f"{table}=UNTOC", as_of="2015-03-14", stdout=StringIO())


def test_a_file_that_is_not_text_is_refused(tmp_path):
    binary = tmp_path / "untc-xviii-12.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError):
        call_command(
            "import_treaty_status", str(binary), as_of="2015-03-14", stdout=StringIO(), stderr=StringIO()
        )


def test_a_bad_as_of_date_is_refused():
    with pytest.raises(CommandError, match="not a date"):
        call_command("import_treaty_status", "x.csv", as_of="14/03/2015")
