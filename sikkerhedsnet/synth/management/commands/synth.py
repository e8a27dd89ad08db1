"""`sikkerhedsnet synth --children N --seed S`: a whole synthetic municipality in the database."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sikkerhedsnet.synth.pipeline import SynthRefused, generate
from sikkerhedsnet.synth.progress import RichProgress, console_for
from sikkerhedsnet.synth.screenings import DEFAULT_HISTORY_YEARS


class Command(BaseCommand):
    help = "Danner en syntetisk kommune (enheder, medarbejdere, børn, familier, indskrivninger)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, required=True, help="Antal børn, 0-17 år.")
        parser.add_argument("--seed", type=int, default=1, help="Samme seed giver samme kommune.")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Dagen kommunen dannes pr. (ÅÅÅÅ-MM-DD); standard er i dag.",
        )
        parser.add_argument(
            "--history-years",
            type=int,
            default=DEFAULT_HISTORY_YEARS,
            help=f"År med trivselsvurderinger før dagen (standard {DEFAULT_HISTORY_YEARS}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["children"] < 1:
            raise CommandError("Antallet af børn skal være mindst 1.")
        if options["history_years"] < 0:
            raise CommandError("Antallet af år med trivselsvurderinger kan ikke være negativt.")
        console = console_for(self.stdout, options["verbosity"])
        started = time.perf_counter()
        try:
            with RichProgress(console) as progress:
                ctx = generate(
                    children=options["children"],
                    seed=options["seed"],
                    today=options["today"],
                    progress=progress,
                    history_years=options["history_years"],
                )
        except SynthRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Syntetisk kommune dannet på {seconds:.1f} s: {len(ctx.children)} børn, "
            f"{len(ctx.units)} enheder, {len(ctx.staff)} medarbejdere, "
            f"{len(ctx.guardians)} forældre, {len(ctx.enrolments)} indskrivninger."
        )
