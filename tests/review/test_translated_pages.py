"""Every word a user reads in the Review Mechanism is in their language: labels that come from Python
(model choices, form labels) are translatable, cluster names come in six languages, and no page shows
data in English or the notes and identifiers meant for developers (the clusters' confidence, their
version id, rule names as the JSON spells them, raw choice values)."""

import html
import importlib
import json
import pkgutil
import re

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

import palermo
from palermo.review.domain import cycles, steps
from palermo.review.domain.draw import Rules
from palermo.review.models import Cluster, DocumentKind, Draw
from palermo.review.views.cycles import RULE_LABELS
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

CLUSTER_TITLES = json.loads(cycles.CLUSTER_TITLES_FILE.read_text(encoding="utf-8"))["titles"]

# Data and identifiers that must never reach a page in another language than English (or at all).
DEVELOPER_WORDS = [
    *CLUSTER_TITLES,  # the English cluster names
    "Thematic clusters of the UNTOC",  # the clusters file's note on its sources
    "confidence",
    "provisional",
    "2026-11-27",  # the clusters' version id
    "TODO",
    *(name for name in Rules().as_dict() if "_" in name),  # rule names as rules.json spells them
    "other_group_only",
    "not_reviewed",
    "last_group",
    "next_cycle",
    "same_group",
    "other_group",
    "self_assessment",
    "focal_point",
    "governmental_expert",
]


def test_every_choice_label_of_every_model_is_translatable():
    untranslatable = [
        (model.__name__, field.name, value)
        for model in apps.get_models()
        if model.__module__.startswith("palermo.")
        for field in model._meta.get_fields()
        if getattr(field, "choices", None)
        for value, label in field.flatchoices
        if not isinstance(label, Promise)
    ]
    assert untranslatable == []


def palermo_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(palermo.__path__, "palermo."):
        if not {"migrations", "management", "wsgi", "asgi"} & set(module.name.split(".")):
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {cls for cls in subclasses(forms.BaseForm) if cls.__module__.startswith("palermo.")},
        key=lambda cls: cls.__qualname__,
    )


def has_words(label) -> bool:
    """Whether a label has letters to translate (a number such as a phase's needs none)."""
    return re.search(r"[^\W\d_]", str(label)) is not None


def test_every_form_label_help_text_and_choice_is_translatable():
    languages = {code for code, _name in settings.LANGUAGES}
    found = palermo_forms()
    assert len(found) > 10
    untranslatable = []
    for form in found:
        for name, field in form.base_fields.items():
            for text in (field.label, field.help_text):
                if text and not isinstance(text, Promise):
                    untranslatable.append((form.__qualname__, name, text))
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                for value, label in field.choices:
                    # a language is named in its own language, as the language menu does
                    if (
                        value
                        and value not in languages
                        and has_words(label)
                        and not isinstance(label, Promise)
                    ):
                        untranslatable.append((form.__qualname__, name, label))
    assert untranslatable == []


def test_every_rule_of_a_draw_has_a_translated_label():
    from palermo.review.interfaces.forms import CycleForm

    fields = CycleForm.base_fields
    assert [name for name in Rules().as_dict() if name not in fields and name not in RULE_LABELS] == []


def test_cluster_names_are_held_in_the_six_languages():
    languages = sorted(code for code, _name in settings.LANGUAGES)
    clusters = cycles.bundled_clusters()["clusters"]
    assert sorted(CLUSTER_TITLES) == sorted(c["title"] for c in clusters)
    for english, titles in CLUSTER_TITLES.items():
        assert sorted(titles) == languages and titles["en"] == english
        assert all(titles[language].strip() for language in languages)


def test_a_launched_cycle_names_its_clusters_in_the_readers_language(two_reviews):
    cluster = Cluster.objects.get(cycle__number=1, phase=2)
    for language in ("fr", "es", "ar", "zh-hans", "ru"):
        with translation.override(language):
            assert cluster.local_title == CLUSTER_TITLES[cluster.title][language]
            assert cluster.title_language == language
    with translation.override("fr"):
        assert cluster.local_title == "Coopération internationale, entraide judiciaire et confiscation"
        assert str(cluster) == "2. Coopération internationale, entraide judiciaire et confiscation"


