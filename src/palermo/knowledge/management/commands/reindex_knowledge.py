import time

from django.core.management.base import BaseCommand

from palermo.knowledge.search.index import BATCH, give_back_free_pages, rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the knowledge base's search index from the records, one batch per transaction: searches "
        "keep working (on the old index, then the new one) while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH, help=f"records per batch (default {BATCH})")

    def handle(self, *args, batch, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            elapsed = time.perf_counter() - started
            self.stderr.write(
                f"indexed {done:,} of {total:,} records ({done / max(elapsed, 1e-9):,.0f} records/s)"
            )

        total = rebuild(progress=progress, batch=max(1, batch))
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Indexed {total:,} records in {elapsed:.1f} s.")
        self.stderr.write("giving the pages of the replaced index back to the file system…")
        started = time.perf_counter()
        given_back = give_back_free_pages()
        self.stdout.write(f"Gave back {given_back / 2**20:,.0f} MB in {time.perf_counter() - started:.1f} s.")
