"""Every kind of request can be completed in the browser: a draft created empty and filled only through
the writer's step pages, posting the fields each page shows as a browser would, can be marked ready, and
holds what the complete example of its kind (tests/cooperation/test_completeness.py) says. A key that
check() requires but no step offers makes this fail, naming the key."""

import copy
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from palermo.cooperation.domain import requests as domain
from palermo.cooperation.domain.completeness import FORMS, STEPS
from palermo.cooperation.domain.completeness.lists import FORM_PARTICULARS
from palermo.cooperation.models import Request, RequestKind
from tests.cooperation.conftest import verified
from tests.cooperation.test_completeness import (
    COMPLETE,
    CONFISCATION_ORDER,
    EXTRADITION,
    MLA,
    PROVISIONAL_ARREST,
    REQUIRED,
    TRANSFER_SENTENCED,
    kind_of,
)
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

# What the directory fills in (views/requests.identity) or the request holds outside its content.
FROM_THE_DIRECTORY = {
    "kind",
    "requesting_state",
    "requested_state",
    "requesting_authority",
    "requested_authority",
    "language",
}


def every_form_of_assistance() -> dict[str, dict]:
    """The example request for mutual legal assistance asking for each form of assistance in turn, with
    every particular that form requires."""
    cases = {}
    person = MLA["persons"][0]["name"]
    for form, _label in FORMS:
        particulars = {}
        for need in FORM_PARTICULARS.get(form, []):
            key = need.key.removeprefix("particulars.")
            if key in ("period_from", "period_to"):
                particulars[key] = "2023-01-01" if key == "period_from" else "2024-06-30"
            elif key == "person":
                particulars[key] = person
            else:
                particulars[key] = f"Particular {key} (invented)"
        entry = {"form": form, "description": f"Assistance of the form {form}"}
        if particulars:
            entry["particulars"] = particulars
        cases[f"mla ({form})"] = {**copy.deepcopy(MLA), "assistance": [entry]}
    return cases


CASES = {
    **COMPLETE,
    **every_form_of_assistance(),
    "provisional_arrest (judgment)": {
        **{k: v for k, v in copy.deepcopy(PROVISIONAL_ARREST).items() if k != "warrant"},
        "judgment": copy.deepcopy(TRANSFER_SENTENCED["judgment"]),
    },
    "extradition (life imprisonment)": {
        **copy.deepcopy(EXTRADITION),
        "offences": [{**EXTRADITION["offences"][0], "max_penalty_years": "life"}],
    },
    "confiscation (13(1)(a))": {
        **{k: v for k, v in copy.deepcopy(CONFISCATION_ORDER).items() if k != "order"},
        "measure": "13_1_a",
    },
}


def test_the_cases_cover_every_kind_of_request():
    assert {kind_of(name) for name in CASES} == set(RequestKind.values)


# A browser's view of a form ---------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The fields of the form posted to `action`: name -> {"type", "value", "options"} (a select's option
    values, a checkbox group's values), as a browser would submit them untouched."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "checkbox":
                field = self.fields.setdefault(name, {"type": "checkbox", "value": [], "options": []})
                field["options"].append(a.get("value", "on"))
                if "checked" in a:
                    field["value"].append(a.get("value", "on"))
            elif kind != "file":
                self.fields[name] = {"type": kind, "value": a.get("value") or "", "options": []}
        elif tag == "select" and name:
            self.select = name
            self.fields[name] = {"type": "select", "value": "", "options": []}
        elif tag == "option" and self.select:
            field = self.fields[self.select]
            field["options"].append(a.get("value", ""))
            if "selected" in a or len(field["options"]) == 1:
                field["value"] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = {"type": "textarea", "value": "", "options": []}

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea]["value"] += data.removeprefix("\n")


ROW = re.compile(r"^(?P<key>\w+)-(?P<index>\d+)-(?P<name>[\w.]+)$")
GROUP = re.compile(r"^(?P<key>\w+)-(?P<name>[\w.]+)$")


def dotted(source, path: str):
    for part in path.split("."):
        if not isinstance(source, dict):
            return None
        source = source.get(part)
    return source


def wanted(example: dict, name: str):
    """The value of the example a field of the step stands for, None when it says nothing there."""
    row = ROW.match(name)
    if row:
        items = example.get(row["key"])
        index = int(row["index"])
        if not isinstance(items, list) or index >= len(items) or row["name"] == "remove":
            return None
        return dotted(items[index], row["name"])
    group = GROUP.match(name)
    if group and isinstance(example.get(group["key"]), dict):
        return dotted(example[group["key"]], group["name"])
    return dotted(example, name)


def typed(name: str, field: dict, value):
    """`value` of the request format as a person enters it in `field`; fails when the field cannot take it."""
    if field["type"] == "checkbox":
        values = value if isinstance(value, list) else [value]
        assert set(values) <= set(field["options"]), f"{name} offers {field['options']}, not {values}"
        return values
    if isinstance(value, bool):
        value = "yes" if value else "no"
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        value = "\n".join(v["title"] for v in value)  # annexes, one a line
    elif isinstance(value, list):
        value = ", ".join(value)
    else:
        value = str(value)
    if field["type"] == "select":
        assert value in field["options"], f"{name} offers no option {value!r}"
    return value


def step_url(req: Request, step: str) -> str:
    return reverse("cooperation:request_step", args=[req.pk, step])


