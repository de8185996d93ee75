"""Every list of States shown to people is in the alphabetical order of the reader's language, and article
numbers are in numeric order: one test per kind of list, in French, Spanish, Arabic, Chinese and Russian."""

import re
from datetime import date
from html import escape

import pytest
from django import forms
from django.utils import translation

from palermo.accounts.models import Organisation, Role
from palermo.core.collation import collated
from palermo.core.form_fields import CollatedModelChoiceField, CollatedModelMultipleChoiceField
from palermo.knowledge.domain.records import create_record, transition_record
from palermo.register.models import Article, Instrument, Party, StatusImport
from palermo.register.models.parties import by_name
from palermo.review.dashboard import NeedCount, needs_by
from palermo.review.domain import cycles, participants
from palermo.review.domain.draw import Rules
from palermo.review.models import Review
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es", "ar", "zh-hans", "ru"]

# Pairs in each language's order that Unicode code point order (or an English sort) gets wrong, or right
# only by chance: (first, second)
BEFORE = {
    "fr": [
        ("CRI", "CIV"),
        ("CIV", "HRV"),
        ("BLR", "BEL"),
    ],  # Costa Rica, Côte d’Ivoire, Croatie; Bélarus, Belgique
    "es": [("BEL", "BLZ"), ("NER", "NGA")],  # Bélgica, Belice; Níger, Nigeria
    "ar": [("ETH", "AZE")],  # إثيوبيا before أذربيجان: hamza forms of alif are alif
    "zh-hans": [("AFG", "BRA"), ("BRA", "CHN")],  # 阿富汗 a, 巴西 ba, 中国 zhong (pinyin)
    "ru": [("AUS", "AUT"), ("RUS", "ZAF")],  # Австралия, Австрия; Российская Федерация, Южная Африка
}
SAMPLE = sorted({code for pairs in BEFORE.values() for pair in pairs for code in pair})


def expected_order(codes, language: str) -> list[str]:
    return [p.code for p in by_name(Party.objects.filter(code__in=codes), language)]


def assert_in_order(codes: list[str], language: str) -> None:
    assert codes == expected_order(codes, language)
    for first, second in BEFORE[language]:
        if first in codes and second in codes:
            assert codes.index(first) < codes.index(second), (first, second)


def party_links(html: str, language: str) -> list[str]:
    return re.findall(rf'href="/{language}/register/parties/([A-Z]{{3}})/"', html)


