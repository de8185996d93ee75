"""The link chart of an investigation: the page (Cytoscape.js, served by the app), and the reads it makes
as one explores — the entities named like a query, the neighbourhood of entities through the links a
filter lets pass, and the paths between two. For the investigation's members; 404 for everyone else. The
reads are POST where they carry the chart's entities (too many for an address); none of them writes."""

import json
import re

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from palermo.core.collation import collated
from palermo.core.i18n import sentence_gap, sentences
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.elements import elements, kind_label
from palermo.networks.graph.explore import EdgeFilter, edges_among, neighbourhood, path_edges
from palermo.networks.graph.paths import find_paths
from palermo.networks.interfaces.schema_labels import country_name
from palermo.networks.models import ChartView
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.entities_queries import canonical_ids, canonical_rows

EDIT = "networks.edit_entities"
MAX_CHART = 2000  # entities one chart holds (it stays fluid at that size)
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_DEPTH = 3
MAX_PATHS = 10


class BadRequest(Exception):
    pass


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def edge_filter(values: dict) -> EdgeFilter:
    """The filter of a request's values; a bad date or number is refused with its reason."""
    since, until = (str(values.get(name) or "").strip() for name in ("since", "until"))
    for value in (since, until):
        if value and not DATE.match(value):
            raise BadRequest(_("Write dates as YYYY-MM-DD, YYYY-MM or YYYY."))
    try:
        min_sources = int(values.get("min_sources") or 1)
    except (TypeError, ValueError):
        raise BadRequest(_("The number of sources must be a whole number.")) from None
    kinds, countries = (values.get(name) or [] for name in ("kinds", "countries"))
    if isinstance(kinds, str):
        kinds = [kinds]
    if isinstance(countries, str):
        countries = [countries]
    return EdgeFilter(
        kinds=frozenset(str(k)[:64] for k in kinds if k),
        countries=frozenset(str(c)[:8].lower() for c in countries if c),
        since=since,
        until=until,
        min_sources=max(min_sources, 1),
    )


def _depth(value) -> int:
    try:
        depth = int(value or 1)
    except (TypeError, ValueError):
        raise BadRequest(_("The depth must be 1, 2 or 3.")) from None
    if not 1 <= depth <= MAX_DEPTH:
        raise BadRequest(_("The depth must be 1, 2 or 3."))
    return depth


def chart(request, pk: int):
    """The chart page: empty, or started from an entity (?entity=), entities (?ids=), a State's subgraph
    (?state=) or a saved view (?view=)."""
    investigation = investigation_or_404(request.user, pk)
    built = graph_for(investigation)
    start = request.GET.get("entity", "")
    # ?ids=a,b,c: a chart of these entities (from the money page, the timeline…), those of the graph only.
    listed = [i for i in request.GET.get("ids", "").split(",")[:MAX_CHART] if built.vertex_of(i) is not None]
    # ?state=it: the State's subgraph, its entities (up to the chart's limit) with the links among them.
    state = request.GET.get("state", "").strip().lower()[:8]
    if state and not listed:
        listed = [v.canonical_id for v in built.vertices if state in v.countries][:MAX_CHART]
    view = None
    if request.GET.get("view"):
        view = ChartView.objects.filter(investigation=investigation, pk=request.GET["view"]).first()
        if view is None:
            raise Http404
    kinds = sorted({built.edge_prop[e] or built.edge_schema[e] for e in range(built.graph.ecount())})
    countries = collated(
        [
            (code, country_name(code))
            for code in {code for vertex in built.vertices for code in vertex.countries}
        ],
        key=lambda pair: pair[1],
    )
    return render(
        request,
        "networks/chart.html",
        {
            "investigation": investigation,
            "start": start if built.vertex_of(start) is not None else "",
            "listed": ",".join(listed),
            "view": view,
            "views": ChartView.objects.filter(investigation=investigation),
            "kinds": [(kind, kind_label(kind)) for kind in kinds],
            "countries": countries,
            "max_chart": MAX_CHART,
            "may_edit": request.user.has_perm(EDIT, investigation),
            "entity_count": len(built.vertices),
            "strings": chart_strings(),
            "link_count": built.graph.ecount(),
        },
    )


def chart_strings() -> dict[str, str]:
    """What the chart's script says, in the reader's language (%(name)s placeholders filled in there)."""
    return {
        "sentence_gap": sentence_gap(),
        "start": _("Find an entity above to put it on the chart, or open one from its page."),
        "hidden": _("Hidden from the chart."),
        "select_first": _("Select entities on the chart or in the table first."),
        "select_two": _("Select exactly two entities."),
        "group": _("Group %(number)s"),
        "opened": _("“%(name)s” is open."),
        "missing": _("Some of its entities are no longer in the investigation."),
        "empty": _("The chart is empty."),
        "full": _("The chart is full: hide entities first."),
        "nothing_found": _("No entity of the investigation has that name."),
        "offline": _("Palermo could not be reached. Try again."),
        "failed": _("That did not work. Try again."),
        "confirm_remove": _("Remove this saved chart?"),
        "select": _("Select"),
        "unselect": _("Unselect"),
        "expand": _("Expand"),
        "hide": _("Hide"),
        "pinned": _("pinned"),
        "no_state": _("No State"),
        "listed": _("On a watch list"),
    }


