"""No input to the knowledge base is a server error: a query the parser cannot read is explained on the
page, in the CSV and the feed; an imported line that is not what a record can be is a problem of that line,
naming the field; a filter that is no number filters nothing."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.accounts.models import Role
from palermo.knowledge.models import Record
from palermo.knowledge.search.engine import SearchParams, search
from palermo.knowledge.search.query import MAX_DEPTH, QueryError, parse
from tests.factories import UserFactory, published_case, signed_in

LAW = {
    "kind": "legislation",
    "title": "Criminal Code, art. 416-bis",
    "jurisdiction": "ITA",
    "year": 1982,
    "detail": {"law_title": "Codice penale", "provision": "art. 416-bis"},
}
CASE = {"kind": "case", "title": "Public Prosecutor v. A.B.", "jurisdiction": "ITA", "year": 2016}


@pytest.mark.parametrize("query", ["smuggling NOT", "a NOT )", "(a NOT)", "a NOT OR b", "a -)"])
def test_a_not_with_nothing_after_it_is_explained(query):
    with pytest.raises(QueryError, match="must be followed by what to leave out"):
        parse(query)


@pytest.mark.parametrize(
    "query", ["(" * 250, "(" * 100 + "a" + ")" * 100, "NOT " * 100 + "a", "a " + "-(" * 100 + "b"]
)
def test_nesting_deeper_than_the_limit_is_explained(query):
    with pytest.raises(QueryError, match=f"more than {MAX_DEPTH} levels deep"):
        parse(query)


def test_nesting_within_the_limit_is_searched():
    assert parse("(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH) is not None
    assert parse("a " + "NOT (" * (MAX_DEPTH // 2 - 1) + "b" + ")" * (MAX_DEPTH // 2 - 1)) is not None


TOKENS = st.sampled_from(["(", ")", "NOT", "OR", "AND", "-", "-a", "a", "b*", '"', '"a b"', "«", "»", " "])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(query=st.one_of(st.text(max_size=500), st.lists(TOKENS, max_size=250).map(" ".join)))
def test_any_query_is_parsed_or_explained(query):
    try:
        parse(query)
    except QueryError as error:
        assert str(error)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["smuggling NOT", "(" * 250])
def test_the_page_explains_and_the_csv_and_the_feed_refuse_a_query_they_cannot_run(client, query):
    published_case("Smuggling by sea", "Migrants were smuggled by sea.")
    assert search(SearchParams(q=query), AnonymousUser()).error
    page = client.get("/en/knowledge/", {"q": query})
    assert page.status_code == 200 and "This search cannot be run" in page.content.decode()
    csv = client.get("/en/knowledge/search.csv", {"q": query})
    assert csv.status_code == 400
    assert client.get("/en/knowledge/feed/", {"q": query}).status_code == 400


@pytest.mark.django_db
def test_a_feed_with_a_filter_that_does_not_validate_is_refused_not_widened(client):
    published_case("Smuggling by sea", "Migrants were smuggled by sea.")
    assert client.get("/en/knowledge/feed/", {"q": "smuggling", "year_from": "abc"}).status_code == 400
    feed = client.get("/en/knowledge/feed/", {"q": "smuggling", "year_from": "2000"})
    assert feed.status_code == 200 and "Smuggling by sea" in feed.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("article", ["²", "abc", "99999999999999999999", "-1"])
def test_an_article_filter_that_is_no_article_id_is_explained_or_filters_nothing(client, article):
    published_case("Smuggling by sea", "Migrants were smuggled by sea.")
    assert client.get("/en/knowledge/records/", {"article": article}).status_code == 200
    page = client.get("/en/knowledge/", {"article": article}).content.decode()
    assert "This search cannot be run:" in page and "<strong>Treaty article</strong>: " in page
    assert "Smuggling by sea" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("against", ["²", "abc", "99999999999999999999"])
def test_comparing_with_a_version_that_is_no_number_is_not_found(client, against):
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    signed_in(client, secretariat)
    secretariat.is_verified = lambda: True
    record = published_case("Smuggling by sea", "Migrants were smuggled by sea.", user=secretariat)
    url = reverse("knowledge:record_version", args=[record.pk, record.version])
    assert client.get(url, {"against": against}).status_code == 404
    assert client.get(url).status_code == 200


def import_problems(tmp_path, name: str, content: str) -> list[str]:
    """What the import command reports about the file (it imports nothing when there is a problem)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_knowledge", str(path), stdout=StringIO(), stderr=err)
    assert not Record.objects.exists()
    return err.getvalue().splitlines()


