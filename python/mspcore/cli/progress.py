"""Progress bars for long CLI work: rich on an interactive terminal, silent otherwise (pipes,
CI logs, --json, --quiet), so scripts never parse bar noise."""
from __future__ import annotations

import contextlib
import sys


class _Silent:
    def add(self, description: str, total: int):
        return description

    def advance(self, task, steps: int = 1):
        pass


class _Rich:
    def __init__(self, progress):
        self._progress = progress

    def add(self, description: str, total: int):
        return self._progress.add_task(description, total=total)

    def advance(self, task, steps: int = 1):
        self._progress.advance(task, steps)


@contextlib.contextmanager
def progress(enabled: bool):
    """A context yielding an object with add(description, total) and advance(task)."""
    if not enabled or not sys.stderr.isatty():
        yield _Silent()
        return
    try:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    except ImportError:
        yield _Silent()
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=False) as p:
        yield _Rich(p)
