"""A review's own pages: who takes part (and appointing them), its deadlines. Nobody but the secretariat
and the review's participants sees anything of it (404)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.core.collation import collated, sort_key
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.pages import page_of
from palermo.register.models import Instrument, Party
from palermo.review.domain import participants as domain
from palermo.review.domain import questionnaire, steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.interfaces import review_filters
from palermo.review.interfaces.forms import AppointForm
from palermo.review.interfaces.review_filters import ReviewFilterForm
from palermo.review.models import AppointmentRequest, DocumentKind, Participant, ReviewRole
from palermo.review.queries import reviews_visible_to, roles_in


def by_state_name(reviews, language: str) -> list:
    """Reviews by cycle and group, then by the name of the State under review as the reader's language
    sorts it, then by instrument."""
    return sorted(
        reviews,
        key=lambda review: (
            review.cycle.number,
            review.group,
            sort_key(review.state_under_review.name_in(language), language),
            review.instrument.position,
        ),
    )


def review_list(request):
    """The reviews the signed-in person takes part in (every review for the secretariat): searchable by
    State, filtered by cycle, instrument, phase and the self-assessment's status, a page at a time."""
    visible = reviews_visible_to(request.user)
    cycles = sorted(set(visible.values_list("cycle__number", flat=True)))
    instruments = [
        (i.code, i.local_short_title)
        for i in Instrument.objects.filter(pk__in=visible.values("instrument_id"))
    ]
    form = ReviewFilterForm(request.GET, cycles=cycles, instruments=instruments)
    data = form.cleaned_data if form.is_valid() else {}
    reviews = by_state_name(review_filters.filtered(visible, data), request.LANGUAGE_CODE)
    context = {
        "form": form,
        "page": page_of(request, reviews),
        "phase": data.get("phase") or 1,
        "statuses": dict(review_filters.STATUSES),
        "filtered": any(data.get(name) for name in ("q", "cycle", "instrument", "status")),
    }
    return render(request, "review/review_list.html", context)


def _review(request, pk: int):
    return get_object_or_404(reviews_visible_to(request.user), pk=pk)


def _appointable(request, review, parties: list[str] | None = None) -> list[tuple[str, str]]:
    """(party, role) pairs the user may appoint in this review, in the order of `parties` if given."""
    return [
        (party, role)
        for party in parties or domain.parties_of(review)
        for role in ReviewRole.values
        if domain.may_appoint(request.user, review, party, role)
    ]


def review_detail(request, pk: int):
    review = _review(request, pk)
    under_review, *reviewers = domain.parties_of(review)
    names = {
        p.code: p.name_in(request.LANGUAGE_CODE)
        for p in Party.objects.filter(code__in=[under_review, *reviewers])
    }
    parties = [
        under_review,
        *collated(reviewers, key=lambda code: names.get(code, code), language=request.LANGUAGE_CODE),
    ]
    people = review.participants.filter(ended_at=None).select_related("user")
    slots = {a.reviewing_state_id: a.get_slot_display() for a in review.assignments.filter(ended_by=None)}
    rows = [
        {
            "code": code,
            "name": names.get(code, code),
            "slot": _("State under review") if code == review.state_under_review_id else slots.get(code, ""),
            "people": [p for p in people if p.party_id == code],
        }
        for code in parties
    ]
    appointable = _appointable(request, review, parties)
    context = {
        "review": review,
        "rows": rows,
        "names": names,
        "deadlines": _deadlines(review, rows),
        "my_roles": roles_in(review, request.user),
        "form": AppointForm(choices=appointable, names=names) if appointable else None,
        "can_end": {p.pk for p in people if domain.may_appoint(request.user, review, p.party_id, p.role)},
        "appointment_requests": review.appointment_requests.filter(closed_at=None).select_related(
            "requested_by"
        )
        if request.user.has_perm("review.manage_cycle")
        else [],
        "phases": [(phase, _phase_rows(request, review, phase, names, parties)) for phase in range(1, 5)],
    }
    return render(request, "review/review_detail.html", context)


def _phase_rows(request, review, phase: int, names: dict[str, str], parties: list[str]) -> list[dict]:
    """The document steps of a phase, each with its status and a link for those who may open it; the
    reviewing States' steps in the order of their names."""
    rows, roles = [], steps.roles_of(request.user, review)
    kinds = list(DocumentKind.values)
    in_order = sorted(steps.steps(review, phase), key=lambda s: (kinds.index(s.kind), parties.index(s.party)))
    for step in in_order:
        document = step.document
        readable = document is not None and steps.can_read(request.user, document, roles)
        drafter = steps.may_start(request.user, review, step.kind, step.party, roles)
        rows.append(
            {
                "step": step,
                "name": names.get(step.party, step.party),
                "status": _status(document, readable) if document else _("not started"),
                "link": readable or drafter,
            }
        )
    return rows


