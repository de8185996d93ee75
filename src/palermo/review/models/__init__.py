from palermo.review.models.answers import (
    ArticleAnswer,
    AssistanceKind,
    AssistanceNeed,
    Citation,
    Priority,
    QuestionAnswer,
    Response,
)
from palermo.review.models.cycles import Cluster, ReviewCycle
from palermo.review.models.draws import Draw, Review, ReviewerAssignment
from palermo.review.models.feedback import DialogueMessage, DocumentVersion, FeedbackArticle
from palermo.review.models.outcomes import Observation, ObservationCategory, SummaryTranslation
from palermo.review.models.participants import AppointmentRequest, Participant, ReviewRole
from palermo.review.models.reminders import Reminder
from palermo.review.models.steps import DocumentKind, DocumentState, StepDocument, StepTransition

__all__ = [
    "AppointmentRequest",
    "ArticleAnswer",
    "AssistanceKind",
    "AssistanceNeed",
    "Citation",
    "Cluster",
    "DialogueMessage",
    "DocumentKind",
    "DocumentState",
    "DocumentVersion",
    "Draw",
    "FeedbackArticle",
    "Observation",
    "ObservationCategory",
    "Participant",
    "Priority",
    "QuestionAnswer",
    "Reminder",
    "Response",
    "Review",
    "ReviewCycle",
    "ReviewRole",
    "ReviewerAssignment",
    "StepDocument",
    "StepTransition",
    "SummaryTranslation",
]
