import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from palermo.review.domain.draw import DrawImpossible, Rules, draw, redraw
from palermo.review.interfaces.participation import (
    ParticipationError,
    parties_from_document,
    parties_from_register,
)


class Command(BaseCommand):
    help = (
        "Draw lots for the Review Mechanism: groups, then reviewing States for every State under review and "
        "instrument. The same seed, participation and rules always give the same draw."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, required=True, help="The seed of the draw (an integer)")
        parser.add_argument(
            "--json",
            dest="json_file",
            metavar="FILE",
            help="Write the draw as JSON to FILE ('-': standard output)",
        )
        parser.add_argument(
            "--participation",
            metavar="FILE",
            help="A register export (palermo export-register --format json) to read the parties from, "
            "instead of this installation's register",
        )
        parser.add_argument(
            "--rules", metavar="FILE", help="JSON object of rules (docs/review.md lists them)"
        )
        parser.add_argument(
            "--previous",
            metavar="FILE",
            help="With --replace: redraw one reviewer of this draw (a draw JSON), every other assignment kept",
        )
        parser.add_argument(
            "--replace",
            metavar="STATE:REVIEWER",
            help="The State under review and the reviewing State to replace, e.g. ALB:FRA",
        )
        parser.add_argument(
            "--reference-date",
            type=date.fromisoformat,
            help="Parties in force on this date are drawn into groups, later ones are late joiners "
            "(default: the participation's own date)",
        )

    def handle(
        self, *args, seed, json_file, participation, rules, reference_date, previous, replace, **options
    ):
        chosen_rules = self._rules(rules)
        try:
            if participation:
                document = self._read(participation, "participation")
                reference = reference_date or date.fromisoformat(
                    document.get("as_of") or date.today().isoformat()
                )
                parties = parties_from_document(document, reference)
            else:
                parties, document = parties_from_register(reference_date or date.today())
        except ParticipationError as problem:
            raise CommandError(f"{participation}: {problem}") from None
        if bool(previous) != bool(replace):
            raise CommandError("--previous and --replace go together")
        try:
            if previous:
                state, _, reviewer = replace.upper().partition(":")
                before = self._read(previous, "previous draw")
                result = redraw(parties, chosen_rules, seed, before, state, reviewer)
            else:
                result = draw(parties, chosen_rules, seed)
        except DrawImpossible as problem:
            raise CommandError(
                f"The rules cannot be met (State {problem.state}, rule {problem.rule}): {problem}"
            ) from None
        self._print(result.as_dict())
        if json_file:
            text = json.dumps(result.as_dict(), ensure_ascii=False, indent=1) + "\n"
            if json_file == "-":
                self.stdout.write(text)
            else:
                Path(json_file).write_text(text, encoding="utf-8")
                self.stdout.write(f"Written to {json_file}.")

    def _read(self, path: str, what: str) -> dict:
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            raise CommandError(f"{path}: cannot read the {what} file: {problem}") from None

    def _rules(self, path: str | None) -> Rules:
        if not path:
            return Rules()
        try:
            return Rules.from_dict(self._read(path, "rules"))
        except (TypeError, ValueError) as problem:
            raise CommandError(f"{path}: {problem}") from None

    def _print(self, result: dict) -> None:
        for number, codes in result["groups"].items():
            self.stdout.write(f"Group {number} ({len(codes)}): {', '.join(codes)}")
        for review in result["reviews"]:
            reviewers = ", ".join(f"{r['state']} ({r['slot']})" for r in review["reviewers"])
            self.stdout.write(f"{review['state_under_review']} {review['instrument']}: {reviewers}")
        for code, why in result["not_drawn"].items():
            self.stdout.write(f"Not drawn: {code}, {why}")
        self.stdout.write(f"{len(result['reviews'])} reviews drawn with seed {result['seed']}.")
