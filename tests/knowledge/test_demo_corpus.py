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
