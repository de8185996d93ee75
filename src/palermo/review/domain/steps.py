"""The documents of a phase's steps and their workflow: a delegation's experts draft, its focal point
clears (two-level approval). `move()` is the one transition function; every move is kept with its actor,
time and comment, and audited. Other delegations of the review see a document once it is cleared."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.register.models.parties import name_of
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.participants import after, parties_of
from palermo.review.models import (
    DocumentKind,
    DocumentState,
    Participant,
    Review,
    ReviewRole,
    StepDocument,
    StepTransition,
)

DRAFT: str = DocumentState.DRAFT
AWAITING: str = DocumentState.AWAITING_CLEARANCE
CLEARED: str = DocumentState.CLEARED
DRAFTERS = {ReviewRole.GOVERNMENTAL_EXPERT, ReviewRole.FOCAL_POINT}
# (from, to) -> who may make the move, and whether it needs a comment
MOVES = {
    (DRAFT, AWAITING): (DRAFTERS, False),
    (AWAITING, CLEARED): ({ReviewRole.FOCAL_POINT}, False),
    (AWAITING, DRAFT): ({ReviewRole.FOCAL_POINT}, True),
    (CLEARED, DRAFT): ({ReviewRole.FOCAL_POINT}, True),
}


class StaleDocument(ReviewError):
    """Someone else saved the document since it was opened."""


def role_for(user, review: Review, party: str) -> str | None:
    """The user's current role in the review's delegation of `party` (None: not in it)."""
    found = Participant.objects.filter(review=review, party_id=party, user=user, ended_at=None).first()
    return found.role if found else None


JOINT = {DocumentKind.OBSERVATIONS, DocumentKind.SUMMARY}


def authors(review: Review, kind: str) -> list[str]:
    """Which delegations write this kind of document: the State under review its self-assessment, each
    reviewing State its feedback; the joint documents are filed under the State under review."""
    parties = parties_of(review)
    return parties[1:] if kind == DocumentKind.FEEDBACK else parties[:1]


def roles_of(user, review: Review) -> dict[str, str]:
    """The user's current role in the review, by the State they act for (one at most)."""
    found = Participant.objects.filter(review=review, user=user, ended_at=None).values_list(
        "party_id", "role"
    )
    return dict(found)


def drafts_it(user, document: StepDocument, roles: dict[str, str] | None = None) -> bool:
    """The secretariat, and the drafting delegation (for a joint document every delegation): they see the
    document at every stage, with its whole history. `roles`: `roles_of()` when the caller has it."""
    if user.has_perm("review.manage_cycle"):
        return True
    roles = roles_of(user, document.review) if roles is None else roles
    return document.party_id in roles or (document.kind in JOINT and bool(roles))


def can_read(user, document: StepDocument, roles: dict[str, str] | None = None) -> bool:
    """Those who draft it read a document at every stage; the review's other people once it is cleared."""
    roles = roles_of(user, document.review) if roles is None else roles
    if drafts_it(user, document, roles):
        return True
    return document.state == CLEARED and bool(roles) and user.has_perm("review.take_part")


def visible_history(user, document: StepDocument) -> list[tuple[int, StepTransition]]:
    """The document's moves, each with the number of the version it kept. Before clearance a version
    belongs to its delegation: other delegations see only the clearances (never what was withdrawn
    before, nor the focal point's comments when returning or reopening it)."""
    moves = list(enumerate(document.transitions.select_related("actor"), start=1))
    if drafts_it(user, document):
        return moves
    return [(number, move) for number, move in moves if move.to_state == CLEARED]


def drafting_role(user, document: StepDocument, roles: dict[str, str] | None = None) -> str | None:
    """The user's role for drafting: in the authoring delegation, or in any delegation of the review for
    the documents drafted jointly."""
    roles = roles_of(user, document.review) if roles is None else roles
    if document.kind in JOINT:
        return next(iter(roles.values()), None)
    return roles.get(document.party_id)


def can_edit(user, document: StepDocument) -> bool:
    return document.state == DRAFT and drafting_role(user, document) in DRAFTERS


def allowed_moves(user, document: StepDocument) -> list[str]:
    """Drafters submit (for a joint document, those of every delegation); the authoring delegation's focal
    point (for a joint document, the State under review's) clears, returns and reopens. A published
    summary stays as published."""
    if document.published_at:
        return []
    roles = roles_of(user, document.review)
    drafting, own = drafting_role(user, document, roles), roles.get(document.party_id)
    return [
        to
        for (start, to), (allowed, _c) in MOVES.items()
        if start == document.state and (own if allowed == {ReviewRole.FOCAL_POINT} else drafting) in allowed
    ]


def _check_author(review: Review, phase: int, kind: str, party: str) -> None:
    if party not in authors(review, kind) or not 1 <= phase <= 4:
        raise ReviewError(
            _("%(state)s does not write this document in this review.") % {"state": name_of(party)}
        )


def unsaved_document(*, review: Review, phase: int, kind: str, party: str) -> StepDocument:
    """The step's document as it is before anyone writes it: empty, not stored (what a GET shows)."""
    _check_author(review, phase, kind, party)
    return StepDocument(review=review, phase=phase, kind=kind, party_id=party)


@transaction.atomic
def document(*, review: Review, phase: int, kind: str, party: str, user) -> StepDocument:
    """The delegation's document for this step (a new, empty draft the first time, audited). Called by a
    write, never by opening the page."""
    _check_author(review, phase, kind, party)
    found, created = StepDocument.objects.get_or_create(
        review=review, phase=phase, kind=kind, party_id=party, defaults={"updated_by": user}
    )
    if created:
        log_action("review.document.started", actor=user, obj=found, data={"version": found.version})
    return found


