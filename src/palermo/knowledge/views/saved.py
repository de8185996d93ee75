"""A signed-in user's saved searches: save the search on screen under a name, list, run, follow as an
Atom feed, delete. Only the owner sees them (another user's saved search is 404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.permissions import require_perm
from palermo.knowledge.domain.saved import SavedSearchError, delete_saved_search, save_search
from palermo.knowledge.models import SavedSearch
from palermo.knowledge.search.facets import value_label
from palermo.knowledge.views.search import FACET_TITLES


def describe(query: str, labels: dict[tuple[str, str], str] | None = None) -> list[tuple[str, str]]:
    """What a saved query searches for, as (what, value) pairs in the reader's language (`labels` keeps
    the filter labels already looked up, for a page of many saved searches)."""
    labels = {} if labels is None else labels
    parts = []
    for name, value in QueryDict(query).items():
        if name == "q":
            parts.append((_("Words"), value))
        elif name == "sort":
            parts.append((_("Sort by"), _("Newest first") if value == "date" else _("Relevance")))
        elif name in ("year_from", "year_to"):
            parts.append((_("From year") if name == "year_from" else _("To year"), value))
        else:
            if (name, value) not in labels:
                labels[name, value] = value_label(name, value)
            parts.append((str(FACET_TITLES.get(name, name)), labels[name, value]))
    return parts


@login_required
def saved_searches(request):
    """The user's saved searches; with ?query=… (the link on a search page) a form to save that search."""
    require_perm(request.user, "knowledge.save_search")
    query = request.POST.get("query", "") if request.method == "POST" else request.GET.get("query")
    name, error = request.POST.get("name", ""), ""
    if request.method == "POST":
        try:
            saved = save_search(user=request.user, name=name, query=query, request=request)
        except SavedSearchError as problem:
            error = str(problem)  # shown above the form, which keeps what was typed
        else:
            messages.success(request, _("The search “%(name)s” is saved.") % {"name": saved.name})
            return redirect("knowledge:saved_searches")
    elif query is not None:
        name = QueryDict(query).get("q") or _("All records")
    labels: dict[tuple[str, str], str] = {}
    searches = [
        (saved, describe(saved.query, labels), reverse("knowledge:search") + "?" + saved.query)
        for saved in SavedSearch.objects.filter(owner=request.user)
    ]
    context = {
        "searches": searches,
        "to_save": query,
        "to_save_parts": describe(query) if query is not None else [],
        "name": name,
        "error": error,
    }
    return render(request, "knowledge/saved_searches.html", context)


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    require_perm(request.user, "knowledge.save_search")
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The saved search “%(name)s” will be deleted.") % {"name": saved.name},
            action=_("Delete"),
            back=reverse("knowledge:saved_searches"),
        )
    delete_saved_search(user=request.user, saved=saved, request=request)
    messages.success(request, _("The search “%(name)s” is deleted.") % {"name": saved.name})
    return redirect("knowledge:saved_searches")
