"""Writes of the Review Mechanism's set-up: launching a cycle, correcting its clusters, drawing lots,
redrawing a reviewer, publishing a draw. Each is atomic and audited."""

import json
import secrets
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.register.models import Article, Instrument
from palermo.register.models.parties import name_of
from palermo.review.domain import draw as lots
from palermo.review.interfaces.participation import parties_from_document, parties_from_register
from palermo.review.models import Cluster, Draw, Review, ReviewCycle, ReviewerAssignment

CLUSTERS_FILE = Path(__file__).resolve().parent.parent / "data" / "clusters.json"
CLUSTER_TITLES_FILE = CLUSTERS_FILE.with_name("cluster-titles.json")


class ReviewError(Exception):
    """A write the rules do not allow; the message says why, for the user. `field`: the form field the
    problem is about (its name in the posted form), where there is one, so the page shows it there."""

    def __init__(self, message: str = "", *, field: str = ""):
        super().__init__(message)
        self.field = field


def bundled_clusters() -> dict:
    return json.loads(CLUSTERS_FILE.read_text(encoding="utf-8"))


def bundled_cluster_titles() -> dict[str, dict[str, str]]:
    """English cluster name -> {language: name} in the six languages."""
    return json.loads(CLUSTER_TITLES_FILE.read_text(encoding="utf-8"))["titles"]


@transaction.atomic
def launch_cycle(
    *, user, number: int, reference_date: date, first_year: int, rules: lots.Rules, is_demo: bool = False
) -> ReviewCycle:
    """A new cycle with its own copy of the bundled clusters (corrected per cycle before each phase)."""
    if ReviewCycle.objects.filter(number=number).exists():
        raise ReviewError(_("Cycle %(number)s already exists.") % {"number": number})
    rules.check()
    data = bundled_clusters()
    titles = bundled_cluster_titles()
    cycle = ReviewCycle.objects.create(
        number=number,
        reference_date=reference_date,
        first_year=first_year,
        phase_years=data["phase_years"],
        rules=rules.as_dict(),
        clusters_version=data["version"],
        clusters_about=data["about"],
        deadlines={step: value for step, value in data["deadlines"].items() if step != "source"},
        is_demo=is_demo,
        created_by=user,
    )
    for cluster in data["clusters"]:
        Cluster.objects.create(
            cycle=cycle,
            phase=cluster["phase"],
            title=cluster["title"],
            titles=titles.get(cluster["title"], {}),
            articles=cluster["articles"],
            version=data["version"],
            source=data["about"],
        )
    log_action("review.cycle.launched", actor=user, obj=cycle, data={"rules": rules.as_dict()})
    return cycle


@transaction.atomic
def correct_cluster(*, cluster: Cluster, user, articles: dict[str, list[str]], source: str) -> Cluster:
    """Replace a cluster's article lists (by instrument) before its phase starts; each list becomes
    "confirmed" by the source the secretariat names."""
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if timezone.localdate() >= cluster.cycle.phase_start(cluster.phase):
        raise ReviewError(
            _("Phase %(phase)s has started: its cluster can no longer change.") % {"phase": cluster.phase}
        )
    known: dict[str, set[str]] = {
        code: set() for code in Instrument.objects.filter(code__in=articles).values_list("code", flat=True)
    }
    for code, number in Article.objects.filter(instrument_id__in=known).values_list(
        "instrument_id", "number"
    ):
        known[code].add(number)
    for code, numbers in articles.items():
        if code not in known:
            raise ReviewError(_("Unknown instrument: %(code)s") % {"code": code})
        unknown = sorted(set(numbers) - known[code], key=_article_order)
        if unknown:
            raise ReviewError(
                _("%(instrument)s has no article %(articles)s")
                % {"instrument": code, "articles": ", ".join(unknown)}
            )
    before = cluster.articles
    cluster.articles = {
        code: {"articles": sorted(set(numbers), key=_article_order), "confidence": "confirmed"}
        for code, numbers in articles.items()
    }
    cluster.version = f"{timezone.localdate().isoformat()}-corrected"
    cluster.source = source
    cluster.save(update_fields=["articles", "version", "source", "updated"])
    log_action(
        "review.cluster.corrected",
        actor=user,
        obj=cluster,
        data={"before": before, "after": cluster.articles},
    )
    return cluster


def _article_order(number: str) -> tuple[int, str]:
    digits = "".join(ch for ch in number if ch in "0123456789")[:9]
    return (int(digits) if digits else 0, number)


