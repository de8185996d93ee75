"""The request writer's forms: which part of a request's `content` (the request format of
docs/cooperation.md) each step edits, the fields that show it, and reading a posted step back into that
part. Rows (offences, persons, property, assistance) are numbered fields (`persons-0-name`); a row left
empty is dropped, a row ticked "remove" too, and the page always offers one empty row to add another.
Nothing here writes: the views hand the merged content to `save_draft`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from palermo.cooperation.domain import completeness
from palermo.cooperation.models import Channel, RefusalGround, RequestKind

TRANSNATIONAL = [
    ("a", _("(a) Committed in more than one State")),
    (
        "b",
        _(
            "(b) Committed in one State but substantially prepared, planned, directed or controlled in another"
        ),
    ),
    ("c", _("(c) Committed in one State but involving an organized criminal group active in more than one")),
    ("d", _("(d) Committed in one State but with substantial effects in another")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


@dataclass(frozen=True)
class Field:
    """One input of a step. `name` may be dotted for a nested key (`particulars.bank`); `kind` is text,
    textarea, number, penalty (a number of years or "life"), date, datetime (UTC, minutes), select, checks (several choices) or yesno
    (a boolean that may be unknown)."""

    name: str
    label: str | Promise
    kind: str = "text"
    choices: tuple = ()
    help: str | Promise = ""


@dataclass(frozen=True)
class Rows:
    """A list of objects in the content (`key`), each shown with `fields`."""

    key: str
    title: str | Promise
    fields: tuple[Field, ...]
    add_label: str | Promise
    item_label: str | Promise = ""  # with %(number)s: "Person %(number)s"

    def item(self, number: int) -> str:
        return str(self.item_label) % {"number": number}


@dataclass(frozen=True)
class Group:
    """An object of the content (`key`: "warrant", "urgency"…) shown with `fields`."""

    key: str
    title: str | Promise
    fields: tuple[Field, ...]


OFFENCE_FIELDS = (
    Field("crime_type", _("Crime type"), "select"),  # choices: the knowledge taxonomy, given by the view
    Field(
        "provision",
        _("Provision of the requesting State's law"),
        help=_("For example art. 601 of the Criminal Code"),
    ),
    Field("text", _("Text of the provision"), "textarea"),
    Field(
        "max_penalty_years",
        _("Maximum penalty (years of deprivation of liberty)"),
        "penalty",
        help=lazy(
            lambda: _("A number of years, or “%(life)s” for life imprisonment") % {"life": life()}, str
        )(),
    ),
    Field("description", _("How the facts constitute the offence"), "textarea"),
)
PERSON_FIELDS = (
    Field("role", _("Role"), "select", tuple(completeness.PERSON_ROLES)),
    Field("name", _("Name")),
    Field("aliases", _("Other names"), help=_("Separated by commas")),
    Field("date_of_birth", _("Date of birth"), "date"),
    Field("nationality", _("Nationality"), "select"),  # choices: States, given by the view
    Field("address", _("Address")),
    Field("identity_document", _("Identity document")),
    Field("description", _("Physical description"), "textarea"),
    Field("location", _("Where the person is believed to be")),
    Field("protection", _("Protection"), "checks", tuple(completeness.PROTECTIONS)),
)
# Transfer of sentenced persons (art. 17): whether the sentenced person consents.
SENTENCED_PERSON_FIELDS = (
    *PERSON_FIELDS,
    Field(
        "consent",
        _("Consents to the transfer (art. 17)"),
        "yesno",
        help=_(
            "For the sentenced person: most agreements on the transfer of sentenced persons require consent"
        ),
    ),
)
PROPERTY_FIELDS = (
    Field("description", _("Property")),
    Field("location", _("Where it is")),
    Field("value", _("Estimated value")),
)
ASSISTANCE_FIELDS = (
    Field("form", _("Form of assistance"), "select", tuple(completeness.FORMS)),
    Field("description", _("What is sought"), "textarea"),
)

# The particulars each form of assistance needs, shown once the form is chosen (a bank-records request
# names the bank, the account and the period).
ELECTRONIC = (
    Field("particulars.provider", _("Service provider")),
    Field("particulars.identifier", _("Account, telephone number or IP address")),
    Field("particulars.period_from", _("Start of the period"), "date"),
    Field("particulars.period_to", _("End of the period"), "date"),
)
PRESERVATION = (
    *ELECTRONIC[:2],
    Field(
        "particulars.data_categories",
        _("Categories of data to be preserved (art. 18(16))"),
        "textarea",
        help=_("For example subscriber information, traffic data or stored content"),
    ),
    *ELECTRONIC[2:],
)
PARTICULARS: dict[str, tuple[Field, ...]] = {
    "18_3_a": (
        Field("particulars.person", _("Person to be heard")),
        Field("particulars.questions", _("Questions"), "textarea"),
    ),
    "18_3_b": (
        Field("particulars.documents", _("Documents to serve")),
        Field("particulars.recipient", _("Recipient")),
    ),
    "18_3_c": (
        Field("particulars.place", _("Place to search")),
        Field("particulars.items", _("What to seize or freeze"), "textarea"),
    ),
    "18_3_d": (Field("particulars.object", _("Object or site to examine")),),
    "18_3_e": (Field("particulars.information", _("Information or items sought"), "textarea"),),
    "18_3_f": (
        Field("particulars.bank", _("Bank")),
        Field("particulars.account", _("Account")),
        Field("particulars.period_from", _("Start of the period"), "date"),
        Field("particulars.period_to", _("End of the period"), "date"),
    ),
    "18_3_g": (
        Field("particulars.property", _("Proceeds or property to trace")),
        Field("particulars.location", _("Where")),
    ),
    "18_3_h": (
        Field("particulars.person", _("Person to appear")),
        Field("particulars.appearance", _("Where and when")),
    ),
    "preservation": PRESERVATION,
    "subscriber": ELECTRONIC,
    "content": ELECTRONIC,
    "traffic": ELECTRONIC,
}

GROUPS: dict[str, Group] = {
    "warrant": Group(
        "warrant",
        _("Warrant of arrest"),
        (
            Field("issued_by", _("Issued by")),
            Field("date", _("Date"), "date"),
            Field("reference", _("Reference")),
        ),
    ),
    "judgment": Group(
        "judgment",
        _("Judgment"),
        (
            Field("court", _("Court")),
            Field("date", _("Date"), "date"),
            Field("reference", _("Reference")),
            Field("sentence", _("Sentence")),
            Field("remaining", _("Part of the sentence remaining")),
        ),
    ),
    "order": Group(
        "order",
        _("Order of freezing, seizure or confiscation"),
        (
            Field("issued_by", _("Issued by")),
            Field("date", _("Date"), "date"),
            Field("reference", _("Reference")),
        ),
    ),
    "firearm": Group(
        "firearm",
        _("Firearm (markings under art. 8 of the Firearms Protocol)"),
        (
            Field("markings", _("Markings"), "textarea"),
            Field("manufacturer", _("Manufacturer")),
            Field("model", _("Model")),
            Field("serial_number", _("Serial number")),
            Field("calibre", _("Calibre")),
            Field("country_of_manufacture", _("Country of manufacture")),
            Field("import_marking", _("Import marking")),
            Field("found", _("Where and when it was found")),
        ),
    ),
    "vessel": Group(
        "vessel",
        _("Vessel"),
        (
            Field("name", _("Name")),
            Field("flag_state_claimed", _("Flag State claimed"), "select"),  # choices: States, by the view
            Field("registration_number", _("Registration number")),
            Field("imo_number", _("IMO number")),
            Field("position", _("Position")),
            Field("observed_at", _("Observed at (date and time, UTC)"), "datetime"),
            Field("grounds", _("Reasonable grounds to suspect smuggling of migrants"), "textarea"),
            Field("measures", _("Measures asked"), "textarea"),
        ),
    ),
    "team": Group(
        "team",
        _("Joint investigation team"),
        (
            Field("purpose", _("Purpose")),
            Field("members", _("Members")),
            Field("duration", _("Duration")),
            Field("agreement", _("Agreement or arrangement"), "textarea"),
        ),
    ),
    "confidentiality": Group(
        "confidentiality",
        _("Confidentiality (art. 18(20))"),
        (
            Field("required", _("The request and its contents must be kept confidential"), "yesno"),
            Field("reasons", _("Reasons"), "textarea"),
        ),
    ),
    "urgency": Group(
        "urgency",
        _("Urgency (art. 18(24))"),
        (
            Field("urgent", _("Urgent"), "yesno"),
            Field("reasons", _("Reasons for the urgency"), "textarea"),
            Field("execute_by", _("Execution needed by"), "date"),
        ),
    ),
}
KIND_GROUPS = {
    RequestKind.EXTRADITION: ["warrant", "judgment"],
    RequestKind.PROVISIONAL_ARREST: ["warrant", "judgment"],
    RequestKind.TRANSFER_OF_SENTENCED_PERSONS: ["judgment"],
    RequestKind.CONFISCATION: ["order"],
    RequestKind.FIREARM_TRACING: ["firearm"],
    RequestKind.VESSEL_BOARDING: ["vessel"],
    RequestKind.JOINT_INVESTIGATION: ["team"],
}

ROWS = {
    "offences": Rows("offences", _("Offences"), OFFENCE_FIELDS, _("Add an offence")),
    "persons": Rows("persons", _("Persons"), PERSON_FIELDS, _("Add a person")),
    "sentenced persons": Rows("persons", _("Persons"), SENTENCED_PERSON_FIELDS, _("Add a person")),
    "property": Rows("property", _("Property"), PROPERTY_FIELDS, _("Add property")),
    "assistance": Rows(
        "assistance", _("Assistance sought"), ASSISTANCE_FIELDS, _("Add a form of assistance")
    ),
}

FACT_FIELDS = (
    Field(
        "subject", _("Subject matter and nature of the investigation, prosecution or proceeding"), "textarea"
    ),
    Field("conducting_authority", _("Name and functions of the authority conducting it")),
    Field("facts", _("Summary of the relevant facts"), "textarea"),
    Field("purpose", _("Purpose for which the evidence, information or action is sought"), "textarea"),
)
OFFENCE_TOP_FIELDS = (
    Field("organized_criminal_group", _("Committed by an organized criminal group (art. 2(a))"), "yesno"),
    Field("transnational", _("Transnational in nature (art. 3(2))"), "checks", tuple(TRANSNATIONAL)),
)
# What some kinds state in the facts step beyond FACT_FIELDS (completeness.STEP_OF_KEY puts them there).
MEASURE = Field(
    "measure",
    _("Measure sought (art. 13)"),
    "select",
    tuple(completeness.MEASURES),
    help=_(
        "Confiscation (art. 13(1)(a) or (b)) needs the property; an order to give effect to (art. 13(1)(b)) "
        "needs the order; identification, tracing, freezing or seizure (art. 13(2)) needs the actions requested"
    ),
)
ACTIONS = Field(
    "actions",
    _("Actions requested (art. 13(3)(b))"),
    "textarea",
    help=_(
        "For a request under art. 13(2): what the requested State is asked to identify, trace, freeze or seize"
    ),
)
INFORMATION = Field(
    "information",
    _("Information transmitted (art. 18(4))"),
    "textarea",
    help=_("The information relating to criminal matters that is transmitted without prior request"),
)
EXTRADITION_TO_FOLLOW = Field(
    "extradition_to_follow",
    _("A request for extradition will follow (art. 16(9))"),
    "yesno",
    help=_(
        "Provisional arrest is asked with a view to extradition: the request must say that a request for "
        "extradition will follow (art. 16(9); Model Treaty on Extradition art. 9(2))"
    ),
)
KIND_FACT_FIELDS: dict[str, tuple[tuple[Field, ...], tuple[Field, ...]]] = {
    # kind: (fields before FACT_FIELDS, fields after them)
    RequestKind.CONFISCATION: ((MEASURE,), (ACTIONS,)),
    RequestKind.SPONTANEOUS_INFORMATION: ((), (INFORMATION,)),
    RequestKind.PROVISIONAL_ARREST: ((), (EXTRADITION_TO_FOLLOW,)),
}
AUTHORITY_FIELDS = (Field("reference", _("Your file number")),)
PROCEDURE_FIELDS = (
    Field("procedures", _("Particular procedures to follow (arts. 18(15)(d) and 18(17))"), "textarea"),
)
ANNEX_FIELDS = (Field("annexes", _("Annexes listed in the letter, one a line"), "textarea"),)


@dataclass
class Layout:
    """What one step of the writer shows: plain fields, groups (objects) and rows (lists), in order."""

    fields: tuple[Field, ...] = ()
    groups: list[Group] = field(default_factory=list)
    rows: list[Rows] = field(default_factory=list)


def layout(step: str, kind: str) -> Layout:
    """The fields of `step` for a request of `kind`."""
    if step == "authorities":
        return Layout(AUTHORITY_FIELDS)
    if step == "offences":
        return Layout(OFFENCE_TOP_FIELDS, rows=[ROWS["offences"]])
    if step == "facts":
        before, after = KIND_FACT_FIELDS.get(kind, ((), ()))
        groups = [GROUPS[key] for key in KIND_GROUPS.get(kind, [])]
        rows = [ROWS["property"]] if kind == RequestKind.CONFISCATION else []
        return Layout((*before, *FACT_FIELDS, *after), groups, rows)
    if step == "persons":
        sentenced = kind == RequestKind.TRANSFER_OF_SENTENCED_PERSONS
        return Layout(rows=[ROWS["sentenced persons" if sentenced else "persons"]])
    if step == "assistance":  # the forms of art. 18(3) and e-evidence: mutual legal assistance alone
        return Layout(rows=[ROWS["assistance"]]) if kind == RequestKind.MUTUAL_LEGAL_ASSISTANCE else Layout()
    if step == "procedures":
        return Layout(PROCEDURE_FIELDS, [GROUPS["confidentiality"], GROUPS["urgency"]])
    if step == "annexes":
        return Layout(ANNEX_FIELDS)
    raise KeyError(step)


def keys_of(step: str, kind: str) -> list[str]:
    """The top-level keys of the content a step replaces when it is saved."""
    shown = layout(step, kind)
    return [f.name for f in shown.fields] + [g.key for g in shown.groups] + [r.key for r in shown.rows]


# Reading a posted step ------------------------------------------------------------------------------


@dataclass
class Typed:
    """A step as posted: `part` (its keys of the content, empty values left out) and `errors` (input name
    -> message) for values that are not what their field takes; nothing is saved while there are any."""

    part: dict[str, Any]
    errors: dict[str, str]


def _value(post, name: str, f: Field, errors: dict[str, str]):
    if f.kind == "checks":
        allowed = {value for value, _label in f.choices} if f.choices else None
        values = [v for v in post.getlist(name) if v and (allowed is None or v in allowed)]
        return values or None
    raw = post.get(name, "").strip()
    if not raw:
        return None
    if f.kind == "yesno":
        if raw not in ("yes", "no"):
            errors[name] = str(_("Choose yes or no."))
            return None
        return raw == "yes"
    if f.kind == "select" and f.choices and raw not in {value for value, _label in f.choices}:
        errors[name] = str(_("Choose one of the options listed."))
        return raw
    if f.kind == "penalty" and raw.casefold() in {"life", life().casefold()}:
        return "life"
    if f.kind in ("number", "penalty"):
        try:
            number = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():  # "twenty", but also "NaN" and "Infinity", which Decimal reads
            if f.kind == "penalty":
                errors[name] = str(
                    _("Enter a number, for example 4 or 4.5, or “%(life)s”.") % {"life": life()}
                )
            else:
                errors[name] = str(_("Enter a number, for example 4 or 4.5."))
            return raw
        if number < 0:
            errors[name] = str(_("Enter a number of zero or more."))
            return raw
        return int(number) if number == number.to_integral_value() else float(number)
    if f.kind == "date":
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            errors[name] = str(_("Enter a date as YYYY-MM-DD, for example 2026-12-01."))
            return raw
    if f.kind == "datetime":
        try:
            return datetime.fromisoformat(raw.removesuffix("Z")).strftime("%Y-%m-%dT%H:%M:%SZ")  # UTC
        except ValueError:
            errors[name] = str(_("Enter a date and time, for example 2026-11-30T04:10."))
            return raw
    if f.name == "aliases":
        return [alias.strip() for alias in raw.split(",") if alias.strip()]
    return raw


def life() -> str:
    """The word for life imprisonment in a maximum penalty, in the active language ("life" always works)."""
    return pgettext("maximum penalty: life imprisonment, as typed", "life")


def _set(target: dict, dotted: str, value) -> None:
    *parents, last = dotted.split(".")
    for parent in parents:
        target = target.setdefault(parent, {})
    target[last] = value


def get(source: dict, dotted: str):
    """A nested value of the content by its dotted name, or None."""
    value: Any = source
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _object(post, prefix: str, fields: tuple[Field, ...], errors: dict[str, str]) -> dict:
    found: dict[str, Any] = {}
    for f in fields:
        value = _value(post, f"{prefix}{f.name}", f, errors)
        if value is not None:
            _set(found, f.name, value)
    return found


def row_count(post, key: str) -> int:
    try:
        return max(0, min(int(post.get(f"{key}-count", "0")), 200))
    except ValueError:
        return 0


def _rows(post, rows: Rows, errors: dict[str, str]) -> list[dict]:
    found = []
    for index in range(row_count(post, rows.key)):
        prefix = f"{rows.key}-{index}-"
        if post.get(f"{prefix}remove"):
            continue
        fields = rows.fields
        if rows.key == "assistance":
            fields = fields + PARTICULARS.get(post.get(f"{prefix}form", ""), ())
        row = _object(post, prefix, fields, errors)
        if row:
            found.append(row)
    return found


def read_step(post, step: str, kind: str) -> Typed:
    """The step's part of the content as posted, and what in it is not valid."""
    shown = layout(step, kind)
    errors: dict[str, str] = {}
    part: dict[str, Any] = {}
    for f in shown.fields:
        value = _value(post, f.name, f, errors)
        if f.name == "annexes" and value:
            value = [{"title": line.strip()} for line in value.splitlines() if line.strip()]
        if value is not None:
            part[f.name] = value
    for group in shown.groups:
        found = _object(post, f"{group.key}-", group.fields, errors)
        if found:
            part[group.key] = found
    for rows in shown.rows:
        found_rows = _rows(post, rows, errors)
        if found_rows:
            part[rows.key] = found_rows
    return Typed(part, errors)


