"""The measured parts of the benchmark, each run in its own process by `bench/run.py`.

Each process gets DATABASE_URL in its environment before Django starts, so the same code measures
SQLite and PostgreSQL. The last line a worker prints is its result as JSON.

    workers.py synth --children N --seed S    migrate, then time the generator
    workers.py pages --requests N             time the unit page and the child page
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import django

WARM_UP = 20


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    django.setup()


def synth(children: int, seed: int) -> dict[str, Any]:
    from django.apps import apps
    from django.core.management import call_command

    from sikkerhedsnet.synth.pipeline import generate

    call_command("migrate", verbosity=0)
    steps = time_steps()
    started = time.perf_counter()
    generate(children=children, seed=seed)
    seconds = time.perf_counter() - started
    # Every table, so rows written by later steps (screenings, notifications, ...) count too.
    tables = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]
    rows = sum(model._base_manager.count() for model in tables)
    return {"children": children, "seconds": seconds, "rows": rows, "steps": steps}


def time_steps() -> dict[str, float]:
    """Wrap each pipeline step to record its seconds (generation and insertion together)."""
    from sikkerhedsnet.synth import pipeline

    spent: dict[str, float] = {}

    def timed(name: str, step: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(ctx: Any) -> None:
            started = time.perf_counter()
            step(ctx)
            spent[name] = time.perf_counter() - started

        return run

    pipeline.STEPS[:] = [(name, timed(name, step)) for name, step in pipeline.STEPS]
    return spent


def summary(times: list[float]) -> dict[str, float]:
    """Median and 95th percentile, in milliseconds."""
    ms = sorted(t * 1000 for t in times)
    return {
        "n": len(ms),
        "median_ms": statistics.median(ms),
        "p95_ms": statistics.quantiles(ms, n=100, method="inclusive")[94],
        "max_ms": ms[-1],
    }


class Timer:
    """Times GET requests in-process, one logged-in test client per user, after a warm-up.

    The clients share one request handler, as the requests of a real server do: each new
    handler loads the middleware again, and WhiteNoise then rescans every static file.
    """

    def __init__(self) -> None:
        self.clients: dict[int, Any] = {}
        self.handler: Any = None

    def client_for(self, user: Any) -> Any:
        from django.test import Client

        if user.pk not in self.clients:
            client = Client()
            if self.handler is None:
                self.handler = client.handler
            client.handler = self.handler
            client.force_login(user)
            self.clients[user.pk] = client
        return self.clients[user.pk]

    def get(self, user: Any, path: str) -> float:
        client = self.client_for(user)
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path} as {user.username}: HTTP {response.status_code}")
        return elapsed


def unit_targets(rng: random.Random, count: int) -> list[tuple[Any, str, str]]:
    """(leader, path, unit kind) for units with a leader, drawn at random."""
    from sikkerhedsnet.people.models import Membership, Role

    leaders = list(
        Membership.objects.filter(user__role=Role.UNIT_LEADER, until__isnull=True)
        .select_related("user", "unit")
        .order_by("pk")
    )
    picked = rng.sample(leaders, min(count, len(leaders)))
    while len(picked) < count:  # small municipalities: visit units again
        picked.append(rng.choice(leaders))
    return [(m.user, f"/enheder/{m.unit_id}/", m.unit.kind) for m in picked]


def child_targets(rng: random.Random, count: int) -> list[tuple[Any, str, str]]:
    """(leader of a unit where the child is enrolled today, path, unit kind)."""
    from django.utils import timezone

    from sikkerhedsnet.people.models import Child, Enrolment, Membership, Role, current_on

    today = timezone.localdate()
    leader_of = {
        m.unit_id: m.user
        for m in Membership.objects.filter(user__role=Role.UNIT_LEADER).select_related("user")
    }
    child_ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    targets = []
    for child_id in rng.sample(child_ids, min(count, len(child_ids))):
        enrolments = [
            e
            for e in Enrolment.objects.filter(current_on(today), child_id=child_id)
            .select_related("unit")
            .order_by("pk")
            if e.unit_id in leader_of
        ]
        enrolment = rng.choice(enrolments)
        targets.append((leader_of[enrolment.unit_id], f"/boern/{child_id}/", enrolment.unit.kind))
    return targets


def measure(timer: Timer, targets: list[tuple[Any, str, str]]) -> dict[str, Any]:
    for user, path, _kind in targets[:WARM_UP]:
        timer.get(user, path)
    times: list[float] = []
    by_kind: dict[str, list[float]] = defaultdict(list)
    for user, path, kind in targets:
        elapsed = timer.get(user, path)
        times.append(elapsed)
        by_kind[kind].append(elapsed)
    result: dict[str, Any] = summary(times)
    result["by_kind"] = {kind: summary(t) for kind, t in sorted(by_kind.items()) if len(t) > 1}
    return result


def settle() -> None:
    """Let PostgreSQL finish what autovacuum would do after a bulk load, before the clock runs:
    otherwise it vacuums a million new rows on the same two cores during the measurement."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def pages(requests: int, seed: int) -> dict[str, Any]:
    settle()
    rng = random.Random(seed)
    timer = Timer()
    units = unit_targets(rng, requests)
    children = child_targets(rng, requests)
    for user, _path, _kind in units + children:
        timer.client_for(user)  # log in before the clock runs
    return {"unit_page": measure(timer, units), "child_page": measure(timer, children)}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="part", required=True)
    synth_args = sub.add_parser("synth")
    synth_args.add_argument("--children", type=int, required=True)
    synth_args.add_argument("--seed", type=int, default=2026)
    pages_args = sub.add_parser("pages")
    pages_args.add_argument("--requests", type=int, default=300)
    pages_args.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    setup()
    parts: dict[str, Callable[[], dict[str, Any]]] = {
        "synth": lambda: synth(args.children, args.seed),
        "pages": lambda: pages(args.requests, args.seed),
    }
    print(json.dumps(parts[args.part]()))


if __name__ == "__main__":
    main(sys.argv[1:])
