"""The drawing of lots: every rule holds on random parties and on the real register, the same seed gives
the same draw, and impossible inputs are explained (which State, which rule)."""

import random
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.review.domain.draw import INSTRUMENTS, DrawImpossible, Party, Rules, draw

RULE_NAMES = {
    "same_group",
    "other_group",
    "max_reviews_per_year",
    "reciprocal review",
    "already reviews this State",
    "needed elsewhere by the search",
    "redrawn",
}


def assert_every_rule_holds(parties: list[Party], rules: Rules, result) -> None:
    by_code = {p.code: p for p in parties}
    taking_part = {code for codes in result.groups.values() for code in codes}
    assert taking_part == {p.code for p in parties} - set(result.not_drawn)
    assert sum(len(codes) for codes in result.groups.values()) == len(taking_part)  # a partition
    group_of = {code: int(n) for n, codes in result.groups.items() for code in codes}
    on_time = [len([c for c in codes if not by_code[c].late]) for codes in result.groups.values()]
    assert max(on_time) - min(on_time) <= 1
    for code in taking_part:
        if by_code[code].late:
            assert group_of[code] == rules.groups
    reviews = {(r.state_under_review, r.instrument): r for r in result.reviews}
    reviewed_by = defaultdict(set)  # reviewer -> States it reviews
    for code in taking_part:
        party = by_code[code]
        for instrument in party.instruments & set(rules.instruments):
            review = reviews.pop((code, instrument))
            assert review.group == group_of[code]
            states = [r["state"] for r in review.reviewers]
            assert len(states) == len(set(states)) == 2
            assert code not in states
            inside = 0
            for reviewer in review.reviewers:
                other = by_code[reviewer["state"]]
                assert other.code in taking_part
                assert instrument in other.instruments
                reviewed_by[other.code].add(code)
                same_region = bool(party.regional_group) and other.regional_group == party.regional_group
                inside += same_region
                if reviewer["slot"] == "same_group":
                    assert same_region
                elif reviewer["slot"] == "other_group":
                    assert not same_region
            assert inside == (1 if party.regional_group else 0)
    assert not reviews  # nothing else was drawn
    for reviewer, states in reviewed_by.items():
        for group in range(1, rules.groups + 1):
            assert len([s for s in states if group_of[s] == group]) <= rules.max_reviews_per_year
        if rules.no_reciprocal_reviews:
            assert not any(reviewer in reviewed_by.get(state, ()) for state in states)


def party_lists():
    regions = st.sampled_from(["AFRICAN", "ASIA_PACIFIC", "EEG", "GRULAC", "WEOG", ""])
    protocols = st.sets(st.sampled_from(INSTRUMENTS[1:]))
    one = st.tuples(regions, protocols, st.booleans(), st.booleans())
    return st.lists(one, min_size=2, max_size=40).map(
        lambda rows: [
            Party(f"S{i:02d}", region, frozenset({"UNTOC", *extra} if untoc else extra), late)
            for i, (region, extra, untoc, late) in enumerate(rows)
        ]
    )