@transaction.atomic
def save_text(*, document: StepDocument, user, text: str, expected_version: int) -> StepDocument:
    """Save a draft; refused when someone else saved it since `expected_version` (no lost update)."""
    locked = StepDocument.objects.select_for_update().get(pk=document.pk)
    if not can_edit(user, locked):
        raise ReviewError(_("This document is not a draft you may change."))
    if locked.version != expected_version:
        raise StaleDocument(
            _(
                "%(person)s saved this document since you opened it (version %(current)s, you had %(yours)s). Copy your text, reload, and apply it again."
            )
            % {
                "person": locked.updated_by.get_full_name() or locked.updated_by.email,
                "current": locked.version,
                "yours": expected_version,
            }
        )
    locked.text, locked.version, locked.updated_by = text, locked.version + 1, user
    locked.save(update_fields=["text", "version", "updated_by", "updated"])
    log_action("review.document.saved", actor=user, obj=locked, data={"version": locked.version})
    return locked


@transaction.atomic
def move(*, document: StepDocument, user, to_state: str, comment: str = "") -> StepDocument:
    """Move a document in its workflow: submit for clearance, clear, return to the drafters, reopen."""
    locked = StepDocument.objects.select_for_update().get(pk=document.pk)
    rule = MOVES.get((locked.state, to_state))
    if rule is None or to_state not in allowed_moves(user, locked):
        raise ReviewError(_("You may not make this move."))
    if rule[1] and not comment.strip():
        raise ReviewError(_("Say why: the comment goes to the drafters."))
    if to_state == AWAITING:
        _check_ready(locked)
    StepTransition.objects.create(
        document=locked,
        from_state=locked.state,
        to_state=to_state,
        actor=user,
        comment=comment.strip(),
        version=locked.version,
    )
    locked.state = to_state
    locked.cleared_at = timezone.now() if to_state == CLEARED else None
    locked.save(update_fields=["state", "cleared_at", "updated"])
    from palermo.review.domain.feedback import keep_version  # it builds on this module

    keep_version(locked, user, to_state)
    log_action(
        "review.document.moved", actor=user, obj=locked, data={"to": to_state, "comment": comment.strip()}
    )
    return locked


def _check_ready(document: StepDocument) -> None:
    """A self-assessment goes for clearance with every question answered; other documents not empty."""
    from palermo.review.domain.feedback import has_comments  # both build on this module
    from palermo.review.domain.questionnaire import progress

    if document.kind == DocumentKind.OBSERVATIONS and not document.observations.exists():
        raise ReviewError(_("The list has no observation yet."))
    if document.kind != DocumentKind.SELF_ASSESSMENT:
        if not (
            document.text.strip() or has_comments(document) or document.kind == DocumentKind.OBSERVATIONS
        ):
            raise ReviewError(_("The document is empty."))
        return

    answered, asked = progress(document)
    if answered < asked:
        raise ReviewError(
            _("%(left)s of %(asked)s questions are not answered yet (an answer and its explanation).")
            % {"left": asked - answered, "asked": asked}
        )


@dataclass
class Step:
    """A document step of a phase for one delegation, as the review page lists it."""

    kind: str
    label: str
    party: str
    document: StepDocument | None
    due: date | None

    @property
    def overdue(self) -> bool:
        done = self.document is not None and self.document.state == CLEARED
        return not done and self.due is not None and timezone.localdate() > self.due


def phase_start(review: Review, phase: int) -> date:
    return review.cycle.phase_start(phase, review.group)


def steps(review: Review, phase: int) -> list[Step]:
    """The self-assessment (due six months into the phase) and each reviewing State's feedback (due six
    months after the self-assessment is cleared, i.e. received by the reviewers)."""
    deadlines = review.cycle.deadlines
    found = {(d.kind, d.party_id): d for d in StepDocument.objects.filter(review=review, phase=phase)}
    saq_party, *reviewers = parties_of(review)
    saq = found.get((DocumentKind.SELF_ASSESSMENT, saq_party))
    saq_due = (
        after(phase_start(review, phase), deadlines["self_assessment_answered"])
        if "self_assessment_answered" in deadlines
        else None
    )
    listed = [
        Step(DocumentKind.SELF_ASSESSMENT, str(DocumentKind.SELF_ASSESSMENT.label), saq_party, saq, saq_due)
    ]
    received = saq.cleared_at.date() if saq is not None and saq.state == CLEARED and saq.cleared_at else None
    feedback_after = deadlines.get("written_feedback_after_answers_received")
    for party in reviewers:
        due = after(received, feedback_after) if received and feedback_after else None
        listed.append(
            Step(
                DocumentKind.FEEDBACK,
                str(DocumentKind.FEEDBACK.label),
                party,
                found.get((DocumentKind.FEEDBACK, party)),
                due,
            )
        )
    for kind in (DocumentKind.OBSERVATIONS, DocumentKind.SUMMARY):
        listed.append(Step(kind, str(kind.label), saq_party, found.get((kind, saq_party)), None))
    return listed


def may_start(user, review: Review, kind: str, party: str, roles: dict[str, str] | None = None) -> bool:
    """Whether the user may open (and so create) this step's document before it exists."""
    roles = roles_of(user, review) if roles is None else roles
    if kind in JOINT:
        return any(role in DRAFTERS for role in roles.values())
    return roles.get(party) in DRAFTERS
