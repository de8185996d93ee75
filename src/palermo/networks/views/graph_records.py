"""Asking another State for the records of an account, a wallet or a company found in an investigation: a
draft request for mutual legal assistance (art. 18(3)(f): bank, financial, corporate or business records)
is created in the cooperation module, to that State's central authority, with the particulars filled in
(the institution, the account or address, the period); the writer opens on it, where the legal basis is
checked and the rest is written. For members who draft requests for their authority; 404 for others."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.cooperation.domain import completeness, drafting
from palermo.cooperation.domain.request_base import RequestError
from palermo.cooperation.models import RequestKind
from palermo.cooperation.rules import authority_of
from palermo.cooperation.views.requests import candidates, default_language, identity
from palermo.networks.domain.investigations import audit
from palermo.networks.ftm.store import entity_proxy
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.elements import family
from palermo.networks.views.access import investigation_or_404
from palermo.networks.views.graph_money import DATE, RECORD_FAMILIES

# Where the identifying particulars of each kind of entity are: the account or address, the institution.
ACCOUNT_PROPS = ("iban", "accountNumber", "publicKey", "registrationNumber", "taxNumber")
INSTITUTION_PROPS = ("bankName", "managingExchange", "jurisdiction")


def particulars(proxy, since: str, until: str) -> dict:
    account = next((v for p in ACCOUNT_PROPS for v in proxy.get(p, quiet=True)), proxy.caption)
    institution = next((v for p in INSTITUTION_PROPS[:2] for v in proxy.get(p, quiet=True)), "")
    found = {"account": account, "bank": institution}
    if since:
        found["period_from"] = since
    if until:
        found["period_to"] = until
    return {key: value for key, value in found.items() if value}


@require_POST
def records_request(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    mine = authority_of(request.user)
    if mine is None or not request.user.has_perm("cooperation.draft_request"):
        raise Http404
    built = graph_for(investigation)
    canonical_id = request.POST.get("entity", "")
    vertex = built.vertex_of(canonical_id)
    if vertex is None or family(built.vertices[vertex].schema) not in RECORD_FAMILIES:
        raise Http404
    entity = built.vertices[vertex]
    since, until = (request.POST.get(name, "") for name in ("since", "until"))
    since, until = (value if DATE.match(value) else "" for value in (since, until))
    back = request.META.get("HTTP_REFERER") or f"/networks/investigations/{pk}/money/"
    states = {code.upper() for code in entity.countries} - {mine.party.alpha2.upper()}
    found = [
        authority
        for party, authorities in candidates(RequestKind.MUTUAL_LEGAL_ASSISTANCE, mine, request.user)
        if (party.alpha2 or "").upper() in states
        for authority in authorities
    ]
    if not found:
        messages.error(
            request,
            _("No central authority of that State is in the directory: a request cannot be drafted to it."),
        )
        return redirect(back)
    requested = found[0]
    proxy = entity_proxy(investigation, canonical_id)
    content = identity(RequestKind.MUTUAL_LEGAL_ASSISTANCE, mine, requested)
    content.update(
        {
            "reference": investigation.reference,
            "assistance": [
                {
                    "form": "18_3_f",
                    "description": _("Records of %(entity)s") % {"entity": entity.caption},
                    "particulars": particulars(proxy, since, until) if proxy is not None else {},
                }
            ],
        }
    )
    try:
        req = drafting.create_request(
            actor=request.user,
            kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            requesting_authority=mine,
            requested_authority=requested,
            title=_("Records of %(entity)s") % {"entity": entity.caption},
            content=content,
            language=default_language(requested, ""),
            request=request,
        )
    except RequestError as refused:
        messages.error(request, str(refused))
        return redirect(back)
    audit(
        "networks.records.requested",
        investigation=investigation,
        actor=request.user,
        data={"request": req.pk},
        request=request,
    )
    messages.success(
        request,
        _("Draft %(reference)s created: complete it and check its legal basis.")
        % {"reference": req.reference},
    )
    return redirect("cooperation:request_step", pk=req.pk, step=completeness.STEPS[0][0])
