from django import template
from django.utils.translation import get_language

from palermo.core.i18n import article_ref

register = template.Library()


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
