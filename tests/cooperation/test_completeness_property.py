"""Properties of the completeness checks: removing (or emptying) any single required item of a complete
request, of any kind, makes check() name that item and nothing unrelated; any value anywhere gives a
result, never an exception."""

from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.cooperation.domain.completeness import check
from tests.cooperation.test_completeness import COMPLETE, NAMED_AS, REQUIRED, TODAY, leaves, without

CASES = [(name, leaf) for name, content in COMPLETE.items() for leaf in leaves(content)]
# Every place a value can be: leaves, top-level keys, objects in lists, objects in objects.
PLACES = sorted(
    {(name, leaf) for name, leaf in CASES}
    | {(name, leaf.split(".")[0]) for name, leaf in CASES}
    | {(name, leaf.split(".")[0].split("[")[0]) for name, leaf in CASES}
    | {(name, leaf.rsplit(".", 1)[0]) for name, leaf in CASES if "." in leaf}
)
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(
        st.one_of(st.integers(), st.text(max_size=3), st.dictionaries(st.text(max_size=3), st.integers())),
        max_size=3,
    ),
    st.dictionaries(
        st.text(max_size=5),
        st.one_of(st.text(max_size=3), st.integers(), st.lists(st.integers())),
        max_size=3,
    ),
)


def emptied(content: dict, leaf: str, how: str) -> dict:
    if how == "delete":
        return without(content, leaf)
    return without(content, leaf, {"none": None, "blank": "", "spaces": "   "}[how])


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(CASES), how=st.sampled_from(["delete", "none", "blank", "spaces"]))
def test_removing_any_single_required_item_names_that_item(case, how):
    name, leaf = case
    found = check(emptied(COMPLETE[name], leaf, how), today=TODAY)
    named = [item.key for item in found.missing + found.problems]
    if leaf in REQUIRED[name]:
        key = NAMED_AS.get((name, leaf), leaf)
        assert key in named
        # anything else named is the list the item belongs to (a person sought without a role)
        assert all(key.startswith(other) for other in named)
    elif how in ("delete", "none"):
        assert found.complete, (leaf, found.to_json())
    else:
        # an optional value emptied to a string is complete or a problem about that value only
        assert set(named) <= {leaf}


@settings(max_examples=400, deadline=None)
@given(case=st.sampled_from(PLACES), junk=JUNK)
def test_any_value_anywhere_gives_a_result_never_an_exception(case, junk):
    name, place = case
    found = check(without(COMPLETE[name], place, junk), today=TODAY)
    result = found.to_json()
    assert isinstance(result["complete"], bool)
    assert all(
        isinstance(item["message"], str)
        for part in ("missing", "problems", "warnings")
        for item in result[part]
    )
