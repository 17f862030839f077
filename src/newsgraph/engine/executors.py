"""Where the per-document work runs: in this process, or in a pool of worker processes.

An executor maps a picklable function over items and yields the results in
input order, holding at most a bounded number of items in flight, so memory
does not depend on the size of the input. Worker processes exit when the
process that started them dies, even by SIGKILL: each watches its parent, so a
killed `ingest` leaves nothing running behind it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol, TypeVar

__all__ = ["Executor", "ProcessExecutor", "SerialExecutor", "make_executor"]

T = TypeVar("T")
R = TypeVar("R")

# How often a worker checks that the process that started it is still there.
_PARENT_CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1


class Executor(Protocol):
    workers: int

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """`function` over `items`, results in input order."""

    def close(self) -> None: ...


class SerialExecutor:
    """Everything in this process."""

    workers = 1

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(function, items)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _watch_parent(parent_pid: int) -> None:
    """Runs first in every worker: die with the parent instead of lingering as an orphan."""
    if sys.platform.startswith("linux"):
        try:  # the kernel signals us when our direct parent (the fork server) exits
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    # Whatever the platform: a thread that notices the parent is gone.
    def watch() -> None:
        while True:
            time.sleep(_PARENT_CHECK_SECONDS)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid now belongs to another user's process: ours is gone
                os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


class ProcessExecutor:
    """A pool of `workers` processes (forkserver: nothing of the parent's open
    databases or threads is copied into them)."""

    def __init__(self, workers: int, *, in_flight_per_worker: int = 8) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self._window = workers * in_flight_per_worker
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending: deque[Future[Any]] = deque()
        for item in items:
            pending.append(self._pool.submit(function, item))
            if len(pending) >= self._window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def make_executor(workers: int) -> SerialExecutor | ProcessExecutor:
    return ProcessExecutor(workers) if workers > 1 else SerialExecutor()
