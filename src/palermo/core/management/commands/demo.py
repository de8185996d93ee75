from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.demo import DEMO_PASSWORD, create_demo_accounts, demo_totp_secret
from palermo.knowledge.demo import create_demo_corpus
from palermo.register.demo import create_demo_declarations
from palermo.register.domain.reference_data import BUNDLED_STATUS_AS_OF, bundled_status_files
from palermo.review.demo import create_demo_cycle


class Command(BaseCommand):
    help = "Prepare the demo (database, real reference data, 2015 treaty status, demo accounts) and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Prepare only; do not start the server")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def step(self, text):
        self.stdout.write(self.style.MIGRATE_HEADING(f"==> {text}"))

    def handle(self, *args, no_serve, addrport, **options):
        if not settings.DEMO_MODE:
            raise CommandError("The demo runs only with PALERMO_DEMO=1 (`palermo demo` sets it).")
        self.step("Compiling translations")
        call_command("compile_translations")
        self.step(f"Preparing the database ({settings.DATABASES['default']['NAME']})")
        call_command("migrate", interactive=False, verbosity=1)
        self.step("Loading parties, instruments and article texts")
        call_command("load_reference_data")
        self.step(f"Importing the UN Treaty Collection status tables as at {BUNDLED_STATUS_AS_OF}")
        call_command(
            "import_treaty_status", *map(str, bundled_status_files()), as_of=BUNDLED_STATUS_AS_OF.isoformat()
        )
        self.step("Loading the knowledge-base taxonomy")
        call_command("load_taxonomy")
        self.step("Creating demo accounts and demo declarations")
        users = create_demo_accounts()
        create_demo_declarations()
        self.step("Generating the demo knowledge base (invented records, labelled demo data)")
        added = create_demo_corpus()
        self.stdout.write(f"{added} demo records added." if added else "The demo records are there already.")
        self.step("Launching a demo review cycle (made up, labelled demo data) and drawing its lots")
        create_demo_cycle()
        url = f"http://{addrport}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Palermo demo: {url}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user in users:
            line = f"  {user.email:40} {user.get_role_display()}"
            if user.needs_two_factor:
                line += f"   TOTP key {demo_totp_secret(user.email)}"
            self.stdout.write(line)
        self.stdout.write(
            "Add a TOTP key to an authenticator app, or print the current code with "
            "`PALERMO_DEMO=1 .venv/bin/palermo demo-totp EMAIL`."
        )
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)
