import json

from django.http import HttpResponse

from palermo.core import csvsafe
from palermo.register import queries
from palermo.register.interfaces.export import register_csv, register_document
from palermo.register.interfaces.forms import PartyFilterForm
from palermo.register.models import Participation, Party


def _filtered(request):
    """The parties and participation a listing's filters select (no filter: everything)."""
    form = PartyFilterForm(request.GET or None)
    if not request.GET or not form.is_valid() or not form.cleaned_data.get("instrument"):
        return Party.objects.all(), Participation.objects.all()
    data = form.cleaned_data
    listing = queries.party_listing(
        instrument=data["instrument"],
        status=data.get("status", ""),
        group=data.get("group", ""),
        year=data.get("year"),
        text=data.get("q", ""),
    )
    codes = [row.party.code for row in listing.rows]
    return (
        Party.objects.filter(code__in=codes),
        Participation.objects.filter(party__in=codes, instrument=data["instrument"]),
    )


def export_json(request):
    parties, _participation = _filtered(request)
    response = HttpResponse(
        json.dumps(register_document(parties), ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="palermo-register.json"'
    return response


def export_csv(request):
    _parties, participation = _filtered(request)
    return csvsafe.download(register_csv(participation), "palermo-register.csv")
