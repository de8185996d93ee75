"""The secretariat's work on accounts: register (invite), approve, change roles, organisations, audit log."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from palermo.accounts.domain import (
    AccountActionRefused,
    approve_user,
    change_role,
    create_organisation,
    invite_user,
    resend_invitation,
    reset_two_factor,
    set_active,
)
from palermo.accounts.forms import InvitationForm, OrganisationForm, RoleForm
from palermo.accounts.models import Organisation, User
from palermo.accounts.security import reauthentication_required
from palermo.core.models import AuditEntry
from palermo.core.permissions import perm_required_or_404


@perm_required_or_404("accounts.manage_users")
def user_list(request):
    users = User.objects.visible_to(request.user).select_related("organisation")
    return render(
        request, "accounts/user_list.html", {"users": users, "organisations": Organisation.objects.all()}
    )


@perm_required_or_404("accounts.manage_users")
@reauthentication_required
def user_invite(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, link = invite_user(actor=request.user, request=request, **form.cleaned_data)
        messages.success(
            request, _("%(email)s is registered and an activation link was sent.") % {"email": user.email}
        )
        return render(request, "accounts/invitation_sent.html", {"invited": user, "link": link})
    return render(request, "accounts/invite.html", {"form": form, "days": settings.INVITATION_VALID_DAYS})


@perm_required_or_404("accounts.manage_users")
def user_detail(request, pk: int):
    person = get_object_or_404(User.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    role_form = RoleForm(initial={"role": person.role})
    history = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(person.pk))[:50]
    return render(
        request, "accounts/user_detail.html", {"person": person, "role_form": role_form, "history": history}
    )


def _approve(*, actor, user, request):
    if not user.is_approved:
        approve_user(actor=actor, user=user, request=request)
    return _("The profile is approved.")


def _resend(*, actor, user, request):
    url = resend_invitation(actor=actor, user=user, request=request)
    return _("A new activation link was sent: %(link)s") % {"link": url}


def _reset_two_factor(*, actor, user, request):
    reset_two_factor(actor=actor, user=user, request=request)
    return _("Two-factor authentication was reset; the user sets it up again at the next sign-in.")


def _suspend(*, actor, user, request):
    set_active(actor=actor, user=user, active=False, request=request)
    return _("The account is suspended.")


def _reactivate(*, actor, user, request):
    set_active(actor=actor, user=user, active=True, request=request)
    return _("The account is active again.")


USER_ACTIONS = {
    "approve": _approve,
    "resend-invitation": _resend,
    "reset-two-factor": _reset_two_factor,
    "suspend": _suspend,
    "reactivate": _reactivate,
}


@perm_required_or_404("accounts.manage_users")
@require_POST
@reauthentication_required
def user_action(request, pk: int, action: str):
    """One of the secretariat's account actions, each a domain function that audits itself."""
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    if action not in USER_ACTIONS:
        raise Http404
    try:
        messages.success(request, USER_ACTIONS[action](actor=request.user, user=person, request=request))
    except AccountActionRefused as error:
        messages.error(request, str(error))
    return redirect("accounts:user", pk=person.pk)


@perm_required_or_404("accounts.manage_users")
@reauthentication_required
def user_change_role(request, pk: int):
    person = get_object_or_404(User.objects.visible_to(request.user), pk=pk)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["role"] != person.role:
        change_role(actor=request.user, user=person, role=form.cleaned_data["role"], request=request)
        messages.success(request, _("The role is changed."))
    return redirect("accounts:user", pk=person.pk)


@perm_required_or_404("accounts.manage_users")
def organisation_add(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        create_organisation(actor=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("The organisation is registered."))
        return redirect("accounts:users")
    return render(request, "accounts/organisation_form.html", {"form": form})


@perm_required_or_404("accounts.view_audit_log")
def audit_log(request):
    entries = AuditEntry.objects.select_related("actor")
    action = request.GET.get("action", "").strip()
    actor = request.GET.get("actor", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page, "action": action, "actor": actor})
