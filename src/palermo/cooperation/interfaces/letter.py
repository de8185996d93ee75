"""The letter of request as a structure, in any of the six languages: a title, a header (reference, the two
authorities), numbered paragraphs under headings in the order of art. 18(15) and the UNODC Model Law on
Mutual Assistance in Criminal Matters, the annexes listed and a signature block with blanks to fill in by
hand. `letter_docx` and `letter_pdf` lay it out; neither adds words of its own.

Every fixed phrase comes from `cooperation/data/letter-wording.json` (Palermo's own wording, six languages,
see data/README.md), not from gettext: the letter must be entirely in its language even before the
interface's translations are done, and its register is that of a legal document, not of the pages. What the
drafter wrote (facts, names, descriptions) is printed as written; State names are the UN names in the
letter's language; dates are formatted in it. A part of the request that is empty is left out, heading and
all."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils import timezone, translation

from palermo.core.i18n import format_date, format_datetime
from palermo.register.models import Instrument, Party

WORDING_FILE = Path(__file__).resolve().parent.parent / "data" / "letter-wording.json"
LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")
RTL_LANGUAGES = {"ar"}
BLANK = "_" * 32

# The kinds whose letter has an "Object of the request" paragraph (mla says it under "Assistance requested";
# spontaneous information and joint investigation teams in the opening paragraph).
OPERATIVE_KINDS = {
    "extradition",
    "provisional_arrest",
    "confiscation",
    "transfer_proceedings",
    "transfer_sentenced",
    "firearm_tracing",
    "vessel_boarding",
}
PERSON_FIELDS = [
    ("aliases", "label.aliases"),
    ("date_of_birth", "label.date_of_birth"),
    ("nationality", "label.nationality"),
    ("address", "label.address"),
    ("identity_document", "label.identity_document"),
    ("description", "label.physical_description"),
    ("location", "label.location"),
]
# Kind-specific parts of the request format: (content key, heading, fields in order).
DETAIL_BLOCKS = [
    ("warrant", "heading.warrant", ["issued_by", "date", "reference"]),
    ("judgment", "heading.judgment", ["court", "date", "reference", "sentence", "remaining"]),
    ("order", "heading.order", ["issued_by", "date", "reference"]),
    (
        "firearm",
        "heading.firearm",
        [
            "markings",
            "manufacturer",
            "model",
            "serial_number",
            "calibre",
            "country_of_manufacture",
            "import_marking",
            "found",
        ],
    ),
    (
        "vessel",
        "heading.vessel",
        [
            "name",
            "flag_state_claimed",
            "registration_number",
            "imo_number",
            "position",
            "observed_at",
            "grounds",
            "measures",
        ],
    ),
    ("team", "heading.team", ["purpose", "members", "duration", "agreement"]),
]
DATE_FIELDS = {"date", "date_of_birth", "period_from", "period_to"}
DATETIME_FIELDS = {"observed_at"}
STATE_FIELDS = {"nationality", "flag_state_claimed", "country_of_manufacture"}
STATE_CODE = re.compile(r"^[A-Z]{3}$")
# The paragraphs of art. 13 a request for confiscation may rest on (`measure`).
MEASURES = {"13_1_a", "13_1_b", "13_2"}


# The semicolon that ends an item of a list, and the full stop that ends the last one (Latin and
# Cyrillic, Chinese, Arabic).
LIST_ENDS = {";": ".", "\uff1b": "\u3002", "\u061b": "."}


def _last_item(text: str) -> str:
    """A list item as the last of its list: its final semicolon made a full stop."""
    stripped = text.rstrip()
    if stripped and stripped[-1] in LIST_ENDS:
        return stripped[:-1].rstrip() + LIST_ENDS[stripped[-1]]
    return text


class UnknownLanguage(ValueError):
    pass


@functools.cache
def wording() -> dict[str, dict[str, str]]:
    """Every fixed phrase of the letter, by key and language code."""
    return json.loads(WORDING_FILE.read_text(encoding="utf-8"))


def letter_language(language: str) -> str:
    """One of the six language codes (zh, zh-Hans and zh_hans are zh-hans); UnknownLanguage otherwise."""
    code = (language or "").strip().lower().replace("_", "-")
    code = "zh-hans" if code in {"zh", "zh-cn", "zh-hans"} else code
    if code not in LANGUAGES:
        raise UnknownLanguage(f"The letter can be written in {', '.join(LANGUAGES)}, not “{language}”.")
    return code


def phrase(key: str, language: str, **values: object) -> str:
    """The phrase `key` in `language`, its {placeholders} filled with `values`."""
    text = wording()[key][language]
    return text.format(**values) if values else text


@dataclass
class Paragraph:
    """A paragraph of the letter: numbered (1., 2. …) when `number` is set, with `lines` under it (details,
    list items) indented and not numbered."""

    text: str
    number: int | None = None
    lines: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str  # "intro", "legal_basis", "facts" … "annexes", "contact", "signature"
    heading: str  # "" for the opening paragraph
    paragraphs: list[Paragraph]


@dataclass
class Letter:
    language: str
    rtl: bool
    reference: str
    title: str
    header: list[str]  # URGENT (first, when `urgent`), demo data, reference, the two authorities
    sections: list[Section]
    urgent: bool = False

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)

    def text(self) -> str:
        """The whole letter as plain text (an outline: what the DOCX and PDF files show, in order)."""
        out = [self.title, *self.header]
        for section in self.sections:
            out.append("")
            if section.heading:
                out.append(section.heading)
            for paragraph in section.paragraphs:
                out.append(f"{paragraph.number}. {paragraph.text}" if paragraph.number else paragraph.text)
                out += [f"    {line}" for line in paragraph.lines]
        return "\n".join(out)


def letter_file_name(req, language: str, extension: str) -> str:
    """`PAL-2026-000012-fr.docx`: the request's reference, the letter's language and the extension."""
    reference = re.sub(r"[^A-Za-z0-9._-]+", "-", req.reference).strip("-.") or f"request-{req.pk}"
    return f"{reference}-{letter_language(language)}.{extension.lstrip('.')}"


class _Writer:
    """Builds one letter; `say` gives the phrases of its language, `number` numbers its paragraphs."""

    def __init__(self, req, language: str, on: date):
        self.req = req
        self.language = language
        self.on = on
        self.content: dict[str, Any] = req.content if isinstance(req.content, dict) else {}
        self.count = 0
        self.states: dict[str, str] = {}

    # Phrases and values -------------------------------------------------------------------------------

    def say(self, key: str, **values: object) -> str:
        return phrase(key, self.language, **values)

    def labelled(self, label_key: str, value: str) -> str:
        return self.say("format.label", label=self.say(label_key), value=value)

    def number(self) -> int:
        self.count += 1
        return self.count

    def numbered(self, text: str, lines: list[str] | None = None) -> Paragraph:
        return Paragraph(text, self.number(), lines or [])

    def state(self, code: str) -> str:
        """A State's UN name in the letter's language (the code itself if the register lacks it)."""
        if code not in self.states:
            party = Party.objects.filter(code=code).first()
            self.states[code] = party.name_in(self.language) if party is not None else code
        return self.states[code]

    def authority(self, authority) -> str:
        """The authority's name as the letter gives it (English name in English, else the original) with
        its State."""
        name = (authority.name_en or authority.name) if self.language == "en" else authority.name
        return self.say("format.state", name=name, state=self.state(authority.party_id))

    def value(self, key: str, raw: Any) -> str:
        """A value of the request as the letter prints it: dates formatted, State codes named, lists joined;
        '' for nothing."""
        if raw is None or isinstance(raw, bool):
            return ""
        if isinstance(raw, list):
            parts = [self.value(key, item) for item in raw]
            return self.say("format.list_separator").join(part for part in parts if part)
        if isinstance(raw, dict):
            parts = [self.value(name, item) for name, item in raw.items()]
            return self.say("format.list_separator").join(part for part in parts if part)
        text = str(raw).strip()
        if not text:
            return ""
        if key in DATE_FIELDS:
            try:
                return format_date(date.fromisoformat(text))
            except ValueError:
                return text
        if key in DATETIME_FIELDS:
            try:
                return format_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
            except ValueError:
                return text
        if key in STATE_FIELDS and STATE_CODE.match(text):
            return self.state(text)
        if key == "max_penalty_years" and text.casefold() == "life":
            return self.say("penalty.life")
        return text

    def text_paragraphs(self, raw: Any) -> list[Paragraph]:
        """Free text as numbered paragraphs, one per line the drafter wrote."""
        if not isinstance(raw, str):
            raw = self.value("", raw)
        return [self.numbered(line.strip()) for line in raw.splitlines() if line.strip()]

    # Sections -----------------------------------------------------------------------------------------

    def build(self) -> Letter:
        req, kind = self.req, self.req.kind
        spontaneous = kind == "spontaneous"
        header = []
        if self.urgent():
            header.append(self.say("label.urgent"))
        if getattr(req, "is_demo", False):
            header.append(self.say("label.demo"))
        header.append(self.labelled("label.reference", req.reference))
        if self.value("reference", self.content.get("reference")) not in ("", req.reference):
            header.append(
                self.labelled("label.file_number", self.value("reference", self.content["reference"]))
            )
        header.append(
            self.labelled(
                "label.transmitting_authority" if spontaneous else "label.requesting_authority",
                self.authority(req.requesting_authority),
            )
        )
        header.append(
            self.labelled(
                "label.receiving_authority" if spontaneous else "label.requested_authority",
                self.authority(req.requested_authority),
            )
        )
        intro = {"spontaneous": "intro.spontaneous", "joint_investigation": "intro.joint_investigation"}
        sections = [Section("intro", "", [self.numbered(self.say(intro.get(kind, "intro.default")))])]
        parts: list[Callable[[], Section | None]] = [
            self.legal_basis,
            self.authority_section,
            self.operative,
            lambda: self.free_text("subject", "heading.subject"),
            lambda: self.free_text("facts", "heading.facts"),
            lambda: self.free_text("information", "heading.information"),
            self.offences,
            self.persons,
            *[lambda block=block: self.details(*block) for block in DETAIL_BLOCKS[:3]],
            self.property,
            *[lambda block=block: self.details(*block) for block in DETAIL_BLOCKS[3:]],
            self.assistance,
            lambda: self.free_text("purpose", "heading.purpose"),
            lambda: self.free_text("procedures", "heading.procedures"),
            self.confidentiality,
            self.urgency,
            self.annexes,
            self.contact,
        ]
        for part in parts:
            section = part()
            if section is not None and section.paragraphs:
                sections.append(section)
        sections.append(self.signature())
        return Letter(
            language=self.language,
            rtl=self.language in RTL_LANGUAGES,
            reference=req.reference,
            title=self.say(f"title.{kind}"),
            header=header,
            sections=sections,
            urgent=self.urgent(),
        )

    def urgent(self) -> bool:
        urgency = self.content.get("urgency")
        return bool(self.req.urgent or (isinstance(urgency, dict) and urgency.get("urgent")))

    def legal_basis(self) -> Section:
        kind = self.req.kind
        paragraphs = [
            self.numbered(self.say("legal_basis.provision", provision=self.say(f"provision.{kind}")))
        ]
        codes = self.instruments_in_force()
        if codes:
            instruments = Instrument.objects.in_bulk(codes)
            titles = [
                instruments[code].titles.get(self.language) or instruments[code].title
                for code in codes
                if code in instruments
            ]
            paragraphs.append(
                self.numbered(self.say("legal_basis.instruments", date=format_date(self.on)), titles)
            )
        else:
            paragraphs.append(self.numbered(self.say("legal_basis.none", date=format_date(self.on))))
        return Section("legal_basis", self.say("heading.legal_basis"), paragraphs)

    def instruments_in_force(self) -> list[str]:
        """The instruments of the legal basis that apply between the two States on the letter's date, for
        the first offence's crime type and the kind (cooperation.domain.legal_basis)."""
        from palermo.cooperation.domain.legal_basis import LegalBasisError, Snapshot
        from palermo.cooperation.domain.legal_basis import legal_basis as compute
        from palermo.cooperation.domain.offences import KIND_OFFENCES

        offences = self.content.get("offences")
        offence = KIND_OFFENCES.get(self.req.kind)  # a firearm traced: the Firearms Protocol, not the others
        if isinstance(offences, list) and offences and isinstance(offences[0], dict):
            offence = offences[0].get("crime_type") or offence
        requesting = self.req.requesting_authority.party_id
        requested = self.req.requested_authority.party_id
        register = Snapshot()  # the register read once, for both attempts
        for attempt in [offence, None] if offence else [None]:
            try:
                basis = compute(
                    requesting=requesting,
                    requested=requested,
                    on=self.on,
                    offence=attempt,
                    kind=self.req.kind,
                    snapshot=register,
                )
            except LegalBasisError:
                continue
            return [instrument.code for instrument in basis.instruments if instrument.applies]
        return []

    def authority_section(self) -> Section:
        paragraphs = [self.numbered(self.authority(self.req.requesting_authority))]
        conducting = self.value("conducting_authority", self.content.get("conducting_authority"))
        if conducting:
            paragraphs.append(self.numbered(self.labelled("label.conducting_authority", conducting)))
        return Section("authority", self.say("heading.authority"), paragraphs)

    def operative(self) -> Section | None:
        """The object of the request. For confiscation, the paragraph of art. 13 chosen (`measure`) in place
        of the general wording, then the actions requested (art. 13(3)(b)); for provisional arrest, the
        undertaking to submit a request for extradition (art. 16(9))."""
        kind = self.req.kind
        if kind not in OPERATIVE_KINDS:
            return None
        measure = self.content.get("measure")
        if kind == "confiscation" and measure in MEASURES:
            paragraphs = [self.numbered(self.say(f"measure.{measure}"))]
        else:
            paragraphs = [self.numbered(self.say(f"operative.{kind}"))]
        if kind == "confiscation":
            actions = self.value("actions", self.content.get("actions")).splitlines()
            actions = [line.strip() for line in actions if line.strip()]
            if actions:
                paragraphs.append(self.numbered(self.labelled("label.actions", actions[0]), actions[1:]))
        if kind == "provisional_arrest" and self.content.get("extradition_to_follow") is True:
            paragraphs.append(self.numbered(self.say("undertaking.extradition")))
        return Section("request", self.say("heading.request"), paragraphs)

    def free_text(self, key: str, heading: str) -> Section:
        return Section(key, self.say(heading), self.text_paragraphs(self.content.get(key) or ""))

    def offences(self) -> Section:
        paragraphs = []
        for offence in self.items("offences"):
            provision = self.value("provision", offence.get("provision"))
            lines = []
            for key, label in (
                ("text", "label.offence_text"),
                ("max_penalty_years", "label.max_penalty"),
                ("description", "label.offence_description"),
            ):
                shown = self.value(key, offence.get(key))
                if shown:
                    lines.append(self.labelled(label, shown))
            if provision:
                paragraphs.append(self.numbered(provision, lines))
            elif lines:
                paragraphs.append(self.numbered(lines[0], lines[1:]))
        if self.content.get("organized_criminal_group") is True:
            paragraphs.append(self.numbered(self.say("offences.organized_criminal_group")))
        letters = self.content.get("transnational")
        if isinstance(letters, list):
            chosen = [letter for letter in "abcd" if letter in letters]
            if chosen:
                lines = [self.say(f"transnational.{letter}") for letter in chosen]
                lines[-1] = _last_item(lines[-1])
                paragraphs.append(self.numbered(self.say("offences.transnational"), lines))
        return Section("offences", self.say("heading.offences"), paragraphs)

    def items(self, key: str) -> list[dict]:
        found = self.content.get(key)
        return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []

    def persons(self) -> Section:
        paragraphs = []
        for person in self.items("persons"):
            role = person.get("role")
            label = self.say(f"role.{role}") if f"role.{role}" in wording() else self.say("label.person")
            name = self.value("name", person.get("name"))
            lines = []
            for key, label_key in PERSON_FIELDS:
                shown = self.value(key, person.get(key))
                if shown:
                    lines.append(self.labelled(label_key, shown))
            protections = [
                self.say(f"protection.{flag}")
                for flag in person.get("protection") or []
                if isinstance(flag, str) and f"protection.{flag}" in wording()
            ]
            if protections:
                lines.append(
                    self.labelled("label.protection", self.say("format.list_separator").join(protections))
                )
            if isinstance(person.get("consent"), bool):
                lines.append(self.say("consent.given" if person["consent"] else "consent.refused"))
            if name or lines:
                text = self.say("format.label", label=label, value=name) if name else label
                paragraphs.append(self.numbered(text, lines))
        return Section("persons", self.say("heading.persons"), paragraphs)

    def details(self, key: str, heading: str, fields: list[str]) -> Section:
        found = self.content.get(key)
        lines = []
        if isinstance(found, dict):
            for name in fields:
                shown = self.value(name, found.get(name))
                if shown:
                    lines.append(self.labelled(f"field.{name}", shown))
        return Section(key, self.say(heading), [self.numbered(line) for line in lines])

    def property(self) -> Section:
        paragraphs = []
        for item in self.items("property"):
            description = self.value("description", item.get("description"))
            lines = [
                self.labelled(f"field.{name}", self.value(name, item.get(name)))
                for name in ("location", "value")
                if self.value(name, item.get(name))
            ]
            if description:
                paragraphs.append(self.numbered(description, lines))
            elif lines:
                paragraphs.append(self.numbered(lines[0], lines[1:]))
        return Section("property", self.say("heading.property"), paragraphs)

    def assistance(self) -> Section:
        paragraphs = []
        for item in self.items("assistance"):
            form = item.get("form")
            title = self.say(f"form.{form}") if f"form.{form}" in wording() else ""
            description = self.value("description", item.get("description"))
            lines = [description] if description and title else []
            particulars = item.get("particulars")
            if isinstance(particulars, dict):
                lines += self.particulars(particulars)
            text = title or description
            if text:
                paragraphs.append(self.numbered(text, lines))
            elif lines:
                paragraphs.append(self.numbered(lines[0], lines[1:]))
        return Section("assistance", self.say("heading.assistance"), paragraphs)

    def particulars(self, particulars: dict) -> list[str]:
        """The particulars of one form of assistance: known ones labelled, the period as one line; others
        (keys Palermo has no wording for) printed as their value alone, never as an English key."""
        lines = []
        start = self.value("period_from", particulars.get("period_from"))
        end = self.value("period_to", particulars.get("period_to"))
        for key, raw in particulars.items():
            if key in ("period_from", "period_to"):
                if key == "period_from" or not start:
                    if start and end:
                        lines.append(
                            self.labelled(
                                "particular.period", self.say("format.period", start=start, end=end)
                            )
                        )
                    elif start or end:
                        lines.append(self.labelled("particular.period", start or end))
                continue
            shown = self.value(key, raw)
            if not shown:
                continue
            lines.append(
                self.labelled(f"particular.{key}", shown) if f"particular.{key}" in wording() else shown
            )
        return lines

    def confidentiality(self) -> Section | None:
        found = self.content.get("confidentiality")
        if not (isinstance(found, dict) and found.get("required")):
            return None
        paragraphs = [self.numbered(self.say("confidentiality.text"))]
        reasons = self.value("reasons", found.get("reasons"))
        if reasons:
            paragraphs.append(self.numbered(self.labelled("label.reasons", reasons)))
        return Section("confidentiality", self.say("heading.confidentiality"), paragraphs)

    def urgency(self) -> Section | None:
        found = self.content.get("urgency")
        found = found if isinstance(found, dict) else {}
        execute_by = self.req.execute_by or found.get("execute_by")
        if isinstance(execute_by, str):
            execute_by = self.value("date", execute_by)
        elif isinstance(execute_by, date):
            execute_by = format_date(execute_by)
        if not (self.urgent() or execute_by):
            return None
        paragraphs = []
        if self.urgent():
            paragraphs.append(self.numbered(self.say("urgency.text")))
        reasons = self.value("reasons", found.get("reasons"))
        if reasons:
            paragraphs.append(self.numbered(self.labelled("label.reasons", reasons)))
        if execute_by:
            paragraphs.append(self.numbered(self.say("urgency.execute_by", date=execute_by)))
        return Section("urgency", self.say("heading.urgency"), paragraphs)

    def annexes(self) -> Section:
        titles = []
        if self.req.pk is not None:
            titles += [
                attachment.title
                for attachment in self.req.attachments.all()
                if attachment.is_annex and attachment.title.strip()
            ]
        titles += [
            self.value("title", annex.get("title"))
            for annex in self.items("annexes")
            if self.value("title", annex.get("title"))
        ]
        lines = [self.say("annex.item", number=number, title=title) for number, title in enumerate(titles, 1)]
        return Section("annexes", self.say("heading.annexes"), [Paragraph(line) for line in lines])

    def contact(self) -> Section:
        authority = self.req.requesting_authority
        lines = []
        if authority.postal_address.strip():
            lines.append(self.labelled("label.postal_address", " ".join(authority.postal_address.split())))
        emails = [str(email) for email in authority.emails or [] if str(email).strip()]
        if emails:
            lines.append(self.labelled("label.email", self.say("format.list_separator").join(emails)))
        phones = [str(phone) for phone in authority.phones or [] if str(phone).strip()]
        if phones:
            lines.append(self.labelled("label.phone", self.say("format.list_separator").join(phones)))
        if not lines:
            return Section("contact", self.say("heading.contact"), [])
        return Section(
            "contact", self.say("heading.contact"), [self.numbered(self.say("contact.text"), lines)]
        )

    def signature(self) -> Section:
        name = (
            (self.req.requesting_authority.name_en or self.req.requesting_authority.name)
            if self.language == "en"
            else self.req.requesting_authority.name
        )
        lines = [
            self.say("signature.for", authority=name),
            *[
                self.labelled(f"signature.{key}", BLANK)
                for key in ("place", "date", "name", "title", "signature")
            ],
            self.say("signature.seal"),
        ]
        return Section("signature", self.say("heading.signature"), [Paragraph(line) for line in lines])


def build_letter(req, language: str, *, on: date | None = None) -> Letter:
    """The letter of request `req` in `language` (one of LANGUAGES): its structure, every word in that
    language. `on`: the date of the legal basis (default: the day it was sent, else today)."""
    language = letter_language(language)
    with translation.override(language):
        return _Writer(req, language, on or req.sent_on or timezone.localdate()).build()
