"""Needs handed over into the register of technical assistance (issue 16, §4): those a State named in its
cleared self-assessment, in one step, each once, unpublished, with kind and article (the secretariat any
State's, a focal point its own State's, nobody else); and an answer of a submitted questionnaire reply
recorded as a need, once."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.conference.domain import handover
from palermo.conference.domain.records import RecordError
from palermo.conference.models import Answer, AssistanceNeed
from palermo.core.models import AuditEntry
from palermo.review.domain import questionnaire, steps
from tests.conference.test_assistance import article, demo  # noqa: F401 (fixture)
from tests.conference.test_records import person, verified
from tests.factories import signed_in
from tests.review.conftest import answer_everything, secretariat, two_reviews  # noqa: F401 (fixtures)
from tests.review.test_questionnaire import saq

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleared(two_reviews):  # noqa: F811
    """The first review's self-assessment, cleared, naming two needs; the second's a draft naming one."""
    first, second = two_reviews["first"], two_reviews["second"]
    document = answer_everything(saq(first), first["expert"])
    for number, kind in [("5", "training"), ("6", "legislative")]:
        questionnaire.add_need(
            document=document,
            user=first["expert"],
            article=number,
            kind=kind,
            priority="high",
            description="",
        )
    steps.move(document=document, user=first["expert"], to_state="awaiting_clearance")
    steps.move(document=document, user=first["focal point"], to_state="cleared")
    draft = answer_everything(saq(second), second["expert"])
    questionnaire.add_need(
        document=draft, user=second["expert"], article="5", kind="data", priority="low", description="Draft."
    )
    return two_reviews


def test_the_needs_of_a_cleared_self_assessment_are_handed_over_once_unpublished(
    cleared,
    secretariat,  # noqa: F811
):
    first, second = cleared["first"], cleared["second"]
    state = first["review"].state_under_review_id
    waiting = list(handover.waiting(secretariat))
    assert len(waiting) == 2  # the draft's need is not the State's word yet
    focal_point = verified(first["focal point"])
    assert list(handover.waiting(focal_point)) == waiting
    assert list(handover.waiting(verified(second["focal point"]))) == []
    assert list(handover.waiting(verified(first["expert"]))) == []
    added = handover.hand_over(user=focal_point, needs=waiting[:1])
    need = added[0]
    assert (need.party_id, need.source, need.kind, need.publish) == (state, "review", "training", False)
    assert [(a.instrument_id, a.number) for a in need.articles.all()] == [("UNTOC", "5")]
    assert need.description == "Training and capacity-building"  # the kind, when no description was given
    assert AuditEntry.objects.filter(action="conference.needs.handed_over", actor=focal_point).count() == 1
    with pytest.raises(RecordError):  # once each; and all or nothing
        handover.hand_over(user=secretariat, needs=waiting)
    assert AssistanceNeed.objects.count() == 1
    with pytest.raises(RecordError):
        handover.hand_over(user=secretariat, needs=[])
    assert list(handover.waiting(secretariat)) == waiting[1:]


def test_the_hand_over_page_lists_and_adds_and_refuses_outsiders(cleared, secretariat):  # noqa: F811
    url = reverse("conference:needs_from_reviews")
    office = signed_in(Client(), secretariat)
    page = office.get(url)
    waiting = list(handover.waiting(secretariat))
    assert page.status_code == 200 and f'value="{waiting[0].pk}"' in page.content.decode()
    refused = office.post(url, {"needs": []})
    assert refused.status_code == 400 and AssistanceNeed.objects.count() == 0
    assert office.post(url, {"needs": [need.pk for need in waiting]}).status_code == 302
    assert AssistanceNeed.objects.filter(source="review", publish=False).count() == 2
    assert "Every need named in a cleared self-assessment" in office.get(url).content.decode()
    assert Client().get(url).status_code in (302, 404)
    outsider = signed_in(Client(), person(Role.PRACTITIONER))
    assert outsider.get(url).status_code == 404
    expert = signed_in(
        Client(), person(Role.GOVERNMENTAL_EXPERT, cleared["first"]["review"].state_under_review_id)
    )
    assert expert.get(url).status_code == 404  # a State's people other than its focal point


def test_an_answer_of_a_submitted_reply_is_recorded_as_a_need_once(demo):  # noqa: F811
    answer = Answer.objects.select_related("reply").get(
        reply__party_id="ESP", text="Training of customs officers (demo)."
    )
    reply_url = reverse("conference:reply", args=[answer.reply.questionnaire_id, "ESP"])
    spain = signed_in(Client(), person(Role.FOCAL_POINT, "ESP"))
    link = f"{reverse('conference:need_new')}?answer={answer.pk}"
    assert link in spain.get(reply_url).content.decode()
    form = spain.get(link).content.decode()
    assert "Training of customs officers (demo)." in form and "From the answer of Spain" in form
    assert signed_in(Client(), person(Role.FOCAL_POINT, "ITA")).get(link).status_code == 404
    response = spain.post(
        reverse("conference:need_new"),
        {
            "answer": answer.pk,
            "kind": "training",
            "description": "Training of customs officers (demo).",
            "language": "en",
            "articles": [],
            "crime_types": [],
        },
    )
    assert response.status_code == 400  # an article or a crime type is required
    response = spain.post(
        reverse("conference:need_new"),
        {
            "answer": answer.pk,
            "kind": "training",
            "description": "Training of customs officers (demo).",
            "language": "en",
            "articles": [article("FIREARMS", "8").pk],
        },
    )
    assert response.status_code == 302
    need = AssistanceNeed.objects.get(answer=answer)
    assert (need.party_id, need.source, need.publish) == ("ESP", "questionnaire", False)
    assert "Recorded as a technical-assistance need." in spain.get(reply_url).content.decode()
    again = spain.post(
        reverse("conference:need_new"),
        {
            "answer": answer.pk,
            "kind": "training",
            "description": "Again.",
            "language": "en",
            "articles": [article("FIREARMS", "8").pk],
        },
    )
    assert again.status_code == 400 and AssistanceNeed.objects.filter(answer=answer).count() == 1
    assert spain.get(f"{reverse('conference:need_new')}?answer=99999999999").status_code == 404
