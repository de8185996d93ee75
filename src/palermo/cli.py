"""The `palermo` console command: Django's management commands, with dashes, plus Palermo's own.

palermo demo                      set up the demo (SQLite, real reference data, demo accounts) and serve
palermo serve                     serve the app (gunicorn in production, see docs/deployment.md)
palermo check                     check the configuration (add --deploy in production)
palermo import-treaty-status FILE... --as-of DATE
palermo export-register --format json|csv
palermo import-knowledge FILE [--state draft|published]
palermo export-knowledge --format jsonl|csv
palermo reindex-knowledge         rebuild the knowledge base's search index (the app keeps answering)
palermo draw-lots --seed N [--json FILE] [--participation FILE] [--rules FILE]
                                  the Review Mechanism's drawing of lots (reproducible from its seed)
palermo send-review-reminders     e-mail reminders of overdue review steps (run it daily)
palermo help                      every command
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "demo":
        os.environ.setdefault("PALERMO_DEMO", "1")
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        args = args or ["help"]
    elif not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["palermo", *args])


if __name__ == "__main__":
    main()
