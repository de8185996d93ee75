"""Pages of the directory of competent authorities. The public sees which States designated which kinds
of authority (with the notification in the register); the secretariat and the verified users of
competent authorities see everything; what a user may not see is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from palermo.cooperation.domain import authorities as domain
from palermo.cooperation.domain import directory_facts as facts
from palermo.cooperation.domain.authority_format import REQUIREMENT_FLAGS, verified_by_name
from palermo.cooperation.domain.directory_upkeep import upkeep_by_state
from palermo.cooperation.interfaces.authority_forms import (
    MAX_IMPORT_BYTES,
    AuthorityForm,
    AuthorityImportForm,
    AuthoritySearchForm,
    DecisionForm,
    OverviewFilterForm,
)
from palermo.cooperation.interfaces.authority_io import read_authorities
from palermo.cooperation.models import KIND_BASIS, AuthorityKind, ChangeState, Channel, ProposedChange
from palermo.cooperation.queries import (
    authorities_visible_to,
    designations_by_state,
    proposals_for,
    search_authorities,
    with_kinds,
)
from palermo.core.collation import collated
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.language_codes import names as language_names
from palermo.core.pages import page_of
from palermo.core.permissions import perm_required_or_404, require_perm
from palermo.core.uploads import accepts_file
from palermo.register.models import Party

KIND_ORDER = {kind: number for number, kind in enumerate(AuthorityKind.values)}
LIST_FIELDS = (
    "pk",
    "party",
    "name",
    "name_en",
    "is_demo",
    "verified_on",
    "party__code",
    "party__name",
    "party__names",
)
FIELD_LABELS = {
    "name": gettext_lazy("Name in the original language"),
    "name_en": gettext_lazy("Name in English"),
    "designations": gettext_lazy("Designated as"),
    "postal_address": gettext_lazy("Postal address"),
    "phones": gettext_lazy("Telephone numbers"),
    "emails": gettext_lazy("E-mail addresses"),
    "office_hours": gettext_lazy("Office hours"),
    "time_zone": gettext_lazy("Time zone"),
    "channels": gettext_lazy("Channels accepted"),
    "languages": gettext_lazy("Languages accepted"),
    "accepts_oral_urgent_requests": gettext_lazy("Accepts urgent requests orally"),
    "urgent_confirmation_days": gettext_lazy("Days to confirm an urgent request in writing"),
    "urgent_procedure": gettext_lazy("Urgent procedure"),
    "requires_treaty_for_extradition": gettext_lazy("Extradition only on the basis of a treaty"),
    "dual_criminality_for_coercive_measures": gettext_lazy("Dual criminality required for coercive measures"),
    "requires_authentication": gettext_lazy("Documents must be authenticated"),
    "requires_legalisation": gettext_lazy("Documents must be legalised"),
    "accepts_electronic_signature": gettext_lazy("Accepts electronic signatures"),
    "requires_encryption": gettext_lazy("Transmission must be encrypted"),
    "requirements": gettext_lazy("Other requirements"),
    "records": gettext_lazy("Legislation and guides"),
}


def directory(request):
    """The public overview: per State, the kinds of authority it designated and its notifications."""
    form = OverviewFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    found = designations_by_state(
        kind=filters.get("kind", ""), group=filters.get("group", ""), q=filters.get("q", "")
    )
    parties = {party.pk: party for party in Party.objects.filter(pk__in=found)}
    states = [
        {
            "party": parties[code],
            "kinds": [
                (AuthorityKind(kind).label, [{"date": day, "is_demo": demo} for _pk, day, demo in notes])
                for kind, notes in sorted(found[code]["kinds"].items(), key=lambda item: KIND_ORDER[item[0]])
            ],
            "is_demo": found[code]["is_demo"],
        }
        for code in found
    ]
    states = collated(states, key=lambda state: state["party"].local_name)
    context = {
        "form": form,
        "page": page_of(request, states),
        "filtered": any(filters.get(name) for name in ("q", "kind", "group")),
        "can_view": request.user.has_perm("cooperation.view_directory"),
        "can_manage": request.user.has_perm("cooperation.manage_directory"),
    }
    return render(request, "cooperation/directory.html", context)


@perm_required_or_404("cooperation.view_directory")
def authority_list(request):
    form = AuthoritySearchForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    party = filters.get("party")
    authorities = search_authorities(
        request.user,
        q=filters.get("q", ""),
        party=party.pk if party else "",
        kind=filters.get("kind", ""),
        language=filters.get("language", ""),
        channel=filters.get("channel", ""),
    )
    page = page_of(request, authorities.only(*LIST_FIELDS))
    page.object_list = with_kinds(page.object_list)
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.get(name) for name in ("q", "party", "kind", "language", "channel")),
        "can_manage": request.user.has_perm("cooperation.manage_directory"),
        "today_stale": {a.pk for a in page if facts.is_stale(a)},
    }
    return render(request, "cooperation/authority_list.html", context)


def _visible_authority(request, pk: int):
    return get_object_or_404(
        authorities_visible_to(request.user).select_related("verified_by", "organisation"), pk=pk
    )


def _flag(value) -> str:
    if value is None:
        return _("not known")
    return _("yes") if value else _("no")


@perm_required_or_404("cooperation.view_directory")
def authority_detail(request, pk: int):
    authority = _visible_authority(request, pk)
    user = request.user
    differences = (
        facts.language_differences(authority) if facts.sees_language_differences(user, authority) else None
    )
    channels = [Channel(code).label if code in Channel.values else code for code in authority.channels]
    requirements = [(FIELD_LABELS[name], _flag(getattr(authority, name))) for name in REQUIREMENT_FLAGS]
    context = {
        "authority": authority,
        "designations": [
            (designation, (designation.instrument_id, designation.article) != KIND_BASIS[designation.kind])
            for designation in authority.designations.select_related("instrument", "notification")
        ],
        "channels": channels,
        "languages": language_names(authority.languages),
        "oral": _flag(authority.accepts_oral_urgent_requests),
        "requirements": requirements,
        "extradition_basis": facts.extradition_basis(authority.party_id),
        "records": authority.records.published().order_by("-year", "title"),
        "stale": facts.is_stale(authority),
        "verified_by": verified_by_name(authority),
        "differences": differences,
        "can_edit": user.has_perm("cooperation.manage_directory")
        or user.has_perm("cooperation.propose_change", authority.party),
        "proposes": not user.has_perm("cooperation.manage_directory"),
        "can_verify": domain.may_verify(user, authority),
        "pending": authority.proposed_changes.filter(state=ChangeState.PROPOSED).count(),
    }
    return render(request, "cooperation/authority_detail.html", context)


def _save(request, form: AuthorityForm, *, authority=None, party=None):
    """Save directly (secretariat) or as a proposal (a State's contributor); None when refused (the form
    then holds the problems)."""
    user = request.user
    data = form.data_for_domain()
    try:
        if user.has_perm("cooperation.manage_directory"):
            if authority is None:
                authority = domain.create_authority(actor=user, data=data, request=request)
                messages.success(request, _("The authority was added to the directory."))
            else:
                changed = domain.update_authority(
                    authority=authority,
                    actor=user,
                    data=data,
                    expected_version=form.cleaned_data.get("version") or 0,
                    request=request,
                )
                messages.success(request, _("Saved.") if changed else _("Nothing was changed."))
            return redirect("cooperation:authority", authority.pk)
        party = authority.party if authority is not None else (party or form.cleaned_data.get("party"))
        domain.propose_change(
            actor=user,
            party=party,
            authority=authority,
            data=data,
            note=form.cleaned_data.get("note", ""),
            request=request,
        )
        messages.success(
            request,
            _(
                "Your change was proposed: the State's focal point or a user of the authority will confirm it."
            ),
        )
        return redirect("cooperation:proposals")
    except domain.InvalidAuthority as problems:
        form.add_domain_problems(problems.problems)
    except domain.DirectoryError as error:
        form.add_error(None, str(error))
    except PermissionDenied:
        raise Http404 from None
    return None


@perm_required_or_404("cooperation.view_directory")
def authority_edit(request, pk: int):
    authority = _visible_authority(request, pk)
    user = request.user
    manages = user.has_perm("cooperation.manage_directory")
    if not (manages or user.has_perm("cooperation.propose_change", authority.party)):
        raise Http404
    form = AuthorityForm(request.POST or None, authority=authority, proposing=not manages)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, authority=authority)
        if response is not None:
            return response
    context = {"form": form, "authority": authority, "proposes": not manages}
    return render(request, "cooperation/authority_form.html", context)


@perm_required_or_404("cooperation.view_directory")
def authority_new(request):
    """A new authority: added by the secretariat, proposed by a State's contributor (for their State)."""
    user = request.user
    manages = user.has_perm("cooperation.manage_directory")
    party = None
    if not manages:
        organisation = getattr(user, "organisation", None)
        party = Party.objects.filter(pk=getattr(organisation, "party_id", None)).first()
        if party is None or not user.has_perm("cooperation.propose_change", party):
            raise Http404
    form = AuthorityForm(request.POST or None, party=party, proposing=not manages)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, party=party)
        if response is not None:
            return response
    context = {"form": form, "authority": None, "party": party, "proposes": not manages}
    return render(request, "cooperation/authority_form.html", context)


