from palermo.networks.models.charts import ChartView
from palermo.networks.models.entities import Entity, Source, SourceKind, SourceState, Statement
from palermo.networks.models.investigations import Investigation, MemberRole, Membership, Share, graph_changed
from palermo.networks.models.resolution import BlockingKey, Candidate, Hit, Judgement, ResolutionRun, Verdict
from palermo.networks.models.screening import (
    Decision,
    ListedEntity,
    ListedKey,
    ScreeningHit,
    WatchList,
)

__all__ = [
    "BlockingKey",
    "Candidate",
    "ChartView",
    "Decision",
    "Entity",
    "Hit",
    "Investigation",
    "Judgement",
    "ListedEntity",
    "ListedKey",
    "MemberRole",
    "Membership",
    "ResolutionRun",
    "ScreeningHit",
    "Share",
    "Source",
    "SourceKind",
    "SourceState",
    "Statement",
    "Verdict",
    "WatchList",
    "graph_changed",
]
