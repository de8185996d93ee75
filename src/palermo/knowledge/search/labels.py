"""Labels for facet values, read with as few queries as a search can afford.

Terms are read in one query per search (a curator may rename them at any time); States and articles are
reference data, kept per process until their number (or, for articles, their ids) change; subregion names come from CLDR, memoized.
"""

from functools import lru_cache

from django.db.models import Count, Max, Min
from django.utils.translation import get_language

from palermo.core.i18n import article_of
from palermo.knowledge.models import Term
from palermo.register.models import Article, Instrument, Party
from palermo.register.models.parties import subregion_name

_parties: tuple[int, dict[str, Party]] = (-1, {})
_articles: tuple[tuple, dict[int, tuple[Instrument, str]]] = ((), {})
_article_labels: dict[str, dict[int, str]] = {}  # by language, for the articles of `_articles`


def terms(ids) -> dict[int, tuple[str, str, str]]:
    """Term id -> (slug, parent slug, label in the active language)."""
    language = get_language() or "en"
    rows = Term.objects.filter(id__in=list(ids)).values_list("id", "slug", "parent__slug", "labels")
    return {
        pk: (slug, parent or "", labels.get(language) or labels.get("en") or slug)
        for pk, slug, parent, labels in rows
    }


def parties() -> dict[str, Party]:
    global _parties
    count = Party.objects.count()
    if count != _parties[0]:
        _parties = (count, {p.code: p for p in Party.objects.all()})
    return _parties[1]


def articles() -> dict[int, str]:
    """Article id -> "UNTOC, art. 5" in the active language (made once per language and set of articles:
    a search pays one query, not a hundred labels)."""
    global _articles
    version = tuple(Article.objects.aggregate(n=Count("id"), low=Min("id"), high=Max("id")).values())
    if version != _articles[0]:
        _articles = (
            version,
            {a.pk: (a.instrument, a.number) for a in Article.objects.select_related("instrument")},
        )
        _article_labels.clear()
    language = get_language() or "en"
    if language not in _article_labels:
        _article_labels[language] = {
            pk: article_of(instrument.local_short_title, number)
            for pk, (instrument, number) in _articles[1].items()
        }
    return _article_labels[language]


@lru_cache(maxsize=2048)
def subregion(code: str, language: str) -> str:
    return subregion_name(code, language)
