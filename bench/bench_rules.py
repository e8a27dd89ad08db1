"""Benchmark: every safety-net rule over a 150,000-child municipality with 5 years of history.

    .venv/bin/python bench/bench_rules.py                 # 150,000 children, 5 years, 7 runs
    .venv/bin/python bench/bench_rules.py --quick         # 5,000 children, 2 years
    BENCH_POSTGRES_URL=postgres://... .venv/bin/python bench/bench_rules.py --json

For each database (SQLite in a temporary directory; PostgreSQL in a scratch database when
BENCH_POSTGRES_URL or --postgres-url is given), in a fresh process: the synthetic municipality with
`--years` years of screening history and whatever else the generator makes (notifications, cases),
then planner statistics (PostgreSQL: VACUUM ANALYZE; SQLite: ANALYZE), then
`safetynet.selectors.rule_counts(at=now)` (every registered rule, each counted over the whole
municipality) once to warm up and `--runs` times measured. Each rule is then timed on its own
(`rule.find(now).count()`, the same number of runs). Figures: median and slowest run of the whole
evaluation, each rule's median and the rows it finds.

Target: the whole evaluation under 1 s (median) on PostgreSQL. The last line with --json is the
result as JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from bench_screening_import import wait_until_alone  # noqa: E402
from run import postgres_databases, postgres_url, sqlite_databases  # noqa: E402

TARGET_S = 1.0  # on PostgreSQL
SEED = 2026


# The measured process -------------------------------------------------------------------------


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def analyze() -> None:
    """Planner statistics for every table, as a database in service has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")


def runs_of(work: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    gc.collect()
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return times, result


def count_rows(rule: Any, at: Any) -> int:
    return int(rule.find(at).count())


def worker(children: int, years: int, runs: int) -> dict[str, Any]:
    setup()
    from django.utils import timezone

    from sikkerhedsnet.lib.worklist import worklist_rules
    from sikkerhedsnet.safetynet.selectors import rule_counts
    from sikkerhedsnet.screening.models import Screening
    from sikkerhedsnet.synth.pipeline import generate

    started, cpu = time.perf_counter(), time.process_time()
    generate(children=children, seed=SEED, history_years=years)
    synth_s, synth_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    analyze()
    now = timezone.now()
    rule_counts(at=now)  # warm-up: caches, prepared plans, pages in memory
    times, counts = runs_of(lambda: rule_counts(at=now), runs)
    rules: dict[str, Any] = {}
    for rule in worklist_rules():
        rule_times, _ = runs_of(partial(count_rows, rule, now), runs)
        rules[rule.code] = {"median_s": statistics.median(rule_times), "rows": counts[rule.code]}
    return {
        "children": children,
        "years": years,
        "synth_s": synth_s,
        "synth_cpu_s": synth_cpu_s,
        "screenings": Screening.objects.count(),
        "runs": runs,
        "median_s": statistics.median(times),
        "max_s": max(times),
        "rules": rules,
    }


# The driver ------------------------------------------------------------------------------------


def run_worker(url: str, args: argparse.Namespace) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0"}
    flags = ["--children", str(args.children), "--years", str(args.years)]
    flags += ["--runs", str(args.runs)]
    done = subprocess.run(
        [sys.executable, __file__, "--worker", *flags],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(label: str, result: dict[str, Any], target: float | None) -> None:
    verdict = ""
    if target is not None:
        verdict = f"  target < {target:.0f} s: " + (
            "ok" if result["median_s"] < target else "MISSED"
        )
    print(
        f"{label}: {result['children']:,} children, {result['years']} years of screenings "
        f"({result['screenings']:,} rows); synth {result['synth_s']:.1f} s "
        f"(CPU {result['synth_cpu_s']:.1f} s)"
    )
    print(
        f"  all rules, median of {result['runs']}: {result['median_s'] * 1000:7.0f} ms "
        f"(slowest run {result['max_s'] * 1000:.0f} ms){verdict}"
    )
    by_time = sorted(result["rules"].items(), key=lambda item: -item[1]["median_s"])
    for code, figures in by_time:
        print(f"  {code:36} {figures['median_s'] * 1000:7.1f} ms  {figures['rows']:8,} rows")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 children, 2 years")
    parser.add_argument("--children", type=int, help="children in the municipality")
    parser.add_argument("--years", type=int, help="years of screening history (default 5)")
    parser.add_argument("--runs", type=int, default=7, help="measured runs (default 7)")
    parser.add_argument("--postgres-url", help="admin URL; default BENCH_POSTGRES_URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--json", action="store_true", help="end with the result as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.children = args.children or (5_000 if args.quick else 150_000)
    args.years = args.years if args.years is not None else (2 if args.quick else 5)
    if args.worker:
        print(json.dumps(worker(args.children, args.years, args.runs)))
        return 0
    results: dict[str, Any] = {}
    if not args.no_sqlite:
        with sqlite_databases() as database:
            results["sqlite"] = run_worker(database("rules"), args)
        report("SQLite", results["sqlite"], None)
    url = postgres_url(args)
    if url:
        with postgres_databases(url) as database:
            scratch = database("rules")
            results["postgresql"] = run_worker(scratch, args)
            report("PostgreSQL", results["postgresql"], None if args.quick else TARGET_S)
            wait_until_alone(scratch)
    else:
        print("PostgreSQL skipped: set BENCH_POSTGRES_URL to include it")
    if args.json:
        print(json.dumps(results))
    missed = "postgresql" in results and results["postgresql"]["median_s"] >= TARGET_S
    return 1 if missed and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