def fill_step(client: Client, req: Request, step: str, example: dict) -> None:
    """Fill one step from `example`, saving until the step holds all it can (a saved row brings a new empty
    one; a chosen form of assistance brings its particulars)."""
    for _round in range(10):
        req.refresh_from_db()
        before = req.content
        page = client.get(step_url(req, step))
        assert page.status_code == 200, step
        form = FormFields(step_url(req, step))
        form.feed(page.content.decode())
        assert "version" in form.fields, step
        data = {}
        for name, field in form.fields.items():
            value = None if name in FROM_THE_DIRECTORY else wanted(example, name)
            data[name] = field["value"] if value is None else typed(name, field, value)
        response = client.post(step_url(req, step), {**data, "go": "stay"})
        assert response.status_code == 302, (
            step,
            re.findall(r"errorlist.*?<li>(.*?)</li>", response.content.decode()),
        )
        req.refresh_from_db()
        if req.content == before:
            return
    pytest.fail(f"the step {step} kept changing")


def at(content, path: str):
    """The value at a path as check() names it ("persons[0].name")."""
    for part in path.replace("[", ".[").split("."):
        if part.startswith("["):
            content = content[int(part[1:-1])] if isinstance(content, list) else None
        else:
            content = content.get(part) if isinstance(content, dict) else None
    return content


@pytest.mark.parametrize("name", list(CASES))
def test_a_request_of_each_kind_is_completed_through_the_writers_steps_alone(world, name):
    example = CASES[name]
    req = domain.create_request(
        actor=verified(world["drafter"]),
        kind=kind_of(name),
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities["brazil"],
        content={},
    )
    client = signed_in(Client(), world["drafter"])
    for step, _label in STEPS:
        fill_step(client, req, step, example)

    response = client.post(reverse("cooperation:request_ready", args=[req.pk]))
    req.refresh_from_db()
    assert response.status_code == 302, domain.check_of(req).to_json()
    assert req.ready_at is not None

    saved = {key: value for key, value in req.content.items() if key not in FROM_THE_DIRECTORY}
    assert saved == {key: value for key, value in example.items() if key not in FROM_THE_DIRECTORY}
    for leaf in REQUIRED.get(name, {}):
        if leaf.split(".")[0] not in FROM_THE_DIRECTORY:
            assert at(req.content, leaf) == at(example, leaf), leaf


# The fields some kinds alone have: bad input named, nothing saved -------------------------------------


@pytest.mark.parametrize(
    ("kind", "step", "data", "field"),
    [
        ("confiscation", "facts", {"measure": "13_9"}, "measure"),
        ("provisional_arrest", "facts", {"extradition_to_follow": "perhaps"}, "extradition_to_follow"),
        (
            "transfer_sentenced",
            "persons",
            {"persons-count": "1", "persons-0-name": "João Invented", "persons-0-consent": "perhaps"},
            "persons-0-consent",
        ),
        (
            "mla",
            "assistance",
            {"assistance-count": "1", "assistance-0-form": "18_3_z", "assistance-0-description": "Records"},
            "assistance-0-form",
        ),
        *[
            (
                "extradition",
                "offences",
                {
                    "offences-count": "1",
                    "offences-0-provision": "art. 601",
                    "offences-0-max_penalty_years": bad,
                },
                "offences-0-max_penalty_years",
            )
            for bad in ("twenty", "NaN", "Infinity", "-1")
        ],
    ],
)
def test_a_value_a_field_does_not_offer_is_named_and_nothing_is_saved(world, kind, step, data, field):
    req = domain.create_request(
        actor=verified(world["drafter"]),
        kind=kind,
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities["brazil"],
        content={"facts": "Kept as it was"},
    )
    client = signed_in(Client(), world["drafter"])
    response = client.post(step_url(req, step), {"version": req.version, **data, "go": "stay"})
    assert response.status_code == 400
    text = response.content.decode()
    assert f'id="id_{field.replace(".", "_")}_error"' in text
    assert "Nothing was saved" in text
    req.refresh_from_db()
    assert (req.version, req.content) == (1, {"facts": "Kept as it was"})


@pytest.mark.parametrize(
    ("kind", "step", "names"),
    [
        ("confiscation", "facts", ["measure", "actions", "order-issued_by", "property-0-description"]),
        ("spontaneous", "facts", ["information"]),
        ("provisional_arrest", "facts", ["extradition_to_follow", "warrant-date", "judgment-remaining"]),
        ("transfer_sentenced", "persons", ["persons-0-consent"]),
    ],
)
def test_the_fields_of_a_kind_name_their_article(world, kind, step, names):
    req = domain.create_request(
        actor=verified(world["drafter"]),
        kind=kind,
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities["brazil"],
        content={},
    )
    text = signed_in(Client(), world["drafter"]).get(step_url(req, step)).content.decode()
    for name in names:
        assert f'name="{name}"' in text, name
    assert {
        "confiscation": "art. 13(3)(b)",
        "spontaneous": "art. 18(4)",
        "provisional_arrest": "art. 16(9)",
        "transfer_sentenced": "art. 17",
    }[kind] in text


def test_other_kinds_do_not_show_those_fields(world):
    req = domain.create_request(
        actor=verified(world["drafter"]),
        kind="mla",
        requesting_authority=world.authorities["prosecution"],
        requested_authority=world.authorities["brazil"],
        content={},
    )
    client = signed_in(Client(), world["drafter"])
    facts = client.get(step_url(req, "facts")).content.decode()
    persons = client.get(step_url(req, "persons")).content.decode()
    for name in ("measure", "actions", "information", "extradition_to_follow"):
        assert f'name="{name}"' not in facts
    assert 'name="persons-0-consent"' not in persons
