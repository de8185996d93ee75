from palermo.knowledge.models.records import (
    Attachment,
    BibliographyDetail,
    CaseDetail,
    CurationState,
    Defendant,
    Gender,
    LegislationDetail,
    Record,
    RecordKind,
    RecordVersion,
    StrategyDetail,
    Victim,
)
from palermo.knowledge.models.saved import SavedSearch
from palermo.knowledge.models.search import SearchPairs, SearchPostings, SearchSegment, SearchToken
from palermo.knowledge.models.taxonomy import TaxonomyRelease, Term, Vocabulary

__all__ = [
    "Attachment",
    "BibliographyDetail",
    "CaseDetail",
    "CurationState",
    "Defendant",
    "Gender",
    "LegislationDetail",
    "Record",
    "RecordKind",
    "RecordVersion",
    "SavedSearch",
    "SearchPairs",
    "SearchPostings",
    "SearchSegment",
    "SearchToken",
    "StrategyDetail",
    "TaxonomyRelease",
    "Term",
    "Victim",
    "Vocabulary",
]
