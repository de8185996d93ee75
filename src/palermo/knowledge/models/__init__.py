from palermo.knowledge.models.records import (
    BibliographyDetail,
    CaseDetail,
    CurationState,
    Defendant,
    Gender,
    LegislationDetail,
    Passage,
    Record,
    RecordKind,
    RecordVersion,
    StrategyDetail,
    Victim,
)
from palermo.knowledge.models.taxonomy import TaxonomyRelease, Term, Vocabulary

__all__ = [
    "BibliographyDetail",
    "CaseDetail",
    "CurationState",
    "Defendant",
    "Gender",
    "LegislationDetail",
    "Passage",
    "Record",
    "RecordKind",
    "RecordVersion",
    "StrategyDetail",
    "TaxonomyRelease",
    "Term",
    "Victim",
    "Vocabulary",
]
