"""The database side of bench/load_intake.py, in its own process: Django, and no gevent.

    load_intake_db.py prepare CHILDREN SEED    migrate, generate, add intake logins
    load_intake_db.py count REFERENCES.json    notifications now, and how many receipts match

DATABASE_URL (and the rest of the environment) is set by load_intake.py before Django starts.
The last line printed is the result as JSON.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

PASSWORD = "Belastning-bench-2026"  # noqa: S105 - scratch users in a scratch database
INTAKE_USERS = 5
CHUNK = 5000  # SQLite's limit on parameters per query


def prepare(children: int, seed: int) -> dict[str, Any]:
    """Migrate, generate a municipality, add intake logins; the notifications there before."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from sikkerhedsnet.intake.models import Notification
    from sikkerhedsnet.people.models import Membership, Role, Unit, UnitKind, User
    from sikkerhedsnet.synth.pipeline import generate

    call_command("migrate", verbosity=0)
    generate(children=children, seed=seed)
    team = Unit.objects.filter(kind=UnitKind.FAMILY_DEPARTMENT).order_by("pk").first()
    password = make_password(PASSWORD)  # hashed once: it is slow on purpose
    usernames = []
    for number in range(1, INTAKE_USERS + 1):
        user = User.objects.create(
            username=f"bench-visitation-{number}",
            first_name="Bench",
            last_name=f"Visitation {number}",
            role=Role.INTAKE,
            password=password,
        )
        if team is not None:
            Membership.objects.create(user=user, unit=team, since=date(2020, 1, 1))
        usernames.append(user.username)
    return {"notifications": Notification.objects.count(), "usernames": usernames}


def count(references_file: str) -> dict[str, Any]:
    from sikkerhedsnet.intake.models import Notification

    references: list[str] = json.loads(Path(references_file).read_text())
    found = 0
    for start in range(0, len(references), CHUNK):
        chunk = references[start : start + CHUNK]
        found += Notification.objects.filter(reference__in=chunk).count()
    return {"notifications": Notification.objects.count(), "references_found": found}


def main(argv: list[str]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    django.setup()
    if argv[0] == "prepare":
        result = prepare(int(argv[1]), int(argv[2]))
    elif argv[0] == "count":
        result = count(argv[1])
    else:
        raise SystemExit(f"unknown command {argv[0]}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
