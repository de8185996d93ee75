"""The curation workflow (draft -> submitted -> verified -> published) and who sees what before publication."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from palermo.accounts.models import Organisation, Role
from palermo.core.models import AuditEntry
from palermo.knowledge.domain.records import (
    CurationError,
    StaleRecord,
    create_record,
    transition_record,
    update_record,
)
from palermo.knowledge.models import CurationState, Record, Term, Vocabulary
from palermo.register.models import Article, Party
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def verified(user):
    """Users as they are after a sign-in with their second factor (django-otp sets this on request.user)."""
    user.is_verified = lambda: True
    return user


@pytest.fixture
def italy():
    return Organisation.objects.create(
        name="Italy, MoJ", kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code="ITA")
    )


@pytest.fixture
def contributor(italy):
    return verified(UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=italy))


@pytest.fixture
def secretariat():
    return verified(UserFactory(role=Role.SECRETARIAT_ADMIN))


def new_case(user, **fields):
    return create_record(
        user=user,
        kind="case",
        fields={
            "title": "Public Prosecutor v. A.B.",
            "jurisdiction_id": "ITA",
            "date": date(2016, 5, 4),
            "summary": {"en": "Smuggling of migrants by sea."},
            **fields,
        },
        relations={
            "crime_types": [Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="smuggling-of-migrants")],
            "articles": [Article.objects.get(instrument="SOM", number="6")],
        },
        detail={"court": "Court of Appeal of Palermo", "court_type": "criminal", "court_level": "appeal"},
        people={
            "defendants": [
                {"name": "A.B.", "gender": "male", "nationality_id": "LBY", "verdict": "convicted"}
            ],
            "victims": [{"count": 42, "age_group": "adult"}],
        },
    )


def test_a_contributor_drafts_and_submits_a_case_for_their_state(contributor):
    record = new_case(contributor)
    assert (
        record.state == CurationState.DRAFT
        and record.year == 2016
        and record.organisation == contributor.organisation
    )
    record = transition_record(record=record, user=contributor, to_state=CurationState.SUBMITTED)
    assert record.state == CurationState.SUBMITTED and record.version == 2
    history = list(record.versions.values_list("number", "state"))
    assert history == [(2, "submitted"), (1, "draft")]
    first = record.versions.get(number=1).snapshot
    assert first["detail"]["court"] == "Court of Appeal of Palermo" and first["articles"] == ["SOM:6"]
    assert first["defendants"][0]["nationality_id"] == "LBY" and first["victims"][0]["count"] == 42


def test_a_contributor_cannot_submit_for_another_state(contributor):
    record = new_case(contributor, jurisdiction_id="FRA")
    with pytest.raises(CurationError):
        transition_record(record=record, user=contributor, to_state=CurationState.SUBMITTED)


def test_only_the_secretariat_verifies_and_publishes(contributor, secretariat):
    record = transition_record(
        record=new_case(contributor), user=contributor, to_state=CurationState.SUBMITTED
    )
    with pytest.raises(CurationError):
        transition_record(record=record, user=contributor, to_state=CurationState.VERIFIED)
    record = transition_record(record=record, user=secretariat, to_state=CurationState.VERIFIED)
    record = transition_record(record=record, user=secretariat, to_state=CurationState.PUBLISHED)
    assert record.verified_by == secretariat and record.published_at is not None
    actions = AuditEntry.objects.filter(object_id=str(record.pk), object_type="knowledge.record")
    assert list(actions.order_by("id").values_list("action", flat=True)) == [
        "knowledge.record.created",
        "knowledge.record.submitted",
        "knowledge.record.verified",
        "knowledge.record.published",
    ]


def test_no_skipping_steps_and_going_back_needs_a_reason(contributor, secretariat):
    record = new_case(contributor)
    with pytest.raises(CurationError, match="cannot go from"):
        transition_record(record=record, user=secretariat, to_state=CurationState.PUBLISHED)
    record = transition_record(record=record, user=contributor, to_state=CurationState.SUBMITTED)
    with pytest.raises(CurationError, match="Say why"):
        transition_record(record=record, user=secretariat, to_state=CurationState.DRAFT)
    record = transition_record(
        record=record, user=secretariat, to_state=CurationState.DRAFT, note="Court name?"
    )
    assert record.versions.first().note == "Court name?"


def test_a_submitted_record_is_frozen_for_its_author(contributor):
    record = transition_record(
        record=new_case(contributor), user=contributor, to_state=CurationState.SUBMITTED
    )
    with pytest.raises(CurationError):
        update_record(record=record, user=contributor, expected_version=record.version, fields={"title": "X"})


def test_concurrent_edits_do_not_overwrite_each_other(contributor, italy):
    colleague = verified(UserFactory(role=Role.FOCAL_POINT, organisation=italy))
    record = new_case(contributor)
    update_record(record=record, user=colleague, expected_version=1, fields={"title": "Corrected title"})
    with pytest.raises(StaleRecord, match="changed since you opened it"):
        update_record(record=record, user=contributor, expected_version=1, fields={"title": "My title"})
    assert Record.objects.get(pk=record.pk).title == "Corrected title"


def test_unpublished_records_are_invisible_to_outsiders(contributor, secretariat):
    record = new_case(contributor)
    outsiders = [
        AnonymousUser(),
        UserFactory(role=Role.PUBLIC),
        UserFactory(role=Role.GOVERNMENTAL_EXPERT),  # another organisation
        UserFactory(role=Role.OBSERVER),
    ]
    for outsider in outsiders:
        assert not Record.objects.visible_to(outsider).filter(pk=record.pk).exists()
    assert Record.objects.visible_to(contributor).filter(pk=record.pk).exists()
    assert Record.objects.visible_to(secretariat).filter(pk=record.pk).exists()
    for state in (CurationState.SUBMITTED, CurationState.VERIFIED, CurationState.PUBLISHED):
        record = transition_record(
            record=record, user=contributor if state == "submitted" else secretariat, to_state=state
        )
    for outsider in outsiders:
        assert Record.objects.visible_to(outsider).filter(pk=record.pk).exists()


def test_people_without_a_state_role_cannot_add_records():
    for role in (Role.PUBLIC, Role.OBSERVER):
        with pytest.raises(CurationError):
            new_case(verified(UserFactory(role=role)))
