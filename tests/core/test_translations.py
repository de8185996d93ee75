"""Every user-facing string is translated into the six UN languages, and catalogues are up to date."""

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["ar", "zh_Hans", "en", "fr", "ru", "es"]


def catalogue(language: str, locale_dir: Path = LOCALE_DIR):
    with open(locale_dir / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == [], f"{language}: untranslated or fuzzy: {problems}"


# Words whose translation depends on their sense: "From" is an address in an audit log, a payer in a
# payment, the start of a period; "Link" is a relationship on a chart and a web address in a record.
AMBIGUOUS = {"From", "To", "Link", "Links", "Record"}  # "Record": a button (registrar) or a noun (registro)


def test_ambiguous_words_always_say_their_sense():
    bare = [message.id for message in catalogue("en") if message.id in AMBIGUOUS and not message.context]
    assert bare == [], f"give these a context (pgettext, translate … context): {bare}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    import re

    placeholder = re.compile(r"%\(\w+\)s")
    for message in catalogue(language):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(placeholder.findall(ids[-1]))
        for string in strings:
            # Arabic and Chinese plural forms may spell out small numbers instead of %(counter)s.
            found = set(placeholder.findall(string)) | ({"%(counter)s"} if "counter" in str(ids) else set())
            assert wanted <= found, f"{language}: {message.id!r} lost a placeholder in {string!r}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (apt-get install gettext)")
def test_catalogues_contain_every_string_of_the_code(tmp_path):
    """Extract the strings again, as `make messages` does, and compare with the committed catalogues."""
    source = Path(settings.PACKAGE_DIR)
    copy = tmp_path / "palermo"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("data", "__pycache__", "*.mo"))
    import os

    cwd = os.getcwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command("makemessages", locale=["fr"], no_obsolete=True, no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    extracted = {m.id for m in catalogue("fr", copy / "locale") if m.id}
    committed = {m.id for m in catalogue("fr") if m.id}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"
