"""`palermo check-request FILE.json [--kind KIND] [--json] [--language LANG]`.

Runs the request writer's completeness checks on a request written as JSON in the API's request format
(docs/cooperation.md): prints what is missing or wrong, with its article and paragraph, step by step.
Exit status 0 when the request is complete (warnings do not count), 1 when anything required is missing
or wrong, 2 when the file cannot be read as a JSON object or an argument is wrong.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from palermo.cooperation.domain.completeness import STEPS, Check, Item, check
from palermo.cooperation.domain.completeness.lists import KINDS

INCOMPLETE = 1
UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Check a request for international cooperation written as JSON (the API's request format) and list "
        "what is missing or wrong, with its article and paragraph. Exit status: 0 complete, 1 something "
        "required is missing or wrong, 2 the file cannot be read as a JSON object or an argument is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", metavar="FILE.json", help="The request, in the request format; - reads stdin"
        )
        parser.add_argument(
            "--kind", help='Check it as this kind (default: its own "kind"): ' + ", ".join(KINDS)
        )
        parser.add_argument("--json", action="store_true", help="Print the result as JSON")
        parser.add_argument(
            "--language",
            default="en",
            help="Language of the messages: " + ", ".join(code for code, _name in settings.LANGUAGES),
        )

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        if options["language"] not in languages:
            raise CommandError(
                f"--language: '{options['language']}' is not one of {', '.join(languages)}",
                returncode=UNREADABLE,
            )
        kind = options["kind"]
        if kind is not None and kind not in KINDS:
            raise CommandError(f"--kind: '{kind}' is not one of {', '.join(KINDS)}", returncode=UNREADABLE)
        name = options["file"]
        content = read(name)
        with translation.override(options["language"]):
            found = check(content, kind=kind)
            if options["json"]:
                self.stdout.write(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
            else:
                self.stdout.write(as_text(found, name, kind or content.get("kind")))
            if not found.complete:
                raise CommandError(
                    _("%(file)s: not complete (%(missing)s missing, %(problems)s wrong).")
                    % {"file": name, "missing": len(found.missing), "problems": len(found.problems)},
                    returncode=INCOMPLETE,
                )


def read(name: str) -> dict:
    """The request in a file (or stdin for "-"); CommandError (exit status 2) naming what is wrong."""
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8-sig") as handle:
                text = handle.read()
    except FileNotFoundError as exc:
        raise CommandError(f"{name}: no such file", returncode=UNREADABLE) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"{name}: not UTF-8 text (byte {exc.start + 1})", returncode=UNREADABLE) from exc
    except OSError as exc:
        raise CommandError(f"{name}: cannot be read ({exc.strerror})", returncode=UNREADABLE) from exc
    try:
        content = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{name}: not JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}", returncode=UNREADABLE
        ) from exc
    if not isinstance(content, dict):
        raise CommandError(
            f"{name}: the request must be a JSON object ({{...}}), not {type(content).__name__}",
            returncode=UNREADABLE,
        )
    return content


def line(item: Item) -> str:
    where = f" ({item.reference})" if item.reference else ""
    return f"{item.key or '-'}: {item.label}{where}"


def as_text(found: Check, name: str, kind) -> str:
    """The result step by step: what is missing, what is wrong, the warnings."""
    lines = [
        (_("%(file)s (%(kind)s): complete") if found.complete else _("%(file)s (%(kind)s): not complete"))
        % {"file": name, "kind": kind or "?"}
    ]
    headings = [(found.missing, _("Missing")), (found.problems, _("Wrong")), (found.warnings, _("Warnings"))]
    for step, step_label in STEPS:
        parts = []
        for items, heading in headings:
            shown = [item for item in items if item.step == step]
            if shown:
                parts.append(f"  {heading}:")
                parts.extend(f"    - {line(item)}" for item in shown)
        if parts:
            lines.append("")
            lines.append(str(step_label))
            lines.extend(parts)
    return "\n".join(lines)
