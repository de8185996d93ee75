"""Every page of the app (every named URL, from the demo-like world of test_get_never_writes), in the six
languages, as a visitor and as the secretariat, checked for what a language must never change and for the
one date format:

- numbers that machines read are never localised: SVG coordinates, `style`, `data-*`, JSON scripts and
  configuration, `<time datetime>`, the values of date and number inputs, addresses (no decimal comma,
  no grouped thousands, no Arabic-Indic digits);
- dates that people read are in the language's one format: no ISO date, no "a.m.", no "p.m." in the
  visible text;
- lists are joined as the language writes them: no Latin ", " after a Chinese or an Arabic word ({% comma %},
  core.i18n.listed);
- every CSV download begins with the UTF-8 byte-order mark (spreadsheet software then reads Arabic and
  Chinese text correctly).
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from palermo.core.csvsafe import BOM
from palermo.core.language import url_in_language
from tests.core.test_machine_numbers import drawing
from tests.test_get_never_writes import client_for, url_names, url_parameters, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ROLES = ["anonymous", "secretariat"]
LOCALISED_NUMBER = re.compile(r"\d[,\u00a0\u202f\u066b\u066c]\d|[\u0660-\u0669\u06f0-\u06f9]")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?![\w-])")  # not a version label such as 2026-11-27-corrected
ISO_DATE_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
TWELVE_HOUR = re.compile(r"\b[ap]\.m\.|\d\s?[AP]M\b")
MACHINE_VALUE = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "number": re.compile(r"-?\d+(\.\d+)?"),
    "range": re.compile(r"-?\d+(\.\d+)?"),
    "time": re.compile(r"\d{2}:\d{2}(:\d{2})?"),
    "datetime-local": re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?"),
}
ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?")
NOT_SHOWN = {"script", "style", "code", "pre", "textarea", "template"}  # text that is not prose
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """What a page writes for machines (attributes, JSON) and what it shows people (text)."""

    def __init__(self, where: str):
        super().__init__(convert_charrefs=True)
        self.where, self.problems, self.text, self.hidden, self.json_script = where, [], [], 0, False

    def problem(self, what: str) -> None:
        self.problems.append(f"{self.where}: {what}")

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            machine = name == "style" or name.startswith("data-") or name in ("href", "src", "action")
            if machine and LOCALISED_NUMBER.search(value):
                self.problem(f"<{tag} {name}={value!r}> holds a localised number")
        if tag == "time" and "datetime" in values and not ISO_MOMENT.fullmatch(values["datetime"] or ""):
            self.problem(f"<time datetime={values['datetime']!r}> is not ISO 8601")
        kind = (values.get("type") or "").lower()
        value = values.get("value")
        if tag == "input" and kind in MACHINE_VALUE and value and not MACHINE_VALUE[kind].fullmatch(value):
            self.problem(f"<input type={kind} value={values['value']!r}>: a browser cannot read it")
        if tag == "meta" and values.get("name") == "htmx-config":
            json.loads(values["content"])
        self.json_script = tag == "script" and values.get("type") == "application/json"
        if tag in NOT_SHOWN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in NOT_SHOWN:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if self.json_script:
            try:
                json.loads(data)
            except ValueError as error:
                self.problem(f"a JSON script does not parse ({error})")
            self.json_script = False
        if not self.hidden:
            self.text.append(data)

    def shown_text(self) -> str:
        return " ".join(self.text)


# A Latin comma and space after a word of Chinese (which lists with 、) or of Arabic (which uses ،).
LATIN_COMMA = {
    "zh-hans": re.compile(r"[\u3400-\u9fff], "),
    "ar": re.compile(r"[\u0621-\u064a], "),
}


def problems_of(html: str, where: str, language: str = "en") -> list[str]:
    page = Page(where)
    page.feed(html)
    page.close()
    drawing(html, where)  # every SVG parses, with numeric coordinates
    text = page.shown_text()
    for pattern, what in (
        (ISO_DATE, "an ISO date"),
        (ISO_DATE_TIME, "an ISO date and time"),
        (TWELVE_HOUR, "a 12-hour time"),
        *([(LATIN_COMMA[language], "a list joined with a Latin comma")] if language in LATIN_COMMA else []),
    ):
        for found in pattern.finditer(text):
            context = text[max(0, found.start() - 60) : found.end() + 20].replace("\n", " ")
            page.problem(f"shows {what} to people: …{context}…")
    return page.problems


def addresses(w) -> list[str]:
    """Every named URL with its parameters (test_get_never_writes checks that none lacks them)."""
    parameters = url_parameters(w)
    return [reverse(name, kwargs=kwargs) for name in url_names() for kwargs in parameters.get(name, [])]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_every_page_in_every_language_writes_numbers_for_machines_and_dates_for_people(world, settings):  # noqa: F811
    settings.USE_THOUSAND_SEPARATOR = True  # the strictest localisation: nothing machine-read may change
    visited = addresses(world)
    problems, pages, downloads = [], 0, 0
    for role in ROLES:
        client = client_for(role, world)
        for url in visited:
            for language in ["en", *(code for code in LANGUAGES if code != "en")]:
                address = url_in_language(url, language)
                response = client.get(address)
                kind = response.get("Content-Type", "")
                if response.status_code != 200:
                    break  # a redirect, a refusal or a POST-only address: the same in every language
                if kind.startswith("text/csv"):
                    downloads += 1
                    if not body(response).startswith(BOM.encode()):
                        problems.append(f"{address} as {role}: a CSV without the byte-order mark")
                elif kind.startswith("text/html"):
                    pages += 1
                    problems += problems_of(body(response).decode(), f"{address} as {role}", language)
                if not kind.startswith("text/html"):
                    break  # downloads and API answers are the same in every language
    assert pages > 300 and downloads >= 5, (pages, downloads)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize(
    "html",
    [
        '<p style="width: 12,5%">x</p>',
        '<div data-share="0,25">x</div>',
        '<a href="/en/knowledge/?lat=41,9">x</a>',
        '<time datetime="14/03/2015">14 March 2015</time>',
        '<input type="date" name="d" value="14/03/2015">',
        '<input type="number" name="n" value="1 234">',
        '<div data-count="١٢">x</div>',
        "<p>Published on 2000-12-14.</p>",
        "<td>Dec. 1, 2026, 6:40 a.m.</td>",
        '<script type="application/json">{"x": 1,5}</script>',
    ],
)
def test_the_page_check_finds_each_kind_of_defect(html):
    assert problems_of(f"<html><body>{html}</body></html>", "page")


@pytest.mark.parametrize(
    ("language", "html"), [("zh-hans", "<td>意大利, 埃及</td>"), ("ar", "<td>إيطاليا, مصر</td>")]
)
def test_the_page_check_finds_a_list_joined_with_a_latin_comma(language, html):
    assert problems_of(f"<html><body>{html}</body></html>", "page", language)
    assert (
        problems_of(
            f"<html><body>{html.replace(', ', '、' if language == 'zh-hans' else '، ')}</body></html>",
            "page",
            language,
        )
        == []
    )


@pytest.mark.parametrize(
    "html",
    [
        '<p style="width: 12.5%">x</p><div data-share="0.25" data-offline="Not saved, try again">x</div>',
        '<time datetime="2015-03-14">14 mars 2015</time> <code>--reference-date 2015-03-14</code>',
        '<input type="date" name="d" value="2015-03-14"><input type="number" name="n" value="1234">',
        "<p>Cluster version 2026-11-27-corrected; 1,234 records, 3,5 %</p>",
    ],
)
def test_the_page_check_lets_what_is_right_pass(html):
    assert problems_of(f"<html><body>{html}</body></html>", "page") == []


def test_the_svg_check_finds_a_localised_coordinate():
    with pytest.raises(AssertionError, match="196,0"):
        problems_of('<svg viewBox="0 0 10 10"><line x1="40" y1="196,0"/></svg>', "page")
