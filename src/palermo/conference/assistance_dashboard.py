"""Reads of technical assistance: the needs a reader may see (everyone: the published ones; a State's people:
their State's too; the secretariat: all), whether each is met (an activity that meets it is completed), and
the dashboard's counts of needs met and not yet met by regional group and by article, with the map's
colour of each State."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from palermo.accounts.rules import is_secretariat
from palermo.conference.models import ActivityStatus, AssistanceActivity, AssistanceNeed
from palermo.conference.results import group_labels
from palermo.core.i18n import article_of


def visible_needs(user) -> QuerySet[AssistanceNeed]:
    completed = AssistanceActivity.objects.filter(needs=OuterRef("pk"), status=ActivityStatus.COMPLETED)
    found = AssistanceNeed.objects.select_related("party").annotate(met=Exists(completed))
    if is_secretariat(user):
        return found
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    if organisation is not None and organisation.party_id:
        return found.filter(Q(publish=True) | Q(party_id=organisation.party_id))
    return found.filter(publish=True)


@dataclass
class Tally:
    label: str
    met: int = 0
    unmet: int = 0

    @property
    def total(self) -> int:
        return self.met + self.unmet


def by_group(needs: list[AssistanceNeed]) -> list[Tally]:
    labels = group_labels()
    tallies = {key: Tally(label) for key, label in labels.items()}
    for need in needs:
        tally = tallies[need.party.regional_group or ""]
        if need.met:
            tally.met += 1
        else:
            tally.unmet += 1
    return [tally for tally in tallies.values() if tally.total]


def by_article(needs: list[AssistanceNeed], limit: int = 15) -> list[Tally]:
    """The articles needs name, the most needs not yet met first."""
    met, unmet, labels = Counter(), Counter(), {}
    for need in needs:
        for article in need.articles.all():
            labels[article.pk] = article_of(article.instrument.local_short_title, article.number)
            (met if need.met else unmet)[article.pk] += 1
    keys = sorted(labels, key=lambda key: (-unmet[key], -met[key], labels[key]))[:limit]
    return [Tally(labels[key], met[key], unmet[key]) for key in keys]


def state_status(needs: list[AssistanceNeed]) -> dict[str, str]:
    """Each State with needs shown: "unmet" when one is not yet met, else "met"."""
    status: dict[str, str] = {}
    for need in needs:
        if not need.met:
            status[need.party_id] = "unmet"
        else:
            status.setdefault(need.party_id, "met")
    return status
