import re
from datetime import date, datetime

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from palermo.core import i18n
from palermo.core.i18n import (
    article_ref,
    format_date,
    format_datetime,
    format_partial_date,
    iso_datetime,
    plain_number,
)

register = template.Library()
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def localized(names: dict, fallback: str = "") -> str:
    """The value of a {language: text} dict in the active language, else English, else the fallback."""
    if not names:
        return fallback
    return names.get(get_language() or "en") or names.get("en") or fallback


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (empty value removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter(name="article_ref")
def article_ref_filter(number) -> str:
    return article_ref(number)


@register.filter
def get_item(mapping: dict, key):
    """`mapping|get_item:key`: a dictionary's value for a key held in a variable."""
    return mapping.get(key) if mapping else None


@register.filter
def when(value, precision: str = "") -> str:
    """`{{ day|when }}`: a date (or a moment: its date and time) in the language's one format, in a
    <time datetime> element that never wraps; `moment|when:"date"` shows only the date. '' for None. Text
    holding an ISO date (a recorded change's value) is shown as that date; other text as it is."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        if not ISO_DATE.fullmatch(value):
            return value
        try:
            value = date.fromisoformat(value)
        except ValueError:  # 2015-02-30
            return value
    shown = (
        format_datetime(value) if isinstance(value, datetime) and precision != "date" else format_date(value)
    )
    return format_html('<time datetime="{}">{}</time>', iso_datetime(value), shown)


@register.filter
def partial_date(value: str) -> str:
    """`{{ text|partial_date }}`: a date written as precisely as it is known (FollowTheMoney's 2025,
    2025-03, 2025-03-01T08:00) as people read it; other text as it is."""
    return format_partial_date(value or "")


@register.filter
def plain(value) -> str:
    """`{{ x|plain }}`: a number for SVG, CSS, JSON or a URL, never localised ('196.5', not '196,5')."""
    return plain_number(value)


@register.filter
def person(user) -> str:
    """A person as pages name them: full name, else e-mail address; "—" where there is none (an entry
    written by a command or a deleted account). A filter, because a `|default:` argument that follows a
    missing object raises instead of falling back."""
    if user is None:
        return "—"
    return user.get_full_name() or user.email or user.get_username()


@register.simple_tag
def comma() -> str:
    """The separator between the items of a list, as each language writes it (Arabic «، », Chinese «、»)."""
    return i18n.comma()


@register.filter
def listed(items) -> str:
    """`{{ names|listed }}`: the items joined as the reader's language lists them (not `join:", "`)."""
    return i18n.listed(items or [])


@register.simple_tag
def article_of(instrument_title, number) -> str:
    """`{% article_of instrument.local_short_title article.number %}`: an article of an instrument as
    the reader's language names it."""
    return i18n.article_of(instrument_title, number)


@register.simple_tag
def colon() -> str:
    """The separator between a label and what follows, as each language writes it (French puts a
    non-breaking space before the colon, Chinese a full-width colon)."""
    return i18n.colon()
