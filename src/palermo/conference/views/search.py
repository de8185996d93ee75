"""The Conference search page: words and facets over resolutions, paragraphs and documents
(palermo.conference.search), each facet value a link, each active filter a chip that removes it."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext

from palermo.conference import search
from palermo.conference.interfaces.forms import SearchForm
from palermo.conference.models import Body, DecisionKind
from palermo.core.collation import collated
from palermo.core.i18n import article_of, colon, format_date
from palermo.knowledge.models import Term
from palermo.knowledge.search.query import QueryError
from palermo.register.models import Article

FILTERS = ("kind", "meeting", "body", "year", "topic", "article")


def search_page(request):
    form = SearchForm(request.GET)
    given = {name: value for name, value in request.GET.items() if name in ("q", *FILTERS) and value}
    problems, found = [], None
    if form.is_valid():
        chosen = {name: form.cleaned_data[name] for name in ("q", *FILTERS)}
        filters = search.Filters(**{name: value for name, value in chosen.items() if value not in (None, "")})
        try:
            found = search.find(filters)
        except QueryError as error:
            problems.append({"label": form.fields["q"].label, "message": str(error), "hint": error.hint})
    else:
        for name, errors in form.errors.items():
            without = {key: value for key, value in given.items() if key != name}
            problems.append(
                {
                    "label": form.fields[name].label,
                    "message": " ".join(errors),
                    "without": "?" + urlencode(without),
                }
            )
    context = {"form": form, "query": request.GET.get("q", ""), "problems": problems}
    if found is not None:
        hits, page, pages = found.page(form.cleaned_data.get("page") or 1)
        index = found.index
        labels = facet_labels(found, index, form.cleaned_data)
        kinds = dict(DecisionKind.choices)
        context.update(
            {
                "total": found.total,
                "hits": [
                    {
                        "name": search.item_name(hit.item, kinds),
                        "url": search.item_url(hit.item),
                        "meeting": index.meetings[hit.item.meeting_id].name,
                        "day": format_date(hit.item.day),
                        "demo": hit.item.is_demo,
                        "is_paragraph": hit.item.kind == "paragraph",
                        "text": hit.snippet,  # a paragraph's text, or the title, its matches marked
                    }
                    for hit in hits
                ],
                "page": page,
                "pages": pages,
                "facets": facets(found, labels, given),
                "active": active(labels, given),
                "previous": "?" + urlencode({**given, "page": page - 1}) if page > 1 else "",
                "next": "?" + urlencode({**given, "page": page + 1}) if page < pages else "",
            }
        )
    return render(request, "conference/search.html", context, status=400 if problems else 200)


def facet_labels(found: search.Found, index: search.Index, chosen: dict) -> dict[str, dict]:
    """The label of every value the facets show and of the filters chosen, in the reader's language."""
    wanted = {name: [*found.facets[name], *([chosen[name]] if chosen.get(name) else [])] for name in FILTERS}
    topics = Term.objects.in_bulk(wanted["topic"])
    articles = Article.objects.select_related("instrument").in_bulk(wanted["article"])
    return {
        "kind": {value: str(label) for value, label in search.KINDS},
        "meeting": {pk: meeting.name for pk, meeting in index.meetings.items()},
        "body": {value: str(label) for value, label in Body.choices},
        "year": {year: str(year) for year in wanted["year"]},
        "topic": {pk: term.label for pk, term in topics.items()},
        "article": {
            pk: article_of(article.instrument.local_short_title, article.number)
            for pk, article in articles.items()
        },
    }


TITLES = {
    "kind": lambda: gettext("Kind"),
    "meeting": lambda: gettext("Meeting"),
    "body": lambda: gettext("Body"),
    "year": lambda: gettext("Year"),
    "topic": lambda: gettext("Topic"),
    "article": lambda: gettext("Article cited"),
}


def facets(found: search.Found, labels: dict[str, dict], given: dict[str, str]) -> list[dict]:
    """Each facet's values with their counts, as links that add the value to the search. Kinds, meetings and
    years keep their own order (the record's, the latest first); bodies, topics and articles are sorted by
    count, then by label as the reader's language sorts."""
    shown = []
    for name in FILTERS:
        counts = found.facets[name]
        if not counts or name in given:
            continue
        if name == "kind":
            values = [value for value, _label in search.KINDS if value in counts]
        elif name == "meeting":
            values = [pk for pk in labels["meeting"] if pk in counts]
        elif name == "year":
            values = sorted(counts, reverse=True)
        else:
            values = collated(counts, key=lambda value: labels[name].get(value, str(value)))
            values.sort(key=lambda value: -counts[value])
        shown.append(
            {
                "name": name,
                "title": TITLES[name](),
                "values": [
                    {
                        "label": labels[name].get(value, str(value)),
                        "count": counts[value],
                        "href": "?" + urlencode({**given, name: value}),
                    }
                    for value in values
                ],
            }
        )
    return shown


def active(labels: dict[str, dict], given: dict[str, str]) -> list[dict]:
    """The filters in force, each with its label and the link that removes it."""
    chips = []
    for name in FILTERS:
        if name not in given:
            continue
        value = given[name]
        key = value if name in ("kind", "body") else int(value)
        chips.append(
            {
                "label": TITLES[name]() + colon() + labels[name].get(key, value),
                "without": "?" + urlencode({key_: v for key_, v in given.items() if key_ != name}),
            }
        )
    return chips