@require_POST
@perm_required_or_404("cooperation.view_directory")
def authority_verify(request, pk: int):
    authority = _visible_authority(request, pk)
    if not domain.may_verify(request.user, authority):
        raise Http404
    domain.verify_authority(authority=authority, actor=request.user, request=request)
    messages.success(request, _("The entry is recorded as verified today."))
    return redirect("cooperation:authority", authority.pk)


@perm_required_or_404("cooperation.view_directory")
def proposal_list(request):
    changes = proposals_for(request.user)
    pending = [
        (change, facts.differences(change), request.user.has_perm("cooperation.confirm_change", change))
        for change in changes.filter(state=ChangeState.PROPOSED)[:100]
    ]
    decided = page_of(request, changes.exclude(state=ChangeState.PROPOSED))
    context = {"pending": pending, "page": decided, "labels": FIELD_LABELS, "form": DecisionForm()}
    return render(request, "cooperation/proposal_list.html", context)


def _decidable(request, pk: int) -> ProposedChange:
    change = get_object_or_404(proposals_for(request.user), pk=pk)
    require_perm(request.user, "cooperation.confirm_change", change)
    return change


@require_POST
@perm_required_or_404("cooperation.view_directory")
def proposal_confirm(request, pk: int):
    change = _decidable(request, pk)
    try:
        authority = domain.confirm_change(change=change, actor=request.user, request=request)
    except domain.DirectoryError as error:
        messages.error(request, str(error))
        return redirect("cooperation:proposals")
    messages.success(request, _("The change was confirmed and is in the directory."))
    return redirect("cooperation:authority", authority.pk)


