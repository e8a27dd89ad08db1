"""Load: the public notification form and intake's queue under concurrent clients, on 127.0.0.1.

    .venv/bin/python bench/load_intake.py                     # 50 clients for 60 s
    .venv/bin/python bench/load_intake.py --clients 10 --seconds 10 --children 1000   # smoke run

The app runs under gunicorn on 127.0.0.1 (a free port) against a fresh database in a temporary
directory: SQLite, and PostgreSQL too if BENCH_POSTGRES_URL is given (a scratch database beside
the one it names, dropped at the end). A policy file raises public_form_submissions_per_hour,
since every client comes from the same loopback address. Locust drives the clients: half submit
the public form (GET for the CSRF token, POST, the receipt page), half log in as intake workers
and load /visitation/. Each client stops by itself when the time is up, after finishing what it
had begun, so a notification is never cut off between the server's write and the receipt.

Printed per page: requests, errors, median and 95th percentile; and whether every receipt shown
(count in) matches a notification stored (count stored). See bench/README.md.
"""

# ruff: noqa: I001 - locust must be imported before the standard library's network modules

from __future__ import annotations

import locust  # noqa: F401 - patches the standard library for gevent on import

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gevent
from locust import HttpUser, constant, task
from locust.env import Environment
from locust.exception import StopUser
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_intake_db import PASSWORD
from run import postgres_databases, postgres_url

HOST = "127.0.0.1"  # never anything else: this is a load test
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFERENCE = re.compile(r"U\d{4}-[2-9A-Z]{4}-[2-9A-Z]{4}")
SERVER_START_TIMEOUT_S = 60
STOP_GRACE_S = 60  # time for every client to finish what it had begun


# The database side runs in its own process (load_intake_db.py): Django without gevent.
DB_SIDE = Path(__file__).resolve().parent / "load_intake_db.py"


def run_child(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(DB_SIDE), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# The server --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def server(env: dict[str, str], workers: int, log: Path) -> Iterator[str]:
    """gunicorn on 127.0.0.1; stopped (this process only, by its id) when the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "sikkerhedsnet.wsgi:application"]
    command += ["--bind", f"{HOST}:{port}", "--workers", str(workers), "--timeout", "120"]
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        base = f"http://{HOST}:{port}"
        try:
            _wait_until_up(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer within {SERVER_START_TIMEOUT_S} s")


# The clients --------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the clients saw: response times by page, errors, receipts with their numbers.

    The timed period starts when every intake worker has logged in: 25 password hashes at
    once (slow on purpose) would otherwise be measured as slow forms and queues.
    """

    seconds: float = 60.0
    intake_clients: int = 0
    logged_in: int = 0
    started: float | None = None  # when the timed period began
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_examples: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    usernames: list[str] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.started is None

    @property
    def over(self) -> bool:
        return self.started is not None and time.monotonic() >= self.started + self.seconds

    def has_logged_in(self) -> None:
        self.logged_in += 1
        if self.logged_in == self.intake_clients:
            self.started = time.monotonic()

    def record(self, name: str, response_time: float, exception: Any, **_: Any) -> None:
        self.times[name].append(response_time)
        if exception is not None:
            self.errors[name] += 1
            if len(self.error_examples) < 10:
                self.error_examples.append(f"{name}: {exception}")


TALLY = Tally()


def _check(response: Any, ok: Callable[[Any], bool], what: str) -> bool:
    """Mark a catch_response request good or failed; True when good."""
    if ok(response):
        response.success()
        return True
    response.failure(f"{what}: HTTP {response.status_code}")
    return False


def _token(text: str) -> str:
    found = CSRF.search(text)
    return found.group(1) if found else ""


class PublicNotifier(HttpUser):
    """A citizen sends the public form, then reads the receipt page."""

    wait_time = constant(0)

    @task
    def notify(self) -> None:
        if TALLY.waiting:
            gevent.sleep(0.1)
            return
        if TALLY.over:
            raise StopUser
        number = len(TALLY.references) + 1
        with self.client.get("/underretning/", name="GET /underretning/", catch_response=True) as r:
            if not _check(r, lambda a: a.status_code == 200 and bool(_token(a.text)), "form"):
                return
            token = _token(r.text)
        data = {
            "csrfmiddlewaretoken": token,
            "child_name": f"Barn {number}",
            "child_address": "Belastningsvej 1",
            "text": f"Belastningstest {number}: barnet virker utrygt.",
            "relation": "citizen",
            "anonymous": "no",
            "notifier_name": f"Borger {number}",
        }
        post = self.client.post(
            "/underretning/",
            data=data,
            name="POST /underretning/",
            allow_redirects=False,
            catch_response=True,
        )
        with post as r:
            if not _check(r, lambda a: a.status_code == 302, "submit"):
                return
        receipt = self.client.get(
            "/underretning/kvittering/", name="GET /underretning/kvittering/", catch_response=True
        )
        with receipt as r:
            found = REFERENCE.search(r.text) if r.status_code == 200 else None
            if _check(r, lambda _a: found is not None, "receipt") and found:
                TALLY.references.append(found.group(0))


class IntakeWorker(HttpUser):
    """An intake worker logs in once and keeps the queue open."""

    wait_time = constant(0)

    def on_start(self) -> None:
        username = TALLY.usernames[id(self) % len(TALLY.usernames)]
        with self.client.get("/login/", name="GET /login/", catch_response=True) as r:
            _check(r, lambda a: a.status_code == 200, "login form")
            token = _token(r.text)
        data = {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        login = self.client.post(
            "/login/", data=data, name="POST /login/", allow_redirects=False, catch_response=True
        )
        with login as r:
            if not _check(r, lambda a: a.status_code == 302, "login"):
                raise StopUser
        TALLY.has_logged_in()

    @task
    def queue(self) -> None:
        if TALLY.waiting:
            gevent.sleep(0.1)
            return
        if TALLY.over:
            raise StopUser
        with self.client.get("/visitation/", name="GET /visitation/", catch_response=True) as r:
            _check(r, lambda a: a.status_code == 200 and "Visitation" in a.text, "queue")


def drive(base: str, clients: int, seconds: float) -> float:
    """Log the intake workers in, then run every client for `seconds`; returns the time from
    the start of the timed period until the last client had stopped by itself."""
    PublicNotifier.fixed_count = clients - clients // 2
    IntakeWorker.fixed_count = clients // 2
    TALLY.seconds, TALLY.intake_clients = seconds, clients // 2
    env = Environment(user_classes=[PublicNotifier, IntakeWorker], host=base)
    env.events.request.add_listener(TALLY.record)
    runner = env.create_local_runner()
    runner.start(user_count=clients, spawn_rate=clients)
    give_up = time.monotonic() + STOP_GRACE_S + clients * 5  # a login takes a second or so
    while TALLY.started is None and time.monotonic() < give_up:
        gevent.sleep(0.2)
    if TALLY.started is None:
        runner.quit()
        raise SystemExit(f"only {TALLY.logged_in} of {TALLY.intake_clients} intake logins worked")
    gevent.sleep(seconds)
    grace = time.monotonic() + STOP_GRACE_S
    while runner.user_count > 0 and time.monotonic() < grace:
        gevent.sleep(0.2)
    wall = time.monotonic() - TALLY.started
    runner.quit()
    return wall


# One database -------------------------------------------------------------------------------------


@dataclass
class Result:
    database: str
    wall_s: float
    count_in: int
    count_stored: int
    references_found: int
    times: dict[str, list[float]]
    errors: dict[str, int]
    error_examples: list[str]


def bench(label: str, url: str, folder: Path, args: argparse.Namespace) -> Result:
    console = Console(stderr=True)
    policy = folder / "policy.json"
    policy.write_text(json.dumps({"public_form_submissions_per_hour": 10_000_000}))
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "sikkerhedsnet.settings",
        "SIKKERHEDSNET_POLICY_FILE": str(policy),
        "SIKKERHEDSNET_VAR_DIR": str(folder),
    }
    console.log(f"{label}: migrating and generating {args.children:,} children")
    before = run_child(env, "prepare", str(args.children), str(args.seed))
    reset_tally(before["usernames"])
    with server(env, args.workers, folder / f"gunicorn-{label}.log") as base:
        console.log(f"{label}: {args.clients} clients for {args.seconds} s against {base}")
        wall = drive(base, args.clients, args.seconds)
    references = folder / "references.json"
    references.write_text(json.dumps(TALLY.references))
    after = run_child(env, "count", str(references))
    return Result(
        database=label,
        wall_s=wall,
        count_in=len(TALLY.references),
        count_stored=after["notifications"] - before["notifications"],
        references_found=after["references_found"],
        times=dict(TALLY.times),
        errors=dict(TALLY.errors),
        error_examples=list(TALLY.error_examples),
    )


def reset_tally(usernames: list[str]) -> None:
    """Start a fresh tally in place: the users and listeners read the module's one TALLY."""
    vars(TALLY).update(vars(Tally(usernames=usernames)))


# Report -------------------------------------------------------------------------------------------


def percentile_95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0] if times else 0.0
    return statistics.quantiles(times, n=100, method="inclusive")[94]


