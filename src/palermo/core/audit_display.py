"""The audit log as people read it: a sentence for every action `log_action` writes, in the reader's
language, with its subjects (who, what), and the entry's data as "label: value" lines. The entries stay
as they were written (actions are stable codes; `tests/core/test_audit_display.py` checks that every
action the code writes has its sentence here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from palermo.core.i18n import format_date, format_datetime
from palermo.core.models import AuditEntry

GROUPS: dict[str, Promise] = {
    "sign_in": _("Signing in and out"),
    "failures": _("Failed sign-ins and locks"),
    "security": _("Passwords and two-factor authentication"),
    "accounts": _("Accounts and roles"),
    "register": _("Treaty register"),
    "knowledge": _("Knowledge base"),
    "review": _("Review Mechanism"),
}


def _choice(import_path: str) -> Callable[[object], str]:
    """A reader showing a stored code as the label of a model's choices (imported when first read)."""

    def read(value) -> str:
        module, name = import_path.rsplit(".", 1)
        choices = getattr(__import__(module, fromlist=[name]), name)
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value)

    return read


def _moment(value) -> str:
    """An ISO date or date-time stored in the data, as the reader's language writes it."""
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_datetime(parsed) if "T" in str(value) else format_date(parsed.date())


def _language(value) -> str:
    if not value:
        return gettext("no preference")
    try:
        return str(get_language_info(value)["name_translated"])
    except KeyError:
        return str(value)


ROLE = _choice("palermo.accounts.models.Role")
REVIEW_ROLE = _choice("palermo.review.models.ReviewRole")
RECORD_STATE = _choice("palermo.knowledge.models.CurationState")
DOCUMENT_STATE = _choice("palermo.review.models.steps.DocumentState")
LOCK_SCOPE = {"address": _("from one network address"), "account": _("on the account")}


@dataclass(frozen=True)
class Action:
    group: str
    sentence: Promise  # %(actor)s, %(object)s and the entry's data keys
    readers: dict[str, Callable[[object], str]] = field(default_factory=dict)  # data key -> shown value


def action(group: str, sentence: Promise, **readers) -> Action:
    """An action's sentence and how to show its data (`readers`: data key -> shown value)."""
    return Action(group, sentence, readers)


_a = action


