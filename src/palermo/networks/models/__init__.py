from palermo.networks.models.entities import Entity, Source, SourceKind, SourceState, Statement
from palermo.networks.models.investigations import Investigation, MemberRole, Membership, Share
from palermo.networks.models.resolution import BlockingKey, Candidate, Hit, Judgement, ResolutionRun, Verdict

__all__ = [
    "BlockingKey",
    "Candidate",
    "Entity",
    "Hit",
    "Investigation",
    "Judgement",
    "MemberRole",
    "Membership",
    "ResolutionRun",
    "Share",
    "Source",
    "SourceKind",
    "SourceState",
    "Statement",
    "Verdict",
]