def test_a_cluster_without_a_name_in_the_readers_language_is_named_in_english(two_reviews):
    cluster = Cluster.objects.get(cycle__number=1, phase=1)
    Cluster.objects.filter(pk=cluster.pk).update(titles={})
    cluster.refresh_from_db()
    with translation.override("fr"):
        assert cluster.local_title == "Criminalization and jurisdiction" and cluster.title_language == "en"


def test_the_data_migration_names_the_clusters_of_cycles_launched_before(two_reviews):
    Cluster.objects.update(titles={})
    migration = importlib.import_module("palermo.review.migrations.0011_fill_cluster_titles")
    migration.fill_titles(apps, None)
    assert {c.title: c.titles for c in Cluster.objects.all()} == CLUSTER_TITLES


def visible_text(page: str) -> str:
    """What a reader sees or hears: text and the title, aria-label, alt and placeholder attributes, without
    the preformatted blocks (the command and rules.json are meant to be copied as they are)."""
    main = page[page.index("<main") : page.index("</main>")]
    main = re.sub(r"<(pre|script|style)\b.*?</\1>", " ", main, flags=re.S)
    attributes = re.findall(r'\s(?:title|aria-label|alt|placeholder)="([^"]*)"', main)
    return " ".join(html.unescape(" ".join([re.sub(r"<[^>]+>", " ", main), *attributes])).split())


def review_pages(cast) -> list[str]:
    review = cast["review"]
    cycle = review.cycle
    draw = Draw.objects.filter(cycle=cycle).first()
    state = review.state_under_review_id
    return [
        reverse("review:cycles"),
        reverse("review:cycle", args=[cycle.number]),
        reverse("review:cluster_edit", args=[cycle.number, 4]),
        reverse("review:draw", args=[cycle.number, draw.pk]),
        reverse("review:dashboard", args=[cycle.number]),
        reverse("review:reviews"),
        reverse("review:review", args=[review.pk]),
        reverse("review:document", args=[review.pk, 1, DocumentKind.SELF_ASSESSMENT, state]),
        reverse("review:dialogue", args=[review.pk, 1]),
        reverse("review:summaries"),
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_review_pages_show_no_english_data_nor_developer_notes(client, two_reviews, secretariat, language):
    cycles.publish_draw(draw=Draw.objects.get(cycle__number=1), user=secretariat)
    cast = two_reviews["first"]
    review = cast["review"]
    steps.document(
        review=review,
        phase=1,
        kind=DocumentKind.SELF_ASSESSMENT,
        party=review.state_under_review_id,
        user=cast["expert"],
    )
    signed_in(client, secretariat)
    with translation.override(language):
        pages = review_pages(two_reviews["first"])
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert [word for word in DEVELOPER_WORDS if word in text] == [], url
    cycle_page = client.get(pages[1]).content.decode()
    for titles in CLUSTER_TITLES.values():
        assert f'<td lang="{language}">{titles[language]}</td>' in cycle_page


def test_the_cycle_pages_say_which_clusters_the_secretariat_confirmed(client, two_reviews, secretariat):
    cycle = two_reviews["first"]["review"].cycle
    cycles.correct_cluster(
        cluster=cycle.clusters.get(phase=3),
        user=secretariat,
        articles={"UNTOC": ["7"]},
        source="CTOC/COP/2018/13",
    )
    signed_in(client, secretariat)
    page = visible_text(client.get(reverse("review:cycle", args=[cycle.number])).content.decode())
    assert "To be confirmed by the secretariat before the phase starts on 1 January 2030" in page
    assert re.search(r"Confirmed by the secretariat on .+: CTOC/COP/2018/13", page)
    assert "1 of 4 confirmed" in visible_text(client.get(reverse("review:cycles")).content.decode())
    cycle.first_year = 2000
    cycle.save(update_fields=["first_year"])
    page = client.get(reverse("review:cycle", args=[cycle.number])).content.decode()
    assert "Not confirmed by the secretariat; the phase started on" in visible_text(page)
    assert reverse("review:cluster_edit", args=[cycle.number, 1]) not in page  # too late to correct
