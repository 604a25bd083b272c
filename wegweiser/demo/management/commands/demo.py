"""`wegweiser demo`: a ready-to-try Wegweiser on http://127.0.0.1:8000 with synthetic data."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.core.management.server import serve
from wegweiser.demo.accounts import DEMO_LOGINS, demo_accounts_set_up
from wegweiser.demo.appointments import ensure_demo_appointments
from wegweiser.demo.courses import PROVIDER_LOGIN, ensure_demo_courses
from wegweiser.demo.documents import ensure_demo_documents
from wegweiser.demo.generator import DEFAULT_SEED, generate
from wegweiser.demo.jobs import EMPLOYER_LOGIN, ensure_demo_jobs
from wegweiser.demo.letters import ensure_demo_letters
from wegweiser.demo.partners import PARTNER_LOGIN, ensure_demo_partners
from wegweiser.demo.plans import ensure_demo_plans
from wegweiser.demo.recognition import ensure_demo_recognition
from wegweiser.people.models import Person

DEMO_HOST = "127.0.0.1"
DEMO_WORKERS = 2


class Command(BaseCommand):
    help = (
        "Migrate the database, load synthetic demo data and accounts if the database holds "
        "no persons yet, print the demo logins and serve on 127.0.0.1 with gunicorn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--persons", type=int, default=2000, help="Synthetic persons to create (2000)."
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Set everything up, but do not serve."
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")

    def handle(
        self,
        *args: Any,
        persons: int,
        seed: int,
        no_serve: bool,
        port: int,
        **options: Any,
    ) -> None:
        if persons < 1:
            raise CommandError("--persons must be at least 1.")
        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=0)
        # The labour market's vacancies and work experience are coded with ESCO occupations,
        # so the reference data comes before the synthetic data.
        self.stdout.write("Loading the occupation reference data (ESCO, KldB) …")
        call_command("occupations", "load", verbosity=0)
        if Person.objects.exists():
            demo_accounts_set_up()
            self.stdout.write("The database already holds persons; the data is left as it is.")
        else:
            self.stdout.write(f"Creating {persons:,} synthetic persons (seed {seed}) …")
            result = generate(persons=persons, seed=seed)
            self.stdout.write(f"Done in {result.seconds:.1f} seconds.")
            today = timezone.localdate()
            ensure_demo_appointments(seed=seed, today=today)
            ensure_demo_courses(seed=seed, today=today)
            ensure_demo_recognition(seed=seed, today=today)
            ensure_demo_jobs(seed=seed, today=today)
            ensure_demo_plans(seed=seed, today=today)
            ensure_demo_letters(seed=seed, today=today)
            ensure_demo_partners(seed=seed, today=today)
            ensure_demo_documents(seed=seed, today=today)
        self.print_logins()
        call_command("collectstatic", interactive=False, verbosity=0)
        if no_serve:
            return
        self.stdout.write(f"Serving on http://{DEMO_HOST}:{port}/ — Ctrl+C stops the server.")
        self.stdout.write(
            "The task worker and the reminder scheduler run beside it; e-mails (reminders, "
            f"invitations) are written as files to {getattr(settings, 'EMAIL_FILE_PATH', '-')}."
        )
        sys.stdout.flush()
        serve(host=DEMO_HOST, port=port, workers=DEMO_WORKERS)

    def print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write("Demo logins (synthetic data only). Log in with user name and password:")
        rows = [
            (str(User.Role(login.role).label), login.team or "—", login.username, login.password)
            for login in DEMO_LOGINS
        ]
        for role_value, (username, password) in (
            (User.Role.COURSE_PROVIDER, PROVIDER_LOGIN),
            (User.Role.EMPLOYER, EMPLOYER_LOGIN),
            (User.Role.PARTNER, PARTNER_LOGIN),
        ):
            if User.objects.filter(username=username).exists():
                rows.append((str(User.Role(role_value).label), "—", username, password))
        header = ("role", "team", "user name", "password")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            self.stdout.write(f"  {' '.join(cells)} {row[3]}")
        self.stdout.write("")
