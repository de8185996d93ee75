"""The record of the Conference's work (conference/domain/records.py): the secretariat records meetings,
documents, resolutions and decisions with their paragraphs, all or nothing, each write audited; bad data
names its field and changes nothing; a State's focal point records follow-up for its own State only, on
paragraphs that ask it; everyone else may record nothing."""

import itertools
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from palermo.accounts.models import Organisation, Role
from palermo.conference.domain.records import (
    ParagraphInput,
    RecordError,
    add_document,
    create_meeting,
    record_decision,
    record_follow_up,
)
from palermo.conference.models import (
    Addressee,
    Body,
    Decision,
    Document,
    DocumentKind,
    FollowUp,
    Meeting,
    OperativeParagraph,
)
from palermo.core.models import AuditEntry
from palermo.register.models import Party
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TENTH = {"body": Body.CONFERENCE, "number": 10, "starts": date(2020, 10, 12), "ends": date(2020, 10, 16)}


NUMBERS = itertools.count()


def verified(user):
    user.is_verified = lambda: True
    return user


def person(role: str, party: str | None = None):
    organisation = Organisation.objects.create(
        name=f"Ministry {next(NUMBERS)} of {party or 'nothing'}",
        kind=Organisation.Kind.STATE_AUTHORITY if party else Organisation.Kind.OTHER,
        party=Party.objects.get(code=party) if party else None,
    )
    return verified(UserFactory(role=role, organisation=organisation))


@pytest.fixture
def secretariat():
    return person(Role.SECRETARIAT_ADMIN)


@pytest.fixture
def session(secretariat) -> Meeting:
    return create_meeting(user=secretariat, place="Vienna", host=Party.objects.get(code="AUT"), **TENTH)


def paragraph(number: int, addressee: str = Addressee.ALL_STATES, **fields) -> ParagraphInput:
    return ParagraphInput(
        number=number, texts={"en": f"Urges States, paragraph {number}."}, addressee=addressee, **fields
    )


def test_the_secretariat_records_a_session_and_the_log_says_so(secretariat, session):
    assert (session.body, session.number, session.place, session.host_id) == (
        Body.CONFERENCE,
        10,
        "Vienna",
        "AUT",
    )
    entry = AuditEntry.objects.get(action="conference.meeting.created")
    assert (entry.actor, entry.object_id) == (secretariat, str(session.pk))


@pytest.mark.parametrize(
    "role", [Role.FOCAL_POINT, Role.GOVERNMENTAL_EXPERT, Role.OBSERVER, Role.PRACTITIONER, Role.PUBLIC]
)
def test_no_one_else_records_a_meeting(role):
    with pytest.raises(PermissionDenied):
        create_meeting(user=person(role, "ITA"), place="Vienna", **TENTH)
    assert not Meeting.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="conference.").exists()


def test_bad_meeting_data_names_each_field_and_writes_nothing(secretariat, session):
    with pytest.raises(RecordError) as refused:
        create_meeting(
            user=secretariat,
            body="assembly",
            number=0,
            starts=date(2021, 1, 2),
            ends=date(2021, 1, 1),
            place=" ",
        )
    assert [key for key, _message in refused.value.problems] == ["body", "number", "ends", "place"]
    with pytest.raises(RecordError) as again:
        create_meeting(user=secretariat, place="Vienna", **TENTH)
    assert again.value.problems == [("number", "This body already has a meeting with this number.")]
    assert Meeting.objects.count() == 1


def test_a_document_is_known_by_a_un_symbol_once(secretariat, session):
    document = add_document(
        user=secretariat,
        meeting=session,
        symbol=" CTOC/COP/2020/L.3/Rev.1 ",
        kind=DocumentKind.DRAFT,
        titles={"en": "Draft resolution", "fr": "Projet de résolution", "es": ""},
    )
    assert (document.symbol, document.titles) == (
        "CTOC/COP/2020/L.3/Rev.1",
        {"en": "Draft resolution", "fr": "Projet de résolution"},
    )
    for symbol, message in [
        ("CTOC/COP/2020/L.3/Rev.1", "A document with this symbol is already recorded."),
        ("ctoc cop 2020", "A UN document symbol, for example CTOC/COP/2020/1."),
        ("CTOC", "A UN document symbol, for example CTOC/COP/2020/1."),
    ]:
        with pytest.raises(RecordError) as refused:
            add_document(
                user=secretariat,
                meeting=session,
                symbol=symbol,
                kind=DocumentKind.REPORT,
                titles={"en": "Report"},
            )
        assert refused.value.problems == [("symbol", message)]
    with pytest.raises(RecordError) as untitled:
        add_document(
            user=secretariat,
            meeting=session,
            symbol="CTOC/COP/2020/1",
            kind="memo",
            titles={"fr": "Rapport", "xx": "?"},
        )
    assert untitled.value.problems == [
        ("kind", "Choose the kind of document."),
        ("titles", "Unknown language code: xx."),
        ("titles", "The English text is required."),
    ]
    assert Document.objects.count() == 1