def report(results: list[Result], args: argparse.Namespace) -> None:
    table = Table(title=f"Load: {args.clients} clients, {args.seconds} s, {args.workers} workers")
    for column in ("Database", "Page", "Requests", "Errors", "Median ms", "p95 ms", "Max ms"):
        table.add_column(column, justify="left" if column in ("Database", "Page") else "right")
    for result in results:
        for name in sorted(result.times):
            times = result.times[name]
            table.add_row(
                result.database,
                name,
                f"{len(times):,}",
                str(result.errors.get(name, 0)),
                f"{statistics.median(times):.0f}",
                f"{percentile_95(times):.0f}",
                f"{max(times):.0f}",
            )
    console = Console(width=140)
    console.print(table)
    for result in results:
        total = sum(len(t) for t in result.times.values())
        errors = sum(result.errors.values())
        same = result.count_in == result.count_stored == result.references_found
        console.print(
            f"{result.database}: {total:,} requests in {result.wall_s:.0f} s, {errors} errors; "
            f"count in {result.count_in:,}, count stored {result.count_stored:,} "
            f"(receipt numbers found: {result.references_found:,}); "
            f"count in = count stored: {'yes' if same else 'no'}"
        )
        for example in result.error_examples:
            console.print(f"  error: {example}")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they run (60)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument("--children", type=int, default=12_000, help="municipality size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", help="admin URL; default BENCH_POSTGRES_URL")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    if args.clients < 2:
        parser.error("--clients must be at least 2: half notify, half read the queue")
    return args


def main(argv: list[str]) -> None:
    args = parse(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="sikkerhedsnet-load-") as name:
        folder = Path(name)
        url = f"sqlite:///{folder / 'load.sqlite3'}"
        results.append(bench("SQLite", url, folder, args))
        admin_url = postgres_url(args)
        if admin_url:
            with postgres_databases(admin_url) as database:
                results.append(bench("PostgreSQL", database("load"), folder, args))
        else:
            Console(stderr=True).log("PostgreSQL skipped: set BENCH_POSTGRES_URL to include it")
    report(results, args)
    failed = any(
        sum(r.errors.values()) or not (r.count_in == r.count_stored == r.references_found)
        for r in results
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
