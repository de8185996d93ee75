from palermo.conference.models.decisions import (
    Addressee,
    Decision,
    DecisionKind,
    FollowUp,
    FollowUpStatus,
    OperativeParagraph,
)
from palermo.conference.models.meetings import (
    AgendaItem,
    Body,
    Delegation,
    Document,
    DocumentFile,
    DocumentKind,
    Meeting,
)

__all__ = [
    "Addressee",
    "AgendaItem",
    "Body",
    "Decision",
    "DecisionKind",
    "Delegation",
    "Document",
    "DocumentFile",
    "DocumentKind",
    "FollowUp",
    "FollowUpStatus",
    "Meeting",
    "OperativeParagraph",
]
