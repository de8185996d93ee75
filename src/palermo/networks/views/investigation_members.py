"""The members of an investigation and its shares with other authorities: everyone in it sees who takes
part; the lead adds, changes and removes members and shares or stops sharing it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.cooperation.models import Authority
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.networks.domain import investigations as domain
from palermo.networks.interfaces.investigation_forms import MemberForm, RoleForm, ShareForm
from palermo.networks.views.access import investigation_or_404


def _shareable(investigation):
    """Authorities that use Palermo, other than the owner and those it is shared with now."""
    active = investigation.shares.filter(revoked_at__isnull=True).values("authority")
    return (
        Authority.objects.filter(organisation__isnull=False)
        .exclude(pk=investigation.authority_id)
        .exclude(pk__in=active)
        .select_related("party")
        .order_by("party__code", "name")
    )


def _member_form(investigation, data=None) -> MemberForm:
    return MemberForm(data, users=domain.eligible_users(investigation))


def _share_form(investigation, data=None) -> ShareForm:
    return ShareForm(data, authorities=_shareable(investigation))


# The lead's forms on the page, by their name in the template.
LEAD_FORMS = {"member_form": _member_form, "share_form": _share_form}


def members(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    may_lead = request.user.has_perm("networks.lead_investigation", investigation)
    forms = {name: make(investigation) for name, make in LEAD_FORMS.items()} if may_lead else {}
    return _page(request, investigation, may_lead=may_lead, forms=forms)


def _page(request, investigation, *, may_lead: bool, forms: dict, status: int = 200):
    memberships = investigation.memberships.select_related("user__organisation__authority__party")
    shares = investigation.shares.select_related("authority__party", "shared_by", "revoked_by")
    return render(
        request,
        "networks/members.html",
        {
            "investigation": investigation,
            "memberships": memberships,
            "shares": shares,
            "may_lead": may_lead,
            "member_form": forms.get("member_form"),
            "share_form": forms.get("share_form"),
            "role_form": RoleForm(),
        },
        status=status,
    )


def _lead_posts(request, pk: int, *, form_name: str, write, done: str):
    """One of the lead's forms posted: the domain's `write` with the form's fields as its arguments, then
    back to the page; or the page again (400) with the form's problems and the other form empty."""
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    form = LEAD_FORMS[form_name](investigation, request.POST)
    if form.is_valid():
        try:
            write(investigation=investigation, user=request.user, request=request, **form.cleaned_data)
        except domain.InvestigationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("networks:members", investigation.pk)
    forms = {name: make(investigation) for name, make in LEAD_FORMS.items() if name != form_name}
    return _page(request, investigation, may_lead=True, forms={**forms, form_name: form}, status=400)


@require_POST
def member_add(request, pk: int):
    return _lead_posts(
        request,
        pk,
        form_name="member_form",
        write=domain.add_member,
        done=_("The member was added."),
    )


def _membership(investigation, membership_id: int):
    return get_object_or_404(investigation.memberships.select_related("user"), pk=membership_id)


@require_POST
def member_role(request, pk: int, membership_id: int):
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    membership = _membership(investigation, membership_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            domain.change_role(
                membership=membership, user=request.user, role=form.cleaned_data["role"], request=request
            )
            messages.success(request, _("The role was changed."))
        except domain.InvestigationError as error:
            messages.error(request, str(error))
    return redirect("networks:members", investigation.pk)


@require_POST
def member_remove(request, pk: int, membership_id: int):
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    membership = _membership(investigation, membership_id)
    back = reverse("networks:members", args=[investigation.pk])
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("%(person)s will no longer be a member and loses access to the investigation at once.")
            % {"person": membership.user.get_full_name() or membership.user.email},
            action=_("Remove the member"),
            back=back,
        )
    try:
        domain.remove_member(membership=membership, user=request.user, request=request)
        messages.success(request, _("The member was removed."))
    except domain.InvestigationError as error:
        messages.error(request, str(error))
    return redirect(back)


@require_POST
def share_add(request, pk: int):
    return _lead_posts(
        request,
        pk,
        form_name="share_form",
        write=domain.share_investigation,
        done=_("The investigation is shared. You can now add that authority's users."),
    )


@require_POST
def share_revoke(request, pk: int, share_id: int):
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    share = get_object_or_404(investigation.shares.select_related("authority"), pk=share_id)
    back = reverse("networks:members", args=[investigation.pk])
    if not confirmed(request):
        return ask_to_confirm(
            request,
            question=_("The users of %(authority)s lose access to the investigation at once.")
            % {"authority": share.authority},
            action=_("Stop sharing"),
            back=back,
        )
    try:
        domain.revoke_share(share=share, user=request.user, request=request)
        messages.success(request, _("The investigation is no longer shared with this authority."))
    except domain.InvestigationError as error:
        messages.error(request, str(error))
    return redirect(back)
