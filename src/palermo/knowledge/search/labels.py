"""Labels for facet values and the names of tags, read with as few queries as a search can afford.

The taxonomy's terms, the register's States and the articles are kept per process and read again only
when their version changes: one small query (`version()`) tells, made once per search inside
`checked()`. A term's labels change only through a taxonomy release (which stamps the terms it changes
with the release) or when terms are added; States and articles when their number or ids change. Subregion
names come from CLDR, memoized.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

from palermo.core.i18n import article_of
from palermo.knowledge.models import Term
from palermo.register.models import Article, Instrument, Party
from palermo.register.models.parties import subregion_name

_lock = threading.Lock()
_known: tuple = ()  # the version the caches below were read at
_generation = 0  # how many times they were read: what caches built from them are keyed by
TermRow = tuple[str, str, str, dict]  # (vocabulary, slug, parent slug, labels by language)
_terms: dict[int, TermRow] = {}
_parties: dict[str, Party] = {}
_articles: dict[int, tuple[Instrument, str]] = {}
_article_labels: dict[str, dict[int, str]] = {}  # by language
_checked: ContextVar[tuple | None] = ContextVar("checked", default=None)


def _read_version() -> tuple:
    """What changes when a label may have: each table's count and lowest and highest key, and the latest
    taxonomy release that touched a term (one statement)."""
    tables = (
        (Term, "COUNT(*), MIN(id), MAX(id), MAX(release_id)"),
        (Party, "COUNT(*), MIN(code), MAX(code)"),
        (Article, "COUNT(*), MIN(id), MAX(id)"),
    )
    parts = [
        f"(SELECT {aggregates} FROM {connection.ops.quote_name(model._meta.db_table)}) AS t{at}"
        for at, (model, aggregates) in enumerate(tables)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {', '.join(parts)}")
        return tuple(cursor.fetchone())


def version() -> tuple:
    """The labels' version: the one read by the enclosing `checked()`, else read now."""
    checked = _checked.get()
    return checked if checked is not None else _read_version()


@contextmanager
def checked() -> Iterator[None]:
    """Within this block (one search), the labels' version is read once, not by each lookup."""
    token = _checked.set(_read_version())
    try:
        yield
    finally:
        _checked.reset(token)


def _forget(**_kwargs) -> None:
    """Read the caches again at the next lookup (a write in this process; others see the version change)."""
    global _known
    _known = ()


for _model in (Term, Party, Article):
    post_save.connect(_forget, sender=_model, dispatch_uid=f"search-labels-{_model.__name__}")
    post_delete.connect(_forget, sender=_model, dispatch_uid=f"search-labels-{_model.__name__}-deleted")


def generation() -> int:
    """Changes whenever the taxonomy's, States' or articles' labels were read again (for caches built on
    them, such as the names of tags)."""
    _current()
    return _generation


def _current() -> None:
    """The caches up to date."""
    global _known, _terms, _parties, _articles, _generation
    found = version()
    with _lock:
        if found != _known:
            rows = Term.objects.values_list("id", "vocabulary", "slug", "parent__slug", "labels")
            _terms = {
                pk: (vocabulary, slug, parent or "", labels) for pk, vocabulary, slug, parent, labels in rows
            }
            _parties = {p.code: p for p in Party.objects.all()}
            _articles = {a.pk: (a.instrument, a.number) for a in Article.objects.select_related("instrument")}
            _article_labels.clear()
            _known, _generation = found, _generation + 1


def terms(ids) -> dict[int, tuple[str, str, str]]:
    """Term id -> (slug, parent slug, label in the active language)."""
    _current()
    language = get_language() or "en"
    found = {}
    for pk in ids:
        if pk in _terms:
            _vocabulary, slug, parent, labels = _terms[pk]
            found[pk] = (slug, parent, labels.get(language) or labels.get("en") or slug)
    return found


def parties() -> dict[str, Party]:
    _current()
    return _parties


def articles() -> dict[int, str]:
    """Article id -> "UNTOC, art. 5" in the active language (made once per language: a search pays no
    query for them, not a hundred labels)."""
    _current()
    language = get_language() or "en"
    labels = _article_labels.get(language)
    if labels is None:
        labels = _article_labels[language] = {
            pk: article_of(instrument.local_short_title, number)
            for pk, (instrument, number) in _articles.items()
        }
    return labels


def all_terms() -> dict[int, TermRow]:
    """Term id -> (vocabulary, slug, parent slug, labels by language) of every term of the taxonomy."""
    _current()
    return _terms


@lru_cache(maxsize=2048)
def subregion(code: str, language: str) -> str:
    return subregion_name(code, language)
