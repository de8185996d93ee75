"""The letter's wording (cooperation/data/letter-wording.json): every phrase in the six languages with the
same placeholders, and every kind, form of assistance, role and protection flag of the request format
worded."""

import re
import string

from palermo.cooperation.interfaces.letter import LANGUAGES, WORDING_FILE, wording
from palermo.cooperation.models import RequestKind

FORMS = [f"18_3_{letter}" for letter in "abcdefghi"] + ["preservation", "subscriber", "content", "traffic"]
ROLES = ["suspect", "accused", "sentenced", "witness", "victim", "expert", "other"]
PROTECTIONS = ["identity_confidential", "witness_protection", "child", "victim_of_trafficking"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_phrase_is_in_the_six_languages_and_none_is_empty():
    for key, texts in wording().items():
        assert sorted(texts) == sorted(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_every_language_has_the_same_placeholders_as_english():
    for key, texts in wording().items():
        english = placeholders(texts["en"])
        for language, text in texts.items():
            assert placeholders(text) == english, (key, language)
            text.format(**dict.fromkeys(english, "x"))  # no stray brace


def test_every_kind_form_role_and_protection_is_worded():
    keys = set(wording())
    for kind in RequestKind.values:
        assert {f"title.{kind}", f"provision.{kind}"} <= keys, kind
    assert {f"form.{form}" for form in FORMS} <= keys
    assert {f"role.{role}" for role in ROLES} <= keys
    assert {f"protection.{flag}" for flag in PROTECTIONS} <= keys
    assert {f"transnational.{letter}" for letter in "abcd"} <= keys


def test_the_phrases_are_written_in_their_own_script():
    scripts = {"ar": r"[\u0600-\u06ff]", "zh-hans": r"[\u4e00-\u9fff]", "ru": r"[\u0400-\u04ff]"}
    for key, texts in wording().items():
        if key.startswith("format.") or key == "footer.page":
            continue
        for language, pattern in scripts.items():
            assert re.search(pattern, texts[language]), (key, language)
        assert (
            texts["fr"] != texts["en"] or key in {"heading.annexes", "label.urgent"} or len(texts["en"]) < 12
        ), key


def test_the_wording_file_is_documented():
    readme = (WORDING_FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "letter-wording.json" in readme and "legal translators" in readme