RULES = st.builds(
    Rules,
    groups=st.integers(1, 3),
    max_reviews_per_year=st.integers(1, 4),
    no_reciprocal_reviews=st.booleans(),
    outside_regional_groups=st.sampled_from(["other_group_only", "not_reviewed"]),
    late_joiners=st.sampled_from(["last_group", "next_cycle"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(party_lists(), RULES, st.integers(0, 2**32))
def test_every_rule_holds_or_the_draw_says_which_state_and_rule_prevent_it(parties, rules, seed):
    try:
        result = draw(parties, rules, seed)
    except DrawImpossible as impossible:
        assert impossible.state in {p.code for p in parties}
        assert impossible.rule in RULE_NAMES
        assert impossible.state in impossible.message
        return
    assert_every_rule_holds(parties, rules, result)
    shuffled = list(parties)
    random.Random(seed).shuffle(shuffled)
    assert draw(shuffled, rules, seed).as_dict() == result.as_dict()  # same seed and inputs, same draw


def test_the_same_seed_gives_the_same_draw_and_another_seed_another():
    parties = [
        Party(f"S{i:02d}", ["AFRICAN", "WEOG", "EEG"][i % 3], frozenset({"UNTOC", "TIP"})) for i in range(30)
    ]
    first, again, other = draw(parties, Rules(), 7), draw(parties, Rules(), 7), draw(parties, Rules(), 8)
    assert first.as_dict() == again.as_dict()
    assert first.as_dict() != other.as_dict()


def test_a_state_alone_in_its_regional_group_cannot_have_a_same_group_reviewer():
    parties = [Party("ALONE", "EEG", frozenset({"UNTOC"}))] + [
        Party(f"W{i}", "WEOG", frozenset({"UNTOC"})) for i in range(6)
    ]
    with pytest.raises(DrawImpossible) as impossible:
        draw(parties, Rules(), 1)
    assert (impossible.value.state, impossible.value.rule) == ("ALONE", "same_group")
    assert "no other State in its regional group is party to UNTOC" in impossible.value.message


def test_a_cap_too_low_for_a_regional_group_is_explained():
    parties = [Party(f"A{i}", "AFRICAN", frozenset({"UNTOC"})) for i in range(4)] + [
        Party(f"W{i}", "WEOG", frozenset({"UNTOC"})) for i in range(4)
    ]
    with pytest.raises(DrawImpossible) as impossible:
        draw(parties, Rules(groups=1, max_reviews_per_year=1, no_reciprocal_reviews=True), 3)
    assert impossible.value.rule in {"max_reviews_per_year", "reciprocal review"}


def test_a_reviewer_not_party_to_a_protocol_gets_an_additional_reviewer_for_it_only():
    parties = [
        Party("S1", "WEOG", frozenset({"UNTOC", "FIREARMS"})),
        Party("S2", "WEOG", frozenset({"UNTOC"})),
        Party("S3", "WEOG", frozenset({"UNTOC", "FIREARMS"})),
        Party("A1", "AFRICAN", frozenset({"UNTOC", "FIREARMS"})),
        Party("A2", "AFRICAN", frozenset({"UNTOC", "FIREARMS"})),
        Party("A3", "AFRICAN", frozenset({"UNTOC", "FIREARMS"})),
    ]
    for seed in range(20):
        result = draw(parties, Rules(groups=1, no_reciprocal_reviews=False), seed)
        assert_every_rule_holds(parties, result.rules, result)
        reviews = {(r.state_under_review, r.instrument): r.reviewers for r in result.reviews}
        same = next(r["state"] for r in reviews["S1", "UNTOC"] if r["slot"] == "same_group")
        firearms = {r["state"]: r["slot"] for r in reviews["S1", "FIREARMS"]}
        if same == "S2":  # not party to the Firearms Protocol: S3 reviews S1 for it
            assert firearms.get("S3") == "additional"
            assert "S2" not in firearms
        else:
            assert firearms.get(same) == "same_group"
            assert "additional" not in firearms.values()


def test_rules_from_json_name_what_is_wrong():
    with pytest.raises(ValueError, match="unknown rule"):
        Rules.from_dict({"groupz": 3})
    with pytest.raises(ValueError, match="late_joiners must be one of"):
        Rules.from_dict({"late_joiners": "never"})
    assert Rules.from_dict({"groups": 2, "instruments": ["UNTOC"]}).instruments == ("UNTOC",)


def test_an_impossible_redraw_is_explained_with_state_names_reasons_and_slots_for_people():
    parties = [Party("S1", "WEOG", frozenset({"UNTOC"})), Party("S2", "WEOG", frozenset({"UNTOC"}))] + [
        Party(f"A{i}", "AFRICAN", frozenset({"UNTOC"})) for i in range(4)
    ]
    from palermo.review.domain.draw import redraw

    rules = Rules(groups=1, no_reciprocal_reviews=False)
    first = draw(parties, rules, 1)
    with pytest.raises(DrawImpossible) as impossible:
        redraw(parties, rules, 2, first.as_dict(), "S1", "S2")
    assert impossible.value.reasons == {"redrawn": ["S2"]}
    assert "(redrawn: S2)" in impossible.value.message  # the command line keeps the codes of its files
    shown = impossible.value.translated(
        lambda text: text,
        {"S1": "Sweden", "S2": "Spain"},
        regions={"WEOG": "Western European and Others Group"},
        instruments={"UNTOC": "Organized Crime Convention"},
    )
    assert shown == (
        "Sweden (Western European and Others Group, group 1): every State in its regional group party to "
        "Organized Crime Convention is ruled out for the same regional group slot "
        "(replaced by a redraw before: Spain)"
    )
