"""Requests for international cooperation, the pages of the users of an authority: the list of its
outgoing and incoming requests, a new request to an authority of the directory, and a request's page (what
it says, its history, the moves the user may make, the messages, the letter). Anyone else gets a 404, the
secretariat too (it sees the statistics alone)."""

from datetime import UTC, date, datetime

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from palermo.cooperation import queries
from palermo.cooperation.domain import completeness
from palermo.cooperation.domain import requests as domain
from palermo.cooperation.domain.legal_basis import LegalBasisError, legal_basis
from palermo.cooperation.interfaces import request_forms
from palermo.cooperation.models import (
    Authority,
    AuthorityKind,
    Channel,
    RefusalGround,
    Request,
    RequestAttachment,
    RequestEvent,
    RequestKind,
    RequestMessage,
    RequestState,
)
from palermo.cooperation.rules import authority_of
from palermo.core.collation import collated
from palermo.core.i18n import format_date, format_datetime, listed
from palermo.core.language_codes import language_name
from palermo.core.pages import page_of
from palermo.core.permissions import require_perm
from palermo.knowledge.models import Term
from palermo.register.models import Party

# Which authorities of the other State receive each kind of request, best first.
KIND_DESIGNATIONS = {
    RequestKind.MUTUAL_LEGAL_ASSISTANCE: [AuthorityKind.CENTRAL_AUTHORITY],
    RequestKind.EXTRADITION: [AuthorityKind.EXTRADITION],
    RequestKind.PROVISIONAL_ARREST: [AuthorityKind.EXTRADITION, AuthorityKind.URGENT],
    RequestKind.CONFISCATION: [AuthorityKind.CONFISCATION, AuthorityKind.CENTRAL_AUTHORITY],
    RequestKind.TRANSFER_OF_PROCEEDINGS: [AuthorityKind.CENTRAL_AUTHORITY],
    RequestKind.TRANSFER_OF_SENTENCED_PERSONS: [AuthorityKind.TRANSFER_OF_SENTENCED_PERSONS],
    RequestKind.JOINT_INVESTIGATION: [AuthorityKind.CENTRAL_AUTHORITY, AuthorityKind.LAW_ENFORCEMENT],
    RequestKind.SPONTANEOUS_INFORMATION: [AuthorityKind.CENTRAL_AUTHORITY, AuthorityKind.LAW_ENFORCEMENT],
    RequestKind.FIREARM_TRACING: [AuthorityKind.FIREARMS],
    RequestKind.VESSEL_BOARDING: [AuthorityKind.SMUGGLING_BY_SEA],
}
LETTER_LANGUAGES = request_forms.LETTER_LANGUAGES
UN_LANGUAGE_OF = {"zh": "zh-hans", **{code: code for code in LETTER_LANGUAGES}}


def my_authority(request) -> Authority:
    """The authority the user works at, for its verified users; 404 for everyone else."""
    authority = authority_of(request.user)
    if authority is None or not request.user.has_perm("cooperation.view_requests"):
        raise Http404
    return authority


def request_of(request, pk: int) -> Request:
    """A request the user may see (a user of one of its two authorities), else 404."""
    found = get_object_or_404(
        Request.objects.select_related(
            "requesting_authority__party",
            "requested_authority__party",
            "drafted_by",
            "ready_by",
            "approved_by",
            "updated_by",
        ),
        pk=pk,
    )
    require_perm(request.user, "cooperation.view_request", found)
    return found


def other_authority(req: Request, mine: Authority) -> Authority:
    return req.requested_authority if req.requesting_authority_id == mine.pk else req.requesting_authority


# The list --------------------------------------------------------------------------------------------

DIRECTIONS = {"outgoing": "requesting_authority", "incoming": "requested_authority"}