ACTIONS: dict[str, Action] = {
    # Signing in and out
    "auth.login": _a("sign_in", _("%(actor)s signed in with their password")),
    "auth.two_factor.verified": _a("sign_in", _("Two-factor code verified for %(actor)s: signed in")),
    "auth.logout": _a("sign_in", _("%(actor)s signed out")),
    "auth.reauthenticated": _a("sign_in", _("%(actor)s confirmed their password for a sensitive action")),
    # Background jobs (imports, searches for candidates): who stopped one
    "job.cancelled": _a("accounts", _("%(actor)s cancelled the background job %(object)s")),
    # Failures and locks
    "auth.login.failed": _a("failures", _("Wrong password given for %(username)s")),
    "auth.two_factor.failed": _a("failures", _("Wrong two-factor code given for %(username)s")),
    "auth.lockout": _a(
        "failures",
        _("Sign-in locked %(scope)s for %(username)s after %(failures)s failures"),
        scope=lambda value: str(LOCK_SCOPE.get(value, value)),
        until=_moment,
    ),
    "accounts.user.activation_refused": _a(
        "failures", _("An activation link of the suspended account of %(object)s was refused")
    ),
    # Passwords and second factors
    "auth.password.changed": _a("security", _("%(actor)s changed their password")),
    "auth.password_reset.requested": _a("security", _("A password reset e-mail was asked for")),
    "auth.password_reset.sent": _a("security", _("A password reset e-mail was sent to %(object)s")),
    "auth.password_reset.completed": _a(
        "security", _("%(actor)s chose a new password through the e-mailed link")
    ),
    "auth.two_factor.enrolled": _a("security", _("%(actor)s set up two-factor authentication")),
    "auth.two_factor.added": _a("security", _("%(actor)s added the authenticator “%(device)s”")),
    "auth.two_factor.removed": _a("security", _("%(actor)s removed the authenticator “%(device)s”")),
    "auth.two_factor.reset": _a("security", _("%(actor)s reset the two-factor authentication of %(object)s")),
    # Accounts
    "accounts.user.invited": _a("accounts", _("%(actor)s registered %(object)s as %(role)s"), role=ROLE),
    "accounts.user.invitation_resent": _a(
        "accounts", _("%(actor)s sent a new activation link to %(object)s")
    ),
    "accounts.user.activated": _a("accounts", _("%(object)s activated their account")),
    "accounts.user.approved": _a("accounts", _("%(actor)s approved the profile of %(object)s")),
    "accounts.user.suspended": _a("accounts", _("%(actor)s suspended the account of %(object)s")),
    "accounts.user.reactivated": _a("accounts", _("%(actor)s reactivated the account of %(object)s")),
    "accounts.user.demo_created": _a(
        "accounts", _("Demo account of %(object)s created as %(role)s"), role=ROLE
    ),
    "accounts.user.language_changed": _a(
        "accounts", _("%(actor)s chose %(to)s as their language"), to=_language, **{"from": _language}
    ),
    "accounts.permission.changed": _a(
        "accounts", _("%(actor)s changed the role of %(object)s to %(to)s"), to=ROLE, **{"from": ROLE}
    ),
    "accounts.organisation.created": _a("accounts", _("%(actor)s registered the organisation %(object)s")),
    # Treaty register
    "register.reference_data.loaded": _a(
        "register", _("%(actor)s loaded the reference data (%(parties)s parties, %(articles)s articles)")
    ),
    "register.parties.renamed": _a("register", _("%(actor)s renamed parties to their official short names")),
    "register.status.imported": _a(
        "register", _("%(actor)s imported the treaty status as at %(as_of)s"), as_of=_moment
    ),
    "register.declaration.added": _a(
        "register", _("%(actor)s added a declaration of %(party)s"), date=_moment
    ),
    # Knowledge base
    "knowledge.record.created": _a("knowledge", _("%(actor)s created the record %(object)s")),
    "knowledge.record.changed": _a("knowledge", _("%(actor)s changed the record %(object)s")),
    "knowledge.record.draft": _a(
        "knowledge", _("%(actor)s sent the record %(object)s back to draft"), **{"from": RECORD_STATE}
    ),
    "knowledge.record.submitted": _a(
        "knowledge", _("%(actor)s submitted the record %(object)s"), **{"from": RECORD_STATE}
    ),
    "knowledge.record.verified": _a(
        "knowledge", _("%(actor)s verified the record %(object)s"), **{"from": RECORD_STATE}
    ),
    "knowledge.record.published": _a(
        "knowledge", _("%(actor)s published the record %(object)s"), **{"from": RECORD_STATE}
    ),
    "knowledge.attachment.added": _a(
        "knowledge", _("%(actor)s attached “%(name)s” to the record %(object)s")
    ),
    "knowledge.records.imported": _a(
        "knowledge", _("%(actor)s imported %(records)s records (%(state)s)"), state=RECORD_STATE
    ),
    "knowledge.search.saved": _a("knowledge", _("%(actor)s saved the search “%(name)s”")),
    "knowledge.search.deleted": _a("knowledge", _("%(actor)s deleted the saved search “%(name)s”")),
    "knowledge.taxonomy.loaded": _a("knowledge", _("%(actor)s loaded the taxonomy %(object)s")),
    # Review Mechanism
    "review.cycle.launched": _a("review", _("%(actor)s launched %(object)s")),
    "review.cluster.corrected": _a("review", _("%(actor)s corrected the cluster %(object)s")),
    "review.lots.drawn": _a("review", _("%(actor)s drew lots: %(object)s")),
    "review.reviewer.redrawn": _a(
        "review", _("%(actor)s redrew a reviewer of %(state_under_review)s in place of %(reviewer)s")
    ),
    "review.draw.published": _a("review", _("%(actor)s published the draw %(object)s")),
    "review.participant.appointed": _a(
        "review", _("%(actor)s appointed %(object)s as %(role)s of %(party)s"), role=REVIEW_ROLE
    ),
    "review.participant.ended": _a("review", _("%(actor)s ended the participation of %(object)s")),
    "review.appointment.requested": _a(
        "review", _("%(actor)s asked the secretariat to appoint %(object)s as %(role)s"), role=REVIEW_ROLE
    ),
    "review.appointment.request_closed": _a(
        "review", _("%(actor)s closed the appointment request %(object)s")
    ),
    "review.document.started": _a("review", _("%(actor)s started %(object)s")),
    "review.document.saved": _a("review", _("%(actor)s saved %(object)s")),
    "review.document.moved": _a("review", _("%(actor)s moved %(object)s to “%(to)s”"), to=DOCUMENT_STATE),
    "review.saq.article_saved": _a(
        "review", _("%(actor)s saved the answers on article %(article)s of %(object)s")
    ),
    "review.saq.need_added": _a(
        "review", _("%(actor)s added a technical-assistance need on article %(article)s of %(object)s")
    ),
    "review.saq.need_removed": _a(
        "review", _("%(actor)s removed a technical-assistance need on article %(article)s of %(object)s")
    ),
    "review.saq.citation_added": _a(
        "review", _("%(actor)s cited a source on article %(article)s of %(object)s")
    ),
    "review.saq.citation_removed": _a(
        "review", _("%(actor)s removed a citation on article %(article)s of %(object)s")
    ),
    "review.saq.exported": _a("review", _("%(actor)s downloaded %(object)s (%(format)s)")),
    "review.saq.imported": _a("review", _("%(actor)s imported a filled questionnaire into %(object)s")),
    "review.feedback.saved": _a("review", _("%(actor)s saved comments on article %(article)s in %(object)s")),
    "review.dialogue.posted": _a("review", _("%(actor)s wrote in the dialogue of %(object)s")),
    "review.observation.added": _a("review", _("%(actor)s added an observation to %(object)s")),
    "review.observation.removed": _a("review", _("%(actor)s removed an observation from %(object)s")),
    "review.summary.translation_set": _a("review", _("%(actor)s set a language version of %(object)s")),
    "review.summary.published": _a("review", _("%(actor)s published %(object)s")),
    "review.reminder.sent": _a("review", _("Reminder of an overdue step of %(object)s sent to %(to)s")),
}

