"""Saved searches: a signed-in user keeps a search under a name, runs it again, follows its Atom feed, and
deletes it. Each write is audited; nobody reads or changes another user's saved searches."""

from collections.abc import Mapping

from django.db import transaction
from django.http import QueryDict
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.knowledge.interfaces.forms import SearchForm
from palermo.knowledge.models import SavedSearch

MAX_SAVED_SEARCHES = 200  # per user


class SavedSearchError(ValueError):
    """What is wrong with a search to save, in words for the user."""


def normalised_query(query: str | Mapping) -> str:
    """The search's parameters as the query string that is kept: the search form's fields in the form's
    order, without the page and empty values; invalid values are refused with the field's name."""
    data = QueryDict(query) if isinstance(query, str) else query
    form = SearchForm(data)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise SavedSearchError(_("%(field)s: %(problem)s") % {"field": field, "problem": errors[0]})
    kept = [
        (name, str(data.get(name, "")))
        for name in form.fields
        if name != "page" and form.cleaned_data.get(name) not in (None, "")
    ]
    return urlencode(kept)


@transaction.atomic
def save_search(*, user, name: str, query: str | Mapping, request=None) -> SavedSearch:
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError(_("Give the search a name."))
    if len(name) > 200:
        raise SavedSearchError(_("The name is too long: at most 200 characters."))
    query = normalised_query(query)
    limit = SavedSearch._meta.get_field("query").max_length
    if limit is not None and len(query) > limit:  # a letter outside ASCII takes up to 12 characters
        raise SavedSearchError(
            _("The search is too long to save: %(length)s characters in a link, at most %(limit)s.")
            % {"length": len(query), "limit": limit}
        )
    owned = SavedSearch.objects.select_for_update().filter(owner=user)
    if owned.filter(name=name).exists():
        raise SavedSearchError(_("You already have a saved search named “%(name)s”.") % {"name": name})
    if owned.count() >= MAX_SAVED_SEARCHES:
        raise SavedSearchError(
            _("You have %(count)s saved searches, the most one can keep: delete one first.")
            % {"count": MAX_SAVED_SEARCHES}
        )
    saved = SavedSearch.objects.create(owner=user, name=name, query=query)
    log_action(
        "knowledge.search.saved", actor=user, obj=saved, request=request, data={"name": name, "query": query}
    )
    return saved


@transaction.atomic
def delete_saved_search(*, user, saved: SavedSearch, request=None) -> None:
    if saved.owner_id != user.pk:
        raise SavedSearchError(_("This is not your saved search."))
    log_action(
        "knowledge.search.deleted",
        actor=user,
        obj=saved,
        request=request,
        data={"name": saved.name, "query": saved.query},
    )
    saved.delete()
