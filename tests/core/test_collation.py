"""Text sorted as each language sorts it (palermo.core.collation), numbers by value."""

import pytest
from django.utils import translation

from palermo.core.collation import collated, sort_key


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Costa Rica", "Côte d’Ivoire", "Croatie", "Cuba"]),  # not after "Cuba" (ô > u in Unicode)
        ("es", ["Bélgica", "Belice", "Benin", "Nicaragua", "Níger", "Nigeria", "Noruega", "Ñandú"]),
        ("en", ["Costa Rica", "Côte d’Ivoire", "Croatia", "Czechia"]),
        # alif with hamza below is alif: Ethiopia (إثيوبيا, thā') before Azerbaijan (أذربيجان, dhāl)
        ("ar", ["آيرلندا", "إثيوبيا", "أذربيجان", "أرمينيا"]),
        (
            "zh-hans",
            ["阿富汗", "巴西", "德国", "俄罗斯联邦", "法国", "中国"],
        ),  # pinyin: a, ba, de, e, fa, zhong
        ("ru", ["Австралия", "Австрия", "Египет", "Ёмкость", "Эквадор", "Ямайка"]),  # yo with ye, not first
    ],
)
def test_names_sort_as_the_language_sorts_them(language, expected):
    assert sorted(reversed(expected), key=lambda text: sort_key(text, language)) == expected


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_numbers_inside_text_sort_by_value(language):
    assert collated(["art. 23", "art. 5", "art. 18", "art. 2"], language=language) == [
        "art. 2",
        "art. 5",
        "art. 18",
        "art. 23",
    ]
    assert collated(["18", "2", "5 bis", "5"], language=language) == ["2", "5", "5 bis", "18"]


def test_the_active_language_is_the_default():
    names = ["Czechia", "Côte d’Ivoire", "Costa Rica"]
    with translation.override("fr"):
        assert collated(names) == ["Costa Rica", "Côte d’Ivoire", "Czechia"]
    assert sort_key("Zambia") > sort_key("Albania")


def test_collated_sorts_objects_by_a_key_and_keeps_equal_ones_in_order():
    rows = [("b", "Niger"), ("a", "Nigeria"), ("c", "Níger")]
    assert collated(rows, key=lambda row: row[1], language="es") == [
        ("b", "Niger"),
        ("c", "Níger"),
        ("a", "Nigeria"),
    ]


def test_missing_text_sorts_first_and_an_unknown_language_sorts_as_english():
    assert sort_key(None, "fr") == sort_key("", "fr") < sort_key("A", "fr")
    assert sort_key("Côte", "xx") == sort_key("Côte", "en")
