"""The `sikkerhedsnet` console command: Django's manage.py under the project's name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - after the settings

    execute_from_command_line([os.path.basename(sys.argv[0]), *sys.argv[1:]])


if __name__ == "__main__":
    main()
