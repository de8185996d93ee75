"""The `palermo` console command: Django's management commands, with dashes, plus Palermo's own.

palermo demo [--port N] [--bind HOST:PORT] [--no-serve] [--verbose]
                                  set up the demo (SQLite, real reference data, demo accounts) and serve
palermo init                      write the installation's settings file with a new secret key
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
palermo import-authorities FILE   the directory of competent authorities from CSV or JSON Lines (all or nothing)
palermo export-authorities --format jsonl|csv [--output FILE]
palermo send-directory-reminders  remind States of directory entries not verified for 12 months (run it daily)
palermo legal-basis REQUESTING REQUESTED --on DATE [--offence CRIME_TYPE] [--kind KIND] [--json]
                                  which instruments apply between two States on a date (exit 1: none)
palermo check-request FILE.json [--kind KIND] [--json]
                                  what a request written as JSON lacks, by article (exit 1: incomplete)
palermo send-request-reminders    e-mail reminders of requests whose deadline is near or past (run it daily)
palermo worker [--once]           run background jobs (imports, entity resolution); `palermo demo` starts one
palermo import-entities --investigation N FILE [--mapping MAP.yml]
                                  FtM JSON lines, or CSV/XLSX through an FtM mapping, into an investigation
palermo export-entities --investigation N [--format ftm|csv] [-o FILE]
palermo match-names INPUT.csv -o OUTPUT.csv
                                  score name pairs (schema,name1,name2) across scripts, orders and forms
palermo dedupe-records INPUT.csv -o OUTPUT.csv [--id-column unique_id] [--engine duckdb|spark] [--threshold P]
                                  find the records of the same person (Splink on DuckDB or Spark)
palermo dedupe-entities INPUT.ftm.json -o OUTPUT.ftm.json [--investigation N]
                                  merge the same entities of an FtM file
palermo analyse-network EDGES.csv --json OUT.json [--directed] [--weight-column W]
                                  measure a network given as an edge list (centrality, communities, disruption)
palermo help                      every command

Every command reads the installation's settings from the environment and from `palermo.env` in its data
folder (PALERMO_DATA_DIR, by default `var/` in the source checkout): see docs/configuration.md.
"""

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "demo":
        os.environ.setdefault("PALERMO_DEMO", "1")
    if args and args[0] == "init":
        sys.exit(init(args[1:]))
    if not args or args[0] in ("-h", "--help"):
        print(__doc__)
        args = args or ["help"]
    elif not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "palermo.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (reads the settings: a configuration error is said plainly)
    except ImproperlyConfigured as error:
        print(f"palermo: {error}", file=sys.stderr)
        sys.exit(2)
    try:
        execute_from_command_line(["palermo", *args])
    except BrokenPipeError:  # `palermo export-register | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


SETTINGS_TEMPLATE = """
# Uncomment and change what this installation needs (every setting: docs/configuration.md).
# DATABASE_URL=postgres://palermo:PASSWORD@127.0.0.1:5432/palermo
# PALERMO_ALLOWED_HOSTS=palermo.example.org
# PALERMO_CSRF_TRUSTED_ORIGINS=https://palermo.example.org
# PALERMO_SITE_URL=https://palermo.example.org
# PALERMO_TRUSTED_PROXIES=1
# PALERMO_EMAIL_HOST=smtp.example.org
# PALERMO_EMAIL_TLS=1
# PALERMO_FROM_EMAIL=palermo@example.org
"""


def init(argv: list[str]) -> int:
    """`palermo init`: write the settings file of the installation's data folder, with a new secret key.
    Runs before Django's settings exist (they need the key)."""
    from palermo import installation

    parser = argparse.ArgumentParser(
        prog="palermo init",
        description="Write the installation's settings file (<data folder>/palermo.env) with a new secret "
        "key, readable by its owner only. The data folder is PALERMO_DATA_DIR, or var/ in the source "
        "checkout. An existing file is never replaced.",
    )
    parser.parse_args(argv)
    folder = installation.data_dir()
    path = installation.settings_file(folder)
    try:
        installation.write_settings_file(
            path,
            {"PALERMO_SECRET_KEY": installation.new_secret_key()},
            purpose="this installation's own (`palermo init`)",
            commented=SETTINGS_TEMPLATE,
        )
    except FileExistsError:
        print(f"palermo init: {path} exists already; edit it (it was not changed).", file=sys.stderr)
        return 1
    print(f"Wrote {path} (readable by you only) with a new secret key.")
    print("Edit it for the database, host names and e-mail, then: palermo migrate, palermo check --deploy")
    print("(docs/deployment.md). Every palermo command with this data folder reads it.")
    return 0


if __name__ == "__main__":
    main()
