import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from palermo.knowledge.domain.taxonomy import TAXONOMY_FILE, TaxonomyError, load_taxonomy, resolve_term
from palermo.knowledge.models import TaxonomyRelease, Term, Vocabulary

pytestmark = pytest.mark.django_db


def taxonomy_file(tmp_path, change):
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_taxonomy_is_loaded_with_six_languages():
    crime_types = Term.objects.filter(vocabulary=Vocabulary.CRIME_TYPE)
    assert crime_types.count() == 16
    assert Term.objects.filter(vocabulary=Vocabulary.CROSS_CUTTING).count() == 12
    trafficking = crime_types.get(slug="trafficking-in-persons")
    assert [g.slug for g in trafficking.children.all()] == ["acts", "means", "purposes", "form", "sector"]
    for term in Term.objects.all():
        assert set(term.labels) == {"ar", "zh-hans", "en", "fr", "ru", "es"}, term.slug


def test_loading_the_same_version_again_changes_nothing():
    out = StringIO()
    call_command("load_taxonomy", stdout=out)
    assert "already loaded" in out.getvalue() and TaxonomyRelease.objects.count() == 1


def test_changed_content_needs_a_new_version(tmp_path):
    path = taxonomy_file(tmp_path, lambda d: d["crime_type"][0]["labels"].update(en="Participation"))
    with pytest.raises(TaxonomyError, match="bump the version"):
        load_taxonomy(path)


def test_a_rename_keeps_the_term_and_its_old_slug(tmp_path):
    term = Term.objects.get(vocabulary=Vocabulary.CROSS_CUTTING, slug="virtual-assets")

    def rename(data):
        data["version"] = "2026.2"
        entry = next(e for e in data["cross_cutting"] if e["slug"] == "virtual-assets")
        entry.update(slug="virtual-assets-and-cryptocurrencies", former_slugs=["virtual-assets"])

    report = load_taxonomy(taxonomy_file(tmp_path, rename))
    term.refresh_from_db()
    assert term.slug == "virtual-assets-and-cryptocurrencies" and report.renamed
    assert resolve_term(Vocabulary.CROSS_CUTTING, "virtual-assets") == term


def test_a_merge_points_the_old_term_at_its_replacement(tmp_path):
    def merge(data):
        data["version"] = "2026.2"
        data["merged"] = [
            {"vocabulary": "crime_type", "slug": "counterfeiting", "into": "falsified-medical-products"}
        ]

    load_taxonomy(taxonomy_file(tmp_path, merge))
    target = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="falsified-medical-products")
    assert resolve_term(Vocabulary.CRIME_TYPE, "counterfeiting") == target
    assert not Term.objects.current().filter(slug="counterfeiting").exists()


def test_a_missing_label_is_refused_and_nothing_changes(tmp_path):
    path = taxonomy_file(
        tmp_path, lambda d: (d.update(version="2026.3"), d["cross_cutting"][1]["labels"].pop("ru"))
    )
    err = StringIO()
    with pytest.raises(CommandError, match="not changed"):
        call_command("load_taxonomy", str(path), stderr=err, stdout=StringIO())
    assert "cross_cutting/jurisdiction: no label in ru" in err.getvalue()
    assert TaxonomyRelease.objects.count() == 1


def test_labels_follow_the_language():
    from django.utils import translation

    term = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="smuggling-of-migrants")
    with translation.override("fr"):
        assert term.label == "Trafic illicite de migrants"
    with translation.override("ar"):
        assert term.label == "تهريب المهاجرين"


def test_old_term_urls_redirect_to_the_current_term(tmp_path, client):
    from django.urls import reverse

    from palermo.accounts.models import Role
    from palermo.knowledge.domain.records import create_record, transition_record
    from tests.factories import UserFactory

    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    counterfeiting = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="counterfeiting")
    record = create_record(
        user=secretariat,
        kind="legislation",
        fields={"title": "Law on counterfeit goods", "jurisdiction_id": "FRA", "year": 2014},
        relations={"crime_types": [counterfeiting]},
    )
    for state in ("submitted", "verified", "published"):
        record = transition_record(record=record, user=secretariat, to_state=state)

    def merge(data):
        data["version"] = "2026.2"
        data["merged"] = [
            {"vocabulary": "crime_type", "slug": "counterfeiting", "into": "falsified-medical-products"}
        ]

    load_taxonomy(taxonomy_file(tmp_path, merge))
    old = client.get(reverse("knowledge:term", args=["crime_type", "counterfeiting"]))
    assert old.status_code == 301 and old.url.endswith(
        "/knowledge/terms/crime_type/falsified-medical-products/"
    )
    page = client.get(old.url).content.decode()
    assert "Law on counterfeit goods" in page  # the record follows its merged term
    assert list(record.crime_types.values_list("slug", flat=True)) == ["falsified-medical-products"]
    assert client.get(reverse("knowledge:term", args=["crime_type", "no-such-term"])).status_code == 404
