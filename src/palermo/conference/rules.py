"""Permissions of the Conference's record: the record is public (no permission to read); the secretariat
records meetings, documents and resolutions. Follow-up is decided per paragraph
(conference.domain.records.may_follow_up)."""

import rules

from palermo.accounts.rules import is_secretariat

rules.add_perm("conference.record_meetings", is_secretariat)
