from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from palermo.knowledge.domain.export import export_records
from palermo.knowledge.interfaces.forms import SearchForm
from palermo.knowledge.models import Record, RecordKind
from palermo.knowledge.search.engine import (
    SearchParams,
    SearchResult,
    newest_published,
    ordered_ids,
    search,
)
from palermo.knowledge.search.facets import value_label
from palermo.knowledge.search.query import QueryError, parse

FACET_TITLES = {
    "kind": _("Type of record"),
    "crime_type": _("Crime types"),
    "facet": _("Facets"),
    "cross_cutting": _("Cross-cutting issues"),
    "party": _("State"),
    "group": _("Regional group"),
    "subregion": _("Geographic subregion"),
    "year": _("Year"),
    "article": _("Treaty articles"),
    "court_type": _("Type of court"),
    "verdict": _("Verdict"),
    "defendant_gender": _("Defendants' gender"),
    "victim_age": _("Victims' age group"),
}


def search_params(request) -> tuple[SearchForm, SearchParams]:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    params = SearchParams(
        **{k: v for k, v in data.items() if v not in (None, "") and k != "page"},
        page=data.get("page") or 1,
        languages=tuple(dict.fromkeys([get_language() or "en", "en"])),
    )
    return form, params


def form_problems(form: SearchForm) -> list[str]:
    """Each search field that does not validate, with its message ("year_from: Enter a whole number."):
    a search with one is explained or refused, never run without that filter."""
    if not form.is_bound or form.is_valid():
        return []
    return [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]


def knowledge_search(request):
    form, params = search_params(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if problems := form_problems(form):
        result = SearchResult(error="; ".join(problems))
    else:
        result = search(params, request.user)
    # The filters in force, each with its label (the value itself for years and such).
    active = [
        (name, value, value_label(name, value))
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


def search_export(request, format: str):
    """Every record the search finds (not only one page), in the search's order, as CSV or JSON Lines,
    streamed a batch at a time. A search that does not hold up is refused (400) rather than widened."""
    form, params = search_params(request)
    if problems := form_problems(form):
        return _not_exported(problems)
    try:
        ids = ordered_ids(params, request.user)
    except QueryError as error:
        return _not_exported([f"q: {error}"])
    content_type = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
    response = StreamingHttpResponse(export_records(ids, format), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="palermo-search.{format}"'
    return response


def _not_exported(problems: list[str]) -> HttpResponseBadRequest:
    lines = [str(_("This search is not valid, so nothing was exported:")), *problems]
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class SearchFeed(Feed):
    """An Atom feed of the newest published records a search finds: subscribe to a saved search."""

    feed_type = Atom1Feed

    def get_object(self, request):
        # The feed object is shared between requests: everything per request travels in the returned object.
        # A search that does not hold up is a 400, as for the downloads: never a feed of a wider search.
        form, params = search_params(request)
        problems = form_problems(form)
        try:
            if params.q.strip():
                parse(params.q)
        except QueryError as error:
            problems.append(f"q: {error}")
        if problems:
            raise BadRequest("; ".join(problems))
        return params, request.GET.urlencode()

    def title(self, obj):
        params, _query = obj
        return _("Palermo knowledge base: %(query)s") % {"query": params.q or _("new records")}

    def link(self, obj):
        return reverse("knowledge:search") + "?" + obj[1]

    def items(self, obj):
        ids = newest_published(obj[0])
        by_id = Record.objects.select_related("jurisdiction").in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def item_title(self, record):
        return record.title

    def item_description(self, record):
        return record.localized("summary")

    def item_link(self, record):
        return reverse("knowledge:record", args=[record.pk])

    def item_pubdate(self, record):
        return record.published_at

    def item_updateddate(self, record):
        return record.updated
