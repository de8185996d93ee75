"""One date format per language everywhere (src/palermo/formats/<language>/formats.py): the same date is
written the same way on the register, knowledge-base, review and account pages, in a <time> element whose
machine-read datetime stays ISO 8601; date inputs hold ISO dates whatever the language."""

import re
from datetime import UTC, date, datetime

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

from palermo.accounts.models import Role
from palermo.core.i18n import format_date, format_datetime, format_partial_date
from palermo.review.domain import cycles
from palermo.review.domain.draw import Rules
from tests.factories import UserFactory, published_case, signed_in

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DAY = date(2015, 3, 14)  # the bundled treaty status's as-of date
MOMENT = datetime(2026, 12, 1, 6, 40, tzinfo=UTC)
WRITTEN = {
    "ar": ("14 مارس 2015", "1 ديسمبر 2026، 06:40 UTC"),
    "zh-hans": ("2015年3月14日", "2026年12月1日 06:40 UTC"),
    "en": ("14 March 2015", "1 December 2026, 06:40 UTC"),
    "fr": ("14 mars 2015", "1er décembre 2026 à 06:40 UTC"),  # the first of a month is an ordinal
    "ru": ("14 марта 2015 года", "1 декабря 2026 года, 06:40 UTC"),
    "es": ("14 de marzo de 2015", "1 de diciembre de 2026 a las 06:40 UTC"),
}
TWELVE_HOUR_CLOCK = set("aAghP")  # format characters of a 12-hour clock


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_one_date_format_and_one_date_time_format(language):
    with translation.override(language):
        assert (format_date(DAY), format_datetime(MOMENT)) == WRITTEN[language]
        for short, long in (
            ("SHORT_DATE_FORMAT", "DATE_FORMAT"),
            ("SHORT_DATETIME_FORMAT", "DATETIME_FORMAT"),
        ):
            assert formats.date_format(MOMENT, short) == formats.date_format(MOMENT, long)
        assert formats.time_format(MOMENT, "TIME_FORMAT") == "06:40"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_date_ends_in_a_period_nor_uses_a_12_hour_clock(language):
    """A period at the end of a date doubles at the end of a sentence: 'Published on Dec. 1, 2026, 6:40 a.m..'"""
    with translation.override(language):
        for name in ("DATE_FORMAT", "DATETIME_FORMAT"):
            assert not formats.date_format(MOMENT, name).endswith("."), name
        for name in ("DATETIME_FORMAT", "TIME_FORMAT"):
            unescaped = re.sub(r"\\.", "", formats.get_format(name))
            assert not set(unescaped) & TWELVE_HOUR_CLOCK, (name, formats.get_format(name))


@pytest.mark.parametrize("language", LANGUAGES)
def test_when_filter_writes_the_date_for_people_and_iso_for_machines(language):
    template = Template(
        '{% load palermo %}{{ day|when }}|{{ moment|when }}|{{ moment|when:"date" }}|{{ none|when }}'
    )
    with translation.override(language):
        shown = template.render(Context({"day": DAY, "moment": MOMENT, "none": None}))
    day, moment = WRITTEN[language]
    assert shown == (
        f'<time datetime="2015-03-14">{day}</time>|'
        f'<time datetime="2026-12-01T06:40:00+00:00">{moment}</time>|'
        f'<time datetime="2026-12-01T06:40:00+00:00">{format_date_in(language, MOMENT)}</time>|'
    )


def format_date_in(language: str, value) -> str:
    with translation.override(language):
        return format_date(value)


def test_when_filter_shows_text_holding_an_iso_date_as_a_date_and_other_text_as_it_is():
    template = Template("{% load palermo %}{{ a|when }}|{{ b|when }}|{{ c|when }}")
    shown = template.render(Context({"a": "2015-11-05", "b": "ratification <b>", "c": "2015-02-30"}))
    assert shown == '<time datetime="2015-11-05">5 November 2015</time>|ratification &lt;b&gt;|2015-02-30'


def all_forms() -> list[type[forms.BaseForm]]:
    """Every form class of the app (their modules imported)."""
    import palermo.accounts.forms
    import palermo.knowledge.interfaces.forms
    import palermo.register.interfaces.forms
    import palermo.review.interfaces.forms  # noqa: F401

    found, waiting = [], [forms.Form, forms.ModelForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            waiting.append(subclass)
            if subclass.__module__.startswith("palermo."):
                found.append(subclass)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_input_holds_an_iso_date_in_every_language(language):
    """<input type="date"> reads only 2015-03-14; the language's input format ('14/03/2015') empties it."""
    date_fields = [
        (form, name, field)
        for form in all_forms()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field.widget, forms.DateInput)
    ]
    assert len(date_fields) >= 4
    with translation.override(language):
        for form, name, field in date_fields:
            assert field.widget.input_type == "date", f"{form.__name__}.{name}"
            assert 'value="2015-03-14"' in field.widget.render(name, DAY), f"{form.__name__}.{name}"


@pytest.mark.django_db
def test_the_same_date_is_written_the_same_way_on_register_knowledge_review_and_account_pages(client):
    staff = UserFactory(role=Role.SECRETARIAT_ADMIN, approved_at=datetime(2015, 3, 14, 12, tzinfo=UTC))
    staff.is_verified = lambda: True
    record = published_case("Prosecutor v. Date", "A case.", user=staff)
    record.date = DAY
    record.save(update_fields=["date"])
    cycles.launch_cycle(user=staff, number=7, reference_date=DAY, first_year=2030, rules=Rules())
    signed_in(client, staff)
    pages = {
        "register": "/{}/register/parties/",
        "knowledge": f"/{{}}/knowledge/records/{record.pk}/",
        "review": "/{}/review/cycles/",
        "accounts": f"/{{}}/accounts/users/{staff.pk}/",
    }
    for language in LANGUAGES:
        written = WRITTEN[language][0]
        for part, page in pages.items():
            content = client.get(page.format(language)).content.decode()
            assert f">{written}</time>" in content, f"{part} in {language}: {written}"


@pytest.mark.parametrize(
    ("language", "written", "shown"),
    [
        ("en", "2025", "2025"),
        ("en", "2025-03", "March 2025"),
        ("fr", "2025-03-01", "1er mars 2025"),
        ("en", "2025-03-01T08:00", "1 March 2025, 08:00"),
        ("zh-hans", "2025-03-01T08:00:00Z", "2025年3月1日 08:00"),
        ("en", "2015-02-30", "2015-02-30"),  # no such day: shown as written
        ("en", "soon", "soon"),
    ],
)
def test_a_date_known_to_a_year_a_month_a_day_or_a_minute_is_shown_as_people_read_it(
    language, written, shown
):
    with translation.override(language):
        assert format_partial_date(written) == shown
