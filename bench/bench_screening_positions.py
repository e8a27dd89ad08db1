"""Benchmark: saving one screening position, and the round page with 25 children.

    .venv/bin/python bench/bench_screening_positions.py                 # 300 requests each
    .venv/bin/python bench/bench_screening_positions.py --requests 200 --json
    .venv/bin/python bench/bench_screening_positions.py --database-url postgres://…/scratch

Server time measured in-process with django.test.Client (middleware, view, queries, template;
no network), on a fresh SQLite database in a temporary directory, after a warm-up. A save
alternates the professional's own rating and the joint position (compare-and-set on its
version), as the round page's HTMX rows post them. Targets: a save under 30 ms, the page under
100 ms (medians). The last line with --json is the result as JSON, for bench/run.py.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 20
CHILDREN = 25
TARGETS_MS = {"save_position": 30.0, "round_page": 100.0}
POSITIONS = ("green", "yellow", "red")


def setup(database_url: str) -> None:
    """Django on an empty database; DATABASE_URL must be set before the settings load."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build() -> tuple[Any, Any, list[Any]]:
    """A daycare with 25 children in one group, earlier positions, and a professional."""
    from datetime import date, timedelta

    from django.utils import timezone

    from sikkerhedsnet.people.models import Role
    from sikkerhedsnet.people.tests import factories as f
    from sikkerhedsnet.screening.selectors.rounds import previous_round, round_on
    from sikkerhedsnet.screening.tests.factories import ScreeningFactory

    unit = f.UnitFactory.create(name="Solsikken")
    professional = f.staff(Role.PROFESSIONAL, unit, username="bench-fagperson")
    colleague = f.staff(Role.PROFESSIONAL, unit, username="bench-kollega")
    children = [
        f.EnrolmentFactory.create(unit=unit, group="Bierne", since=date(2020, 8, 1)).child
        for _ in range(CHILDREN)
    ]
    rounds = [previous_round(round_on(timezone.localdate()))]
    while len(rounds) < 3:
        rounds.append(previous_round(rounds[-1]))
    for n, child in enumerate(children):
        for k, rnd in enumerate(rounds):
            ScreeningFactory.create(
                child=child,
                unit=unit,
                screened_on=rnd.deadline - timedelta(days=10),
                position=POSITIONS[(n + k) % 3],
            )
    from sikkerhedsnet.screening.models import Rating

    for child in children[::2]:
        Rating.objects.create(
            child=child,
            unit=unit,
            round_deadline=round_on(timezone.localdate()).deadline,
            rater=colleague,
            position="yellow",
        )
    return unit, professional, children


def timed(request: Callable[[int], Any], n: int) -> list[float]:
    for i in range(WARM_UP):
        request(i)
    times = []
    for i in range(n):
        started = time.perf_counter()
        request(WARM_UP + i)
        times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in times)
    return {
        "n": len(ms),
        "median_ms": statistics.median(ms),
        "p95_ms": statistics.quantiles(ms, n=100, method="inclusive")[94],
        "max_ms": ms[-1],
    }


def measure(requests: int) -> dict[str, dict[str, float]]:
    from django.test import Client

    unit, professional, children = build()
    client = Client()
    client.force_login(professional)
    htmx = {"HX-Request": "true"}
    versions: dict[int, str] = {}

    def save(i: int) -> None:
        child = children[i % len(children)]
        position = POSITIONS[i % 3]
        action = "joint" if (i // len(children)) % 2 else "rating"
        data = {"action": action, action: position, "version": versions.get(child.pk, "")}
        response = client.post(f"/enheder/{unit.pk}/runde/{child.pk}/", data, headers=htmx)
        assert response.status_code == 200, response.content
        assert b"gemt" in response.content, response.content
        found = re.search(rb'id="version-\d+" value="(\d+)"', response.content)
        if found:
            versions[child.pk] = found.group(1).decode()

    def page(i: int) -> None:
        response = client.get(f"/enheder/{unit.pk}/runde/")
        assert response.status_code == 200
        assert response.content.count(b'<tr id="barn-') == CHILDREN

    return {
        "save_position": summary(timed(save, requests)),
        "round_page": summary(timed(page, requests)),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="timed requests (>= 200)")
    parser.add_argument("--json", action="store_true", help="end with the result as JSON")
    parser.add_argument(
        "--database-url",
        help="an empty scratch database (e.g. PostgreSQL); default: SQLite in a temporary folder",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sikkerhedsnet-bench-screening-") as folder:
        setup(args.database_url or f"sqlite:///{Path(folder, 'bench.sqlite3')}")
        result = measure(args.requests)
    missed = 0
    for name, figures in result.items():
        target = TARGETS_MS[name]
        ok = figures["median_ms"] < target
        missed += not ok
        print(
            f"{name:14} median {figures['median_ms']:6.1f} ms  p95 {figures['p95_ms']:6.1f} ms  "
            f"max {figures['max_ms']:6.1f} ms  (n={figures['n']:.0f}, target < {target:.0f} ms: "
            f"{'ok' if ok else 'MISSED'})"
        )
    if args.json:
        print(json.dumps(result))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
