from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models import prefetch_related_objects
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from palermo.conference import search as conference_search
from palermo.core import csvsafe
from palermo.core.htmx import page_or_part
from palermo.core.i18n import sentences
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
from palermo.knowledge.search.text import fold

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


FACET_LIMIT = 12  # values a facet shows until "Show all"
NOT_FILTERS = ("q", "sort", "page")
PAGE_ONLY = ("page", "more", "within")  # what a link to another search leaves behind


def search_params(request) -> tuple[SearchForm, SearchParams]:
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    params = SearchParams(
        **{k: v for k, v in data.items() if v not in (None, "") and k != "page"},
        page=data.get("page") or 1,
        languages=tuple(dict.fromkeys([get_language() or "en", "en"])),
    )
    return form, params


@dataclass
class Problem:
    """Why a search cannot run: the field (its label for the reader), what is wrong and how to put it right,
    and the same search without that field (empty for the query words, which the reader corrects)."""

    field: str
    label: str
    message: str
    without: str = ""


def search_problems(request, form: SearchForm) -> list[Problem]:
    if not form.is_bound or form.is_valid():
        return []
    return [
        Problem(
            name,
            str(form.fields[name].label) if name in form.fields else name,
            sentences(*(str(e) for e in errors)),
            "" if name == "q" else _link(request, **{name: ""}),
        )
        for name, errors in form.errors.items()
    ]


def form_problems(form: SearchForm) -> list[str]:
    """Each search field that does not validate, with its message ("year_from: Enter a whole number."):
    a search with one is explained or refused, never run without that filter."""
    if not form.is_bound or form.is_valid():
        return []
    return [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]


def _link(request, **changes) -> str:
    """This search's address with some parameters changed (an empty value drops one), back to page 1."""
    query = request.GET.copy()
    for name in (*PAGE_ONLY, *changes, *[name for name, value in request.GET.items() if not value]):
        query.pop(name, None)
    for name, value in changes.items():
        if value not in (None, ""):
            query[name] = value
    return f"{request.path}?{query.urlencode()}"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    href: str


@dataclass
class Facet:
    """A facet group as the page shows it: its first FACET_LIMIT values, or all of them (`?more=<name>`),
    those narrowed to the labels holding `within`."""

    name: str
    title: str
    values: list[FacetValue]
    total: int
    expanded: bool = False
    within: str = ""
    more_href: str = ""
    less_href: str = ""


def facet_groups(request, facets: dict[str, list[tuple[str, str, int]]]) -> list[Facet]:
    more = request.GET.get("more", "")
    within = request.GET.get("within", "").strip()
    found = []
    for name, rows in facets.items():
        if not rows:
            continue
        expanded = name == more and len(rows) > FACET_LIMIT
        shown = rows if expanded else rows[:FACET_LIMIT]
        if expanded and within:
            wanted = fold(within)
            shown = [row for row in shown if wanted in fold(row[1]) or wanted == fold(row[0])]
        found.append(
            Facet(
                name,
                str(FACET_TITLES[name]),
                [FacetValue(v, label, n, _link(request, **{name: v})) for v, label, n in shown],
                len(rows),
                expanded,
                within if expanded else "",
                "" if expanded or len(rows) <= FACET_LIMIT else _facet_link(request, name),
                _facet_link(request, "") if expanded else "",
            )
        )
    return found


def _facet_link(request, more: str) -> str:
    """This page with one facet shown whole (or none), keeping the page number; anchored at the facet."""
    query = request.GET.copy()
    query.pop("within", None)
    query.pop("more", None)
    if more:
        query["more"] = more
    return f"{request.path}?{query.urlencode()}#facet-{more or request.GET.get('more', '')}"


def knowledge_search(request):
    form, params = search_params(request)
    problems = search_problems(request, form)
    notices = list(form.notices)
    result = SearchResult() if problems else search(params, request.user)
    prefetch_related_objects([hit.record for hit in result.hits], "crime_types")  # named on each hit
    if result.error:
        message = f"{result.error.rstrip('.。')}. {result.hint}".strip()
        problems.append(Problem("q", str(form.fields["q"].label), message))
    elif not problems and params.q.strip() and parse(params.q) is None:
        notices.append(
            _("“%(query)s” has no word to look for, so every record is shown.") % {"query": params.q.strip()}
        )
    if not problems and params.page > result.pages:
        notices.append(
            ngettext(
                "There is no page %(page)s: this search has %(pages)s page. Here it is.",
                "There is no page %(page)s: this search has %(pages)s pages. Here is the last.",
                result.pages,
            )
            % {"page": params.page, "pages": result.pages}
        )
    # The filters in force, each with its label (the value itself for years and such).
    active = [  # in the order they were chosen
        (name, value, value_label(name, value), _link(request, **{name: ""}))
        for name, value in request.GET.items()
        if name in form.fields and name not in NOT_FILTERS and value
    ]
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    context = {
        "form": form,
        "result": result,
        "problems": problems,
        "query_problem": any(problem.field == "q" for problem in problems),
        "problem_fields": {problem.field for problem in problems},
        "notices": notices,
        "facets": facet_groups(request, result.facets),
        "active": active,
        "query": request.GET.get("q", ""),
        "year_from": data.get("year_from", request.GET.get("year_from", "")) or "",
        "year_to": data.get("year_to", request.GET.get("year_to", "")) or "",
        "sort_links": [
            (value, label, _link(request, sort=value)) for value, label in form.fields["sort"].choices
        ],
        "sort": data.get("sort") or "relevance",
        "kinds": RecordKind.choices,
        # what the same words find in the Conference's resolutions, paragraphs and documents
        "conference_matches": conference_search.count(params.q) if params.q.strip() and not problems else 0,
    }
    return page_or_part(request, "knowledge/search.html", "knowledge/_search_area.html", context)


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
    if format == "csv":
        return csvsafe.download(export_records(ids, format), "palermo-search.csv")
    content_type = "application/x-ndjson; charset=utf-8"
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
