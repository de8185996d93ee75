"""`palermo legal-basis REQUESTING REQUESTED --on DATE [--offence CRIME_TYPE] [--kind KIND] [--json]`.

Which of the Convention and its Protocols is in force between two States on a date, for an offence and a
kind of request, and what follows. Exit status 0 when at least one instrument applies, 1 when none does,
2 for bad arguments (each error names the argument).
"""

import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from palermo.cooperation.domain.legal_basis import KINDS, LegalBasisError, Snapshot, legal_basis

BAD_ARGUMENT = 2
NOTHING_APPLIES = 1


class Command(BaseCommand):
    help = (
        "Which instruments (Convention, Protocols) are in force between two States on a date, for an offence "
        "and a kind of request, and what follows. States by ISO 3166 code: alpha-3 (ITA) or alpha-2 (IT), "
        "any case. Exit status 1 when no instrument applies."
    )

    def add_arguments(self, parser):
        parser.add_argument("requesting", help="The requesting State: ISO alpha-3 (ITA) or alpha-2 (IT)")
        parser.add_argument("requested", help="The requested State: ISO alpha-3 (BRA) or alpha-2 (BR)")
        parser.add_argument("--on", required=True, help="The date, YYYY-MM-DD")
        parser.add_argument("--offence", help="A crime type of the taxonomy, e.g. trafficking-in-persons")
        parser.add_argument("--kind", help="The kind of request: " + ", ".join(KINDS))
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text")
        parser.add_argument(
            "--language",
            default="en",
            help="Language of the reasons: " + ", ".join(code for code, _name in settings.LANGUAGES),
        )

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        if options["language"] not in languages:
            raise CommandError(
                f"--language: '{options['language']}' is not one of {', '.join(languages)}",
                returncode=BAD_ARGUMENT,
            )
        try:
            on = date.fromisoformat(options["on"])
        except ValueError as exc:
            raise CommandError(
                f"--on: '{options['on']}' is not a date like 2014-06-01", returncode=BAD_ARGUMENT
            ) from exc
        with translation.override(options["language"]):
            try:
                basis = legal_basis(
                    requesting=options["requesting"],
                    requested=options["requested"],
                    on=on,
                    offence=options["offence"],
                    kind=options["kind"],
                    snapshot=Snapshot(with_directory=True),
                )
            except LegalBasisError as exc:
                name = {"requesting": "REQUESTING", "requested": "REQUESTED"}.get(
                    exc.argument, f"--{exc.argument}"
                )
                raise CommandError(f"{name}: {exc}", returncode=BAD_ARGUMENT) from exc
            if options["json"]:
                self.stdout.write(json.dumps(basis.to_json(), ensure_ascii=False, indent=2))
            else:
                self.stdout.write(as_text(basis))
            if not basis.applies:
                raise CommandError(
                    f"No instrument applies between {basis.requesting} and {basis.requested} on {on.isoformat()}.",
                    returncode=NOTHING_APPLIES,
                )


def as_text(basis) -> str:
    """The answer for people reading a terminal, in the active language."""
    from django.utils.translation import gettext as _

    from palermo.core.i18n import format_date

    lines = [
        _(
            "Legal basis: %(requesting)s (%(requesting_code)s) to %(requested)s (%(requested_code)s), on %(on)s"
        )
        % {
            "requesting": basis.requesting_name,
            "requesting_code": basis.requesting,
            "requested": basis.requested_name,
            "requested_code": basis.requested,
            "on": format_date(basis.on),
        }
    ]
    if basis.offence:
        lines.append(_("Offence: %(offence)s") % {"offence": basis.offence_label})
    if basis.kind:
        from palermo.cooperation.domain.legal_basis import kind_label

        lines.append(_("Kind of request: %(kind)s") % {"kind": kind_label(basis.kind)})
    lines.append("")
    for instrument in basis.instruments:
        mark = _("applies") if instrument.applies else _("does not apply")
        lines.append(f"{instrument.title}: {mark}")
        lines.extend(f"  - {reason}" for reason in instrument.reasons)
    if basis.consequences:
        lines.append("")
        lines.append(_("What follows:"))
        lines.extend(f"  - {text}" for text in basis.consequences)
    for note in basis.notes:
        lines.append("")
        lines.append(note)
    return "\n".join(lines)
