"""Writes of investigations: creating one, its members and its shares with other authorities. Every write
is audited under the investigation's number, never its title (the audit log is the secretariat's, and the
secretariat may not know what an authority investigates)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import User
from palermo.cooperation.models import Authority
from palermo.cooperation.rules import PRACTITIONER_ROLES, authority_of
from palermo.core.audit import log_action
from palermo.networks.models import Investigation, MemberRole, Membership, Share
from palermo.networks.rules import is_investigator


class InvestigationError(Exception):
    """A write the rules do not allow, with the reason in the user's language."""


def audit(
    action: str, *, investigation: Investigation, actor, data: dict | None = None, request=None
) -> None:
    """Audit a write inside an investigation under its number only."""
    log_action(
        action,
        actor=actor,
        obj=investigation,
        object_repr=_audit_name(investigation),
        data=data,
        request=request,
    )


def _audit_name(investigation: Investigation) -> str:
    return f"#{investigation.pk}"


@transaction.atomic
def create_investigation(
    *, user: User, title: str, summary: str = "", reference: str = "", hit_notices: bool = True, request=None
) -> Investigation:
    """A new investigation of the user's authority, with the user as its lead."""
    authority = authority_of(user)
    if authority is None or not is_investigator(user):
        raise InvestigationError(_("Only the verified users of a competent authority open investigations."))
    investigation = Investigation.objects.create(
        title=title.strip(),
        summary=summary.strip(),
        reference=reference.strip(),
        hit_notices=hit_notices,
        authority=authority,
        created_by=user,
    )
    Membership.objects.create(investigation=investigation, user=user, role=MemberRole.LEAD, added_by=user)
    audit("networks.investigation.created", investigation=investigation, actor=user, request=request)
    return investigation


@transaction.atomic
def update_investigation(
    *,
    investigation: Investigation,
    user: User,
    title: str,
    summary: str,
    reference: str,
    hit_notices: bool,
    request=None,
) -> Investigation:
    changed = []
    for name, value in (
        ("title", title.strip()),
        ("summary", summary.strip()),
        ("reference", reference.strip()),
        ("hit_notices", hit_notices),
    ):
        if getattr(investigation, name) != value:
            setattr(investigation, name, value)
            changed.append(name)
    if changed:
        investigation.save(update_fields=changed)
        audit(
            "networks.investigation.updated",
            investigation=investigation,
            actor=user,
            data={"fields": changed},
            request=request,
        )
    return investigation


def eligible_authorities(investigation: Investigation) -> list[Authority]:
    """The owner and the authorities it is shared with now: whose users may be members."""
    shared = Authority.objects.filter(
        pk__in=investigation.shares.filter(revoked_at__isnull=True).values("authority")
    )
    return [investigation.authority, *shared.select_related("party")]


def eligible_users(investigation: Investigation):
    """Users who could be added: investigators of the owner or of a sharing authority, not yet members."""
    organisations = [a.organisation_id for a in eligible_authorities(investigation) if a.organisation_id]
    return (
        User.objects.filter(
            organisation__in=organisations,
            is_active=True,
            approved_at__isnull=False,
            suspended_at__isnull=True,
            role__in=PRACTITIONER_ROLES,
        )
        .exclude(investigation_memberships__investigation=investigation)
        .select_related("organisation")
        .order_by("last_name", "first_name")
    )


def not_eligible_message() -> str:
    return _(
        "Only users of the investigation's authority, or of an authority it is shared with, who are not "
        "members yet, can be added."
    )


def no_such_authority_message() -> str:
    return _("No authority of the directory that uses Palermo has this number.")


@transaction.atomic
def add_member(
    *, investigation: Investigation, user: User, member: User, role: str, request=None
) -> Membership:
    if role not in MemberRole.values:
        raise InvestigationError(_("Choose a role: lead, analyst or viewer."))
    if not eligible_users(investigation).filter(pk=member.pk).exists():
        raise InvestigationError(not_eligible_message())
    membership = Membership.objects.create(investigation=investigation, user=member, role=role, added_by=user)
    audit(
        "networks.member.added",
        investigation=investigation,
        actor=user,
        data={"member": member.get_username(), "role": role},
        request=request,
    )
    return membership


def _leads_left(investigation: Investigation, without: Membership) -> int:
    return investigation.memberships.filter(role=MemberRole.LEAD).exclude(pk=without.pk).count()


@transaction.atomic
def change_role(*, membership: Membership, user: User, role: str, request=None) -> Membership:
    if role not in MemberRole.values:
        raise InvestigationError(_("Choose a role: lead, analyst or viewer."))
    if (
        membership.role == MemberRole.LEAD
        and role != MemberRole.LEAD
        and not _leads_left(membership.investigation, membership)
    ):
        raise InvestigationError(_("An investigation keeps at least one lead."))
    if membership.role != role:
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit(
            "networks.member.role_changed",
            investigation=membership.investigation,
            actor=user,
            data={"member": membership.user.get_username(), "from": before, "to": role},
            request=request,
        )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, user: User, request=None) -> None:
    if membership.role == MemberRole.LEAD and not _leads_left(membership.investigation, membership):
        raise InvestigationError(_("An investigation keeps at least one lead."))
    investigation = membership.investigation
    username = membership.user.get_username()
    membership.delete()
    audit(
        "networks.member.removed",
        investigation=investigation,
        actor=user,
        data={"member": username},
        request=request,
    )


@transaction.atomic
def share_investigation(
    *, investigation: Investigation, user: User, authority: Authority, note: str = "", request=None
) -> Share:
    """Open the investigation to another authority (a joint investigation team): its users may then be
    added as members."""
    if authority.pk == investigation.authority_id:
        raise InvestigationError(_("The investigation already belongs to this authority."))
    if investigation.shares.filter(authority=authority, revoked_at__isnull=True).exists():
        raise InvestigationError(_("The investigation is already shared with this authority."))
    share = Share.objects.create(
        investigation=investigation, authority=authority, note=note.strip(), shared_by=user
    )
    audit(
        "networks.investigation.shared",
        investigation=investigation,
        actor=user,
        data={"authority": str(authority), "authority_id": authority.pk},
        request=request,
    )
    return share


@transaction.atomic
def revoke_share(*, share: Share, user: User, request=None) -> Share:
    """Close the investigation to the authority again; its users lose access at once (memberships stay,
    without effect, so that sharing again restores them)."""
    if share.revoked_at is not None:
        raise InvestigationError(_("This share was already revoked."))
    share.revoked_at = timezone.now()
    share.revoked_by = user
    share.save(update_fields=["revoked_at", "revoked_by"])
    audit(
        "networks.investigation.share_revoked",
        investigation=share.investigation,
        actor=user,
        data={"authority": str(share.authority), "authority_id": share.authority_id},
        request=request,
    )
    return share