@require_POST
@perm_required_or_404("cooperation.view_directory")
def proposal_reject(request, pk: int):
    change = _decidable(request, pk)
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The proposed change will be rejected; it cannot be confirmed afterwards."),
            action=_("Reject"),
            back=reverse("cooperation:proposals"),
        )
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        domain.reject_change(change=change, actor=request.user, note=note, request=request)
    except domain.DirectoryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposed change was rejected."))
    return redirect("cooperation:proposals")


@perm_required_or_404("cooperation.manage_directory")
def directory_upkeep(request):
    states = collated(upkeep_by_state(), key=lambda entry: entry.party.local_name)
    return render(request, "cooperation/upkeep.html", {"states": states})


@accepts_file(MAX_IMPORT_BYTES)
@perm_required_or_404("cooperation.manage_directory")
def authorities_import(request):
    form = AuthorityImportForm(request.POST or None, request.FILES or None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        name, text = form.cleaned_data["file"]
        entries, read_problems = read_authorities(text, name)
        try:
            result = domain.import_authorities(
                entries=entries, file=name, actor=request.user, request=request, read_problems=read_problems
            )
        except domain.ImportFailed as failure:
            problems = failure.problems
        else:
            messages.success(
                request,
                ngettext("%(count)s authority added", "%(count)s authorities added", result.created)
                % {"count": result.created}
                + ", "
                + ngettext("%(count)s updated.", "%(count)s updated.", result.updated)
                % {"count": result.updated},
            )
            return redirect("cooperation:authorities")
    return render(request, "cooperation/authority_import.html", {"form": form, "problems": problems})
