"""The register read once: parties, instruments, participation, notifications and crime types, in a
`Snapshot` that answers any number of pairs in pure Python. What depends on one State and the date alone
(whether an instrument is in force for it, and why, in words) is computed once per State and remembered."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils.translation import get_language

from palermo.cooperation.domain.legal_basis.reasons import _consented, _later_consent, _offence_reasons
from palermo.cooperation.domain.legal_basis.results import (
    CONVENTION,
    INSTRUMENTS,
    STATE_KINDS,
    InstrumentBasis,
    NotAState,
    UnknownOffence,
    UnknownState,
)
from palermo.cooperation.domain.legal_basis.words import _, _language
from palermo.core.i18n import format_date


@dataclass(frozen=True)
class _Standing:
    signature: date | None
    consent: date | None
    consent_kind: str
    entry_into_force: date | None


@dataclass(frozen=True)
class _Notification:
    date: date
    uses_convention: bool | None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class _CrimeType:
    slug: str
    top: str  # the top-level crime type it belongs to (itself for a top-level one)
    labels: dict

    @property
    def label(self) -> str:
        return self.labels.get(_language()) or self.labels.get("en") or self.slug

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence ("covers trafficking in persons")."""
        label = self.label
        return label[:1].lower() + label[1:]


class Snapshot:
    """The register's parties, instruments, participation and notifications, read once.

    `with_directory`: also read from the directory whether the requested State's extradition authority
    extradites only on the basis of a treaty (the directory's requirements are not public: pass True only
    for those who may see them, as `cooperation.view_directory` says)."""

    def __init__(self, *, with_directory: bool = False):
        from palermo.knowledge.models import Term
        from palermo.register.models import Declaration, Instrument, Participation, Party

        self.parties = {party.code: party for party in Party.objects.all()}
        self.alpha2 = {party.alpha2.upper(): party.code for party in self.parties.values() if party.alpha2}
        self.instruments = {i.code: i for i in Instrument.objects.filter(code__in=INSTRUMENTS)}
        self.standing: dict[tuple[str, str], _Standing] = {
            (party, instrument): _Standing(signature, consent, kind, in_force)
            for party, instrument, signature, consent, kind, in_force in Participation.objects.filter(
                instrument__in=INSTRUMENTS
            ).values_list("party", "instrument", "signature", "consent", "consent_kind", "entry_into_force")
        }
        as_of = Participation.objects.filter(instrument__in=INSTRUMENTS).order_by("-as_of").first()
        self.as_of: date | None = as_of.as_of if as_of else None
        self.extradition: dict[str, list[_Notification]] = defaultdict(list)
        self.languages: dict[str, list[_Notification]] = defaultdict(list)
        self.reservations: dict[tuple[str, str], list[tuple[date, str]]] = defaultdict(list)
        for party, instrument, kind, article, when, uses, languages in (
            Declaration.objects.filter(instrument__in=INSTRUMENTS)
            .order_by("date", "id")
            .values_list(
                "party",
                "instrument",
                "kind",
                "article",
                "date",
                "uses_convention_as_legal_basis",
                "languages",
            )
        ):
            if kind == Declaration.Kind.EXTRADITION_LEGAL_BASIS:
                self.extradition[party].append(_Notification(when, uses))
            elif kind == Declaration.Kind.LANGUAGES:
                self.languages[party].append(_Notification(when, None, tuple(languages or ())))
            elif kind == Declaration.Kind.RESERVATION:
                self.reservations[(party, instrument)].append((when, article))
        self.crime_types: dict[str, _CrimeType] = {}
        terms = list(Term.objects.filter(vocabulary="crime_type").select_related("parent", "replaced_by"))
        for term in terms:
            current = term
            while current.replaced_by_id is not None and current.replaced_by is not None:
                current = current.replaced_by
            top = current.parent.slug if current.parent_id and current.parent else current.slug
            if term.replaced_by_id is None:
                self.crime_types.setdefault(term.slug, _CrimeType(term.slug, top, term.labels))
            for former in term.former_slugs or []:
                self.crime_types.setdefault(former, _CrimeType(current.slug, top, current.labels))
        self.requires_treaty: dict[str, bool] = {}
        if with_directory:
            from palermo.cooperation.models import Authority

            for party, requires in (
                Authority.objects.filter(designations__kind="extradition")
                .exclude(requires_treaty_for_extradition=None)
                .values_list("party", "requires_treaty_for_extradition")
            ):
                self.requires_treaty[party] = self.requires_treaty.get(party, False) or bool(requires)
        self._sides: dict[tuple, tuple[bool, str]] = {}
        self._dates: dict[tuple, str] = {}
        self._gates: dict[tuple, str | None] = {}
        self._rows: dict[tuple, tuple] = {}
        self._gate_rows: dict[tuple, tuple] = {}
        self._titles: dict[str, tuple] = {}
        self._extras: dict[tuple, tuple] = {}

    # -- lookups -------------------------------------------------------------------------------------

    def state(self, code: str, *, argument: str = "requested"):
        """The State with this ISO alpha-3 (or alpha-2) code, case-insensitive; UnknownState or NotAState."""
        wanted = (code or "").strip().upper()
        party = self.parties.get(wanted) or self.parties.get(self.alpha2.get(wanted, ""))
        if party is None:
            raise UnknownState(code, argument=argument)
        if party.kind not in STATE_KINDS:
            raise NotAState(party.code, party.name_in(get_language()), argument=argument)
        return party

    def states(self) -> list:
        """The States (not organisations) of the register."""
        return [party for party in self.parties.values() if party.kind in STATE_KINDS]

    def crime_type(self, slug: str) -> _CrimeType:
        found = self.crime_types.get((slug or "").strip().lower())
        if found is None:
            tops = sorted({crime.top for crime in self.crime_types.values()})
            raise UnknownOffence(
                _("“%(offence)s” is not a crime type of the taxonomy. Valid values: %(values)s.")
                % {"offence": slug, "values": ", ".join(tops)}
            )
        return found

    # -- wording helpers -----------------------------------------------------------------------------

    def day(self, value: date) -> str:
        key = (value, _language())
        text = self._dates.get(key)
        if text is None:
            text = self._dates[key] = format_date(value)
        return text

    def title(self, code: str) -> str:
        instrument = self.instruments.get(code)
        if instrument is None:
            return code
        return instrument.short_titles.get(_language()) or instrument.short_title

    def name(self, party) -> str:
        return party.names.get(_language()) or party.name

    # -- one State, one instrument, one date ---------------------------------------------------------

    def side(self, party, code: str, on: date) -> tuple[bool, str]:
        """Whether the instrument is in force for this State on the date, with the reason in words."""
        key = (party.code, code, on, _language())
        found = self._sides.get(key)
        if found is None:
            found = self._sides[key] = self._side(party, code, on)
        return found

    def _side(self, party, code: str, on: date) -> tuple[bool, str]:
        name = self.name(party)
        title = self.title(code)
        standing = self.standing.get((party.code, code))
        day = self.day
        if standing is None or (standing.signature is None and standing.consent is None):
            return False, _("%(state)s is not a party to the %(instrument)s.") % {
                "state": name,
                "instrument": title,
            }
        if standing.consent is None or standing.consent > on:
            later = (
                " " + _later_consent(standing.consent_kind, day(standing.consent))
                if standing.consent is not None
                else ""
            )
            if standing.signature is not None and standing.signature <= on:
                text = _("%(state)s signed on %(signed)s but had not ratified on %(on)s.") % {
                    "state": name,
                    "signed": day(standing.signature),
                    "on": day(on),
                }
            elif standing.signature is not None:
                text = _(
                    "%(state)s had not signed on %(on)s (it signed on %(signed)s) and was not a party."
                ) % {
                    "state": name,
                    "signed": day(standing.signature),
                    "on": day(on),
                }
            else:
                text = _("%(state)s was not a party on %(on)s.") % {"state": name, "on": day(on)}
            if standing.consent is None:
                if standing.signature is not None and standing.signature <= on:
                    return False, text
                return False, text + " " + _("It is not a party to the %(instrument)s.") % {
                    "instrument": title
                }
            return False, text + later
        consented = _consented(standing.consent_kind, name, day(standing.consent))
        if standing.entry_into_force is None:
            if code != CONVENTION and not self.side(party, CONVENTION, on)[0]:
                return False, _(
                    "%(consented)s, but a Protocol does not bind a State before the Convention does "
                    "(Convention art. 37(2)), and the Convention was not in force for it on %(on)s."
                ) % {"consented": consented, "on": day(on)}
            return False, _("%(consented)s, but the %(instrument)s has not entered into force for it.") % {
                "consented": consented,
                "instrument": title,
            }
        if standing.entry_into_force > on:
            return False, _(
                "%(consented)s; the %(instrument)s entered into force for it on %(in_force)s, after %(on)s."
            ) % {
                "consented": consented,
                "instrument": title,
                "in_force": day(standing.entry_into_force),
                "on": day(on),
            }
        return True, _("In force for %(state)s since %(in_force)s.") % {
            "state": name,
            "in_force": day(standing.entry_into_force),
        }

    def row(self, party, on: date) -> tuple[tuple[bool, str], ...]:
        """`side()` for each of the four instruments."""
        key = (party.code, on, _language())
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = tuple(self.side(party, code, on) for code in INSTRUMENTS)
        return found

    def gates(self, on: date) -> tuple[str | None, ...]:
        key = (on, _language())
        found = self._gate_rows.get(key)
        if found is None:
            found = self._gate_rows[key] = tuple(self.gate(code, on) for code in INSTRUMENTS)
        return found

    def titles(self) -> tuple[str, ...]:
        language = _language()
        found = self._titles.get(language)
        if found is None:
            found = self._titles[language] = tuple(self.title(code) for code in INSTRUMENTS)
        return found

    def offence_extras(self, crime, in_force: tuple[bool, ...]) -> tuple[tuple[bool, tuple, tuple], ...]:
        """Per instrument: whether it applies once the offence is considered, the reasons the offence adds
        and the articles it cites; the same for every pair with the same instruments in force."""
        key = (crime.slug if crime else None, in_force, _language())
        found = self._extras.get(key)
        if found is None:
            drafts = {
                code: InstrumentBasis(code, code, force, [], force, ["3"] if code == CONVENTION else ["1"])
                for code, force in zip(INSTRUMENTS, in_force, strict=True)
            }
            _offence_reasons(self, drafts, crime)
            found = self._extras[key] = tuple(
                (draft.applies, tuple(draft.reasons), tuple(draft.articles)) for draft in drafts.values()
            )
        return found

    def gate(self, code: str, on: date) -> str | None:
        """Why the instrument itself was not in force on the date (not adopted, not yet in force), or None."""
        key = (code, on, _language())
        if key not in self._gates:
            self._gates[key] = self._gate(code, on)
        return self._gates[key]

    def _gate(self, code: str, on: date) -> str | None:
        instrument = self.instruments.get(code)
        if instrument is None:
            return _("The register does not hold the %(instrument)s.") % {"instrument": code}
        title = self.title(code)
        if on < instrument.adopted:
            return _("The %(instrument)s did not exist on %(on)s: it was adopted on %(adopted)s.") % {
                "instrument": title,
                "on": self.day(on),
                "adopted": self.day(instrument.adopted),
            }
        if instrument.entry_into_force is None:
            return _("The %(instrument)s had not entered into force on %(on)s.") % {
                "instrument": title,
                "on": self.day(on),
            }
        if on < instrument.entry_into_force:
            return _(
                "The %(instrument)s had not yet entered into force on %(on)s: it entered into force on "
                "%(in_force)s."
            ) % {"instrument": title, "on": self.day(on), "in_force": self.day(instrument.entry_into_force)}
        return None