@require_GET
def chart_search(request, pk: int):
    """Entities named like ?q= (at most 20), to put on the chart."""
    investigation = investigation_or_404(request.user, pk)
    query = request.GET.get("q", "").strip()[:200]
    if not query:
        return JsonResponse({"results": []})
    ids = list(canonical_ids(investigation, query=query)[:20])
    built = graph_for(investigation)
    results = [
        {"id": row.canonical_id, "label": row.caption, "kind": kind_label(row.schema)}
        for row in canonical_rows(investigation, ids)
        if built.vertex_of(row.canonical_id) is not None
    ]
    return JsonResponse({"results": results})


def _body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(_("The request is not valid JSON.")) from None
    if not isinstance(body, dict):
        raise BadRequest(_("The request is not valid JSON."))
    return body


def _vertices(built, ids) -> list[int]:
    if not isinstance(ids, list):
        raise BadRequest(_("The entities must be a list."))
    if len(ids) > MAX_CHART:
        raise BadRequest(_("A chart holds at most %(count)d entities.") % {"count": MAX_CHART})
    found = [built.vertex_of(str(i)) for i in ids]
    return [v for v in found if v is not None]


@require_POST
def chart_elements(request, pk: int):
    """The chart's entities (`ids`) and the neighbourhood of those to `expand` (to `depth`, through the
    links the filter lets pass), with every link among them."""
    investigation = investigation_or_404(request.user, pk)
    built = graph_for(investigation)
    try:
        body = _body(request)
        shown = _vertices(built, body.get("ids", []))
        expand = _vertices(built, body.get("expand", []))
        rule = edge_filter(body.get("filter") or {})
        depth = _depth(body.get("depth"))
    except BadRequest as problem:
        return _bad(str(problem))
    added, left_out = [], 0
    if expand:
        room = max(MAX_CHART - len(set(shown) | set(expand)), 0)
        reached, total = neighbourhood(built, expand, depth=depth, rule=rule, limit=room)
        left_out = total - (len(reached) - len(set(expand)))
        added = [v for v in reached if v not in set(shown)]  # the expanded ones may be new to the chart too
    vertices = list(dict.fromkeys(shown + expand + added))
    edges = edges_among(built, set(vertices), rule)
    result = elements(built, vertices, edges, investigation.pk)
    result["left_out"] = left_out  # reached but not put on the chart: it is full
    on_chart = set(shown)
    result["added"] = sum(1 for v in vertices if v not in on_chart)
    result["message"] = chart_message(result["added"], len(vertices), len(edges), left_out)
    return JsonResponse(result)


def chart_message(added: int, entities: int, links: int, left_out: int = 0) -> str:
    """What the chart now shows, in the reader's language (with its plural forms)."""
    parts = [
        ngettext("%(count)s entity added.", "%(count)s entities added.", added) % {"count": added}
        if added
        else "",
        # Translators: two counts of the chart, "2 entities on the chart" and "3 links.", joined.
        _("%(entities)s, %(links)s")
        % {
            "entities": ngettext("%(count)s entity on the chart", "%(count)s entities on the chart", entities)
            % {"count": entities},
            "links": ngettext("%(count)s link.", "%(count)s links.", links) % {"count": links},
        },
    ]
    if left_out:
        parts.append(
            ngettext(
                "%(count)s more was not put on the chart, which holds 2,000 entities: filter the expansion.",
                "%(count)s more were not put on the chart, which holds 2,000 entities: filter the expansion.",
                left_out,
            )
            % {"count": left_out}
        )
    return sentences(*parts)


@require_GET
def chart_path(request, pk: int):
    """Paths between two entities: all the shortest (k=1) or the k shortest, counted in links or weighted
    by how many sources state each link."""
    investigation = investigation_or_404(request.user, pk)
    built = graph_for(investigation)
    left, right = built.vertex_of(request.GET.get("from", "")), built.vertex_of(request.GET.get("to", ""))
    if left is None or right is None:
        return _bad(_("Choose two entities of the chart."))
    try:
        k = int(request.GET.get("k") or 1)
    except ValueError:
        k = 0
    if not 1 <= k <= MAX_PATHS:
        return _bad(_("Ask for 1 to %(count)d paths.") % {"count": MAX_PATHS})
    paths = find_paths(built, left, right, k=k, weighted=request.GET.get("weighted") == "1")
    vertices = list(dict.fromkeys(v for path in paths for v in path))
    edges = sorted({e for path in paths for e in path_edges(built, path)})
    result = elements(built, vertices, edges, investigation.pk)
    result["paths"] = [[built.vertices[v].canonical_id for v in path] for path in paths]
    result["path_edges"] = [[f"e{e}" for e in path_edges(built, path)] for path in paths]
    if paths:
        links = len(paths[0]) - 1
        result["message"] = sentences(
            ngettext("%(count)s path found, highlighted.", "%(count)s paths found, highlighted.", len(paths))
            % {"count": len(paths)},
            ngettext("The shortest has %(count)s link.", "The shortest has %(count)s links.", links)
            % {"count": links},
        )
    else:
        result["message"] = _("No path links these two entities.")
    return JsonResponse(result)
