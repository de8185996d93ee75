"""What the home page says each part of Palermo holds, counted as the visitor may see it: the register is
public (and so is which States designated competent authorities); knowledge-base drafts count only for those who may read them; reviews only for the secretariat
and the people appointed to them."""

from dataclasses import dataclass

from palermo.cooperation.models import Designation
from palermo.cooperation.queries import requests_visible_to
from palermo.knowledge.models import Record
from palermo.register.models import Party
from palermo.review.queries import cycles_visible_to, reviews_visible_to


@dataclass(frozen=True)
class Holdings:
    parties: int  # States and organisations in the register
    records: int  # knowledge-base records this visitor may read
    unpublished: int  # of which not published (drafts of the visitor's authority, or all: secretariat)
    cycles: int  # review cycles this visitor may see
    reviews: int | None  # reviews the visitor takes part in (all: secretariat); None: cannot take part
    designating_states: int  # States with an authority in the directory (public)
    requests: int | None  # requests of the visitor's authority; None: does not work at one


def holdings_for(user) -> Holdings:
    records = Record.objects.visible_to(user)
    visible = records.count()
    published = records.published().count()
    takes_part = user.has_perm("review.take_part") or user.has_perm("review.manage_cycle")
    return Holdings(
        parties=Party.objects.visible_to(user).count(),
        records=visible,
        unpublished=visible - published,
        cycles=cycles_visible_to(user).count(),
        reviews=reviews_visible_to(user).count() if takes_part else None,
        designating_states=Designation.objects.values("authority__party").distinct().count(),
        requests=requests_visible_to(user).count() if user.has_perm("cooperation.view_requests") else None,
    )
