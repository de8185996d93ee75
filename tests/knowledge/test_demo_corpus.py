import pytest
from django.test import Client

from palermo.knowledge.demo import create_demo_corpus, generate
from palermo.knowledge.models import Record, RecordKind

pytestmark = pytest.mark.django_db


def test_the_generator_is_deterministic():
    assert generate(20) == generate(20)
    assert generate(20, seed=1) != generate(20)


def test_the_demo_corpus_is_published_and_labelled_demo_data_everywhere():
    assert create_demo_corpus(40) == 40
    assert create_demo_corpus(40) == 0  # once only
    records = Record.objects.all()
    assert all(r.is_demo and r.state == "published" for r in records)
    assert set(records.values_list("kind", flat=True)) <= set(RecordKind.values)
    case = records.filter(kind="case").first()
    assert case.summary["en"].startswith("Demo data.") and case.defendants.exists()
    client = Client()
    assert "demo data" in client.get(f"/en/knowledge/records/{case.pk}/").content.decode()
    assert "demo data" in client.get("/en/knowledge/").content.decode()
    assert client.get(f"/api/v1/records/{case.pk}/").json()["is_demo"] is True


def test_the_demo_cases_agree_with_their_tables():
    """An acquitted defendant has no sentence; the text counts the defendants and victims the tables list
    and reports the outcome the verdicts give."""
    cases = [r for r in generate(300) if r["kind"] == "case"]
    assert cases
    words = {
        1: "The defendant ",
        2: "The two defendants",
        3: "The three defendants",
        4: "The four defendants",
    }
    for case in cases:
        text, defendants = case["summary"]["en"], case["defendants"]
        victims = sum(v["count"] for v in case["victims"])
        for defendant in defendants:
            assert (defendant["verdict"] == "convicted") == bool(defendant["sentence"]), case["title"]
        assert words[len(defendants)] in text
        assert f" {victims} person" in text
        verdicts = [d["verdict"] for d in defendants]
        if "convicted" not in verdicts:
            assert " acquitted " in text and " found that " not in text
        elif "acquitted" in verdicts:
            assert f"convicted {verdicts.count('convicted')} of the {len(verdicts)} defendants" in text
        assert case["title"].startswith(f"Public Prosecutor v. {defendants[0]['name']}")
        assert ("and others" in case["title"]) == (len(defendants) > 1)
