"""Benchmark: generator speed and server time of the unit and child pages, on SQLite and PostgreSQL.

    .venv/bin/python bench/run.py            # 12,000 and 150,000 children, 300 requests per page
    .venv/bin/python bench/run.py --quick    # a smoke run: 1,000 and 5,000 children, 40 requests

Every part runs in a fresh process (`workers.py`) with DATABASE_URL set before Django starts:
SQLite in a temporary directory, PostgreSQL (if BENCH_POSTGRES_URL, or a postgres DATABASE_URL, is
given) in scratch databases created and dropped here. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rich.console import Console
from rich.table import Table

WORKERS = Path(__file__).resolve().parent / "workers.py"
SYNTH_TARGET_S = 60.0  # for the large municipality
PAGE_TARGET_MS = 50.0  # median server time


@dataclass
class Figure:
    database: str
    name: str
    value: str
    target: str
    ok: bool | None  # None: no target for this figure


def run_worker(url: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "0"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "sikkerhedsnet.settings")
    done = subprocess.run(
        [sys.executable, str(WORKERS), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@contextmanager
def sqlite_databases() -> Iterator[Any]:
    with tempfile.TemporaryDirectory(prefix="sikkerhedsnet-bench-") as folder:
        yield lambda name: f"sqlite:///{Path(folder, name + '.sqlite3')}"


@contextmanager
def postgres_databases(admin_url: str) -> Iterator[Any]:
    """Scratch databases beside the one `admin_url` names; all dropped at the end."""
    import psycopg
    from psycopg import sql

    made: list[str] = []
    parts = urlsplit(admin_url)

    def database(name: str) -> str:
        """The URL of scratch database `name`, created on first use."""
        scratch = f"sikkerhedsnet_bench_{os.getpid()}_{name}"
        if scratch not in made:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
            made.append(scratch)
        return urlunsplit(parts._replace(path="/" + scratch))

    try:
        yield database
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            for scratch in made:
                drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                conn.execute(drop.format(sql.Identifier(scratch)))


def bench_database(label: str, database: Any, args: argparse.Namespace) -> list[Figure]:
    console = Console(stderr=True)
    figures = []
    for children in (args.small, args.large):
        console.log(f"{label}: generating {children:,} children")
        result = run_worker(database(f"c{children}"), "synth", "--children", str(children))
        big = children == args.large
        figures.append(
            Figure(
                label,
                f"synth {children:,} children ({result['rows']:,} rows in all)",
                f"{result['seconds']:.1f} s",
                f"< {SYNTH_TARGET_S:.0f} s" if big and not args.quick else "",
                result["seconds"] < SYNTH_TARGET_S if big and not args.quick else None,
            )
        )
        steps = ", ".join(f"{name} {s:.1f}" for name, s in result["steps"].items())
        figures.append(Figure(label, f"  by step (s), {children:,}", steps, "", None))
    console.log(f"{label}: {args.requests} requests per page on {args.large:,} children")
    pages = run_worker(database(f"c{args.large}"), "pages", "--requests", str(args.requests))
    for page, title in (("unit_page", "unit page"), ("child_page", "child page")):
        figures += page_figures(label, title, pages[page])
    return figures


def page_figures(label: str, title: str, result: dict[str, Any]) -> list[Figure]:
    median, p95 = result["median_ms"], result["p95_ms"]
    kinds = ", ".join(f"{k} {v['median_ms']:.0f}" for k, v in result["by_kind"].items())
    return [
        Figure(
            label,
            f"{title} median (n={result['n']})",
            f"{median:.1f} ms",
            f"< {PAGE_TARGET_MS:.0f} ms",
            median < PAGE_TARGET_MS,
        ),
        Figure(label, f"{title} p95", f"{p95:.1f} ms", "", None),
        Figure(label, f"{title} median by unit kind (ms)", kinds, "", None),
    ]


def postgres_url(args: argparse.Namespace) -> str | None:
    if args.no_postgres:
        return None
    url = args.postgres_url or os.environ.get("BENCH_POSTGRES_URL")
    if not url and os.environ.get("DATABASE_URL", "").startswith(("postgres:", "postgresql:")):
        url = os.environ["DATABASE_URL"]
    return url or None


def print_figures(figures: list[Figure], seconds: float) -> None:
    table = Table(title="Sikkerhedsnet benchmark")
    for column in ("Database", "Figure", "Value", "Target", ""):
        table.add_column(column)
    for f in figures:
        verdict = "" if f.ok is None else ("ok" if f.ok else "MISSED")
        table.add_row(f.database, f.name, f.value, f.target, verdict)
    console = Console(width=160)
    console.print(table)
    console.print(
        f"{platform.python_implementation()} {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, {os.cpu_count()} CPUs; whole run {seconds:.0f} s."
    )


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--small", type=int, help="children in the first municipality")
    parser.add_argument("--large", type=int, help="children in the measured municipality")
    parser.add_argument("--requests", type=int, help="timed requests per page")
    parser.add_argument("--postgres-url", help="admin URL; default BENCH_POSTGRES_URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    args.small = args.small or (1_000 if args.quick else 12_000)
    args.large = args.large or (5_000 if args.quick else 150_000)
    args.requests = args.requests or (40 if args.quick else 300)
    return args


def main(argv: list[str]) -> None:
    args = parse(argv)
    started = time.perf_counter()
    with sqlite_databases() as database:
        figures = bench_database("SQLite", database, args)
    url = postgres_url(args)
    if url:
        with postgres_databases(url) as database:
            figures += bench_database("PostgreSQL", database, args)
    else:
        Console(stderr=True).log("PostgreSQL skipped: set BENCH_POSTGRES_URL to include it")
    print_figures(figures, time.perf_counter() - started)


if __name__ == "__main__":
    main(sys.argv[1:])
