"""Requests from drafting to execution through the domain functions: the state machine, who may make each
move, what each move needs, the e-mails to the other authority, the audit trail."""

from datetime import timedelta

import pytest
from django.utils import timezone

from palermo.cooperation.domain import drafting
from palermo.cooperation.domain import requests as domain
from palermo.cooperation.models import Request, RequestEvent, RequestKind, RequestState
from palermo.core.models import AuditEntry
from tests.cooperation.conftest import verified
from tests.cooperation.request_helpers import complete_content, draft, sent

pytestmark = pytest.mark.django_db
S = RequestState


def today():
    return timezone.localdate()


def test_the_whole_way_from_draft_to_execution(world, mailoutbox):
    drafter, colleague, brazil = (verified(world[name]) for name in ("drafter", "colleague", "brazil"))
    req = draft(world, content={"kind": "mla", "facts": "Recruitment in Brazil"})
    assert req.state == S.DRAFT and req.version == 1 and req.drafted_by == drafter
    assert req.reference == f"ITA-BRA-{today().year}-0001"

    with pytest.raises(domain.Incomplete) as refused:
        domain.mark_ready(req=req, actor=drafter)
    missing = {item.key: item.reference for item in refused.value.check.missing}
    assert "purpose" in missing and missing["purpose"] == "art. 18(15)(f)"
    assert Request.objects.get(pk=req.pk).ready_at is None

    req = domain.save_draft(req=req, actor=drafter, content=complete_content(), expected_version=1)
    assert req.version == 2 and req.execute_by.isoformat() == "2027-06-30"
    req = domain.mark_ready(req=req, actor=drafter)
    assert req.ready_by == drafter

    with pytest.raises(domain.RequestError, match="second person"):
        domain.approve_request(req=req, actor=drafter)
    assert domain.allowed_moves(req, drafter) == []
    assert domain.allowed_moves(req, colleague) == [S.APPROVED]
    req = domain.approve_request(req=req, actor=colleague)
    assert req.state == S.APPROVED and req.approved_by == colleague

    assert mailoutbox == []
    req = domain.send_request(req=req, actor=drafter, on=today(), channel="direct")
    assert (req.state, req.sent_on, req.channel, req.reply_due) == (S.SENT, today(), "direct", req.execute_by)
    brazilians = {world["brazil"].email, world["brazilian focal point"].email}
    assert {m.to[0] for m in mailoutbox} == brazilians
    assert all(req.reference in m.subject and "has been sent to you" in m.subject for m in mailoutbox)
    assert all("Bank records" not in m.body for m in mailoutbox)  # the content stays behind the sign-in

    assert domain.allowed_moves(req, drafter) == [S.WITHDRAWN]
    assert domain.allowed_moves(req, brazil) == [S.RECEIVED, S.ACKNOWLEDGED]
    req = domain.move_request(req=req, actor=brazil, to_state=S.RECEIVED)
    assert req.received_on == today()
    mailoutbox.clear()
    req = domain.move_request(req=req, actor=brazil, to_state=S.IN_EXECUTION)
    assert mailoutbox == []  # received, in execution: nothing the Italians must act on
    with pytest.raises(domain.RequestError, match="more information"):
        domain.move_request(req=req, actor=brazil, to_state=S.MORE_INFORMATION)
    req = domain.move_request(req=req, actor=brazil, to_state=S.MORE_INFORMATION, note="Which branch?")
    assert req.reply_due == today() + timedelta(days=domain.REPLY_DAYS)
    italians = {world[name].email for name in ("drafter", "colleague")}  # not the observer
    assert {m.to[0] for m in mailoutbox} == italians
    assert all("more information" in m.subject for m in mailoutbox)

    with pytest.raises(domain.RequestError):  # the requesting side answers, not the requested one
        domain.move_request(req=req, actor=brazil, to_state=S.IN_EXECUTION)
    mailoutbox.clear()
    req = domain.move_request(req=req, actor=drafter, to_state=S.IN_EXECUTION, note="The São Paulo branch")
    assert req.reply_due == req.execute_by
    assert {m.to[0] for m in mailoutbox} == brazilians and "answered" in mailoutbox[0].subject
    mailoutbox.clear()
    req = domain.move_request(req=req, actor=brazil, to_state=S.EXECUTED)
    assert (req.state, req.closed_on, req.reply_due) == (S.EXECUTED, today(), None)
    assert {m.to[0] for m in mailoutbox} == italians and "executed" in mailoutbox[0].subject
    assert domain.allowed_moves(req, brazil) == domain.allowed_moves(req, drafter) == []

    history = list(RequestEvent.objects.filter(request=req).values_list("from_state", "to_state", "side"))
    assert history == [
        (S.DRAFT, S.APPROVED, "requesting"),
        (S.APPROVED, S.SENT, "requesting"),
        (S.SENT, S.RECEIVED, "requested"),
        (S.RECEIVED, S.IN_EXECUTION, "requested"),
        (S.IN_EXECUTION, S.MORE_INFORMATION, "requested"),
        (S.MORE_INFORMATION, S.IN_EXECUTION, "requesting"),
        (S.IN_EXECUTION, S.EXECUTED, "requested"),
    ]
    actions = list(
        AuditEntry.objects.filter(object_type="cooperation.request", object_id=str(req.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "cooperation.request.created",
        "cooperation.request.draft_saved",
        "cooperation.request.marked_ready",
        "cooperation.request.approved",
        "cooperation.request.sent",
        *["cooperation.request.moved"] * 5,
    ]


def test_references_are_numbered_per_pair_of_states_and_year(world):
    first, second = draft(world), draft(world)
    to_france = draft(world, to="france")
    year = today().year
    assert [first.reference, second.reference, to_france.reference] == [
        f"ITA-BRA-{year}-0001",
        f"ITA-BRA-{year}-0002",
        f"ITA-FRA-{year}-0001",
    ]


def test_a_reference_taken_meanwhile_is_skipped(world, monkeypatch):
    """Two drafts created at once compute the same next number: the second save hits the unique
    constraint and takes the next one."""
    first = draft(world)
    real = drafting._year_reference
    calls = []

    def stale_once(*args):
        calls.append(1)
        return first.reference if len(calls) == 1 else real(*args)

    monkeypatch.setattr(drafting, "_year_reference", stale_once)
    second = draft(world)
    assert second.reference.endswith("-0002") and len(calls) == 2


@pytest.mark.parametrize(
    "who",
    ["observer of the office", "ministry", "brazil", "italian expert elsewhere", "secretariat", "public"],
)
def test_only_practitioners_of_the_requesting_authority_draft_its_requests(world, who):
    with pytest.raises(domain.RequestError):
        domain.create_request(
            actor=verified(world[who]),
            kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            requesting_authority=world.authorities["prosecution"],
            requested_authority=world.authorities["brazil"],
        )
    assert not Request.objects.exists()


def test_a_draft_is_not_ready_once_edited_and_cannot_be_approved_then(world):
    drafter, colleague = verified(world["drafter"]), verified(world["colleague"])
    req = domain.mark_ready(req=draft(world), actor=drafter)
    req = domain.save_draft(
        req=req, actor=colleague, content=complete_content(), expected_version=req.version
    )
    assert req.ready_at is None and req.ready_by is None
    with pytest.raises(domain.RequestError, match="marked ready"):
        domain.approve_request(req=req, actor=colleague)


def test_the_one_who_marked_it_ready_does_not_approve_it_either(world):
    drafter, colleague = verified(world["drafter"]), verified(world["colleague"])
    req = domain.mark_ready(req=draft(world), actor=colleague)
    with pytest.raises(domain.RequestError, match="second person"):
        domain.approve_request(req=req, actor=colleague)
    with pytest.raises(domain.RequestError, match="second person"):
        domain.approve_request(req=req, actor=drafter)
    assert Request.objects.get(pk=req.pk).state == S.DRAFT


def test_an_approved_request_goes_back_to_drafting_and_loses_its_approval(world):
    drafter, colleague = verified(world["drafter"]), verified(world["colleague"])
    req = domain.approve_request(req=domain.mark_ready(req=draft(world), actor=drafter), actor=colleague)
    req = domain.return_to_draft(req=req, actor=drafter, note="Add the second account")
    assert (req.state, req.approved_by, req.ready_at) == (S.DRAFT, None, None)
    assert req.events.last().note == "Add the second account"


def test_sending_needs_a_known_channel_and_a_date_not_in_the_future(world):
    drafter, colleague = verified(world["drafter"]), verified(world["colleague"])
    req = domain.approve_request(req=domain.mark_ready(req=draft(world), actor=drafter), actor=colleague)
    with pytest.raises(domain.RequestError, match="channel"):
        domain.send_request(req=req, actor=drafter, on=today(), channel="pigeon")
    with pytest.raises(domain.RequestError, match="future"):
        domain.send_request(req=req, actor=drafter, on=today() + timedelta(days=1), channel="direct")
    with pytest.raises(domain.RequestError, match="previous event"):
        domain.send_request(req=req, actor=drafter, on=today() - timedelta(days=1), channel="direct")
    assert Request.objects.get(pk=req.pk).state == S.APPROVED


def test_a_draft_is_not_sent_before_approval_and_a_sent_request_is_not_edited(world):
    drafter = verified(world["drafter"])
    req = draft(world)
    with pytest.raises(domain.RequestError, match="cannot become sent"):
        domain.send_request(req=req, actor=drafter, on=today(), channel="direct")
    req = sent(world)
    with pytest.raises(domain.RequestError, match="Only a draft"):
        domain.save_draft(req=req, actor=drafter, content={}, expected_version=req.version)
    with pytest.raises(domain.RequestError, match="own actions"):
        domain.move_request(req=req, actor=drafter, to_state=S.APPROVED)


def test_refusing_mutual_legal_assistance_needs_a_ground_of_18_21_and_reasons(world, mailoutbox):
    brazil = verified(world["brazil"])
    req = domain.move_request(req=sent(world), actor=brazil, to_state=S.RECEIVED)
    with pytest.raises(domain.RequestError, match="18\\(21\\)"):
        domain.move_request(req=req, actor=brazil, to_state=S.REFUSED, reasons="Not possible")
    with pytest.raises(domain.RequestError, match="18\\(23\\)"):
        domain.move_request(req=req, actor=brazil, to_state=S.REFUSED, grounds=["18_21_c"], reasons="  ")
    with pytest.raises(domain.RequestError, match="Unknown ground"):
        domain.move_request(req=req, actor=brazil, to_state=S.REFUSED, grounds=["18_21_z"], reasons="x")
    assert Request.objects.get(pk=req.pk).state == S.RECEIVED
    mailoutbox.clear()
    req = domain.move_request(
        req=req, actor=brazil, to_state=S.REFUSED, grounds=["18_21_c"], reasons="Banking secrecy law 105/2001"
    )
    assert (req.state, req.refusal_grounds, req.refusal_reasons) == (
        S.REFUSED,
        ["18_21_c"],
        "Banking secrecy law 105/2001",
    )
    assert len(mailoutbox) == 2 and "refused" in mailoutbox[0].subject  # the office's two practitioners


def test_the_requesting_side_withdraws_before_closing_not_after(world):
    drafter, brazil = verified(world["drafter"]), verified(world["brazil"])
    req = sent(world)
    with pytest.raises(domain.RequestError):
        domain.move_request(req=req, actor=brazil, to_state=S.WITHDRAWN)
    req = domain.move_request(req=req, actor=drafter, to_state=S.WITHDRAWN)
    assert req.closed_on == today()
    with pytest.raises(domain.RequestError, match="cannot become"):
        domain.move_request(req=req, actor=brazil, to_state=S.RECEIVED)


@pytest.mark.parametrize(
    "who", ["observer of the office", "ministry", "italian expert elsewhere", "secretariat", "public"]
)
def test_people_not_acting_on_the_request_move_nothing(world, who):
    req = sent(world)
    user = verified(world[who])
    assert domain.allowed_moves(req, user) == []
    for to_state in (S.RECEIVED, S.WITHDRAWN):
        with pytest.raises(domain.RequestError):
            domain.move_request(req=req, actor=user, to_state=to_state)
    with pytest.raises(domain.RequestError):
        domain.post_message(req=req, actor=user, text="Hello")
    assert Request.objects.get(pk=req.pk).state == S.SENT


def test_dates_are_neither_in_the_future_nor_before_the_previous_event(world):
    brazil = verified(world["brazil"])
    req = sent(world)
    with pytest.raises(domain.RequestError, match="future"):
        domain.move_request(req=req, actor=brazil, to_state=S.RECEIVED, on=today() + timedelta(days=1))
    with pytest.raises(domain.RequestError, match="previous event"):
        domain.move_request(req=req, actor=brazil, to_state=S.RECEIVED, on=today() - timedelta(days=3))


def test_content_for_the_letter_has_the_directory_filled_in(world):
    req = draft(world, content={"facts": "x", "requested_state": "FRA"})
    content = domain.content_for_letter(req)
    assert content["requested_state"] == "BRA" and content["requesting_state"] == "ITA"
    assert content["requesting_authority"] == world.authorities["prosecution"].name
    assert content["kind"] == "mla" and content["reference"] == req.reference and content["facts"] == "x"


def test_a_letter_in_a_language_the_requested_authority_does_not_accept_cannot_be_marked_ready(world):
    drafter = verified(world["drafter"])
    req = domain.create_request(
        actor=drafter,
        kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities["brazil"],  # accepts Portuguese, English and Spanish
        content=complete_content(),
        language="fr",
    )
    with pytest.raises(domain.Incomplete) as refused:
        domain.mark_ready(req=req, actor=drafter)
    [problem] = refused.value.check.problems
    assert (problem.key, problem.step, problem.reference) == ("language", "authorities", "art. 18(14)")
    assert str(problem.label) == (
        "The requested authority accepts requests in Portuguese, English, Spanish; the letter is in French."
    )
    Request.objects.filter(pk=req.pk).update(language="es")
    assert domain.mark_ready(req=Request.objects.get(pk=req.pk), actor=drafter).ready_at is not None


def test_a_request_is_not_sent_through_a_channel_the_requested_authority_does_not_accept(world):
    req = draft(world)  # to Brazil, which accepts requests directly only
    drafter = verified(world["drafter"])
    domain.mark_ready(req=req, actor=drafter)
    req = domain.approve_request(req=req, actor=verified(world["colleague"]))
    with pytest.raises(domain.RequestError, match="only through: Directly between authorities"):
        domain.send_request(req=req, actor=drafter, on=today(), channel="diplomatic")
    assert Request.objects.get(pk=req.pk).state == S.APPROVED
    assert domain.send_request(req=req, actor=drafter, on=today(), channel="direct").state == S.SENT
