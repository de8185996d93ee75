from django.http import Http404
from django.shortcuts import redirect, render

from palermo.knowledge import queries
from palermo.knowledge.domain.taxonomy import resolve_term
from palermo.knowledge.models import Vocabulary

TERM_RELATIONS = {Vocabulary.CRIME_TYPE: "crime_types", Vocabulary.CROSS_CUTTING: "cross_cutting"}


def term_detail(request, vocabulary: str, slug: str):
    """A crime type or cross-cutting issue and the records tagged with it. Old slugs redirect for good."""
    if vocabulary not in TERM_RELATIONS:
        raise Http404
    term = resolve_term(vocabulary, slug)
    if term is None:
        raise Http404
    if term.slug != slug:
        return redirect("knowledge:term", vocabulary=vocabulary, slug=term.slug, permanent=True)
    records = (
        queries.records_for(request.user)
        .filter(**{TERM_RELATIONS[Vocabulary(vocabulary)]: term})
        .order_by("-year", "-id")[:200]
    )
    groups = term.children.prefetch_related("children") if vocabulary == Vocabulary.CRIME_TYPE else []
    return render(request, "knowledge/term_detail.html", {"term": term, "records": records, "groups": groups})