def test_a_resolution_is_recorded_with_its_paragraphs_all_or_nothing(secretariat, session):
    named = [Party.objects.get(code="ITA"), Party.objects.get(code="BRA")]
    resolution = record_decision(
        user=secretariat,
        meeting=session,
        kind="resolution",
        number="10/1",
        titles={"en": "Review Mechanism"},
        adopted=date(2020, 10, 16),
        paragraphs=[
            paragraph(1),
            paragraph(2, Addressee.SOME_STATES, states=named, due=date(2022, 6, 1)),
            paragraph(3, Addressee.WORKING_GROUP, working_group=Body.FIREARMS),
        ],
    )
    found = list(resolution.paragraphs.order_by("number"))
    assert [(p.number, p.addressee, p.working_group, p.due) for p in found] == [
        (1, "all_states", "", None),
        (2, "some_states", "", date(2022, 6, 1)),
        (3, "working_group", "wg_firearms", None),
    ]
    assert sorted(found[1].states.values_list("code", flat=True)) == ["BRA", "ITA"]
    assert AuditEntry.objects.get(action="conference.decision.recorded").data == {"paragraphs": 3}

    with pytest.raises(RecordError) as refused:
        record_decision(
            user=secretariat,
            meeting=session,
            kind="decision",
            number="10/2",
            titles={"en": "Firearms"},
            adopted=date(2020, 10, 20),
            paragraphs=[
                paragraph(1),
                paragraph(2, Addressee.SOME_STATES),
                paragraph(2, Addressee.WORKING_GROUP, working_group=Body.CONFERENCE),
            ],
        )
    assert refused.value.problems == [
        ("adopted", "The date of adoption is a day of the session."),
        ("paragraphs.2", "Name the States exactly when the paragraph asks some States."),
        ("paragraphs.2", "Choose the working group exactly when the paragraph asks one."),
        ("paragraphs", "Two paragraphs have the same number."),
    ]
    assert Decision.objects.count() == 1 and OperativeParagraph.objects.count() == 3


def test_only_the_conference_adopts_resolutions(secretariat):
    group = create_meeting(
        user=secretariat,
        body=Body.FIREARMS,
        number=9,
        starts=date(2022, 5, 4),
        ends=date(2022, 5, 6),
        place="Vienna",
    )
    with pytest.raises(RecordError) as refused:
        record_decision(
            user=secretariat,
            meeting=group,
            kind="resolution",
            number="9/1",
            titles={"en": "x"},
            adopted=date(2022, 5, 5),
            paragraphs=[],
        )
    assert refused.value.problems == [("meeting", "Resolutions and decisions are adopted by the Conference.")]


def test_a_focal_point_records_follow_up_for_its_own_state_where_a_paragraph_asks_it(secretariat, session):
    italy, brazil = Party.objects.get(code="ITA"), Party.objects.get(code="BRA")
    resolution = record_decision(
        user=secretariat,
        meeting=session,
        kind="resolution",
        number="10/1",
        titles={"en": "x"},
        adopted=date(2020, 10, 16),
        paragraphs=[
            paragraph(1),
            paragraph(2, Addressee.SOME_STATES, states=[brazil]),
            paragraph(3, Addressee.SECRETARIAT),
        ],
    )
    to_all, to_brazil, to_secretariat = resolution.paragraphs.order_by("number")
    italian = person(Role.FOCAL_POINT, "ITA")
    done = record_follow_up(
        user=italian, paragraph=to_all, party=italy, status="done", text=" Law 146/2006. ", language="en"
    )
    assert (done.status, done.text, done.party_id, done.recorded_by) == (
        "done",
        "Law 146/2006.",
        "ITA",
        italian,
    )
    for paragraph_, party in [(to_brazil, italy), (to_all, brazil), (to_secretariat, italy), (to_all, None)]:
        with pytest.raises(PermissionDenied):
            record_follow_up(
                user=italian, paragraph=paragraph_, party=party, status="done", text="x", language="en"
            )
    for role in [Role.GOVERNMENTAL_EXPERT, Role.OBSERVER, Role.PUBLIC]:
        with pytest.raises(PermissionDenied):
            record_follow_up(
                user=person(role, "ITA"),
                paragraph=to_all,
                party=italy,
                status="done",
                text="x",
                language="en",
            )
    unverified = person(Role.FOCAL_POINT, "ITA")
    unverified.is_verified = lambda: False
    with pytest.raises(PermissionDenied):
        record_follow_up(
            user=unverified, paragraph=to_all, party=italy, status="done", text="x", language="en"
        )
    record_follow_up(
        user=secretariat,
        paragraph=to_secretariat,
        party=None,
        status="under_way",
        text="Guide drafted.",
        language="fr",
    )
    with pytest.raises(RecordError) as refused:
        record_follow_up(
            user=secretariat, paragraph=to_all, party=brazil, status="finished", text=" ", language="la"
        )
    assert [key for key, _message in refused.value.problems] == ["status", "text", "language"]
    assert FollowUp.objects.count() == 2
    assert AuditEntry.objects.filter(action="conference.follow_up.recorded").count() == 2
