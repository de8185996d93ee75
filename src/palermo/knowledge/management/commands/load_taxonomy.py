from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from palermo.knowledge.domain.taxonomy import TAXONOMY_FILE, TaxonomyError, load_taxonomy


class Command(BaseCommand):
    help = "Load the knowledge-base taxonomy (crime types, their facets, cross-cutting issues) from its data file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(TAXONOMY_FILE))

    def handle(self, *args, file, **options):
        try:
            report = load_taxonomy(Path(file))
        except TaxonomyError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(error.problems)} problem(s); the taxonomy was not changed.") from None
        if report.unchanged:
            self.stdout.write(f"Taxonomy {report.release.version} is already loaded.")
            return
        self.stdout.write(
            f"Taxonomy {report.release.version}: {len(report.created)} terms created, "
            f"{len(report.renamed)} renamed, {len(report.merged)} merged."
        )