@pytest.fixture
def secretariat():
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    user.is_verified = lambda: True
    return user


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_register_lists_parties_in_the_readers_alphabetical_order(client, language):
    codes = party_links(client.get(f"/{language}/register/parties/").content.decode(), language)
    assert len(codes) == 198
    assert_in_order(codes, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_status_update_lists_its_changes_by_instrument_then_by_state_name(client, language):
    status_import = StatusImport.objects.earliest("id")
    html = client.get(f"/{language}/register/status-imports/{status_import.pk}/").content.decode()
    rows = re.findall(rf'<tr><td>(.*?)</td><td><a href="/{language}/register/parties/([A-Z]{{3}})/"', html)
    instruments = list(dict.fromkeys(instrument for instrument, _code in rows))
    with translation.override(language):
        assert instruments == [
            i.local_short_title
            for i in Instrument.objects.filter(code__in=status_import.changes.values("instrument"))
        ]
    for instrument in instruments:
        assert_in_order(list(dict.fromkeys(code for shown, code in rows if shown == instrument)), language)


def _all_forms():
    """Every form class of the app, formsets' forms included."""
    from palermo.accounts import forms as _accounts  # noqa: F401
    from palermo.knowledge.interfaces import forms as _knowledge  # noqa: F401
    from palermo.register.interfaces import forms as _register  # noqa: F401
    from palermo.review.interfaces import forms as _review  # noqa: F401

    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            found.add(subclass)
            todo.append(subclass)
    model_of = lambda form: getattr(getattr(form, "_meta", None), "model", None)  # noqa: E731
    return [
        f
        for f in found
        if f.__module__.startswith("palermo.") or (model_of(f) or object).__module__.startswith("palermo.")
    ]


def test_every_select_box_of_states_or_organisations_sorts_by_name():
    offering = []
    for form_class in _all_forms():
        for name, field in getattr(form_class, "base_fields", {}).items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model in (Party, Organisation):
                offering.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
                assert isinstance(field, CollatedModelChoiceField | CollatedModelMultipleChoiceField), (
                    offering[-1]
                )
    assert len(offering) >= 6  # record: jurisdiction, countries; defendant, victim: nationality; organisation


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [code for code in re.findall(r'<option value="([A-Z]{3})"', select)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_select_boxes_of_states_are_in_the_readers_alphabetical_order(client, secretariat, language):
    signed_in(client, secretariat)
    record_form = client.get(f"/{language}/knowledge/new/case/").content.decode()
    for name in ("jurisdiction", "countries", "defendants-0-nationality", "victims-0-nationality"):
        codes = _options(record_form, name)
        assert len(codes) == 198, name
        assert_in_order(codes, language)
    organisation_form = client.get(f"/{language}/accounts/organisations/new/").content.decode()
    assert_in_order(_options(organisation_form, "party"), language)


def test_organisations_are_offered_in_alphabetical_order():
    for name in ("Ministère de l’Intérieur", "Ministerio de Justicia", "Ministère de la Justice", "Ministry"):
        Organisation.objects.create(name=name, kind=Organisation.Kind.OTHER)
    from palermo.accounts.forms import InvitationForm

    with translation.override("fr"):
        labels = [label for value, label in InvitationForm().fields["organisation"].choices if value]
    assert labels == collated(labels, language="fr")
    assert labels.index("Ministère de la Justice") < labels.index("Ministerio de Justicia")  # not è after e


@pytest.fixture
def laws_of_sample_states(secretariat):
    """Published laws of the sample States, tagged to UNTOC art. 5; a case concerning all of them."""
    article = Article.objects.get(instrument="UNTOC", number="5")
    records = []
    for code in SAMPLE:
        records.append(
            create_record(
                user=secretariat,
                kind="legislation",
                fields={"title": f"Law of {code}", "jurisdiction_id": code, "year": 2010},
                relations={"articles": [article]},
            )
        )
    records.append(
        create_record(
            user=secretariat,
            kind="case",
            fields={"title": "Case", "jurisdiction_id": "ITA", "year": 2015},
            relations={"countries": SAMPLE},
        )
    )
    for record in records:
        for state in ("submitted", "verified", "published"):
            record = transition_record(record=record, user=secretariat, to_state=state)
    return records[-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_knowledge_lists_of_states_are_in_the_readers_alphabetical_order(
    client, laws_of_sample_states, language
):
    html = client.get(f"/{language}/knowledge/articles/UNTOC/5/implementation/").content.decode()
    table = html[html.index("<tbody>") :]
    codes = list(dict.fromkeys(re.findall(r"party=([A-Z]{3})", table)))
    assert sorted(codes) == SAMPLE
    assert_in_order(codes, language)
    record = client.get(f"/{language}/knowledge/records/{laws_of_sample_states.pk}/").content.decode()
    concerned = record[record.index("<dd>", record.index(str(_countries_label(language)))) :]
    codes = party_links(concerned.split("</dd>", 1)[0], language)
    assert sorted(codes) == SAMPLE
    assert_in_order(codes, language)


def _countries_label(language: str) -> str:
    with translation.override(language):
        return translation.gettext("Countries concerned")


@pytest.fixture
def drawn_cycle(secretariat):
    cycle = cycles.launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=11)
    return cycle


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_lists_are_in_the_readers_alphabetical_order(client, secretariat, drawn_cycle, language):
    signed_in(client, secretariat)
    names = {p.code: p.name_in(language) for p in Party.objects.all()}
    code_of = {escape(name): code for code, name in names.items()}
    # My reviews (their first page): by group, then by the State under review's name
    html = client.get(f"/{language}/review/reviews/").content.decode()
    rows = re.findall(
        r"<td>(\d+)</td><th scope=\"row\"><a href=\"/[^\"]+/review/reviews/\d+/\">(.*?)</a>", html
    )
    assert len(rows) == min(50, Review.objects.filter(cycle=drawn_cycle).count())
    for group in {g for g, _name in rows}:
        codes = list(dict.fromkeys(code_of[name] for g, name in rows if g == group))
        assert_in_order(codes, language)
    # The cycle's reviews table (its first page): by group, then by name
    html = client.get(f"/{language}/review/cycles/{drawn_cycle.number}/").content.decode()
    rows = re.findall(
        r'<th scope="row">(.*?) <small class="inline">([A-Z]{3})</small></th><td>(\d+)</td>', html
    )
    assert len(rows) == min(50, Review.objects.filter(cycle=drawn_cycle).count())
    for group in {g for _n, _c, g in rows}:
        codes = list(dict.fromkeys(code for _n, code, g in rows if g == group))
        assert_in_order(codes, language)
    # A review's States: the State under review, then its reviewing States by name
    review = max(Review.objects.filter(cycle=drawn_cycle), key=lambda r: len(participants.parties_of(r)))
    html = client.get(f"/{language}/review/reviews/{review.pk}/").content.decode()
    shown = re.findall(r'<th scope="row">.*? <small class="inline">([A-Z]{3})</small></th>', html)
    assert shown[0] == review.state_under_review_id and len(shown) >= 3
    assert shown[1:] == expected_order(shown[1:], language)


def test_article_numbers_are_in_numeric_order(client):
    html = client.get("/fr/register/instruments/UNTOC/").content.decode()
    numbers = [
        int(n) for n in re.findall(r'<li><a href="/fr/register/instruments/UNTOC/articles/(\d+)/"', html)
    ]
    assert numbers == sorted(numbers) and numbers[:3] == [1, 2, 3] and len(numbers) == 41
    with translation.override("fr"):
        title = Instrument.objects.get(code="UNTOC").local_short_title
        counts = needs_by(
            [{"article": n, "priority": "high"} for n in ("23", "5", "18", "2")],
            lambda need: f"{title}, art. {need['article']}",
        )
    assert [c.label for c in counts] == [f"{title}, art. {n}" for n in ("2", "5", "18", "23")]
    assert all(isinstance(c, NeedCount) for c in counts)
