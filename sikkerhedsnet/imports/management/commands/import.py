"""`sikkerhedsnet import FILE [FILE …] --actor USERNAME`: each file all-or-nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.imports.management.commands._actor import actor_named
from sikkerhedsnet.imports.services import ImportReport, import_files


class Command(BaseCommand):
    # Plain strings: argparse cannot format lazy translations, and Django's own commands
    # leave their help untranslated too.
    help = "Importér units.csv, children.csv m.fl. (CSV eller XLSX); hver fil helt eller slet ikke."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("--actor", metavar="USERNAME", help="Brugeren, der står som ansvarlig.")

    def handle(self, *args: Any, files: list[Path], actor: str | None, **options: Any) -> None:
        user = actor_named(actor)
        reports = import_files(actor=user, files=[(path.name, _read(path)) for path in files])
        for report in reports:
            self._print(report)
        refused = sum(not report.imported for report in reports)
        if refused:
            message = ngettext(
                "Filen blev ikke importeret.",
                "%(count)d af %(total)d filer blev ikke importeret.",
                len(files),
            )
            raise CommandError(message % {"count": refused, "total": len(files)})

    def _print(self, report: ImportReport) -> None:
        stream = self.stdout if report.imported else self.stderr
        for line in report.lines():
            stream.write(line)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(
            _("Filen %(path)s kan ikke læses: %(error)s") % {"path": path, "error": error.strerror}
        ) from None