def _status(document, readable: bool) -> str:
    """A document's state; for a self-assessment its reader also sees how far it is answered."""
    state = document.get_state_display()
    if document.published_at:
        return _("%(state)s, published") % {"state": state}
    if document.kind != DocumentKind.SELF_ASSESSMENT or not readable:
        return state
    answered, asked = questionnaire.progress(document)
    return _("%(state)s, %(answered)s of %(asked)s questions answered") % {
        "state": state,
        "answered": answered,
        "asked": asked,
    }


def _deadlines(review, rows) -> list[dict]:
    """The appointment steps of every State in the review: due date, done or overdue."""
    start, today = domain.review_start(review), timezone.localdate()
    steps = [
        ("focal_point_appointed", _("Focal point appointed"), {ReviewRole.FOCAL_POINT}),
        ("experts_appointed", _("Governmental experts appointed"), {ReviewRole.GOVERNMENTAL_EXPERT}),
    ]
    found = []
    for key, label, roles in steps:
        if key not in review.cycle.deadlines:
            continue
        due = domain.after(start, review.cycle.deadlines[key])
        for row in rows:
            done = any(p.role in roles for p in row["people"])
            found.append(
                {
                    "step": label,
                    "state": row["name"],
                    "due": due,
                    "done": done,
                    "overdue": not done and today > due,
                }
            )
    return found


@require_POST
def appoint(request, pk: int):
    """The secretariat, who sees every account, is told exactly what happened; anyone else hears the same
    whether or not the address has an account (domain.appoint_by_email)."""
    review = _review(request, pk)
    appointable = _appointable(request, review)
    if not appointable:
        raise Http404
    form = AppointForm(request.POST, choices=appointable, names={})
    if not form.is_valid():
        messages.error(request, _("Choose the State and role, and give the person's email address."))
        return redirect("review:review", pk=pk)
    party, role = form.cleaned_data["party_role"].split(":")
    email = form.cleaned_data["email"]
    try:
        if request.user.has_perm("review.manage_cycle"):
            user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                raise ReviewError(_("Nobody with this email address has an account."))
            domain.appoint(review=review, party=party, user=user, role=role, actor=request.user)
            done = _("%(person)s is appointed.") % {"person": user.get_full_name() or user.email}
        else:
            domain.appoint_by_email(review=review, party=party, role=role, email=email, actor=request.user)
            done = _(
                "If %(email)s is the address of a registered person of %(state)s who does not take part yet, they are now appointed and told so by e-mail; otherwise the secretariat is asked to register and appoint them."
            ) % {"email": email, "state": Party.objects.get(code=party).name_in(request.LANGUAGE_CODE)}
    except ReviewError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, done)
    return redirect("review:review", pk=pk)


@require_POST
def dismiss_request(request, pk: int, request_id: int):
    """The secretariat dismisses a request to appoint someone it will not register or appoint."""
    review = _review(request, pk)
    if not request.user.has_perm("review.manage_cycle"):
        raise Http404
    pending = get_object_or_404(AppointmentRequest, pk=request_id, review=review, closed_at=None)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The request to appoint %(email)s will be closed without an appointment.")
            % {"email": pending.email},
            action=_("Dismiss"),
            back=reverse("review:review", args=[pk]),
        )
    domain.close_request(request=pending, actor=request.user)
    messages.success(request, _("The request to appoint %(email)s is dismissed.") % {"email": pending.email})
    return redirect("review:review", pk=pk)


def end_question(participant) -> str:
    return _(
        "%(person)s (%(role)s) will no longer take part in this review and loses access to it at once. They can be appointed again."
    ) % {
        "person": participant.user.get_full_name() or participant.user.email,
        "role": participant.get_role_display(),
    }


@require_POST
def end(request, pk: int, participant_id: int):
    review = _review(request, pk)
    participant = get_object_or_404(Participant, pk=participant_id, review=review, ended_at=None)
    if not domain.may_appoint(request.user, review, participant.party_id, participant.role):
        raise Http404
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=end_question(participant),
            action=_("End the appointment"),
            back=reverse("review:review", args=[pk]),
        )
    domain.end_participation(participant=participant, actor=request.user)
    messages.success(
        request,
        _("%(person)s no longer takes part in this review.")
        % {"person": participant.user.get_full_name() or participant.user.email},
    )
    return redirect("review:review", pk=pk)
