from palermo.review.models.cycles import Cluster, ReviewCycle
from palermo.review.models.draws import Draw, Review, ReviewerAssignment
from palermo.review.models.participants import Participant, ReviewRole
from palermo.review.models.reminders import Reminder
from palermo.review.models.steps import DocumentKind, DocumentState, StepDocument, StepTransition

__all__ = [
    "Cluster",
    "DocumentKind",
    "DocumentState",
    "Draw",
    "Participant",
    "Reminder",
    "Review",
    "ReviewCycle",
    "ReviewRole",
    "ReviewerAssignment",
    "StepDocument",
    "StepTransition",
]
