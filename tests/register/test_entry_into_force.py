from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from palermo.register.domain.entry_into_force import entry_into_force_for_party, general_entry_into_force
from palermo.register.models import Instrument, Participation

UNTOC_IN_FORCE = date(2003, 9, 29)


def test_early_party_gets_the_general_date():
    assert entry_into_force_for_party(consent=date(2002, 8, 21), general=UNTOC_IN_FORCE) == UNTOC_IN_FORCE


def test_late_party_gets_thirty_days_after_deposit():
    assert entry_into_force_for_party(consent=date(2010, 2, 17), general=UNTOC_IN_FORCE) == date(2010, 3, 19)


def test_protocol_never_binds_before_the_convention_binds_the_party():
    assert entry_into_force_for_party(
        consent=date(2004, 1, 1),
        general=date(2003, 12, 25),
        is_protocol=True,
        convention_date_for_party=date(2004, 6, 1),
    ) == date(2004, 6, 1)


def test_protocol_without_the_convention_is_not_in_force():
    assert (
        entry_into_force_for_party(
            consent=date(2004, 1, 1),
            general=date(2003, 12, 25),
            is_protocol=True,
            convention_date_for_party=None,
        )
        is None
    )


def test_no_general_date_until_the_fortieth_instrument():
    consents = [date(2001, 1, 1) + timedelta(days=i) for i in range(39)]
    assert general_entry_into_force(consents) is None
    assert general_entry_into_force([*consents, date(2003, 7, 1)]) == date(2003, 9, 29)


@given(
    consent=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
    general=st.dates(min_value=date(2003, 1, 1), max_value=date(2006, 1, 1)),
    convention=st.one_of(st.none(), st.dates(min_value=date(2003, 1, 1), max_value=date(2031, 1, 1))),
)
def test_entry_into_force_is_never_before_any_of_its_conditions(consent, general, convention):
    in_force = entry_into_force_for_party(
        consent=consent, general=general, is_protocol=True, convention_date_for_party=convention
    )
    if convention is None:
        assert in_force is None
    else:
        assert in_force >= general and in_force >= consent + timedelta(days=30) and in_force >= convention
        assert in_force in {general, consent + timedelta(days=30), convention}


@pytest.mark.django_db
def test_general_dates_follow_from_the_real_status_tables():
    """The stored general dates equal the fortieth State instrument plus ninety days (REIOs not counted)."""
    for instrument in Instrument.objects.all():
        consents = list(
            Participation.objects.filter(instrument=instrument)
            .exclude(consent=None)
            .exclude(party__kind="regional_organization")
            .values_list("consent", flat=True)
        )
        parent = instrument.parent.entry_into_force if instrument.parent else None
        assert general_entry_into_force(consents, not_before=parent) == instrument.entry_into_force


@pytest.mark.django_db
def test_albania_as_in_the_issue_example():
    albania = Participation.objects.get(party="ALB", instrument="UNTOC")
    assert (albania.signature, albania.consent, albania.consent_kind, albania.entry_into_force) == (
        date(2000, 12, 12),
        date(2002, 8, 21),
        "ratification",
        date(2003, 9, 29),
    )


@pytest.mark.django_db
def test_antigua_accession_after_entry_into_force():
    antigua = Participation.objects.get(party="ATG", instrument="SOM")
    assert antigua.consent_kind == "accession"
    assert antigua.entry_into_force == antigua.consent + timedelta(days=30)
