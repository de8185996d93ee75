"""The secretariat's work on accounts: register (invite), approve, change roles, organisations, audit log."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from palermo.accounts.forms import AuditFilterForm, InvitationForm, OrganisationForm, RoleForm
from palermo.accounts.models import Organisation, User
from palermo.accounts.security import reauthentication_required
from palermo.core.audit_display import actions_of_group, show_all
from palermo.core.confirm import ask_to_confirm, confirmed
from palermo.core.models import AuditEntry
from palermo.core.pages import page_of
from palermo.core.permissions import perm_required_or_404


@perm_required_or_404("accounts.manage_users")
def user_list(request):
    users = User.objects.visible_to(request.user).select_related("organisation")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        users = users.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    context = {"page": page_of(request, users), "query": query, "organisations": Organisation.objects.all()}
    return render(request, "accounts/user_list.html", context)


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
    history = show_all(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(person.pk)).select_related(
            "actor"
        )[:50]
    )
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


# Actions that take something away from the person: they ask first (core.confirm).
ASK_FIRST = {
    "suspend": gettext_lazy(
        "%(person)s will be signed out everywhere and unable to sign in until the account is reactivated."
    ),
    "reset-two-factor": gettext_lazy(
        "Every authenticator of %(person)s will be removed: they must enrol one again at their next sign-in."
    ),
}
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
    if action in ASK_FIRST and not confirmed(request):
        return ask_to_confirm(
            request,
            question=ASK_FIRST[action] % {"person": person.get_full_name() or person.email},
            action=_("Confirm"),
            back=reverse("accounts:user", args=[person.pk]),
        )
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
    """The audit log as sentences in the reader's language, filtered by person, kind and dates."""
    form = AuditFilterForm(request.GET)
    entries = AuditEntry.objects.select_related("actor")
    # An unreadable filter is shown with its error, never silently ignored.
    entries = filter_audit_log(entries, **form.cleaned_data) if form.is_valid() else entries.none()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page": page, "entries": show_all(page), "form": form})


def filter_audit_log(entries, *, who: str, kind: str, since, until):
    for word in who.split():  # every word names the person: who acted, or whom the entry is about
        named = Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        people = [str(pk) for pk in User.objects.filter(named).values_list("pk", flat=True)]
        entries = entries.filter(
            Q(actor_name__icontains=word)
            | Q(actor__in=User.objects.filter(named))
            | Q(object_type="accounts.user", object_id__in=people)
            | Q(object_type="accounts.user", object_repr__icontains=word)
            | Q(data__username__icontains=word)
        )
    if kind:
        entries = entries.filter(action__in=actions_of_group(kind))
    if since:
        entries = entries.filter(created__date__gte=since)
    if until:
        entries = entries.filter(created__date__lte=until)
    return entries
