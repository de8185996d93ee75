"""The demo's worked example: phase 1 of Italy's review of the Convention, done from the questionnaire to
the published summary, by invented people (demo accounts that cannot sign in) — every text says it is
demo data. Brazil's review is left untouched for the demo expert to try."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from palermo.accounts.models import Organisation, Role
from palermo.review.domain import feedback, outcomes, questionnaire, steps
from palermo.review.domain.participants import appoint, parties_of
from palermo.review.models import DocumentKind, Review, ReviewRole

DEMO = "[Demo data, invented]"


def _person(code: str, first: str, role: str):
    organisation, _created = Organisation.objects.get_or_create(
        name=f"Ministry of Justice of {code} (demo)",
        defaults={"kind": Organisation.Kind.STATE_AUTHORITY, "party_id": code},
    )
    user, created = get_user_model().objects.get_or_create(
        username=f"{first.lower()}.{code.lower()}@demo.palermo.invalid",
        defaults={
            "email": f"{first.lower()}.{code.lower()}@demo.palermo.invalid",
            "first_name": first,
            "last_name": f"({code}, demo)",
            "role": role,
            "is_demo": True,
            "organisation": organisation,
            "approved_at": timezone.now(),
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def work_through_phase_one(review: Review, secretariat) -> None:
    state, reviewer = parties_of(review)[:2]
    focal_point = review.participants.get(party_id=state, role=ReviewRole.FOCAL_POINT, ended_at=None).user
    expert = _person(state, "Elena", Role.GOVERNMENTAL_EXPERT)
    reviewing_focal_point = _person(reviewer, "Rafael", Role.FOCAL_POINT)
    reviewing_expert = _person(reviewer, "Ruth", Role.GOVERNMENTAL_EXPERT)
    appoint(review=review, party=state, user=expert, role=ReviewRole.GOVERNMENTAL_EXPERT, actor=focal_point)
    appoint(
        review=review,
        party=reviewer,
        user=reviewing_focal_point,
        role=ReviewRole.FOCAL_POINT,
        actor=secretariat,
    )
    appoint(
        review=review,
        party=reviewer,
        user=reviewing_expert,
        role=ReviewRole.GOVERNMENTAL_EXPERT,
        actor=reviewing_focal_point,
    )

    saq = steps.document(review=review, phase=1, kind=DocumentKind.SELF_ASSESSMENT, party=state, user=expert)
    for index, sheet in enumerate(questionnaire.sheets(saq)):
        response = "partly" if index % 3 == 1 else "yes"
        questionnaire.save_article(
            document=saq,
            user=expert,
            article=sheet.article.number,
            typed=questionnaire.ArticleInput(
                responses={
                    q.key: (
                        response,
                        f"{DEMO} Implemented by the Penal Code, article {sheet.article.number}{q.key}.",
                    )
                    for q in sheet.questions
                },
                challenges=f"{DEMO} Few prosecutions so far." if response == "partly" else "",
            ),
            expected_version=sheet.version,
        )
        if response == "partly":
            questionnaire.add_need(
                document=saq,
                user=expert,
                article=sheet.article.number,
                kind="training",
                priority="high",
                description=f"{DEMO} Training of prosecutors",
            )
    steps.move(document=saq, user=expert, to_state=steps.AWAITING)
    steps.move(document=saq, user=focal_point, to_state=steps.CLEARED)

    comments = steps.document(
        review=review, phase=1, kind=DocumentKind.FEEDBACK, party=reviewer, user=reviewing_expert
    )
    feedback.save_comments(
        document=comments,
        user=reviewing_expert,
        article="5",
        comments={"1": f"{DEMO} Which courts have applied this offence?", "": f"{DEMO} A clear answer."},
        expected_version=0,
    )
    steps.move(document=comments, user=reviewing_expert, to_state=steps.AWAITING)
    steps.move(document=comments, user=reviewing_focal_point, to_state=steps.CLEARED)
    question = feedback.post(
        review=review,
        phase=1,
        user=reviewing_expert,
        article="5",
        text=f"{DEMO} How many convictions in 2024?",
    )
    feedback.post(review=review, phase=1, user=expert, thread=question, text=f"{DEMO} Forty-two.")

    observations = steps.document(
        review=review, phase=1, kind=DocumentKind.OBSERVATIONS, party=state, user=expert
    )
    for category, text in (
        ("gap", "Conspiracy is not a separate offence."),
        ("good_practice", "Specialised prosecutors."),
    ):
        outcomes.add_observation(
            document=observations,
            user=reviewing_expert,
            category=category,
            article="5",
            text=f"{DEMO} {text}",
        )
    steps.move(document=observations, user=reviewing_expert, to_state=steps.AWAITING)
    steps.move(document=observations, user=focal_point, to_state=steps.CLEARED)

    summary = steps.document(
        review=review, phase=1, kind=DocumentKind.SUMMARY, party=state, user=reviewing_expert
    )
    text = f"{DEMO} The State has criminalised participation in an organized criminal group and money laundering."
    steps.save_text(document=summary, user=reviewing_expert, text=text, expected_version=summary.version)
    steps.move(document=summary, user=expert, to_state=steps.AWAITING)
    summary = steps.move(document=summary, user=focal_point, to_state=steps.CLEARED)
    outcomes.set_translation(document=summary, user=secretariat, language="en", text=text)
    outcomes.set_translation(
        document=summary,
        user=secretariat,
        language="fr",
        text="[Données de démonstration, inventées] L’État a incriminé la participation à un groupe criminel organisé et le blanchiment d’argent.",
    )
    outcomes.publish_summary(document=summary, user=secretariat)
