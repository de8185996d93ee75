"""The legal basis between two States on a date, computed from the real register (UN status of 14 March
2015 loaded by tests/conftest.py): exact reasons, Protocols and offences, art. 16(5), errors."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.cooperation.domain.legal_basis import (
    NotAState,
    SameState,
    Snapshot,
    UnknownKind,
    UnknownOffence,
    UnknownState,
    all_pairs,
    legal_basis,
)
from palermo.cooperation.models import Authority, AuthorityKind, Designation
from palermo.register.models import Declaration

pytestmark = pytest.mark.django_db


def reasons(basis, code: str) -> list[str]:
    return basis.instrument(code).reasons


def test_a_state_that_signed_but_had_not_ratified_is_named_with_its_signature_date():
    basis = legal_basis(requesting="ITA", requested="KOR", on=date(2014, 6, 1))
    assert not basis.instrument("UNTOC").applies
    assert reasons(basis, "UNTOC") == [
        "Republic of Korea signed on 13 December 2000 but had not ratified on 1 June 2014."
    ]
    assert reasons(basis, "FIREARMS") == [
        "Republic of Korea signed on 4 October 2001 but had not ratified on 1 June 2014."
    ]
    assert not basis.applies


def test_a_ratification_before_the_date_with_entry_into_force_after_it_says_both_dates():
    basis = legal_basis(requesting="BRA", requested="ITA", on=date(2006, 8, 15))
    assert reasons(basis, "UNTOC") == [
        "Italy ratified on 2 August 2006; the Organized Crime Convention entered into force for it on "
        "1 September 2006, after 15 August 2006."
    ]


def test_the_convention_in_force_for_both_states_applies_with_both_dates():
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1))
    untoc = basis.instrument("UNTOC")
    assert untoc.applies and untoc.in_force
    assert untoc.reasons[:2] == [
        "In force for Italy since 1 September 2006.",
        "In force for Brazil since 28 February 2004.",
    ]
    assert basis.applies
    assert [i.code for i in basis.instruments if i.applies] == ["UNTOC", "TIP", "SOM", "FIREARMS"]


def test_a_protocol_does_not_cover_another_offence():
    basis = legal_basis(
        requesting="ITA", requested="BRA", on=date(2014, 6, 1), offence="smuggling-of-migrants"
    )
    tip = basis.instrument("TIP")
    assert tip.in_force and not tip.applies
    assert tip.reasons[-1] == (
        "The Protocol does not cover the offence (smuggling of migrants): it covers trafficking in persons (art. 5)."
    )
    assert basis.instrument("SOM").applies
    assert not basis.instrument("FIREARMS").applies
    assert (
        basis.instrument("UNTOC")
        .reasons[-1]
        .startswith("The Convention applies mutatis mutandis to the Smuggling of Migrants Protocol")
    )


def test_a_protocol_offence_without_the_protocol_counts_only_as_serious_crime():
    basis = legal_basis(
        requesting="ITA",
        requested="CAN",
        on=date(2014, 6, 1),
        offence="trafficking-in-firearms",
        kind="firearm_tracing",
    )
    assert reasons(basis, "FIREARMS") == [
        "Canada signed on 20 March 2002 but had not ratified on 1 June 2014."
    ]
    assert "only as a serious crime" in reasons(basis, "UNTOC")[-1]
    assert "four years" in reasons(basis, "UNTOC")[-1]
    assert basis.applies  # the Convention, as serious crime
    assert basis.consequences[0].startswith(
        "Tracing under art. 12(4) of the Firearms Protocol needs both States"
    )


def test_a_convention_offence_names_its_article():
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), offence="money-laundering")
    assert reasons(basis, "UNTOC")[-1] == (
        "The Convention covers money-laundering (art. 6), where the offence is transnational in nature and "
        "involves an organized criminal group (art. 3(1)(a))."
    )
    assert "6" in basis.instrument("UNTOC").articles


def test_offences_are_crime_type_slugs_in_any_case():
    basis = legal_basis(
        requesting="ITA", requested="BRA", on=date(2014, 6, 1), offence="Trafficking-In-Persons"
    )
    assert basis.offence == "trafficking-in-persons"
    assert basis.instrument("TIP").applies


def test_dates_before_the_instrument_existed_or_was_in_force():
    before = legal_basis(requesting="ITA", requested="BRA", on=date(1999, 6, 1))
    assert reasons(before, "UNTOC") == [
        "The Organized Crime Convention did not exist on 1 June 1999: it was adopted on 15 November 2000."
    ]
    waiting = legal_basis(requesting="ITA", requested="BRA", on=date(2002, 6, 1))
    assert reasons(waiting, "UNTOC") == [
        "The Organized Crime Convention had not yet entered into force on 1 June 2002: it entered into force on "
        "29 September 2003."
    ]
    assert not before.applies and not waiting.applies


def test_a_date_after_the_register_status_says_later_changes_are_unknown():
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2020, 1, 1))
    assert basis.notes == [
        "The register's treaty status is as at 14 March 2015: a ratification or notification after that date "
        "is not known to it."
    ]


def test_extradition_without_a_notification_under_16_5_says_so():
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind="extradition")
    assert "Brazil had made no notification under art. 16(5) by 1 June 2014." in basis.consequences


def test_extradition_with_a_notification_that_the_convention_is_the_legal_basis():
    Declaration.objects.create(
        party_id="BRA",
        instrument_id="UNTOC",
        kind="extradition_legal_basis",
        date=date(2004, 1, 29),
        text="Brazil takes the Convention as the legal basis.",
        uses_convention_as_legal_basis=True,
    )
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind="extradition")
    assert (
        "Brazil notified on 29 January 2004 that it takes the Convention as the legal basis for cooperation on "
        "extradition (art. 16(5)(a)): the Convention can serve as the legal basis for extradition to Italy "
        "(art. 16(4))."
    ) in basis.consequences
    convention_not_yet = legal_basis(
        requesting="ITA", requested="BRA", on=date(2004, 3, 1), kind="extradition"
    )
    assert convention_not_yet.consequences == [
        "The Convention cannot serve as the legal basis for extradition between them on that date: extradition "
        "rests on another treaty or on the law of Brazil."
    ]


def test_extradition_with_a_notification_that_it_does_not_take_the_convention():
    Declaration.objects.create(
        party_id="BRA",
        instrument_id="UNTOC",
        kind="extradition_legal_basis",
        date=date(2010, 5, 3),
        text="…",
        uses_convention_as_legal_basis=False,
    )
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind="provisional_arrest")
    assert any(
        text.startswith(
            "Brazil notified on 3 May 2010 that it does not take the Convention as the legal basis"
        )
        for text in basis.consequences
    )
    before = legal_basis(requesting="ITA", requested="BRA", on=date(2009, 6, 1), kind="extradition")
    assert "Brazil notified under art. 16(5) on 3 May 2010, after 1 June 2009." in before.consequences


def test_without_a_notification_the_directory_says_whether_a_treaty_is_required():
    authority = Authority.objects.create(
        party_id="BRA", name="Autoridade (teste)", requires_treaty_for_extradition=True
    )
    Designation.objects.create(
        authority=authority, kind=AuthorityKind.EXTRADITION, instrument_id="UNTOC", article="16"
    )
    told = legal_basis(
        requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind="extradition", with_directory=True
    )
    assert any(
        text.startswith("Its extradition authority extradites only on the basis of a treaty")
        for text in told.consequences
    )
    public = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind="extradition")
    assert not any("Its extradition authority" in text for text in public.consequences)


@pytest.mark.parametrize(
    "kind, start",
    [
        (
            "transfer_sentenced",
            "The Convention is not itself a legal basis for transferring sentenced persons",
        ),
        ("joint_investigation", "A joint investigation team rests on a bilateral or multilateral agreement"),
        ("vessel_boarding", "Brazil, the flag State, is asked to confirm the registry"),
        ("firearm_tracing", "Tracing under the Firearms Protocol (art. 12(4)): Brazil answers promptly"),
        ("mla", "Mutual legal assistance under art. 18"),
        ("confiscation", "International cooperation for confiscation under art. 13"),
    ],
)
def test_what_follows_for_each_kind(kind, start):
    basis = legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind=kind)
    assert basis.consequences[0].startswith(start)


def test_vessel_boarding_needs_the_flag_state_party_to_the_smuggling_protocol():
    basis = legal_basis(requesting="ITA", requested="KOR", on=date(2014, 6, 1), kind="vessel_boarding")
    assert basis.consequences[0].startswith(
        "Confirmation of registry and authorisation to board under art. 8 of the Smuggling of Migrants Protocol "
        "needs the flag State (Republic of Korea, the requested State)"
    )


def test_errors_name_the_argument():
    with pytest.raises(SameState) as same:
        legal_basis(requesting="ITA", requested="ita", on=date(2014, 6, 1))
    assert same.value.argument == "requested"
    with pytest.raises(UnknownState) as unknown:
        legal_basis(requesting="XXX", requested="BRA", on=date(2014, 6, 1))
    assert (unknown.value.code, unknown.value.argument) == ("XXX", "requesting")
    with pytest.raises(NotAState) as union:
        legal_basis(requesting="ITA", requested="EUU", on=date(2014, 6, 1))
    assert str(union.value).startswith(
        "European Union is a regional economic integration organization, not a State"
    )
    with pytest.raises(UnknownOffence):
        legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), offence="jaywalking")
    with pytest.raises(UnknownKind) as kind:
        legal_basis(requesting="ITA", requested="BRA", on=date(2014, 6, 1), kind="letter")
    assert "mla, extradition" in str(kind.value)


def test_alpha_2_codes_in_any_case_are_accepted():
    basis = legal_basis(requesting="it", requested="Br", on=date(2014, 6, 1))
    assert (basis.requesting, basis.requested) == ("ITA", "BRA")


def test_reasons_in_french_use_french_names_and_dates():
    from django.utils import translation

    with translation.override("fr"):
        basis = legal_basis(requesting="ITA", requested="KOR", on=date(2014, 6, 1))
    assert basis.requested_name == "République de Corée"
    assert "13 décembre 2000" in reasons(basis, "UNTOC")[0]
    assert "1er juin 2014" in reasons(basis, "UNTOC")[0]


def test_all_pairs_of_states_on_one_date_from_one_snapshot(django_assert_max_num_queries):
    snapshot = Snapshot()
    with django_assert_max_num_queries(0):
        pairs = all_pairs(date(2014, 6, 1), snapshot=snapshot)
    states = len(snapshot.states())
    assert len(pairs) == states * (states - 1)
    assert "EUU" not in {basis.requesting for basis in pairs}


STATES = ["ITA", "BRA", "KOR", "CAN", "FRA", "JPN", "USA", "VAT", "PSE", "PRK", "AFG"]


@settings(max_examples=40, deadline=None)
@given(
    a=st.sampled_from(STATES),
    b=st.sampled_from(STATES),
    on=st.dates(min_value=date(1995, 1, 1), max_value=date(2016, 12, 31)),
)
def test_whether_an_instrument_is_in_force_between_two_states_is_symmetric(a, b, on):
    if a == b:
        return
    snapshot = SNAPSHOT.get("it") or SNAPSHOT.setdefault("it", Snapshot())
    there = legal_basis(requesting=a, requested=b, on=on, snapshot=snapshot)
    back = legal_basis(requesting=b, requested=a, on=on, snapshot=snapshot)
    for one, other in zip(there.instruments, back.instruments, strict=True):
        assert one.in_force == other.in_force
        assert sorted(one.reasons) == sorted(other.reasons)
        if one.in_force:  # a Protocol never binds without the Convention
            assert there.instrument("UNTOC").in_force


SNAPSHOT: dict = {}
