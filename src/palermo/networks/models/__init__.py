from palermo.networks.models.charts import ChartView
from palermo.networks.models.entities import Entity, Source, SourceKind, SourceState, Statement
from palermo.networks.models.investigations import Investigation, MemberRole, Membership, Share, graph_changed
from palermo.networks.models.resolution import BlockingKey, Candidate, Hit, Judgement, ResolutionRun, Verdict

__all__ = [
    "BlockingKey",
    "Candidate",
    "ChartView",
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
    "graph_changed",
]
