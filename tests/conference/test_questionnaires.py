"""Information gathering (issue 16, §2): the secretariat composes a questionnaire (bad input named, nothing
written) and sends it to all parties, the parties to one instrument or one regional group; a focal point
names experts of its own State; experts and the focal point answer question by question with versions (a
stale save is refused with who saved, never lost); the focal point submits when all is answered and chooses
publication; response rates and aggregates count submitted replies only, hide groups of fewer than five
outside the secretariat and name a State only where it publishes. Outsiders see nothing of a reply."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document as DocxDocument

from palermo.accounts.models import Role
from palermo.conference import results
from palermo.conference.domain import questionnaires as gathering
from palermo.conference.domain.questionnaire_reminders import send_questionnaire_reminders
from palermo.conference.domain.records import RecordError
from palermo.conference.models import Answer, Questionnaire, Recipients, Reply, ReplyState
from palermo.core.models import AuditEntry
from palermo.register.models import Instrument, Participation, Party
from tests.conference.test_records import person
from tests.factories import published_case, signed_in

pytestmark = pytest.mark.django_db
LATER = timezone.localdate() + timedelta(days=60)


def questions() -> list[gathering.QuestionInput]:
    return [
        gathering.QuestionInput({"en": "Has your State designated a central authority?"}, "yes_no"),
        gathering.QuestionInput(
            {"en": "How are firearms marked?", "fr": "Comment les armes à feu sont-elles marquées ?"},
            "choice",
            choices=[{"labels": {"en": "At manufacture"}}, {"labels": {"en": "At import"}}],
        ),
        gathering.QuestionInput({"en": "How many requests were received in 2025?"}, "number"),
    ]


@pytest.fixture
def secretariat():
    return person(Role.SECRETARIAT_ADMIN)


@pytest.fixture
def sent(secretariat) -> Questionnaire:
    questionnaire = gathering.create_questionnaire(
        user=secretariat,
        titles={"en": "Implementation of the Firearms Protocol (test)"},
        recipients=Recipients.ALL_PARTIES,
        deadline=LATER,
        questions=questions(),
    )
    gathering.send_questionnaire(user=secretariat, questionnaire=questionnaire)
    return questionnaire


def untoc_parties() -> set[str]:
    return set(
        Participation.objects.filter(instrument_id="UNTOC")
        .exclude(consent=None)
        .values_list("party_id", flat=True)
    )


def test_bad_questionnaires_are_refused_with_every_problem_and_nothing_written(secretariat):
    with pytest.raises(RecordError) as refused:
        gathering.create_questionnaire(
            user=secretariat,
            titles={"fr": "Sans titre anglais"},
            recipients=Recipients.REGIONAL_GROUP,
            deadline=date(2020, 1, 1),
            questions=[
                gathering.QuestionInput({"en": "Which?"}, "choice", choices=[{"labels": {"en": "One"}}])
            ],
        )
    assert dict(refused.value.problems).keys() == {"titles", "regional_group", "deadline", "question-1"}
    assert not Questionnaire.objects.exists()
    with pytest.raises(RecordError):
        gathering.create_questionnaire(
            user=secretariat, titles={"en": "Empty"}, recipients="all_parties", deadline=LATER, questions=[]
        )
    assert not AuditEntry.objects.filter(action="conference.questionnaire.created").exists()


def test_sending_opens_a_reply_for_each_recipient_state(secretariat, sent):
    assert set(sent.replies.values_list("party_id", flat=True)) == untoc_parties()
    assert sent.state == "draft"  # the object given; the database says sent
    sent.refresh_from_db()
    assert sent.state == "sent" and sent.sent is not None
    with pytest.raises(RecordError):
        gathering.send_questionnaire(user=secretariat, questionnaire=sent)  # not twice
    firearms = gathering.create_questionnaire(
        user=secretariat,
        titles={"en": "Firearms only"},
        recipients=Recipients.INSTRUMENT,
        instrument=Instrument.objects.get(pk="FIREARMS"),
        deadline=LATER,
        questions=questions()[:1],
    )
    gathering.send_questionnaire(user=secretariat, questionnaire=firearms)
    parties = set(firearms.replies.values_list("party_id", flat=True))
    assert parties == set(
        Participation.objects.filter(instrument_id="FIREARMS")
        .exclude(consent=None)
        .values_list("party_id", flat=True)
    )
    grulac = gathering.create_questionnaire(
        user=secretariat,
        titles={"en": "GRULAC only"},
        recipients=Recipients.REGIONAL_GROUP,
        regional_group="GRULAC",
        deadline=LATER,
        questions=questions()[:1],
    )
    gathering.send_questionnaire(user=secretariat, questionnaire=grulac)
    groups = set(
        Party.objects.filter(pk__in=grulac.replies.values("party_id")).values_list(
            "regional_group", flat=True
        )
    )
    assert groups == {"GRULAC"}
    assert AuditEntry.objects.filter(action="conference.questionnaire.sent").count() == 3


def test_a_focal_point_names_experts_of_its_own_state_only(sent):
    reply = Reply.objects.get(questionnaire=sent, party_id="ITA")
    focal_point, expert = person(Role.FOCAL_POINT, "ITA"), person(Role.GOVERNMENTAL_EXPERT, "ITA")
    gathering.assign_experts(user=focal_point, reply=reply, experts=[expert])
    assert list(reply.experts.all()) == [expert]
    stranger = person(Role.GOVERNMENTAL_EXPERT, "BRA")
    with pytest.raises(RecordError, match="Only experts of your State"):
        gathering.assign_experts(user=focal_point, reply=reply, experts=[stranger])
    with pytest.raises(gathering.PermissionDenied):
        gathering.assign_experts(user=expert, reply=reply, experts=[expert])


def test_answers_are_versioned_and_a_stale_save_is_refused_and_named(sent):
    reply = Reply.objects.get(questionnaire=sent, party_id="ITA")
    focal_point, expert = person(Role.FOCAL_POINT, "ITA"), person(Role.GOVERNMENTAL_EXPERT, "ITA")
    gathering.assign_experts(user=focal_point, reply=reply, experts=[expert])
    first = sent.questions.get(number=1)
    saved = gathering.save_answer(
        user=expert, reply=reply, question=first, typed=gathering.AnswerInput(value="yes"), expected_version=0
    )
    assert saved.version == 1
    reply.refresh_from_db()
    assert reply.state == ReplyState.IN_PROGRESS
    with pytest.raises(gathering.StaleAnswer, match="saved this answer since you opened it"):
        gathering.save_answer(
            user=focal_point,
            reply=reply,
            question=first,
            typed=gathering.AnswerInput(value="no"),
            expected_version=0,
        )
    assert Answer.objects.get(reply=reply, question=first).value == "yes"
    with pytest.raises(RecordError, match="Choose one of the answers offered"):
        gathering.save_answer(
            user=expert,
            reply=reply,
            question=first,
            typed=gathering.AnswerInput(value="maybe"),
            expected_version=1,
        )
    with pytest.raises(RecordError, match="Write a number"):
        gathering.save_answer(
            user=expert,
            reply=reply,
            question=sent.questions.get(number=3),
            typed=gathering.AnswerInput(number="twelve"),
            expected_version=0,
        )
    outsider = person(Role.GOVERNMENTAL_EXPERT, "ITA")  # of the State, but not named
    with pytest.raises(gathering.PermissionDenied):
        gathering.save_answer(
            user=outsider,
            reply=reply,
            question=first,
            typed=gathering.AnswerInput(value="no"),
            expected_version=1,
        )


def answer_all(reply: Reply, user, choice: str = "1", yes: str = "yes", number: str = "4") -> None:
    for question in reply.questionnaire.questions.all():
        typed = {
            "yes_no": gathering.AnswerInput(value=yes),
            "choice": gathering.AnswerInput(value=choice),
            "number": gathering.AnswerInput(number=number),
        }[question.kind]
        current = Answer.objects.filter(reply=reply, question=question).first()
        gathering.save_answer(
            user=user,
            reply=reply,
            question=question,
            typed=typed,
            expected_version=current.version if current else 0,
        )


def test_the_focal_point_submits_a_complete_reply_and_chooses_publication(sent):
    reply = Reply.objects.get(questionnaire=sent, party_id="ITA")
    focal_point = person(Role.FOCAL_POINT, "ITA")
    gathering.save_answer(
        user=focal_point,
        reply=reply,
        question=sent.questions.get(number=1),
        typed=gathering.AnswerInput(value="yes"),
        expected_version=0,
    )
    with pytest.raises(RecordError, match="still unanswered: 2, 3"):
        gathering.submit_reply(user=focal_point, reply=reply, publish=True)
    answer_all(reply, focal_point)
    gathering.submit_reply(user=focal_point, reply=reply, publish=True)
    reply.refresh_from_db()
    assert (reply.state, reply.publish, reply.submitted_by) == (ReplyState.SUBMITTED, True, focal_point)
    with pytest.raises(RecordError, match="was submitted"):
        gathering.save_answer(
            user=focal_point,
            reply=reply,
            question=sent.questions.get(number=1),
            typed=gathering.AnswerInput(value="no"),
            expected_version=2,
        )
    gathering.set_publication(user=focal_point, reply=reply, publish=False)
    reply.refresh_from_db()
    assert reply.publish is False
    assert AuditEntry.objects.filter(action="conference.reply.submitted").count() == 1


def test_rates_and_aggregates_count_submitted_replies_and_hide_small_groups(secretariat, sent):
    replies = {reply.party_id: reply for reply in sent.replies.select_related("party")}
    weog = [code for code, reply in replies.items() if reply.party.regional_group == "WEOG"][:6]
    african = [code for code, reply in replies.items() if reply.party.regional_group == "AFRICAN"][:2]
    for index, code in enumerate([*weog, *african]):
        focal_point = person(Role.FOCAL_POINT, code)
        answer_all(replies[code], focal_point, choice="1" if index % 2 else "2")
        gathering.submit_reply(user=focal_point, reply=replies[code], publish=code == weog[0])
    in_progress = next(code for code in replies if code not in weog + african)
    answer_all(replies[in_progress], person(Role.FOCAL_POINT, in_progress))  # not submitted: not counted
    groups, instruments, overall = results.response_rates(sent)
    assert (overall.recipients, overall.submitted) == (len(untoc_parties()), 8)
    by_label = {rate.label: rate for rate in groups}
    assert by_label["Western European and Others Group"].submitted == 6
    assert by_label["African Group"].submitted == 2
    assert next(rate for rate in instruments if rate.label == "Organized Crime Convention").submitted == 8
    public = results.aggregates(sent, full=False)
    choice = public[1]
    rows = {row.label: row for row in choice.rows}
    assert rows["African Group"].hidden and not rows["Western European and Others Group"].hidden
    assert [cell.count for cell in rows["All who replied"].cells] == [4, 4]
    assert not any(row.hidden for row in results.aggregates(sent, full=True)[1].rows)
    assert [name for name, _answer in choice.published] == [replies[weog[0]].party.local_name]
    assert "median 4" in rows["All who replied"].summary or public[2].rows[-1].summary.startswith("8 answers")


def test_outsiders_see_no_draft_and_no_reply(client, secretariat, sent):
    draft = gathering.create_questionnaire(
        user=secretariat,
        titles={"en": "A draft"},
        recipients="all_parties",
        deadline=LATER,
        questions=questions(),
    )
    assert client.get(reverse("conference:questionnaire", args=[draft.pk])).status_code == 404
    assert "A draft" not in client.get(reverse("conference:questionnaires")).content.decode()
    reply_url = reverse("conference:reply", args=[sent.pk, "ITA"])
    assert client.get(reply_url).url.startswith(reverse("accounts:login"))  # signing in is needed first
    brazil = signed_in(Client(), person(Role.FOCAL_POINT, "BRA"))
    assert brazil.get(reply_url).status_code == 404
    answer_url = reverse("conference:answer", args=[sent.pk, "ITA", 1])
    assert brazil.post(answer_url, {"value": "yes", "version": "0"}).status_code == 404
    assert not Answer.objects.exists()
    assert client.get(reverse("conference:questionnaire", args=[sent.pk])).status_code == 200
    assert client.get(reverse("conference:questionnaire_results", args=[sent.pk])).status_code == 200


def test_the_pages_compose_send_answer_and_submit(secretariat):
    office = signed_in(Client(), secretariat)
    form = {
        "title_en": "Marking of firearms (test)",
        "recipients": "all_parties",
        "deadline": LATER.isoformat(),
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text_en": "Does your law require marking at manufacture?",
        "questions-0-kind": "yes_no",
        "questions-1-kind": "yes_no",  # an empty question: left out
    }
    refused = office.post(reverse("conference:questionnaire_new"), {**form, "deadline": "2020-01-01"})
    assert refused.status_code == 400 and "The deadline must be after today." in refused.content.decode()
    assert not Questionnaire.objects.exists()
    response = office.post(reverse("conference:questionnaire_new"), form)
    questionnaire = Questionnaire.objects.get()
    assert response.status_code == 302 and questionnaire.questions.count() == 1
    office.post(reverse("conference:questionnaire_send", args=[questionnaire.pk]))
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    page = italy.get(reverse("conference:questionnaire", args=[questionnaire.pk])).content.decode()
    assert reverse("conference:reply", args=[questionnaire.pk, "ITA"]) in page
    url = reverse("conference:answer", args=[questionnaire.pk, "ITA", 1])
    saved = italy.post(
        url, {"value": "yes", "text": "Law 12/2024.", "version": "0"}, headers={"Accept": "application/json"}
    )
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = italy.post(url, {"value": "no", "version": "0"}, headers={"Accept": "application/json"})
    assert stale.status_code == 409 and "since you opened it" in stale.json()["error"]
    italy.post(reverse("conference:reply_submit", args=[questionnaire.pk, "ITA"]), {"publish": "on"})
    reply = Reply.objects.get(questionnaire=questionnaire, party_id="ITA")
    assert reply.state == ReplyState.SUBMITTED and reply.publish
    results_page = (
        Client().get(reverse("conference:questionnaire_results", args=[questionnaire.pk])).content.decode()
    )
    assert "1 of " in results_page and "Law 12/2024." in results_page


@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans"])
def test_the_secretariat_downloads_the_report_in_each_language(secretariat, sent, language):
    replies = {reply.party_id: reply for reply in Reply.objects.filter(questionnaire=sent)}
    for code in ["AUT", "FRA", "DEU", "ESP", "CAN", "NOR"]:
        focal_point = person(Role.FOCAL_POINT, code)
        answer_all(replies[code], focal_point, number="1250.5")
        gathering.submit_reply(user=focal_point, reply=replies[code], publish=code == "FRA")
    office = signed_in(Client(), secretariat)
    url = reverse("conference:questionnaire_report", args=[sent.pk])
    response = office.get(url, {"language": language})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = DocxDocument(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    tables = ["\n".join(cell.text for row in table.rows for cell in row.cells) for table in document.tables]
    assert sent.titles["en"] in text
    expected = {"en": "Response rates", "fr": "Taux de réponse", "ar": "معدلات", "zh-hans": "答复率"}[
        language
    ]
    assert expected in text
    assert "6 (100 %)" in tables[2]  # question 1: all six said yes
    assert len(document.inline_shapes) >= 2  # the bars
    if language == "ar":
        assert b"w:bidi" in zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml")
    assert Client().get(url).status_code in (302, 404)  # not for visitors
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    assert italy.get(url).status_code == 404
    assert office.get(url, {"language": "xx"}).status_code == 404


def test_the_api_reads_questionnaires_and_a_state_answers_through_it(secretariat, sent):
    base = f"/api/v1/conference/questionnaires/{sent.pk}/"
    listed = Client().get("/api/v1/conference/questionnaires/").json()
    assert [found["id"] for found in listed["results"]] == [sent.pk]
    detail = Client().get(base).json()
    assert [question["kind"] for question in detail["questions"]] == ["yes_no", "choice", "number"]
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    answer = base + "replies/ITA/answers/1/"
    saved = italy.post(
        answer, {"version": 0, "value": "yes", "text": "By law."}, content_type="application/json"
    )
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = italy.post(answer, {"version": 0, "value": "no"}, content_type="application/json")
    assert stale.status_code == 409 and "since you opened it" in stale.json()["errors"]["version"][0]
    bad = italy.post(
        base + "replies/ITA/answers/3/", {"version": 0, "number": "lots"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "number" in bad.json()["errors"]
    refused = italy.post(base + "replies/ITA/submit/", {"publish": True}, content_type="application/json")
    assert refused.status_code == 400 and "still unanswered: 2, 3" in refused.json()["errors"]["answers"][0]
    reply = italy.get(base + "replies/ITA/").json()
    assert reply["state"] == "in_progress" and reply["answers"][0]["value"] == "yes"
    brazil = signed_in(Client(), person(Role.FOCAL_POINT, "BRA"))
    assert brazil.get(base + "replies/ITA/").status_code == 404
    assert (
        brazil.post(answer, {"version": 1, "value": "no"}, content_type="application/json").status_code == 404
    )
    assert Client().get(base + "replies/ITA/").status_code in (403, 404)
    public = Client().get(base + "results/").json()
    assert public["replied"] == 0 and public["questions"][0]["rows"][-1]["hidden"]


def test_focal_points_of_states_that_have_not_submitted_are_reminded(secretariat, sent, mailoutbox):
    italy, brazil = person(Role.FOCAL_POINT, "ITA"), person(Role.FOCAL_POINT, "BRA")
    answer_all(Reply.objects.get(questionnaire=sent, party_id="BRA"), brazil)
    gathering.submit_reply(
        user=brazil, reply=Reply.objects.get(questionnaire=sent, party_id="BRA"), publish=False
    )
    early = sent.deadline - timedelta(days=30)
    assert send_questionnaire_reminders(today=early) == []  # not yet: from 14 days before
    near = sent.deadline - timedelta(days=10)
    reminded = send_questionnaire_reminders(today=near)
    assert [(due.reply.party_id, user) for due, user in reminded] == [("ITA", italy)]  # Brazil submitted
    assert "is due on" in mailoutbox[0].subject and "/replies/ITA/" in mailoutbox[0].body
    assert send_questionnaire_reminders(today=near) == []  # once a week at most
    Reply.objects.filter(party_id="ITA").update(reminded=timezone.now() - timedelta(days=8))
    late = send_questionnaire_reminders(today=sent.deadline + timedelta(days=1))
    assert [due.late for due, _user in late] == [True] and "was due on" in mailoutbox[-1].subject
    assert AuditEntry.objects.filter(action="conference.reply.reminded").count() == 2


def test_an_answer_cites_published_records_of_the_knowledge_base(sent):
    case = published_case("Operation Rosaki (test)", "A firearms case.")
    italy = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    url = reverse("conference:answer", args=[sent.pk, "ITA", 1])
    typed = {
        "value": "yes",
        "version": "0",
        "citations": f"https://palermo.example/en/knowledge/records/{case.pk}/",
    }
    assert italy.post(url, typed, headers={"Accept": "application/json"}).status_code == 200
    answer = Answer.objects.get(reply__party_id="ITA", question__number=1)
    assert list(answer.citations.all()) == [case]
    page = italy.get(reverse("conference:reply", args=[sent.pk, "ITA"])).content.decode()
    assert "Operation Rosaki (test)" in page and reverse("knowledge:record", args=[case.pk]) in page
    bad = italy.post(
        url, {**typed, "version": "1", "citations": "999999"}, headers={"Accept": "application/json"}
    )
    assert bad.status_code == 400 and "No published record" in bad.json()["error"]
    bad = italy.post(
        url, {**typed, "version": "1", "citations": "Rosaki"}, headers={"Accept": "application/json"}
    )
    assert bad.status_code == 400 and bad.json()["field"] == "citations"
    assert list(Answer.objects.get(pk=answer.pk).citations.all()) == [case]  # unchanged
