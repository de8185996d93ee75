"""Numbers that machines read (SVG, CSS, JSON, data attributes, URLs) are never written in the reader's
language: every chart and map of the app, drawn in the six languages, parses as SVG whose coordinates are
numbers, and is the same drawing in every language (only its words change)."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.core.i18n import plain_number
from palermo.review.dashboard import timeline
from tests.factories import UserFactory, published_case, signed_in
from tests.review.conftest import secretariat, two_reviews  # noqa: F401 (fixtures)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
ONE_NUMBER = re.compile(rf"{NUMBER}(?:px|%|mm)?")
NUMBER_LIST = re.compile(rf"\s*{NUMBER}(?:(?:\s*,\s*|\s+){NUMBER})*\s*")
PATH_DATA = re.compile(rf"(?:\s*[MmLlHhVvCcSsQqTtAaZz]|\s*,?\s*{NUMBER})*\s*")
NUMERIC = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "stroke-width"}
LISTS = {"viewBox": 4, "points": None}
WORDS = {"href", "aria-label"}  # what may differ between languages: links carry the language prefix
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def drawing(html: str, where: str) -> list[list[tuple]]:
    """Every <svg> of a page, parsed as XML, each as its elements' (tag, attributes) without the words.
    Fails on anything that is not SVG a browser can draw: a coordinate that is not a number."""
    drawings = []
    for svg in SVG.findall(html):
        try:
            root = ET.fromstring(svg)
        except ET.ParseError as error:
            pytest.fail(f"{where}: an <svg> does not parse as XML ({error})")
        elements = []
        for element in root.iter():
            for name, value in element.attrib.items():
                name = local(name)
                if name in NUMERIC:
                    assert ONE_NUMBER.fullmatch(value), f"{where}: <{local(element.tag)} {name}={value!r}>"
                elif name in LISTS:
                    assert NUMBER_LIST.fullmatch(value), f"{where}: <{local(element.tag)} {name}={value!r}>"
                    if LISTS[name]:
                        assert len(re.findall(NUMBER, value)) == LISTS[name], f"{where}: {name}={value!r}"
                elif name == "d":
                    assert PATH_DATA.fullmatch(value), f"{where}: path data {value[:80]!r}"
            shape = sorted((local(k), v) for k, v in element.attrib.items() if local(k) not in WORDS)
            elements.append((local(element.tag), tuple(shape)))
        drawings.append(sorted(elements))  # countries may come in the language's alphabetical order
    return drawings


def drawn_in_every_language(client: Client, path: str, *, expected: int) -> None:
    """The page at /<language>/path draws `expected` SVGs, parseable and identical in every language."""
    english = None
    for language in LANGUAGES:
        url = f"/{language}/{path}"
        response = client.get(url)
        assert response.status_code == 200, url
        found = drawing(response.content.decode(), url)
        assert len(found) == expected, f"{url}: {len(found)} drawings"
        if english is None:
            english = found
        else:
            assert found == english, f"{url} is not drawn as in English"


@pytest.fixture(autouse=True)
def grouped_thousands(settings):
    """The strictest localisation there is: thousands grouped too ('1 234,5'). Nothing in a drawing may
    change with it."""
    settings.USE_THOUSAND_SEPARATOR = True


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["UNTOC", "TIP", "SOM", "FIREARMS"])
def test_instrument_chart_and_map_are_the_same_svg_in_every_language(client, code):
    drawn_in_every_language(client, f"register/instruments/{code}/", expected=2)


@pytest.mark.django_db
def test_implementation_map_is_the_same_svg_in_every_language(client):
    published_case("Prosecutor v. Chart", "A case.", jurisdiction="ITA")
    path = reverse("knowledge:implementation", args=["UNTOC", "5"]).removeprefix("/en/")
    drawn_in_every_language(client, path, expected=1)


@pytest.mark.django_db
def test_review_timeline_is_the_same_svg_in_every_language(client, two_reviews):  # noqa: F811
    cycle = two_reviews["first"]["review"].cycle
    assert timeline(cycle)  # groups with phases: a drawing with bars
    staff = UserFactory(role=Role.SECRETARIAT_ADMIN)
    signed_in(client, staff)
    path = reverse("review:dashboard", args=[cycle.number]).removeprefix("/en/")
    drawn_in_every_language(client, path, expected=1)


@pytest.mark.django_db
def test_two_factor_qr_code_parses_as_svg_in_every_language(client):
    client.force_login(UserFactory(role=Role.FOCAL_POINT))
    for language in LANGUAGES:
        url = f"/{language}/accounts/two-factor/"
        assert reverse("accounts:two_factor_setup").endswith("/accounts/two-factor/")
        found = drawing(client.get(url).content.decode(), url)
        assert len(found) == 1 and found[0], url


@pytest.mark.parametrize(
    ("value", "written"),
    [(196.0, "196"), (196.04, "196"), (196.05, "196.1"), (-0.01, "0"), (1234.56, "1234.6"), (3, "3"),
     (12345678, "12345678"), (Decimal("2.50"), "2.5")],
)  # fmt: skip
def test_plain_number_is_what_svg_css_and_json_read(value, written):
    assert plain_number(value) == written


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "3", None, True])
def test_plain_number_refuses_what_is_not_a_finite_number(value):
    with pytest.raises((TypeError, ValueError)):
        plain_number(value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plain_filter_writes_a_number_for_machines_in_every_language(language):
    from django.template import Context, Template
    from django.utils import translation

    with translation.override(language):
        shown = Template("{% load palermo %}{{ x }}|{{ x|plain }}|{{ n|plain }}").render(
            Context({"x": 1234.5, "n": 1234})
        )
    assert shown.split("|")[1:] == ["1234.5", "1234"]