DETAIL_LABELS: dict[str, Promise] = {
    "username": _("user name"),
    "step": _("step"),
    "reason": _("reason"),
    "scope": _("scope"),
    "failures": _("failures"),
    "until": _("until"),
    "sessions_ended": _("other sessions signed out"),
    "invitations_revoked": _("activation links revoked"),
    "device": _("authenticator"),
    "devices": _("authenticators left"),
    "role": _("role"),
    "from": _("before"),
    "to": _("after"),
    "nomination_reference": _("note verbale"),
    "kind": _("kind"),
    "party": _("State"),
    "instrument": _("instrument"),
    "date": _("date"),
    "as_of": _("as at"),
    "files": _("files"),
    "changes": _("changes"),
    "version": _("version"),
    "fields": _("fields"),
    "note": _("note"),
    "name": _("name"),
    "query": _("query"),
    "size": _("size (bytes)"),
    "records": _("records"),
    "state": _("state"),
    "file": _("file"),
    "article": _("article"),
    "articles": _("articles"),
    "parties": _("parties"),
    "comment": _("comment"),
    "review": _("review"),
    "format": _("format"),
    "languages": _("languages"),
    "text": _("text"),
}
LONGEST_DETAIL = 300


def add_actions(
    group: str, label: Promise, actions: dict[str, Action], labels: dict[str, Promise] | None = None
) -> None:
    """Let an app (in its AppConfig.ready) add its group of actions and the labels of their data keys."""
    GROUPS[group] = label
    ACTIONS.update(actions)
    DETAIL_LABELS.update(labels or {})


@dataclass(frozen=True)
class ShownEntry:
    entry: AuditEntry
    sentence: str
    group: str
    details: list[tuple[str, str]]


class _Values(dict):
    """The values a sentence is written with; a key the entry lacks shows as '?' (older entries)."""

    def __missing__(self, key):
        return "?"


def actor_label(entry: AuditEntry) -> str:
    if entry.actor_id and entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor_name
    if entry.actor_name == "system":
        return gettext("A command")
    if entry.actor_name in ("", "?"):
        return gettext("Someone not signed in")
    return entry.actor_name


def _plain(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(_plain(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items()) or "—"
    text = str(value)
    return text if len(text) <= LONGEST_DETAIL else text[: LONGEST_DETAIL - 1] + "…"


_RANK = {key: rank for rank, key in enumerate(DETAIL_LABELS)}


def _detail_order(key: str) -> tuple[int, str]:
    """The data's keys in DETAIL_LABELS' order, the others after them alphabetically: the same order on
    every database (PostgreSQL's JSONB does not keep the order keys were written in)."""
    return (_RANK.get(key, len(_RANK)), key)


def show(entry: AuditEntry) -> ShownEntry:
    """The entry as a sentence in the active language, with its data as readable (label, value) pairs."""
    action = ACTIONS.get(entry.action)
    data = entry.data if isinstance(entry.data, dict) else {"data": entry.data}
    readers = action.readers if action else {}
    shown = {key: (readers[key](value) if key in readers else _plain(value)) for key, value in data.items()}
    values = _Values(shown, actor=actor_label(entry), object=entry.object_repr or "—")
    sentence = str(action.sentence) % values if action else entry.action
    details = [
        (str(DETAIL_LABELS.get(key, key.replace("_", " "))), shown[key])
        for key in sorted(shown, key=_detail_order)
    ]
    return ShownEntry(entry, sentence, str(GROUPS[action.group]) if action else "", details)


def show_all(entries: Iterable[AuditEntry]) -> list[ShownEntry]:
    return [show(entry) for entry in entries]


def actions_of_group(group: str) -> list[str]:
    return [code for code, action in ACTIONS.items() if action.group == group]
