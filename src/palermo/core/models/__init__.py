from palermo.core.models.audit import AuditEntry
from palermo.core.models.jobs import Job, JobState

__all__ = ["AuditEntry", "Job", "JobState"]