def request_list(request):
    """The authority's requests, outgoing or incoming, by state and kind, newest first."""
    mine = my_authority(request)
    direction = request.GET.get("direction", "outgoing")
    if direction not in DIRECTIONS:
        direction = "outgoing"
    found = queries.requests_visible_to(request.user).filter(**{DIRECTIONS[direction]: mine})
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    if state in RequestState.values:
        found = found.filter(state=state)
    if kind in RequestKind.values:
        found = found.filter(kind=kind)
    page = page_of(request, found.order_by("-created", "-id"))
    rows = [(req, other_authority(req, mine)) for req in page]
    return render(
        request,
        "cooperation/request_list.html",
        {
            "authority": mine,
            "direction": direction,
            "page": page,
            "rows": rows,
            "states": RequestState.choices,
            "kinds": RequestKind.choices,
            "state": state,
            "kind": kind,
            "filtered": bool(state or kind),
            "may_draft": request.user.has_perm("cooperation.draft_request"),
        },
    )


# A new request ---------------------------------------------------------------------------------------


def candidates(kind: str, mine: Authority, user) -> list[tuple[object, list[Authority]]]:
    """The authorities of other States designated for `kind`, grouped by State in the reader's order."""
    designations = KIND_DESIGNATIONS.get(kind, [AuthorityKind.CENTRAL_AUTHORITY])
    found = (
        queries.authorities_visible_to(user)
        .filter(designations__kind__in=designations)
        .exclude(party_id=mine.party_id)
        .distinct()
        .prefetch_related("designations")
    )
    return by_state(found)


def by_state(authorities) -> list[tuple[object, list[Authority]]]:
    """Authorities grouped by State, States and authorities each in the reader's alphabetical order."""
    groups: dict[str, tuple[object, list[Authority]]] = {}
    for authority in authorities:
        groups.setdefault(authority.party_id, (authority.party, []))[1].append(authority)
    return [
        (party, collated(found, key=lambda a: a.name_en or a.name))
        for party, found in collated(groups.values(), key=lambda pair: pair[0].local_name)
    ]


def identity(kind: str, requesting: Authority, requested: Authority) -> dict:
    """What the directory says of the request's two sides, kept in its content (art. 18(15)(a))."""
    return {
        "kind": kind,
        "requesting_state": requesting.party_id,
        "requested_state": requested.party_id,
        "requesting_authority": requesting.name,
        "requested_authority": requested.name,
    }


def letter_languages() -> list[tuple[str, str]]:
    """The six languages of the letter, named in the reader's language."""
    return [(code, get_language_info(code)["name_translated"]) for code in LETTER_LANGUAGES]


def languages_named(codes) -> list[str]:
    return [language_name(code) for code in codes or []]


def channel_names(values) -> list[str]:
    labels = dict(Channel.choices)
    return [str(labels.get(value, value)) for value in values or []]


def new_request(request):
    """Pick the kind and the requested authority; the draft is created and the writer opens."""
    mine = my_authority(request)
    require_perm(request.user, "cooperation.draft_request")
    kind = request.POST.get("kind") or request.GET.get("kind") or RequestKind.MUTUAL_LEGAL_ASSISTANCE
    if kind not in RequestKind.values:
        kind = RequestKind.MUTUAL_LEGAL_ASSISTANCE
    groups = candidates(kind, mine, request.user)
    state_filter = request.GET.get("state", "")
    shown = [(party, items) for party, items in groups if not state_filter or party.code == state_filter]
    every = [authority for _party, items in groups for authority in items]
    form = request_forms.NewRequestForm(request.POST or None, authorities=every, initial={"kind": kind})
    problem = ""
    if request.method == "POST" and form.is_valid():
        chosen_kind, requested = form.cleaned_data["kind"], form.cleaned_data["requested_authority"]
        try:
            req = domain.create_request(
                actor=request.user,
                kind=chosen_kind,
                requesting_authority=mine,
                requested_authority=requested,
                title=form.cleaned_data["title"],
                content=identity(chosen_kind, mine, requested),
                language=default_language(requested, ""),
                request=request,
            )
        except domain.RequestError as refused:
            problem = str(refused)
        else:
            messages.success(request, _("Draft %(reference)s created.") % {"reference": req.reference})
            return redirect("cooperation:request_step", pk=req.pk, step=completeness.STEPS[0][0])
    details = [
        (
            party,
            [
                (authority, channel_names(authority.channels), languages_named(authority.languages))
                for authority in items
            ],
        )
        for party, items in shown
    ]
    return render(
        request,
        "cooperation/request_new.html",
        {
            "authority": mine,
            "form": form,
            "kind": kind,
            "kinds": RequestKind.choices,
            "groups": details,
            "states": [party for party, _items in groups],
            "state_filter": state_filter,
            "chosen": request.POST.get("requested_authority", ""),
            "problem": problem,
        },
    )


