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


def members(request, pk: int):
    investigation = investigation_or_404(request.user, pk)
    may_lead = request.user.has_perm("networks.lead_investigation", investigation)
    member_form = MemberForm(users=domain.eligible_users(investigation)) if may_lead else None
    share_form = ShareForm(authorities=_shareable(investigation)) if may_lead else None
    return _page(request, investigation, member_form, share_form, may_lead)


def _page(request, investigation, member_form, share_form, may_lead, status=200):
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
            "member_form": member_form,
            "share_form": share_form,
            "role_form": RoleForm(),
        },
        status=status,
    )


@require_POST
def member_add(request, pk: int):
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    form = MemberForm(request.POST, users=domain.eligible_users(investigation))
    if form.is_valid():
        try:
            domain.add_member(
                investigation=investigation,
                user=request.user,
                member=form.cleaned_data["member"],
                role=form.cleaned_data["role"],
                request=request,
            )
        except domain.InvestigationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The member was added."))
            return redirect("networks:members", investigation.pk)
    share_form = ShareForm(authorities=_shareable(investigation))
    return _page(request, investigation, form, share_form, True, status=400)


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
    investigation = investigation_or_404(request.user, pk, "networks.lead_investigation")
    form = ShareForm(request.POST, authorities=_shareable(investigation))
    if form.is_valid():
        try:
            domain.share_investigation(
                investigation=investigation,
                user=request.user,
                authority=form.cleaned_data["authority"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except domain.InvestigationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The investigation is shared. You can now add that authority's users.")
            )
            return redirect("networks:members", investigation.pk)
    member_form = MemberForm(users=domain.eligible_users(investigation))
    return _page(request, investigation, member_form, form, True, status=400)


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