@transaction.atomic
def draw_lots(
    *, cycle: ReviewCycle, user, seed: int | None = None, participation: dict | None = None
) -> Draw:
    """Draw groups and reviewers for the cycle (once) from the register, or from a given register export;
    raises lots.DrawImpossible naming the State and rule when the rules cannot be met."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.draws.exists():
        raise ReviewError(_("Lots have already been drawn for this cycle; a reviewer can be redrawn."))
    seed = secrets.randbelow(2**31) if seed is None else seed
    if participation is None:
        parties, participation = parties_from_register(cycle.reference_date)
    else:
        parties = parties_from_document(participation, cycle.reference_date)
    rules = lots.Rules.from_dict(cycle.rules)
    result = lots.draw(parties, rules, seed)
    drawn = Draw.objects.create(
        cycle=cycle,
        kind=Draw.Kind.INITIAL,
        seed=seed,
        rules=rules.as_dict(),
        participation=participation,
        result=result.as_dict(),
        created_by=user,
    )
    _store_reviews(drawn, result)
    log_action(
        "review.lots.drawn", actor=user, obj=drawn, data={"seed": seed, "reviews": len(result.reviews)}
    )
    return drawn


@transaction.atomic
def redraw_reviewer(
    *, cycle: ReviewCycle, user, state_under_review: str, reviewer: str, reason: str, seed: int | None = None
) -> Draw:
    """Replace one reviewing State of a State under review, at that State's request (at most
    `redraws_allowed` times), keeping every other assignment."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    current = cycle.draws.order_by("-created", "-id").first()
    if current is None:
        raise ReviewError(_("Lots have not been drawn for this cycle yet."))
    if not reason.strip():
        raise ReviewError(_("Give the reason for the redraw: it is published with it."))
    rules = lots.Rules.from_dict(cycle.rules)
    done = cycle.draws.filter(kind=Draw.Kind.REDRAW, state_under_review_id=state_under_review).count()
    if done >= rules.redraws_allowed:
        raise ReviewError(
            _("%(state)s has used its %(count)s redraws.")
            % {"state": name_of(state_under_review), "count": rules.redraws_allowed}
        )
    assigned = {(a["state_under_review"], a["reviewer"]) for a in current.result["assignments"]}
    if (state_under_review, reviewer) not in assigned:
        raise ReviewError(
            _("%(reviewer)s is not a reviewing State of %(state)s.")
            % {"reviewer": name_of(reviewer), "state": name_of(state_under_review)}
        )
    seed = secrets.randbelow(2**31) if seed is None else seed
    parties = parties_from_document(current.participation, cycle.reference_date)
    result = lots.redraw(parties, rules, seed, current.result, state_under_review, reviewer)
    drawn = Draw.objects.create(
        cycle=cycle,
        kind=Draw.Kind.REDRAW,
        seed=seed,
        rules=rules.as_dict(),
        participation=current.participation,
        result=result.as_dict(),
        state_under_review_id=state_under_review,
        replaced_reviewer_id=reviewer,
        reason=reason.strip(),
        created_by=user,
    )
    _store_reviews(drawn, result)
    log_action(
        "review.reviewer.redrawn",
        actor=user,
        obj=drawn,
        data={"state_under_review": state_under_review, "reviewer": reviewer, "reason": reason, "seed": seed},
    )
    return drawn


def _store_reviews(drawn: Draw, result: lots.Draw) -> None:
    """Reviews and their reviewing States as the draw says; assignments it no longer has end with it."""
    reviews = {(r.state_under_review_id, r.instrument_id): r for r in drawn.cycle.reviews.all()}
    active = {
        (a.review_id, a.reviewing_state_id, a.slot): a
        for a in ReviewerAssignment.objects.filter(review__cycle=drawn.cycle, ended_by=None)
    }
    wanted = set()
    for item in result.reviews:
        review = reviews.get((item.state_under_review, item.instrument))
        if review is None:
            review = Review.objects.create(
                cycle=drawn.cycle,
                state_under_review_id=item.state_under_review,
                instrument_id=item.instrument,
                group=item.group,
            )
        for reviewer in item.reviewers:
            key = (review.pk, reviewer["state"], reviewer["slot"])
            wanted.add(key)
            if key not in active:
                ReviewerAssignment.objects.create(
                    review=review, reviewing_state_id=reviewer["state"], slot=reviewer["slot"], draw=drawn
                )
    ended = [a.pk for key, a in active.items() if key not in wanted]
    ReviewerAssignment.objects.filter(pk__in=ended).update(ended_by=drawn)


@transaction.atomic
def publish_draw(*, draw: Draw, user) -> Draw:
    """Make a draw (and its reason) public: the published document lets anyone re-derive it."""
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if draw.published_at is None:
        draw.published_at = timezone.now()
        draw.save(update_fields=["published_at"])
        log_action("review.draw.published", actor=user, obj=draw)
    return draw
