"""Benchmark: the faglig leder's caseload page (Teamets sagsstamme) with 40 caseworkers.

    .venv/bin/python bench/bench_caseload.py                  # SQLite and PostgreSQL, 300 requests
    .venv/bin/python bench/bench_caseload.py --no-postgres --requests 200
    .venv/bin/python bench/bench_caseload.py --postgres-url postgres://…/postgres --json

For each database (SQLite in a temporary directory; PostgreSQL in a scratch database created
beside the one --postgres-url names and dropped afterwards), in a fresh process: one team with a
faglig leder and 40 rådgivere, 1,000 open cases (950 spread over the rådgivere, loads 19 to 29,
so some are over the cap of 25; 50 without a caseworker), 300 closed cases, then planner
statistics (PostgreSQL: VACUUM ANALYZE; SQLite: ANALYZE). The page is fetched with
django.test.Client (middleware, view, queries, template; no network) after a warm-up.
Target: median under 100 ms. The last line with --json is the result as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from run import postgres_databases, sqlite_databases  # noqa: E402

DEFAULT_POSTGRES = "postgres://sikkerhedsnet:sikkerhedsnet-ci@127.0.0.1:5432/postgres"
TARGET_MS = 100.0
WARM_UP = 20
CASEWORKERS = 40
OPEN_CASES = 1_000
FREE_CASES = 50
CLOSED_CASES = 300


# The measured process -------------------------------------------------------------------------


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build() -> Any:
    """The team, its people and its cases; returns the faglig leder."""
    from datetime import date, timedelta

    from django.utils import timezone

    from sikkerhedsnet.cases.models import Case, CaseStatus
    from sikkerhedsnet.lib import cpr as cprlib
    from sikkerhedsnet.people.models import Child, Membership, Role, Unit, UnitKind, User

    team = Unit.objects.create(
        code="FAM01", name="Familieteam Nord", kind=UnitKind.FAMILY_DEPARTMENT
    )
    people = [User(username="leder", first_name="Lene", last_name="Leder", role=Role.TEAM_LEADER)]
    people += [
        User(
            username=f"r{n}",
            first_name=f"Rådgiver{n:02d}",
            last_name="Hansen",
            role=Role.CASEWORKER,
        )
        for n in range(CASEWORKERS)
    ]
    User.objects.bulk_create(people)
    people = list(User.objects.order_by("pk"))
    Membership.objects.bulk_create(
        Membership(user=user, unit=team, since=date(2020, 1, 1)) for user in people
    )
    total = OPEN_CASES + CLOSED_CASES
    birth = date(2015, 1, 1)
    Child.objects.bulk_create(
        Child(
            cpr=cprlib.make_replacement(birth + timedelta(days=n % 3000), n % 10_000, "female"),
            first_name=f"Barn{n}",
            last_name="Jensen",
            birth_date=birth + timedelta(days=n % 3000),
            sex="female",
            is_replacement_cpr=True,
        )
        for n in range(total)
    )
    children = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    workers = people[1:]
    # Loads 19..29 round the cap: caseworker k gets 19 + k % 11 cases until 950 are given.
    owners: list[Any] = []
    for k, worker in enumerate(workers * 3):
        owners += [worker] * (19 + k % 11 if k < CASEWORKERS else 1)
    owners = owners[: OPEN_CASES - FREE_CASES] + [None] * FREE_CASES
    today = timezone.localdate()
    cases = [
        Case(
            child_id=children[n],
            team=team,
            caseworker=owners[n],
            opened_on=today - timedelta(days=n % 200),
            became_aware_on=today - timedelta(days=n % 200 + 1),
            assessment_due_on=Case.assessment_due(today - timedelta(days=n % 200 + 1)),
        )
        for n in range(OPEN_CASES)
    ]
    cases += [
        Case(
            child_id=children[OPEN_CASES + n],
            team=team,
            caseworker=workers[n % CASEWORKERS],
            status=CaseStatus.CLOSED,
            opened_on=today - timedelta(days=400),
            became_aware_on=today - timedelta(days=401),
            assessment_due_on=Case.assessment_due(today - timedelta(days=401)),
        )
        for n in range(CLOSED_CASES)
    ]
    Case.objects.bulk_create(cases)
    return people[0]


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")


def worker(requests: int) -> dict[str, Any]:
    setup()
    from django.db import connection
    from django.test import Client

    leader = build()
    analyze()
    client = Client()
    client.force_login(leader)

    def page() -> bytes:
        response = client.get("/sager/team/")
        assert response.status_code == 200, response.status_code
        return response.content

    content = page()
    assert content.count(b"Over loftet") > 0
    assert content.count(b"/fordel/") == FREE_CASES
    # Counted by a wrapper: Django empties connection.queries when a request starts.
    queries: list[str] = []

    def count(run: Any, sql: str, *rest: Any) -> Any:
        queries.append(sql)
        return run(sql, *rest)

    with connection.execute_wrapper(count):
        page()
    for _ in range(WARM_UP):
        page()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        page()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "vendor": connection.vendor,
        "n": len(times),
        "queries": len(queries),
        "median_ms": statistics.median(times),
        "p95_ms": statistics.quantiles(times, n=100, method="inclusive")[94],
        "max_ms": times[-1],
    }


# The driver ------------------------------------------------------------------------------------


def run_worker(url: str, requests: int) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0"}
    done = subprocess.run(
        [sys.executable, __file__, "--worker", "--requests", str(requests)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(label: str, r: dict[str, Any]) -> bool:
    ok: bool = r["median_ms"] < TARGET_MS
    print(
        f"{label:10} caseload page  median {r['median_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
        f"max {r['max_ms']:6.1f} ms  ({r['queries']} queries, n={r['n']}, "
        f"target < {TARGET_MS:.0f} ms: {'ok' if ok else 'MISSED'})"
    )
    return ok


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="timed requests (>= 200)")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES, help="admin URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--json", action="store_true", help="end with the result as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.requests)))
        return 0
    results: dict[str, Any] = {}
    if not args.no_sqlite:
        with sqlite_databases() as database:
            results["sqlite"] = run_worker(database("caseload"), args.requests)
    if not args.no_postgres:
        with postgres_databases(args.postgres_url) as database:
            results["postgresql"] = run_worker(database("caseload"), args.requests)
    labels = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    ok = all(report(labels[name], result) for name, result in results.items())
    if args.json:
        print(json.dumps(results))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
