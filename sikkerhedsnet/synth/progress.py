"""A `rich` progress bar per pipeline step, for the console commands."""

from __future__ import annotations

from types import TracebackType
from typing import IO, cast

from django.core.management.base import OutputWrapper
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class RichProgress:
    def __init__(self, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<20}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        )
        self._task: TaskID | None = None

    def step(self, label: str, total: int) -> None:
        self._task = self._progress.add_task(label, total=total)

    def advance(self, amount: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._progress.stop()


def console_for(stdout: OutputWrapper, verbosity: int, width: int | None = None) -> Console:
    """A rich console writing where the command writes (so tests can capture it)."""
    return Console(file=cast(IO[str], stdout._out), quiet=verbosity == 0, width=width)
