"""The Ray executor: the same per-document tasks on a pool of Ray actors.

Each actor sets the run's analysis stage up once (its spaCy model loaded once)
and then handles one document at a time, so a document that kills its actor or
overruns its time limit is lost alone: the actor is replaced and the run goes
on. Documents go out and results come back as they are ready; the driver (this
process) keeps them in input order, holds a bounded number in flight, and is
the single writer to the store.

Without an address a local Ray runtime is started with `workers` CPUs; with one
(`--ray-address ray://head:10001`, or `auto` on a cluster node) the run joins
that cluster. Workers need newsgraph installed (the same version), and the
store must be reachable from the driver only.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import ray
from ray.exceptions import RayActorError, RayTaskError, WorkerCrashedError

from newsgraph.engine.pool import Lost
from newsgraph.engine.ray_reaper import Reaper
from newsgraph.engine.tasks import start_worker
from newsgraph.messages import one_line
from newsgraph.nlp.analyze import Analyzer

__all__ = ["EngineError", "RayExecutor"]

# Documents in flight or waiting, per actor.
_WINDOW_PER_ACTOR = 8
# How long the head node may take to accept a connection.
_CONNECT_SECONDS = 10


class EngineError(RuntimeError):
    """The engine cannot run as asked (a Ray cluster that cannot be reached); one line."""


def _check_reachable(address: str) -> None:
    """Fail at once, in one line, where the head node does not answer (Ray itself retries for minutes)."""
    if address == "auto" or address.startswith("local"):
        return
    hostport = address.split("://", 1)[-1]
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise EngineError(f"a Ray address is auto, HOST:PORT or ray://HOST:PORT; got {address[:80]!r}")
    try:
        socket.create_connection((host, int(port)), timeout=_CONNECT_SECONDS).close()
    except OSError as error:
        raise EngineError(f"cannot reach the Ray cluster at {hostport}: {error.strerror or error}") from None


class PipelineActor:
    """One Ray actor: the run's analysis stage, loaded once; one document at a time."""

    def __init__(self, analyzer: Analyzer | None) -> None:
        start_worker(analyzer)

    def run(self, function: Callable[[Any], Any], item: Any) -> Any:
        return function(item)


class RayExecutor:
    """`workers` Ray actors mapping a task function over items, results in input order."""

    def __init__(self, workers: int, analyzer: Analyzer | None, *, address: str | None = None) -> None:
        self.workers = max(1, workers)
        self._reaper = Reaper()  # stops the runtime we start if this process is killed
        self._started = not ray.is_initialized()
        if self._started:
            settings: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                        "logging_level": logging.WARNING, "configure_logging": True}
            if address:
                _check_reachable(address)
                try:
                    ray.init(address=address, **settings)
                except (ConnectionError, RuntimeError, ValueError) as error:
                    raise EngineError(f"could not join the Ray cluster at {address}: {one_line(str(error))[:200]}") from None
            else:
                # Ray runs its workers at nice 15 so that they never starve its daemons on a
                # shared node; a runtime started for this run is the run, and its workers get
                # the priority the local engine's workers have.
                os.environ.setdefault("RAY_worker_niceness", "0")
                self._reaper.start()
                try:
                    ray.init(num_cpus=self.workers, **settings)
                except BaseException:
                    self._reaper.stop()
                    raise
        self._actor_class = ray.remote(num_cpus=1)(PipelineActor)
        self._analyzer = analyzer
        self._actors = [self._new_actor() for _ in range(self.workers)]

    def _new_actor(self):
        return self._actor_class.remote(self._analyzer)

    def map(self, function: Callable[[Any], Any], items: Iterable[Any],
            time_limit: Callable[[Any], float | None] | None = None) -> Iterator[tuple[Any, Any]]:
        source = iter(items)
        order: deque[int] = deque()
        entries: dict[int, Any] = {}
        results: dict[int, Any] = {}
        waiting: deque[int] = deque()
        running: dict[Any, tuple[int, int, float, float | None]] = {}  # ref -> (seq, actor index, deadline, limit)
        idle = deque(range(len(self._actors)))
        sequence, exhausted = 0, False
        while True:
            while not exhausted and len(order) < self.workers * _WINDOW_PER_ACTOR:
                try:
                    entries[sequence] = next(source)
                except StopIteration:
                    exhausted = True
                    break
                order.append(sequence)
                waiting.append(sequence)
                sequence += 1
            while idle and waiting:
                number, slot = waiting.popleft(), idle.popleft()
                limit = time_limit(entries[number]) if time_limit else None
                ref = self._actors[slot].run.remote(function, entries[number])
                running[ref] = (number, slot, time.monotonic() + limit if limit else float("inf"), limit)
            while order and order[0] in results:
                number = order.popleft()
                yield entries.pop(number), results.pop(number)
            if exhausted and not order:
                return
            if running:
                idle.extend(self._collect(running, results))

    def _collect(self, running: dict, results: dict[int, Any]) -> list[int]:
        """Wait for a result or the nearest deadline; record what happened; the actors free again."""
        nearest = min(deadline for _, _, deadline, _ in running.values())
        timeout = None if nearest == float("inf") else max(0.0, nearest - time.monotonic())
        ready, _ = ray.wait(list(running), num_returns=1, timeout=timeout)
        freed = []
        for ref in ready:
            number, slot, _, _ = running.pop(ref)
            try:
                results[number] = ray.get(ref)
            except (RayActorError, WorkerCrashedError) as error:
                results[number] = Lost(f"the Ray worker died while handling it ({type(error).__name__})")
                self._actors[slot] = self._new_actor()
            except RayTaskError as error:
                cause = error.cause if getattr(error, "cause", None) is not None else error
                results[number] = Lost(f"failed on a Ray worker: {type(cause).__name__}: {cause}"[:300])
            freed.append(slot)
        now = time.monotonic()
        for ref, (number, slot, deadline, limit) in list(running.items()):
            if now >= deadline:
                running.pop(ref)
                ray.kill(self._actors[slot])
                self._actors[slot] = self._new_actor()
                results[number] = Lost(f"took longer than its time limit of {limit:.0f} s; the Ray worker was stopped")
                freed.append(slot)
        return freed

    def close(self) -> None:
        for actor in self._actors:
            try:
                ray.kill(actor)
            except Exception:  # noqa: BLE001 - already gone
                pass
        self._actors = []
        if self._started and ray.is_initialized():
            ray.shutdown()
        self._reaper.stop()
