from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from palermo.core.htmx import page_or_part
from palermo.knowledge.queries import published_records_about
from palermo.register import queries
from palermo.register.interfaces.forms import PartyFilterForm
from palermo.register.models import Instrument, Party, RegionalGroup


def party_list(request):
    form = PartyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    instrument = filters.get("instrument") or Instrument.objects.first()
    listing = queries.party_listing(
        instrument=instrument,
        status=filters.get("status", ""),
        group=filters.get("group", ""),
        year=filters.get("year"),
        text=filters.get("q", ""),
        language=get_language(),
    )
    context = {
        "form": form,
        "instrument": instrument,
        "listing": listing,
        "groups": [*RegionalGroup.choices, ("none", None)],
        "query_string": request.GET.urlencode(),
    }
    return page_or_part(request, "register/party_list.html", "register/_party_results.html", context)


def party_detail(request, code: str):
    party = get_object_or_404(Party.objects.visible_to(request.user), code=code.upper())
    participation = queries.participation_of(party)
    return render(
        request,
        "register/party_detail.html",
        {
            "party": party,
            "participation": participation,
            "sources": sorted({(p.source, p.as_of) for _instrument, p in participation if p}),
            "timeline": queries.party_timeline(party),
            "declarations": party.declarations.visible_to(request.user).select_related("instrument"),
            "problems": queries.participation_problems(party),
            "knowledge_records": published_records_about(party=party),
        },
    )
