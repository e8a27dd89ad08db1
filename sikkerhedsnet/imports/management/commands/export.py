"""`sikkerhedsnet export units|children --format csv|xlsx -o FILE`, in the import formats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sikkerhedsnet.imports.management.commands._actor import actor_named
from sikkerhedsnet.imports.services import export_file
from sikkerhedsnet.lib.fileformats import all_formats, get_format
from sikkerhedsnet.lib.tables import FILE_TYPES


class Command(BaseCommand):
    # Plain strings: argparse cannot format lazy translations, and Django's own commands
    # leave their help untranslated too.
    help = "Eksportér en fil i importformatet; formler bliver aldrig skrevet som formler."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", choices=[f.name for f in all_formats()])
        parser.add_argument("--format", dest="file_type", choices=list(FILE_TYPES), default="csv")
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
        parser.add_argument("--actor", metavar="USERNAME", help="Brugeren, der står som ansvarlig.")

    def handle(
        self, *args: Any, name: str, file_type: str, output: Path, actor: str | None, **options: Any
    ) -> None:
        file_format = get_format(name)
        if file_format is None:  # argparse's choices already refused it; this is for the types
            raise CommandError(name)
        content = export_file(
            actor=actor_named(actor), file_format=file_format, file_type=file_type
        )
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Filen %(path)s kan ikke skrives: %(error)s")
                % {"path": output, "error": error.strerror}
            ) from None
        self.stdout.write(_("%(path)s er skrevet.") % {"path": output})
