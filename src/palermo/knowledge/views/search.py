from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.knowledge.interfaces.forms import SearchForm
from palermo.knowledge.models import RecordKind
from palermo.knowledge.search.engine import SearchParams, search

FACET_TITLES = {
    "kind": _("Type of record"),
    "crime_type": _("Crime types"),
    "facet": _("Facets"),
    "cross_cutting": _("Cross-cutting issues"),
    "party": _("State"),
    "group": _("Regional group"),
    "year": _("Year"),
    "court_type": _("Type of court"),
    "verdict": _("Verdict"),
}


def knowledge_search(request):
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    params = SearchParams(
        **{k: v for k, v in data.items() if v not in (None, "") and k != "page"},
        page=data.get("page") or 1,
        languages=tuple(dict.fromkeys([get_language() or "en", "en"])),
    )
    result = search(params, request.user)
    # The filters in force, each with the label its facet gives it (the value itself for years and such).
    labels = {(name, value): label for name, values in result.facets.items() for value, label, _n in values}
    active = [
        (name, value, labels.get((name, value), value))
        for name, value in request.GET.items()
        if value and name not in ("q", "sort", "page")
    ]
    context = {
        "form": form,
        "result": result,
        "facets": [(name, FACET_TITLES[name], values) for name, values in result.facets.items() if values],
        "active": active,
        "query": data.get("q", ""),
        "kinds": RecordKind.choices,
    }
    template = (
        "knowledge/_search_results.html" if request.headers.get("HX-Request") else "knowledge/search.html"
    )
    return render(request, template, context)