# A request's page ------------------------------------------------------------------------------------


def default_language(authority: Authority, fallback: str) -> str:
    """The requested authority's first accepted UN language, else `fallback`, else English."""
    for code in authority.languages or []:
        if code in UN_LANGUAGE_OF:
            return UN_LANGUAGE_OF[code]
    return fallback if fallback in LETTER_LANGUAGES else "en"


def legal_basis_of(req: Request, offence: str | None = None):
    """The legal basis between the two States today (None when it cannot be computed)."""
    if offence is None:
        offences = (req.content or {}).get("offences") or []
        first = offences[0] if offences and isinstance(offences[0], dict) else {}
        offence = first.get("crime_type") or None
    try:
        return legal_basis(
            requesting=req.requesting_authority.party_id,
            requested=req.requested_authority.party_id,
            on=timezone.localdate(),
            offence=offence,
            kind=req.kind,
        )
    except LegalBasisError:  # a State the register does not hold
        return None


MOVE_LABELS = {  # lazy: translated when a page shows them, in the reader's language
    RequestState.APPROVED: gettext_lazy("Approve"),
    RequestState.DRAFT: gettext_lazy("Return to drafting"),
    RequestState.SENT: gettext_lazy("Record as sent"),
    RequestState.RECEIVED: gettext_lazy("Received"),
    RequestState.ACKNOWLEDGED: gettext_lazy("Acknowledged"),
    RequestState.IN_EXECUTION: gettext_lazy("In execution"),
    RequestState.MORE_INFORMATION: gettext_lazy("Ask for more information"),
    RequestState.PARTLY_EXECUTED: gettext_lazy("Partly executed"),
    RequestState.EXECUTED: gettext_lazy("Executed"),
    RequestState.REFUSED: gettext_lazy("Refuse"),
    RequestState.WITHDRAWN: gettext_lazy("Withdraw"),
}
DESTRUCTIVE = (RequestState.REFUSED, RequestState.WITHDRAWN)
ANSWERED = gettext_lazy("Information supplied: back to execution")


def answers_question(req: Request, target: str) -> bool:
    """The requesting side's answer to a request for more information (the request goes back to
    execution), not the requested side resuming it."""
    return req.state == RequestState.MORE_INFORMATION and target == RequestState.IN_EXECUTION


def moves_of(req: Request, user, side: str | None) -> list[dict]:
    """The moves the user may make now, each with what its form asks."""
    found = []
    for target in domain.allowed_moves(req, user):
        move = domain.move_for(req.state, target)
        by_hand = bool(move and move.side != side)
        found.append(
            {
                "target": target,
                "label": ANSWERED if answers_question(req, target) else MOVE_LABELS.get(target, target),
                "by_hand": by_hand,
                "dated": target not in (RequestState.APPROVED, RequestState.DRAFT),
                "needs_channel": target == RequestState.SENT,
                "needs_note": bool(move and "note" in move.needs),
                "refusal": target == RequestState.REFUSED,
                "destructive": target in DESTRUCTIVE,
            }
        )
    return found


def request_context(request, req: Request) -> dict:
    """What the request's page shows, for whoever may see it."""
    user = request.user
    side = domain.side_of(user, req)
    check = domain.check_of(req)
    events = RequestEvent.objects.filter(request=req).select_related("actor")
    thread = (
        RequestMessage.objects.filter(request=req)
        .select_related("author")
        .prefetch_related(
            Prefetch("attachments", queryset=RequestAttachment.objects.order_by("created", "id"))
        )
    )
    attachments = RequestAttachment.objects.filter(request=req).select_related("uploaded_by")
    is_draft = req.state == RequestState.DRAFT
    may_edit = side == "requesting" and is_draft and user.has_perm("cooperation.edit_request", req)
    return {
        "req": req,
        "side": side,
        "content": req.content or {},
        "sections": consolidated(req),
        "check": check,
        "steps": steps_with_counts(check),
        "events": events,
        "thread": thread,
        "attachments": attachments,
        "moves": moves_of(req, user, side),
        "may_edit": may_edit,
        "may_mark_ready": may_edit and req.ready_at is None,
        "may_write": user.has_perm("cooperation.edit_request", req),
        "channels": Channel.choices,
        "grounds": RefusalGround.choices,
        "grounds_named": dict(RefusalGround.choices),
        "today": timezone.localdate(),
        "basis": legal_basis_of(req),
        "letter_languages": letter_languages(),
        "letter_language": default_language(req.requested_authority, req.language),
        "requested_languages": languages_named(req.requested_authority.languages),
        "requested_channels": channel_names(req.requested_authority.channels),
        "move_form": request_forms.MoveForm(),
    }