def jsonl(*lines) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"


@pytest.mark.django_db
def test_a_csv_cell_of_128_kib_is_a_problem_of_its_line(tmp_path):
    content = (
        "kind,title,jurisdiction,year,detail_law_title\n"
        "legislation,Ley 26.364,ARG,2008,Ley 26.364\n"
        f"legislation,{'x' * 140_000},ARG,2008,Ley\n"
        "legislation,Ley 26.842,ARG,2012,Ley 26.842\n"
    )
    problems = import_problems(tmp_path, "records.csv", content)
    assert problems == ["records.csv, line 3, csv: not valid CSV (field larger than field limit (131072))"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "line 2, json: not valid JSON (nested too deeply)"),
        ('{"kind": "case", "year": ' + "9" * 5000 + "}", "line 2, json: not valid JSON (Exceeds the limit"),
        ('{"kind": "case", "title": "\\ud800"}', "line 2, json: not valid JSON ('utf-8' codec can't encode"),
        ({**LAW, "jurisdiction": 5}, "line 2, jurisdiction: '5' is not a State code of the register"),
        ({**LAW, "jurisdiction": ["ITA"]}, "line 2, jurisdiction: '['ITA']' is not a State code"),
        ({**LAW, "year": 10**30}, f"line 2, year: '{10**30}' is not a year"),
        ({**LAW, "year": 1e300}, "line 2, year: '1e+300' is not a year"),
        ({**LAW, "year": [1982]}, "line 2, year: '[1982]' is not a year"),
        ({**LAW, "title": "Code\x00"}, "line 2, title: Null characters are not allowed."),
        ({**LAW, "summary": {"en": "\x00"}}, "line 2, summary: Null characters are not allowed."),
        ({**LAW, "title": "x" * 501}, "line 2, title: Ensure this value has at most 500 characters"),
        ({**CASE, "defendants": 5}, "line 2, defendants: expected a list of objects"),
        (
            {**CASE, "victims": [{"count": 1e400}]},
            "line 2, victims[0].count: “inf” value must be an integer.",
        ),
        (
            {**CASE, "defendants": [{"name": "A.B.", "nationality_id": ["LBY"]}]},
            "line 2, defendants[0].nationality: '['LBY']' is not a State code",
        ),
        (
            {"kind": "bibliography", "title": "A study", "jurisdiction": "ITA", "year": 2016}
            | {"detail": {"authors": [1, {"a": 2}]}},
            "line 2, detail.authors: expected a list of strings",
        ),
    ],
)
def test_a_jsonl_line_that_is_no_record_is_a_problem_naming_its_field(tmp_path, line, expected):
    problems = import_problems(tmp_path, "records.jsonl", jsonl(LAW, line))
    assert any(problem.startswith(f"records.jsonl, {expected}") for problem in problems), problems


@pytest.mark.django_db
def test_the_import_page_lists_the_problems_of_a_bad_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    content = jsonl(LAW, {**LAW, "jurisdiction": 5}, {**LAW, "year": 10**30}, "[" * 100_000)
    upload = SimpleUploadedFile("records.jsonl", content.encode())
    page = client.post("/en/knowledge/import/", {"file": upload, "state": "draft"})
    text = page.content.decode()
    assert page.status_code == 200 and "3 problems; nothing was imported." in text
    assert "is not a State code of the register" in text and "is not a year" in text
    assert "nested too deeply" in text
    assert not Record.objects.exists()


@pytest.mark.django_db
def test_good_lines_still_import(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(jsonl(LAW, {**LAW, "title": "Other", "year": "1990"}), encoding="utf-8")
    call_command("import_knowledge", str(path), stdout=StringIO())
    assert sorted(Record.objects.values_list("year", flat=True)) == [1982, 1990]
