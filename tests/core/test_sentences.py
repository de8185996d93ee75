"""Messages made of several sentences or counts are joined as each language writes them: no space after a
Chinese full stop, the Arabic and Chinese commas between two counts (the link chart's status line)."""

import pytest
from django.utils import translation

from palermo.core.i18n import in_language, sentences
from palermo.networks.views.graph import chart_message


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "One. Two."), ("fr", "One. Two."), ("ar", "One. Two."), ("zh-hans", "One.Two.")],
)
def test_sentences_are_joined_as_the_language_writes_them(language, expected):
    with translation.override(language):
        assert sentences("One.", "", "Two.") == expected


def test_the_charts_counts_use_the_languages_comma_and_full_stop():
    with translation.override("zh-hans"):
        message = chart_message(2, 8, 8)
    assert ", " not in message and "。 " not in message  # no Latin comma, no space after a full stop
    assert (
        "\uff0c" in message and "\u3002\u56fe" in message
    )  # the Chinese comma; a full stop, then the next word
    with translation.override("ar"):
        assert "، " in chart_message(0, 8, 8)


def test_a_text_kept_by_language_falls_back_to_english_then_any():
    with translation.override("fr"):
        assert in_language({"en": "Report", "fr": "Rapport"}) == "Rapport"
        assert in_language({"en": "Report", "es": "Informe"}) == "Report"
        assert in_language({"es": "Informe"}) == "Informe"
        assert in_language({}, "—") == "—"
