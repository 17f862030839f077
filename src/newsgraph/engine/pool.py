"""A pool of worker processes that survives what one document does to a worker.

Each worker handles one document at a time, so when a worker dies (a crash in a
C library, the kernel's out-of-memory killer) or overruns its document's time
limit, exactly that document is lost: it comes back as a `Lost` result with a
one-line reason, the worker is replaced, and the run goes on. Results come out
in input order, with at most `window` documents in flight or waiting, so memory
does not depend on the size of the input.

Workers start from a fork server that has already imported (and, where asked,
loaded) what they need, so a replacement starts in milliseconds and the loaded
spaCy model's pages are shared copy-on-write. A worker ignores Ctrl-C (its
parent decides what stops) and exits when its parent dies, even by SIGKILL.
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
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

__all__ = ["Lost", "WorkerPool", "watch_parent"]

# How often a worker checks that the process that started it is still there.
_PARENT_CHECK_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1
# How long `close` waits for a worker to finish its document before killing it.
_CLOSE_GRACE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Lost:
    """A document whose worker died or ran out of time: no result, a reason."""

    reason: str


def watch_parent(parent_pid: int) -> None:
    """In a worker: die with the parent instead of lingering as an orphan."""
    if sys.platform.startswith("linux"):
        try:  # the kernel signals us when our direct parent (the fork server) exits
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            time.sleep(_PARENT_CHECK_SECONDS)
            try:
                os.kill(parent_pid, 0)
            except (ProcessLookupError, PermissionError):  # gone, or the pid now belongs to another user
                os._exit(1)

    threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()


def _worker_main(connection: Connection, parent_pid: int, initializer: Callable | None, init_args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    watch_parent(parent_pid)
    if initializer is not None:
        initializer(*init_args)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, item = message
        try:
            outcome: tuple[str, Any] = ("ok", function(item))
        except Exception as error:  # reported to the parent as this document's loss
            outcome = ("error", f"{type(error).__name__}: {error}")
        try:
            connection.send(outcome)
        except Exception as error:  # a result that cannot be pickled
            connection.send(("error", f"result could not be sent back: {type(error).__name__}: {error}"))


@dataclass(slots=True)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: int | None = None  # sequence number of the document it has
    deadline: float = 0.0
    limit: float | None = None


class WorkerPool:
    """`workers` processes mapping a picklable function over items, in order.

    `time_limit(item)` gives each item's limit in seconds (None: no limit).
    """

    def __init__(self, workers: int, *, initializer: Callable | None = None, init_args: tuple = (),
                 window_per_worker: int = 8, preload: list[str] | None = None) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self._window = workers * window_per_worker
        self._initializer, self._init_args = initializer, init_args
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        self._context = multiprocessing.get_context(method)
        if method == "forkserver" and preload:
            self._context.set_forkserver_preload(preload)
        self._pool: list[_Worker] = [self._start() for _ in range(workers)]
        self._closed = False

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, args=(child_end, os.getpid(), self._initializer, self._init_args), daemon=True
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _replace(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.connection.close()
        self._pool[self._pool.index(worker)] = self._start()

    def map(self, function: Callable[[Any], Any], items: Iterable[Any],
            time_limit: Callable[[Any], float | None] | None = None) -> Iterator[tuple[Any, Any]]:
        """(item, result) in input order; `result` is a `Lost` where the worker died or overran."""
        source = iter(items)
        order: deque[int] = deque()  # sequence numbers not yet yielded, in input order
        entries: dict[int, Any] = {}  # sequence -> item
        results: dict[int, Any] = {}
        waiting: deque[int] = deque()  # sequence numbers not yet given to a worker
        exhausted = False
        sequence = 0
        while True:
            while not exhausted and len(order) < self._window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                entries[sequence] = item
                order.append(sequence)
                waiting.append(sequence)
                sequence += 1
            for worker in self._pool:
                if worker.task is None and waiting:
                    number = waiting.popleft()
                    limit = time_limit(entries[number]) if time_limit else None
                    worker.task, worker.limit = number, limit
                    worker.deadline = time.monotonic() + limit if limit else float("inf")
                    try:
                        worker.connection.send((function, entries[number]))
                    except Exception as error:  # the item cannot be pickled, or the worker just died
                        results[number] = Lost(f"could not be handed to a worker: {type(error).__name__}: {error}")
                        worker.task = None
                        if not worker.process.is_alive():
                            self._replace(worker)
            while order and order[0] in results:
                number = order.popleft()
                yield entries.pop(number), results.pop(number)
            if exhausted and not order:
                return
            self._collect(results)

    def _collect(self, results: dict[int, Any]) -> None:
        """Wait for a result, a worker's death or the nearest deadline, and record what happened."""
        busy = [worker for worker in self._pool if worker.task is not None]
        if not busy:
            return
        nearest = min(worker.deadline for worker in busy)
        timeout = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
        now = time.monotonic()
        for worker in busy:
            number = worker.task
            if worker.connection in ready:
                try:
                    status, value = worker.connection.recv()
                except (EOFError, OSError):
                    status, value = "died", None
                if status != "died":
                    results[number] = value if status == "ok" else Lost(f"failed in a worker: {value}")
                    worker.task = None
                    continue
            if worker.process.sentinel in ready or not worker.process.is_alive():
                worker.process.join(timeout=1)
                code = worker.process.exitcode
                how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
                results[number] = Lost(f"the worker process died while handling it ({how})")
                worker.task = None
                self._replace(worker)
            elif now >= worker.deadline:
                results[number] = Lost(f"took longer than its time limit of {worker.limit:.0f} s; the worker was stopped")
                worker.task = None
                self._replace(worker)

    def close(self) -> None:
        """Stop every worker: those between documents at once, a busy one after a short grace."""
        if self._closed:
            return
        self._closed = True
        for worker in self._pool:
            try:
                worker.connection.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + _CLOSE_GRACE_SECONDS
        for worker in self._pool:
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
            worker.connection.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
