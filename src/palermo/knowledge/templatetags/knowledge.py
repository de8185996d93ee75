from django import template
from django.utils.translation import get_language

from palermo.knowledge.search.passages import paragraphs

register = template.Library()


@register.filter
def numbered_paragraphs(text: str, prefix: str) -> list[tuple[str, str]]:
    """[(anchor, paragraph), ...] with the search index's anchors (`<prefix>-<n>`), so that hits link here."""
    return [(f"{prefix}-{i}", p) for i, p in enumerate(paragraphs(text or ""), start=1)]


@register.simple_tag
def by_language(values: dict, prefix: str) -> list[tuple[str, bool, list[tuple[str, str]]]]:
    """[(language, shown, [(anchor, paragraph), ...]), ...] for a {language: text} field; the page's language
    (or English, or the first) is shown, the others are folded away."""
    values = values or {}
    current = get_language() or "en"
    shown = current if current in values else ("en" if "en" in values else next(iter(values), None))
    return [
        (language, language == shown, numbered_paragraphs(values[language], f"{prefix}-{language}"))
        for language in sorted(values, key=lambda lang: lang != shown)
    ]
