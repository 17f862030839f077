"""Where the per-document work runs: in this process, in local worker processes, or on Ray.

Every executor maps a task function (`engine.tasks`) over items and yields
(item, result) in input order, holding a bounded number of items in flight.
A result is a `Lost` where the document killed or overran its worker; the
serial executor cannot stop a document that hangs, which is why it is chosen
only for small inputs or when asked for by name.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from newsgraph.engine.pool import Lost, WorkerPool
from newsgraph.engine.tasks import start_worker
from newsgraph.nlp.analyze import Analyzer

__all__ = ["ENGINES", "Executor", "Lost", "ProcessExecutor", "SerialExecutor", "available_cores", "choose", "make_executor"]

ENGINES = ("local", "serial", "ray")
# What the fork server imports (and loads) once, for every worker it forks.
_PRELOAD = ["newsgraph.engine.preload"]

TimeLimit = Callable[[Any], float | None]


class Executor(Protocol):
    workers: int

    def map(self, function: Callable[[Any], Any], items: Iterable[Any],
            time_limit: TimeLimit | None = None) -> Iterator[tuple[Any, Any]]:
        """(item, function(item)) in input order; a `Lost` result where the worker was lost."""

    def close(self) -> None: ...


class SerialExecutor:
    """Everything in this process, one document after the other."""

    workers = 1

    def __init__(self, analyzer: Analyzer | None) -> None:
        start_worker(analyzer)

    def map(self, function: Callable[[Any], Any], items: Iterable[Any],
            time_limit: TimeLimit | None = None) -> Iterator[tuple[Any, Any]]:
        for item in items:
            yield item, function(item)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """`workers` local processes, each with the run's analysis stage loaded once."""

    def __init__(self, workers: int, analyzer: Analyzer | None) -> None:
        if analyzer is not None:
            # Read by engine.preload in the fork server, if it starts now: the model is then
            # loaded once there and shared by every worker's pages.
            os.environ["NEWSGRAPH_PRELOAD_MODEL"] = analyzer.model
        self.workers = workers
        self._pool = WorkerPool(workers, initializer=start_worker, init_args=(analyzer,), preload=_PRELOAD)

    def map(self, function: Callable[[Any], Any], items: Iterable[Any],
            time_limit: TimeLimit | None = None) -> Iterator[tuple[Any, Any]]:
        return self._pool.map(function, items, time_limit)

    def close(self) -> None:
        self._pool.close()


# Below this many input files, worker processes cost more to start than they save.
POOL_MIN_FILES = 8


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def choose(engine: str | None, workers: int | str | None, files: int) -> tuple[str, int]:
    """The engine and worker count a run uses.

    `workers` "auto" (or None) means every available core; with no engine named, a
    small input runs in this process and a larger one on local worker processes.
    """
    if engine is not None and engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    auto = workers in (None, "auto", 0)
    try:
        count = available_cores() if auto else int(workers)
    except ValueError:
        count = 0
    if count < 1:
        raise ValueError(f"workers must be a whole number of at least 1, or auto; got {str(workers)[:20]!r}")
    if engine is None:
        engine = "serial" if auto and files < POOL_MIN_FILES else "local"
    return engine, (1 if engine == "serial" else count)


def make_executor(engine: str, workers: int, analyzer: Analyzer | None, *,
                  ray_address: str | None = None) -> Executor:
    """The executor a run asked for: "local" (a process pool), "serial" or "ray"."""
    if engine == "serial":
        return SerialExecutor(analyzer)
    if engine == "local":
        return ProcessExecutor(max(1, workers), analyzer)
    if engine == "ray":
        from newsgraph.engine.ray_executor import RayExecutor

        return RayExecutor(workers, analyzer, address=ray_address)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