def merged(content: dict, step: str, kind: str, part: dict) -> dict:
    """The content with the step's keys replaced by `part` (keys the step shows but `part` lacks are
    removed: the user emptied them)."""
    result = {key: value for key, value in content.items() if key not in keys_of(step, kind)}
    result.update(part)
    return result


def shown_value(f: Field, value) -> Any:
    """A value of the content as its input shows it."""
    if value is None:
        return [] if f.kind == "checks" else ""
    if f.kind == "yesno":
        return {True: "yes", False: "no"}.get(value, "")
    if f.kind == "penalty" and value == "life":
        return life()
    if f.name == "aliases" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if f.name == "annexes" and isinstance(value, list):
        return "\n".join(str(a.get("title", "")) if isinstance(a, dict) else str(a) for a in value)
    if f.kind == "checks":
        return value if isinstance(value, list) else [value]
    return value


# Django forms of the request page -------------------------------------------------------------------

LETTER_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class NewRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    title = forms.CharField(label=_("Short title"), max_length=300, required=False)
    requested_authority = forms.IntegerField(label=_("Requested authority"), widget=forms.HiddenInput)

    def __init__(self, *args, authorities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.authorities = {a.pk: a for a in authorities}

    def clean_requested_authority(self):
        chosen = self.authorities.get(self.cleaned_data["requested_authority"])
        if chosen is None:
            raise forms.ValidationError(_("Choose one of the authorities listed."))
        return chosen


class MoveForm(forms.Form):
    """A move of the request's workflow: the day it happened, a note, and what some moves need."""

    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", "—"), *Channel.choices], required=False)
    grounds = forms.MultipleChoiceField(
        label=_("Grounds (art. 18(21))"),
        choices=RefusalGround.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons (art. 18(23))"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)