def request_page(request, pk: int, *, status: int = 200, **extra):
    req = request_of(request, pk)
    context = request_context(request, req)
    context.update(extra)
    return render(request, "cooperation/request_detail.html", context, status=status)


def request_detail(request, pk: int):
    return request_page(request, pk)


def steps_with_counts(check) -> list[tuple[str, str, int]]:
    """Each step with the number of items missing or wrong in it (warnings do not count: they do not
    stop the request from being marked ready)."""
    return [
        (key, str(label), sum(1 for item in check.for_step(key) if item.level != "warning"))
        for key, label in completeness.STEPS
    ]


# The consolidated request: every step's fields with what was entered, for reading.


def _shown(f: request_forms.Field, value, names: dict) -> str:
    if value in (None, "", []):
        return ""
    if f.kind == "yesno":
        return str(_("Yes")) if value else str(_("No"))
    if f.kind == "penalty" and value == "life":
        return _("life imprisonment")
    if f.kind == "date" and isinstance(value, str):
        try:  # dates as the reader's language writes them, not ISO
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if f.kind == "datetime" and isinstance(value, str):
        try:
            return format_datetime(datetime.fromisoformat(value.removesuffix("Z")).replace(tzinfo=UTC))
        except ValueError:
            return value
    if f.kind in ("select", "checks"):
        values = value if isinstance(value, list) else [value]
        labels = dict(f.choices) if f.choices else names.get(f.name, {})
        return listed(labels.get(v, v) for v in values)
    if f.name == "annexes":
        return "\n".join(str(a.get("title", "")) if isinstance(a, dict) else str(a) for a in value)
    if isinstance(value, list):
        return listed(value)
    return str(value)


def field_names() -> dict:
    """Labels of the values chosen from lists that are not fixed (crime types, States)."""
    return {
        "crime_type": {t.slug: t.label for t in Term.objects.filter(vocabulary="crime_type")},
        "nationality": {p.code: p.local_name for p in Party.objects.all()},
        "flag_state_claimed": {p.code: p.local_name for p in Party.objects.all()},
    }


def consolidated(req: Request) -> list[dict]:
    """Each step with its entered values as (label, text) pairs, its rows as lists of such pairs."""
    content = req.content or {}
    names = field_names()
    sections = []
    for key, label in completeness.STEPS:
        shown = request_forms.layout(key, req.kind)
        pairs = [(f.label, _shown(f, request_forms.get(content, f.name), names)) for f in shown.fields]
        groups = [
            (
                group.title,
                [
                    (f.label, _shown(f, request_forms.get(content.get(group.key) or {}, f.name), names))
                    for f in group.fields
                ],
            )
            for group in shown.groups
        ]
        rows = []
        for rows_def in shown.rows:
            items = content.get(rows_def.key) or []
            listed = []
            for item in [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []:
                fields = rows_def.fields + request_forms.PARTICULARS.get(item.get("form", ""), ())
                listed.append(
                    (
                        rows_def.item(len(listed) + 1),
                        [(f.label, _shown(f, request_forms.get(item, f.name), names)) for f in fields],
                    )
                )
            rows.append((rows_def.title, listed))
        section = {
            "key": key,
            "label": label,
            "pairs": [(a, b) for a, b in pairs if b],
            "groups": [(t, [(a, b) for a, b in g if b]) for t, g in groups],
            "rows": [(t, [(n, [(a, b) for a, b in item if b]) for n, item in items]) for t, items in rows],
        }
        section["empty"] = not (
            section["pairs"] or any(g for _t, g in section["groups"]) or any(i for _t, i in section["rows"])
        )
        sections.append(section)
    return sections
