"""`sikkerhedsnet demo`: migrate, make a synthetic municipality if empty, demo logins, serve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from rich.table import Table

from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.synth.demo import (
    DEMO_CHILDREN,
    DEMO_PASSWORD,
    DEMO_SEED,
    DemoLoginRow,
    demo_logins_reset,
)
from sikkerhedsnet.synth.letters import demo_receipts_send
from sikkerhedsnet.synth.progress import console_for

ADDRESS = "127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "Starter en demo: migrerer, danner en syntetisk kommune, opretter demo-logins og serverer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Start ikke webserveren.")
        parser.add_argument(
            "--children",
            type=int,
            default=DEMO_CHILDREN,
            help="Antal børn, hvis databasen ikke har nogen endnu.",
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED)
        parser.add_argument(
            "--address", default=ADDRESS, help="Adresse og port for webserveren (vært:port)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        # A fresh clone has no var/ yet, and SQLite does not make the folder of its file.
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=max(0, verbosity - 1))
        if Child.objects.exists():
            self.stdout.write("Databasen har allerede børn; den syntetiske kommune dannes ikke.")
        else:
            call_command(
                "synth",
                children=options["children"],
                seed=options["seed"],
                verbosity=verbosity,
                stdout=self.stdout._out,
            )
        rows = demo_logins_reset()
        console = console_for(self.stdout, verbosity, width=140)
        sent = demo_receipts_send(actor=User.objects.get(username="visitation"))
        if sent:
            outbox = settings.SIKKERHEDSNET_POST_OUTBOX
            console.print(
                f"{sent} kvitteringer til underrettere er sendt som Digital Post til {outbox}."
            )
        console.print(login_table(rows))
        console.print(f"Adgangskode til alle demo-logins: {DEMO_PASSWORD}")
        address = options["address"]
        console.print(f"Åbn http://{address}/ og log ind med et af brugernavnene ovenfor.")
        if not options["no_serve"]:
            call_command("runserver", address, use_reloader=False)


def login_table(rows: list[DemoLoginRow]) -> Table:
    table = Table(title="Demo-logins (kun til demonstration)")
    for header in ("Brugernavn", "Rolle", "Adgangskode", "Se efter"):
        table.add_column(header)
    for row in rows:
        table.add_row(row.username, row.role, row.password, row.look_at)
    return table
