"""Benchmark of the Review Mechanism's workspace pages with realistic volumes (issue 4).

    PALERMO_DEMO=1 .venv/bin/python benchmarks/review_workspace.py [--reviews 200] [--rounds 20]

Prepares a throwaway database (the real register and 2015 treaty status), launches a cycle and draws its
lots over the whole register (about 600 reviews, four instruments), then fills phase 1 of `--reviews`
reviews spread over the four instruments as a finished phase would be: every question of the
self-assessment answered with a paragraph of explanation, challenges, technical-assistance needs and
citations, cleared; a reviewing State's feedback with a comment on every question; a dialogue of six
messages; a list of observations; a cleared and published summary. It then times, through Django's test
client as the people who use them (signed in with their second factor; server-side time only), each
workspace page, export and API call, and prints p50/p95/max in milliseconds. Results: docs/benchmarks.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("PALERMO_DEMO", "1")
os.environ.setdefault("PALERMO_SECRET_KEY", "benchmark-only")
if "PALERMO_DATA_DIR" not in os.environ:  # (a new directory only when none is given)
    os.environ["PALERMO_DATA_DIR"] = tempfile.mkdtemp(prefix="palermo-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from tests.factories import UserFactory, signed_in  # noqa: E402

from palermo.accounts.models import Organisation, Role  # noqa: E402
from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files  # noqa: E402
from palermo.review.domain import questionnaire  # noqa: E402
from palermo.review.domain.cycles import draw_lots, launch_cycle  # noqa: E402
from palermo.review.domain.draw import Rules  # noqa: E402
from palermo.review.domain.participants import parties_of  # noqa: E402
from palermo.review.models import (  # noqa: E402
    ArticleAnswer,
    AssistanceNeed,
    DialogueMessage,
    FeedbackArticle,
    Observation,
    Participant,
    QuestionAnswer,
    Review,
    StepDocument,
    SummaryTranslation,
)

EXPLANATION = (
    "The Penal Code, as amended in 2019, establishes this offence; the Code of Criminal Procedure gives the "
    "courts jurisdiction and the public prosecutor's office a specialised unit. Since the amendment, 42 "
    "cases were prosecuted and 17 led to convictions; the guidelines of the prosecutor-general explain how "
    "the offence applies to organized criminal groups operating across borders."
)


def person(code: str, role: str):
    organisation, _created = Organisation.objects.get_or_create(
        name=f"Ministry of Justice of {code} (benchmark)",
        defaults={"kind": Organisation.Kind.STATE_AUTHORITY, "party_id": code},
    )
    return UserFactory(role=role, organisation=organisation)


@transaction.atomic
def fill(review: Review, secretariat) -> dict:
    """Phase 1 of one review, finished: people, answers, feedback, dialogue, observations, summary."""
    state, reviewer = parties_of(review)[:2]
    people = {}
    for code, side in ((state, "state"), (reviewer, "reviewer")):
        for role, name in (
            (Role.FOCAL_POINT, "focal_point"),
            (Role.GOVERNMENTAL_EXPERT, "governmental_expert"),
        ):
            user = person(code, role)
            Participant.objects.create(
                review=review, party_id=code, user=user, role=name, appointed_by=secretariat
            )
            people[f"{side} {name}"] = user
    expert, now = people["state governmental_expert"], timezone.now()
    saq = StepDocument.objects.create(
        review=review,
        phase=1,
        kind="self_assessment",
        party_id=state,
        updated_by=expert,
        state="cleared",
        cleared_at=now,
    )
    comments = StepDocument.objects.create(
        review=review,
        phase=1,
        kind="feedback",
        party_id=reviewer,
        updated_by=people["reviewer governmental_expert"],
    )
    for number, sheet in enumerate(questionnaire.sheets(saq)):
        answer = ArticleAnswer.objects.create(
            document=saq,
            article=sheet.article.number,
            challenges="Few prosecutions so far.",
            version=3,
            updated_by=expert,
        )
        QuestionAnswer.objects.bulk_create(
            QuestionAnswer(article_answer=answer, question=q.key, response="yes", explanation=EXPLANATION)
            for q in sheet.questions
        )
        AssistanceNeed.objects.bulk_create(
            AssistanceNeed(
                article_answer=answer, kind=kind, priority=priority, description="Training", added_by=expert
            )
            for kind, priority in (("training", "high"), ("legislative", ["low", "medium"][number % 2]))
        )
        FeedbackArticle.objects.create(
            document=comments,
            article=sheet.article.number,
            comments={q.key: "Which courts have applied it?" for q in sheet.questions} | {"": "Clear."},
            version=1,
            updated_by=people["reviewer governmental_expert"],
        )
    thread = None
    for index in range(6):
        author = people["reviewer governmental_expert"] if index % 2 == 0 else expert
        message = DialogueMessage.objects.create(
            review=review,
            phase=1,
            thread=thread,
            party_id=author.organisation.party_id,
            author=author,
            text=EXPLANATION,
        )
        thread = thread or message
    observations = StepDocument.objects.create(
        review=review,
        phase=1,
        kind="observations",
        party_id=state,
        updated_by=expert,
        state="cleared",
        cleared_at=now,
    )
    Observation.objects.bulk_create(
        Observation(document=observations, category=c, article="", text=EXPLANATION, added_by=expert)
        for c in ("gap", "gap", "good_practice", "suggestion", "suggestion", "assistance")
    )
    summary = StepDocument.objects.create(
        review=review,
        phase=1,
        kind="summary",
        party_id=state,
        text=EXPLANATION * 3,
        updated_by=expert,
        state="cleared",
        cleared_at=now,
        published_at=now,
        published_by=secretariat,
    )
    SummaryTranslation.objects.create(
        document=summary, language="en", text=EXPLANATION * 3, uploaded_by=secretariat
    )
    return {"review": review, "people": people, "saq": saq, "feedback": comments, "summary": summary}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(client: Client, name: str, urls: list[str], rounds: int) -> None:
    client.get(urls[0])  # warm templates and caches
    timings = []
    for index in range(rounds):
        url = urls[index % len(urls)]
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    print(f"{name:52} {statistics.median(timings):8.1f} {percentile(timings, 0.95):8.1f} {max(timings):8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command(
        "import_treaty_status",
        *map(str, bundled_status_files()),
        as_of=BUNDLED_STATUS_AS_OF.isoformat(),
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    cycle = launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    started = time.perf_counter()
    draw_lots(cycle=cycle, user=secretariat, seed=1)
    print(
        f"draw over the register: {Review.objects.count()} reviews in {time.perf_counter() - started:.2f} s"
    )
    by_instrument = {
        code: list(Review.objects.filter(cycle=cycle, instrument=code).order_by("pk"))
        for code in ("UNTOC", "TIP", "SOM", "FIREARMS")
    }
    chosen = [r for group in zip(*by_instrument.values(), strict=False) for r in group][: args.reviews]
    started = time.perf_counter()
    filled = [fill(review, secretariat) for review in chosen]
    answers = QuestionAnswer.objects.count()
    counts = ", ".join(
        f"{c} {sum(1 for f in filled if f['review'].instrument_id == c)}" for c in by_instrument
    )
    print(
        f"filled {len(filled)} reviews ({counts}): {answers} answers, {AssistanceNeed.objects.count()} needs, "
        f"{DialogueMessage.objects.count()} messages in {time.perf_counter() - started:.1f} s"
    )
    untoc = next(f for f in filled if f["review"].instrument_id == "UNTOC")  # the largest questionnaire
    review, people = untoc["review"], untoc["people"]
    base = f"/en/review/reviews/{review.pk}/phases/1"
    state, reviewer = review.state_under_review_id, untoc["feedback"].party_id
    expert = signed_in(Client(HTTP_HOST="127.0.0.1"), people["state governmental_expert"])
    reviewing = signed_in(Client(HTTP_HOST="127.0.0.1"), people["reviewer governmental_expert"])
    office = signed_in(Client(HTTP_HOST="127.0.0.1"), UserFactory(role=Role.SECRETARIAT_ADMIN))
    public = Client(HTTP_HOST="127.0.0.1")
    print(f"database: {django.db.connection.vendor}; rounds per page: {args.rounds}")
    print(f"{'page (UNTOC phase 1: 33 questions)':52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    timed(expert, "my reviews (expert)", ["/en/review/reviews/"], args.rounds)
    timed(expert, "review page (expert)", [f"/en/review/reviews/{review.pk}/"], args.rounds)
    timed(expert, "self-assessment page, cleared (expert)", [f"{base}/self_assessment/{state}/"], args.rounds)
    timed(reviewing, "feedback page with comments (reviewer)", [f"{base}/feedback/{reviewer}/"], args.rounds)
    timed(reviewing, "dialogue (reviewer)", [f"{base}/dialogue/"], args.rounds)
    timed(expert, "self-assessment DOCX export", [f"{base}/self_assessment/{state}/export.docx"], args.rounds)
    timed(
        expert,
        "self-assessment PDF export",
        [f"{base}/self_assessment/{state}/export.pdf"],
        max(5, args.rounds // 4),
    )
    timed(expert, "API: my documents", ["/api/v1/review/documents/"], args.rounds)
    timed(office, "secretariat: all reviews", ["/en/review/reviews/"], args.rounds)
    timed(
        office,
        "secretariat: dashboard (progress + needs)",
        [f"/en/review/cycles/{cycle.number}/dashboard/"],
        args.rounds,
    )
    timed(
        office,
        "secretariat: needs CSV",
        [f"/en/review/cycles/{cycle.number}/assistance-needs.csv"],
        args.rounds,
    )
    timed(
        office,
        "secretariat: observations CSV",
        [f"/en/review/cycles/{cycle.number}/observations.csv"],
        args.rounds,
    )
    timed(public, "public: published summaries", ["/en/review/summaries/"], args.rounds)
    timed(public, "public: a summary", [f"/en/review/summaries/{untoc['summary'].pk}/"], args.rounds)
    timed(public, "API: published summaries", ["/api/v1/review/summaries/"], args.rounds)


if __name__ == "__main__":
    main()
