# ruff: noqa: RUF001 (names in Cyrillic, Arabic, Chinese and Greek on purpose)
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.networks.matching import DEFAULT_THRESHOLD, match_names

SCHEMATA = ["Person", "Company", "Organization", "LegalEntity", "Vessel", "Thing"]
NAMES = st.text(alphabet=st.characters(categories=["L", "Zs", "Nd", "Pd", "Po"]), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(schema=st.sampled_from(SCHEMATA), first=NAMES, second=NAMES)
def test_score_is_symmetric_and_between_zero_and_one(schema, first, second):
    score = match_names(schema, first, second)
    assert score == match_names(schema, second, first)
    assert 0.0 <= score <= 1.0


@settings(max_examples=100, deadline=None)
@given(schema=st.sampled_from(SCHEMATA), name=NAMES.filter(str.strip))
def test_identical_names_score_one(schema, name):
    assert match_names(schema, name, name) == 1.0


def test_person_matches_across_cyrillic_order_and_initials():
    assert match_names("Person", "Aleksandr Zakharov", "ЗАХАРОВ Александр") == 1.0
    assert match_names("Person", "Aleksandr Zakharov", "Zakharov, A.") >= DEFAULT_THRESHOLD
    assert match_names("Person", "ЗАХАРОВ Александр", "Zakharov, A.") >= DEFAULT_THRESHOLD


def test_person_matches_across_arabic_and_transliterations():
    assert match_names("Person", "محمد", "Mohammed") >= DEFAULT_THRESHOLD
    assert match_names("Person", "Muhammad Abdullah Al-Rashid", "محمد عبد الله الراشد") >= DEFAULT_THRESHOLD
    assert match_names("Person", "Mohammed Haddad", "Muhammad Hadad") >= DEFAULT_THRESHOLD


def test_person_matches_across_chinese_characters_and_pinyin():
    assert match_names("Person", "王伟", "Wang Wei") == 1.0
    assert match_names("Person", "王伟", "Wei Wang") == 1.0
    assert match_names("Person", "李晓明", "Li Xiaoming") == 1.0


def test_honorifics_and_typos_do_not_prevent_a_match():
    assert match_names("Person", "Dr. Ivan Petrov", "Ivan Petrov") == 1.0
    assert match_names("Person", "Sheikh Khalid Mansour", "Khalid Mansour") == 1.0
    assert match_names("Person", "Aleksandr Zakharov", "Aleksandr Zakhraov") >= DEFAULT_THRESHOLD


def test_same_family_name_with_another_given_name_is_not_a_match():
    assert match_names("Person", "Aleksandr Zakharov", "Dmitry Zakharov") == 0.5
    assert match_names("Person", "Wang Wei", "Wang Lei") < DEFAULT_THRESHOLD
    assert match_names("Person", "Zakharov, A.", "Zakharov, D.") < DEFAULT_THRESHOLD


def test_initials_alone_never_match():
    assert match_names("Person", "A. B.", "Anna Berg") <= 0.5


def test_company_legal_forms_across_scripts_are_ignored():
    assert match_names("Company", "ООО Ромашка", "Romashka LLC") == 1.0
    assert match_names("Company", "Meridian Shipping Ltd", "MERIDIAN SHIPPING LIMITED") == 1.0
    assert match_names("Company", "Acme GmbH", "Acme Gesellschaft mit beschränkter Haftung") == 1.0
    assert match_names("Company", "深圳华信贸易有限公司", "Shenzhen Huaxin Trading Co., Ltd.") == 1.0


def test_companies_with_another_distinctive_word_do_not_match():
    assert match_names("Company", "Orion Shipping Ltd", "Orion Trading Ltd") < DEFAULT_THRESHOLD
    assert match_names("Company", "Kestrel Logistics GmbH", "Meridian Logistics GmbH") < DEFAULT_THRESHOLD


def test_vessels_with_another_number_do_not_match():
    assert match_names("Vessel", "M/V OCEAN STAR II", "Ocean Star 2") == 1.0
    assert match_names("Vessel", "Ocean Star II", "Ocean Star III") < DEFAULT_THRESHOLD


def test_unknown_schema_falls_back_to_generic_matching():
    assert match_names("NoSuchSchema", "Blue Lagoon", "BLUE LAGOON") == 1.0
