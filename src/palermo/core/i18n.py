"""Small translated phrases that several modules build, and the one way dates and numbers are written.

Dates that people read are written in the active language's one format (src/palermo/formats/<language>):
`format_date`, `format_datetime`, the `when` template filter. Numbers that machines read (SVG coordinates,
CSS, JSON, data attributes, URLs) are written by `plain_number`, never by the template engine, which would
write them as the language does ("196,5" in French).
"""

import math
import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, pgettext


def sentence_gap() -> str:
    """What comes between two sentences in the reader's language: Chinese ends a sentence with its own full
    stop and puts no space after it; the other five languages put one."""
    return "" if (get_language() or "").startswith("zh") else " "


def sentences(*parts: str) -> str:
    """Sentences one after another, as the reader's language writes them (the empty left out)."""
    return sentence_gap().join(part for part in parts if part)


def in_language(values: dict[str, str], fallback: str = "") -> str:
    """A text kept by language code, in the reader's language, else English, else any, else `fallback`."""
    if not values:
        return fallback
    return values.get(get_language() or "en") or values.get("en") or next(iter(values.values()), fallback)


def comma() -> str:
    """The separator between the items of a list, as each language writes it (Arabic «، », Chinese «、»)."""
    return pgettext("separator between the items of a list", ", ")


def colon() -> str:
    """The separator between a label and what follows, as each language writes it (French puts a
    non-breaking space before the colon, Chinese a full-width colon)."""
    return pgettext("separator between a label and what follows it", ": ")


def listed(items) -> str:
    """Items (strings, or anything shown by str) one after another as the reader's language lists them."""
    return comma().join(str(item) for item in items)


def article_of(instrument_title: str, number) -> str:
    """'Organized Crime Convention, art. 5' as each language names an article of an instrument
    (有组织犯罪公约第5条; المادة 5 من اتفاقية …)."""
    return pgettext("an article of an instrument", "%(instrument)s, %(article)s") % {
        "instrument": instrument_title,
        "article": article_ref(number),
    }


def article_ref(number) -> str:
    """'art. 5' in the active language (第5条, المادة 5, ст. 5 …)."""
    return gettext("art. %(number)s") % {"number": number}


def format_date(value: date | datetime | None) -> str:
    """A date as people read it in the active language ('14 March 2015', '14 mars 2015'); '' for None.
    A date-time is shown as its date in the installation's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return _ordinal_first(formats.date_format(value, "DATE_FORMAT"), value)


def format_datetime(value: datetime | None) -> str:
    """A moment as people read it in the active language, in the installation's time zone
    ('1 December 2026, 06:40 UTC'); '' for None. A plain date is shown as a date."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return format_date(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return _ordinal_first(formats.date_format(value, "DATETIME_FORMAT"), value)


# A date as FollowTheMoney keeps it, as precise as it was written: 2025, 2025-03, 2025-03-01, 2025-03-01T08:00.
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\S*)?)?)?")


def format_partial_date(text: str) -> str:
    """A date written as precisely as it is known (a year, a month, a day, a day and time) as people read it
    in the active language ('2025', 'March 2025', '1 March 2025', '1 March 2025, 08:00'); other text as
    it is."""
    found = PARTIAL_DATE.fullmatch(text.strip()) if text else None
    if found is None:
        return text
    year, month, day, hour, minute = (int(part) if part else None for part in found.groups())
    try:
        if hour is not None:
            moment = datetime(year, month, day, hour, minute)  # type: ignore[arg-type]
            return _ordinal_first(formats.date_format(moment, "DATETIME_FORMAT").removesuffix(" UTC"), moment)
        if day is not None:
            return format_date(date(year, month, day))  # type: ignore[arg-type]
        if month is not None:
            return formats.date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")  # type: ignore[arg-type]
    except ValueError:  # 2015-02-30
        return text
    return str(year)


def _ordinal_first(text: str, value: date) -> str:
    """French writes the first day of a month as an ordinal: 1er janvier 2015 (Django's formats cannot)."""
    if value.day == 1 and text.startswith("1 ") and (get_language() or "").startswith("fr"):
        return "1er " + text[2:]
    return text


def iso_datetime(value: date | datetime) -> str:
    """The machine form of a date or moment, for <time datetime=…>: 2015-03-14 or 2026-12-01T06:40:00+00:00."""
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat(
            timespec="seconds"
        )
    return value.isoformat()


def plain_number(value: int | float | Decimal, decimals: int = 1) -> str:
    """A number as SVG, CSS, JSON and URLs read it, whatever the language: '196.5', '-3', '1234', never
    '196,5' or '1 234'. Rounded to `decimals`; a whole number is written without decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"not a number: {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if isinstance(value, int):
        return str(value)
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
