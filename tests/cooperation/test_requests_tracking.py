"""Tracking beyond the happy path: an authority that does not use Palermo (its moves entered by hand),
incoming requests recorded by hand, concurrent edits of a draft, messages, attachments, reminders."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from palermo.cooperation.domain import requests as domain
from palermo.cooperation.domain import tracking
from palermo.cooperation.models import (
    Request,
    RequestAttachment,
    RequestKind,
    RequestMessage,
    RequestState,
)
from palermo.core.models import AuditEntry
from tests.cooperation.conftest import verified
from tests.cooperation.request_helpers import complete_content, draft, sent

pytestmark = pytest.mark.django_db
S = RequestState
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


def test_france_does_not_use_palermo_so_its_moves_are_entered_by_hand_with_their_dates(world, mailoutbox):
    drafter = verified(world["drafter"])
    req = sent(world, to="france")
    req.events.update(on=today() - timedelta(days=20))  # approved and sent three weeks ago
    assert mailoutbox == []  # nobody at the French authority to tell
    assert domain.allowed_moves(req, drafter) == [S.RECEIVED, S.ACKNOWLEDGED, S.WITHDRAWN]
    req = domain.move_request(req=req, actor=drafter, to_state=S.RECEIVED, on=today() - timedelta(days=15))
    req = domain.move_request(
        req=req, actor=drafter, to_state=S.MORE_INFORMATION, on=today() - timedelta(days=10), note="By letter"
    )
    req = domain.move_request(req=req, actor=drafter, to_state=S.IN_EXECUTION, on=today() - timedelta(days=5))
    req = domain.move_request(req=req, actor=drafter, to_state=S.EXECUTED, on=today() - timedelta(days=2))
    assert (req.state, req.received_on, req.closed_on) == (
        S.EXECUTED,
        today() - timedelta(days=15),
        today() - timedelta(days=2),
    )
    events = list(
        req.events.select_related("actor", "request__requesting_authority", "request__requested_authority")
    )
    assert [(e.to_state, e.side, domain.entered_by_hand(e)) for e in events] == [
        (S.APPROVED, "requesting", False),
        (S.SENT, "requesting", False),
        (S.RECEIVED, "requested", True),
        (S.MORE_INFORMATION, "requested", True),
        (S.IN_EXECUTION, "requesting", False),
        (S.EXECUTED, "requested", True),
    ]
    entry = AuditEntry.objects.filter(action="cooperation.request.moved").order_by("id").first()
    assert entry.data["by_hand"] is True and entry.data["on"] == (today() - timedelta(days=15)).isoformat()
    assert mailoutbox == []


def test_brazil_uses_palermo_so_the_italians_do_not_enter_its_moves(world):
    req = sent(world)
    with pytest.raises(domain.RequestError):
        domain.move_request(req=req, actor=verified(world["drafter"]), to_state=S.RECEIVED)


def test_an_incoming_request_from_france_is_recorded_by_the_requested_side(world):
    ministry = verified(world["ministry"])
    received = today() - timedelta(days=3)
    req = domain.record_incoming_request(
        actor=ministry,
        kind=RequestKind.EXTRADITION,
        requesting_authority=world.authorities["france"],
        requested_authority=world.authorities["ministry"],
        title="Extradition of a suspect",
        received_on=received,
    )
    assert (req.state, req.recorded_by, req.received_on) == (S.RECEIVED, "requested", received)
    assert req.reference == f"FRA-ITA-{today().year}-0001"
    assert domain.allowed_moves(req, ministry) == [
        S.ACKNOWLEDGED,
        S.IN_EXECUTION,
        S.MORE_INFORMATION,
        S.PARTLY_EXECUTED,
        S.EXECUTED,
        S.REFUSED,
        S.WITHDRAWN,  # France's withdrawal, entered by hand
    ]
    assert domain.allowed_moves(req, verified(world["drafter"])) == []
    req = domain.move_request(req=req, actor=ministry, to_state=S.WITHDRAWN)
    assert domain.entered_by_hand(req.events.last())


def test_an_incoming_request_from_an_authority_on_palermo_is_not_recorded_by_hand(world):
    with pytest.raises(domain.RequestError, match="uses Palermo"):
        domain.record_incoming_request(
            actor=verified(world["brazil"]),
            kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            requesting_authority=world.authorities["prosecution"],
            requested_authority=world.authorities["brazil"],
            received_on=today(),
        )
    with pytest.raises(domain.RequestError):  # not the requested authority's practitioner
        domain.record_incoming_request(
            actor=verified(world["drafter"]),
            kind=RequestKind.MUTUAL_LEGAL_ASSISTANCE,
            requesting_authority=world.authorities["france"],
            requested_authority=world.authorities["ministry"],
            received_on=today(),
        )
    assert not Request.objects.exists()


def test_a_save_on_a_stale_version_is_refused_naming_who_saved_and_loses_nothing(world):
    drafter, colleague = verified(world["drafter"]), verified(world["colleague"])
    req = draft(world, content={"facts": "first"})
    mine = domain.save_draft(
        req=req, actor=colleague, content={"facts": "the colleague's"}, expected_version=1
    )
    with pytest.raises(domain.StaleRequest) as refused:
        domain.save_draft(req=req, actor=drafter, content={"facts": "the drafter's"}, expected_version=1)
    message = str(refused.value)
    assert colleague.get_full_name() in message and "version 2" in message and "you had 1" in message
    saved = Request.objects.get(pk=req.pk)
    assert (saved.content, saved.version, saved.updated_by) == ({"facts": "the colleague's"}, 2, colleague)
    assert mine.version == 2
    domain.save_draft(req=req, actor=drafter, content={"facts": "the drafter's"}, expected_version=2)
    assert Request.objects.get(pk=req.pk).version == 3


def test_messages_go_both_ways_and_tell_the_other_side(world, mailoutbox):
    req = sent(world)
    mailoutbox.clear()
    domain.post_message(req=req, actor=verified(world["brazil"]), text="We need the account holder's name.")
    assert {m.to[0] for m in mailoutbox} == {
        world[name].email for name in ("drafter", "colleague")
    }  # the office's observer may not read requests: no e-mail either
    mailoutbox.clear()
    domain.post_message(req=req, actor=verified(world["drafter"]), text="Mario Invented")
    assert {m.to[0] for m in mailoutbox} == {world["brazil"].email, world["brazilian focal point"].email}
    assert list(RequestMessage.objects.values_list("side", flat=True)) == ["requested", "requesting"]
    with pytest.raises(domain.RequestError, match="Write"):
        domain.post_message(req=req, actor=verified(world["drafter"]), text="   ")
    with pytest.raises(domain.RequestError):  # observers read, they do not write
        domain.post_message(req=req, actor=verified(world["observer of the office"]), text="Hello")


def test_attachments_are_pdfs_only(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = draft(world)
    drafter = verified(world["drafter"])
    attachment = domain.attach_file(
        req=req,
        actor=drafter,
        upload=SimpleUploadedFile("order.pdf", PDF, content_type="application/pdf"),
        title="Order of the judge",
        is_annex=True,
    )
    assert (attachment.side, attachment.file_name, attachment.size, attachment.is_annex) == (
        "requesting",
        "order.pdf",
        len(PDF),
        True,
    )
    with pytest.raises(domain.RequestError, match="not a PDF"):
        domain.attach_file(
            req=req, actor=drafter, upload=SimpleUploadedFile("x.pdf", b"MZ not a pdf"), title="Bad"
        )
    with pytest.raises(domain.RequestError, match="title"):
        domain.attach_file(req=req, actor=drafter, upload=SimpleUploadedFile("x.pdf", PDF), title=" ")
    assert RequestAttachment.objects.count() == 1


def test_reminders_go_to_whoever_owes_the_next_step_once_a_week(world, mailoutbox):
    brazil, drafter = verified(world["brazil"]), verified(world["drafter"])
    content = complete_content()
    content["urgency"]["execute_by"] = (today() + timedelta(days=3)).isoformat()
    req = draft(world, content=content)
    req = domain.approve_request(
        req=domain.mark_ready(req=req, actor=drafter), actor=verified(world["colleague"])
    )
    req = domain.send_request(req=req, actor=drafter, on=today(), channel="direct")
    far = sent(world)  # due in 2027: no reminder
    mailoutbox.clear()
    found = tracking.send_request_reminders()
    assert [(due.request, due.deadline, due.side) for due in found] == [(req, "execute_by", "requested")]
    assert {m.to[0] for m in mailoutbox} == {world["brazil"].email, world["brazilian focal point"].email}
    assert tracking.send_request_reminders() == []  # not twice in a week
    assert (
        AuditEntry.objects.filter(action="cooperation.request.reminded", object_id=str(req.pk)).count() == 1
    )
    assert far.pk not in [due.request.pk for due in found]

    domain.move_request(req=req, actor=brazil, to_state=S.RECEIVED)
    domain.move_request(req=req, actor=brazil, to_state=S.MORE_INFORMATION, note="Which branch?")
    later = tracking.due_reminders(today() + timedelta(days=30), every_days=0)
    assert [(due.request, due.deadline, due.side) for due in later] == [(req, "reply_due", "requesting")]


def test_the_reminder_command_lists_and_refuses_bad_arguments(world, capsys):
    from django.core.management.base import CommandError

    call_command("send_request_reminders", "--dry-run")
    assert "0 reminder(s) due." in capsys.readouterr().out
    with pytest.raises(CommandError, match="--every-days"):
        call_command("send_request_reminders", "--every-days", "0")
