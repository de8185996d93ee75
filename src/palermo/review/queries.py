"""Reads of the Review Mechanism's set-up that depend on who asks."""

from django.db.models import QuerySet

from palermo.review.models import Draw, Participant, Review, ReviewCycle


def draws_visible_to(user) -> QuerySet[Draw]:
    """Published draws for everyone; every draw for the secretariat."""
    draws = Draw.objects.select_related("cycle", "state_under_review", "replaced_reviewer")
    return draws if user.has_perm("review.manage_cycle") else draws.exclude(published_at=None)


def cycles_visible_to(user) -> QuerySet[ReviewCycle]:
    """Cycles with a published draw for everyone; every cycle for the secretariat."""
    if user.has_perm("review.manage_cycle"):
        return ReviewCycle.objects.all()
    return ReviewCycle.objects.filter(draws__published_at__isnull=False).distinct()


def current_draw(cycle: ReviewCycle, user) -> Draw | None:
    """The latest draw of the cycle this user may see (a redraw supersedes the draws before it)."""
    return draws_visible_to(user).filter(cycle=cycle).order_by("-created", "-id").first()


def reviews_visible_to(user) -> QuerySet[Review]:
    """Every review for the secretariat; otherwise only the reviews the user takes part in (signed in with
    the second factor: review material is confidential)."""
    reviews = Review.objects.select_related("cycle", "state_under_review", "instrument")
    if user.has_perm("review.manage_cycle"):
        return reviews
    if not user.has_perm("review.take_part"):
        return reviews.none()
    return reviews.filter(participants__user=user, participants__ended_at=None).distinct()


def roles_in(review: Review, user) -> list[Participant]:
    """The user's current roles in a review (one per review in practice)."""
    return list(review.participants.filter(user=user, ended_at=None))


CITABLE_LIMIT = 300


def citable_records(document, articles) -> dict[str, list[tuple[int, str, bool]]]:
    """Per article of the questionnaire, the State under review's published case law and legislation that
    an expert may cite: (record id, title, tagged to this article), the tagged ones first."""
    from palermo.knowledge.models import Record, RecordKind

    review = document.review
    records = list(
        Record.objects.published()
        .filter(
            jurisdiction_id=review.state_under_review_id, kind__in=[RecordKind.LEGISLATION, RecordKind.CASE]
        )
        .order_by("title", "id")
        .prefetch_related("articles")[:CITABLE_LIMIT]
    )
    tags = {r.pk: {a.pk for a in r.articles.all()} for r in records}
    return {
        article.number: sorted(
            ((r.pk, r.title, article.pk in tags[r.pk]) for r in records), key=lambda row: not row[2]
        )
        for article in articles
    }
