"""Why each instrument applies or not between two States: how a State consented, and which offences
an instrument covers (a Protocol only its own; the Convention its own, the Protocols' and serious crime)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from palermo.cooperation.domain.legal_basis.results import CONVENTION, INSTRUMENTS, InstrumentBasis
from palermo.cooperation.domain.legal_basis.words import _
from palermo.cooperation.domain.offences import CONVENTION_OFFENCES, PROTOCOL_OFFENCES

if TYPE_CHECKING:
    from palermo.cooperation.domain.legal_basis.snapshot import Snapshot


def _consented(kind: str, state: str, day: str) -> str:
    """'Italy ratified on 2 August 2006' with the verb of the kind of consent."""
    sentences = {
        "ratification": _("%(state)s ratified on %(date)s"),
        "acceptance": _("%(state)s accepted on %(date)s"),
        "approval": _("%(state)s approved on %(date)s"),
        "accession": _("%(state)s acceded on %(date)s"),
        "succession": _("%(state)s succeeded on %(date)s"),
    }
    return sentences.get(kind, _("%(state)s consented to be bound on %(date)s")) % {
        "state": state,
        "date": day,
    }


def _later_consent(kind: str, day: str) -> str:
    sentences = {
        "ratification": _("It ratified on %(date)s."),
        "acceptance": _("It accepted on %(date)s."),
        "approval": _("It approved on %(date)s."),
        "accession": _("It acceded on %(date)s."),
        "succession": _("It succeeded on %(date)s."),
    }
    return sentences.get(kind, _("It consented to be bound on %(date)s.")) % {"date": day}


def _instrument_bases(register: Snapshot, asking, asked, on: date, crime) -> list[InstrumentBasis]:
    """The four instruments between the two States: what is the same for every pair (the instrument's own
    entry into force, each State's standing, the offence's wording) comes from the snapshot's memory."""
    gates = register.gates(on)
    mine, theirs = register.row(asking, on), register.row(asked, on)
    in_force = tuple(gate is None and a[0] and b[0] for gate, a, b in zip(gates, mine, theirs, strict=True))
    extras = register.offence_extras(crime, in_force)
    titles = register.titles()
    out = []
    for i, code in enumerate(INSTRUMENTS):
        gate = gates[i]
        if gate is not None:
            reasons = [gate]
        elif in_force[i]:
            reasons = [mine[i][1], theirs[i][1]]
        else:
            reasons = [why for ok, why in (mine[i], theirs[i]) if not ok]
        applies, more, articles = extras[i]
        reasons.extend(more)
        out.append(InstrumentBasis(code, titles[i], applies, reasons, in_force[i], list(articles)))
    return out


def _offence_reasons(register: Snapshot, by_code: dict[str, InstrumentBasis], crime) -> None:
    """A Protocol applies only to its offence; the Convention to its own, the Protocols' and serious crime."""
    for code, (slug, article) in PROTOCOL_OFFENCES.items():
        basis = by_code[code]
        covered = register.crime_types.get(slug)
        covered_label = covered.in_sentence if covered else slug
        if crime is None:
            if basis.in_force:
                basis.reasons.append(
                    _(
                        "It applies only to %(offence)s (art. %(article)s) and to the Convention's cooperation for it."
                    )
                    % {"offence": covered_label, "article": article}
                )
            continue
        if crime.top != slug:
            basis.applies = False
            basis.reasons.append(
                _(
                    "The Protocol does not cover the offence (%(offence)s): it covers %(covered)s (art. %(article)s)."
                )
                % {"offence": crime.in_sentence, "covered": covered_label, "article": article}
            )
        elif basis.in_force:
            basis.reasons.append(
                _("The Protocol covers %(offence)s (art. %(article)s).")
                % {"offence": crime.in_sentence, "article": article}
            )
            basis.articles.append(article)
    convention = by_code[CONVENTION]
    if not convention.in_force:
        return
    if crime is None:
        convention.reasons.append(
            _(
                "The Convention covers the offences of arts. 5, 6, 8 and 23, those of the Protocols that bind "
                "both States, and serious crime (art. 2(b)), where the offence is transnational in nature and "
                "involves an organized criminal group (art. 3(1))."
            )
        )
        return
    if crime.top in CONVENTION_OFFENCES:
        article = CONVENTION_OFFENCES[crime.top]
        convention.articles.append(article)
        convention.reasons.append(
            _(
                "The Convention covers %(offence)s (art. %(article)s), where the offence is transnational in "
                "nature and involves an organized criminal group (art. 3(1)(a))."
            )
            % {"offence": crime.in_sentence, "article": article}
        )
        return
    protocol = next((code for code, (slug, _a) in PROTOCOL_OFFENCES.items() if slug == crime.top), None)
    if protocol is not None and by_code[protocol].in_force:
        convention.reasons.append(
            _(
                "The Convention applies mutatis mutandis to the %(protocol)s, whose offences are regarded as "
                "offences established under the Convention (Protocol art. 1(2) and 1(3)), where the offence "
                "is transnational in nature and involves an organized criminal group (art. 3(1))."
            )
            % {"protocol": register.title(protocol)}
        )
        return
    if protocol is not None:
        convention.reasons.append(
            _(
                "The %(protocol)s is not in force between the two States: the Convention covers %(offence)s "
                "only as a serious crime, so these conditions must hold: punishable by a maximum of at least "
                "four years' deprivation of liberty (art. 2(b)), transnational in nature (art. 3(2)) and "
                "involving an organized criminal group (art. 3(1)(b))."
            )
            % {"protocol": register.title(protocol), "offence": crime.in_sentence}
        )
    else:
        convention.reasons.append(
            _(
                "The Convention covers %(offence)s only as a serious crime, so these conditions must hold: "
                "punishable by a maximum of at least four years' deprivation of liberty (art. 2(b)), "
                "transnational in nature (art. 3(2)) and involving an organized criminal group (art. 3(1)(b))."
            )
            % {"offence": crime.in_sentence}
        )
    convention.articles.append("2")
