"""The README's first command on a fresh clone: the demo sets itself up and its server answers.

The tracked files are copied to an empty folder (a clone has no var/, no database, no collected
static files) and the demo is started there, as `./scripts/demo.sh` starts it, with this
checkout's virtual environment (the installs are setup.sh's, which CI runs anyway). The test
waits until the login page answers, then stops the server.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANSWER_WITHIN_SECONDS = 240
GIT = shutil.which("git")


def _tracked_files() -> list[str]:
    assert GIT is not None
    listed = subprocess.run(  # noqa: S603 - git, fixed arguments
        [GIT, "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


def _fresh_clone(into: Path) -> Path:
    clone = into / "sikkerhedsnet"
    for name in _tracked_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    assert not (clone / "var").exists()
    return clone


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.mark.skipif(GIT is None, reason="git lists the files a clone has")
def test_the_demo_starts_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = _fresh_clone(tmp_path)
    address = f"127.0.0.1:{_free_port()}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SIKKERHEDSNET_VAR_DIR", "DJANGO_SETTINGS_MODULE"}
    }
    command = [sys.executable, "-m", "sikkerhedsnet.manage", "demo", "--children", "300"]
    server = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [*command, "--address", address],
        cwd=clone,
        env={**env, "PYTHONPATH": str(clone)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + ANSWER_WITHIN_SECONDS
        while not _answers(f"http://{address}/login/"):
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.communicate(timeout=10)[0] if server.poll() is not None else ""
                pytest.fail(f"the demo did not answer on {address}:\n{output[-3000:]}")
            time.sleep(1)
        assert (clone / "var" / "sikkerhedsnet.sqlite3").is_file()
    finally:
        server.terminate()
        server.wait(timeout=30)
