"""Stops a local Ray runtime whose driver died without shutting it down.

`ray.init()` starts Ray's daemons for this run; when the run is killed (kill -9,
the out-of-memory killer) some of them (the dashboard and runtime-env agents)
outlive it. A small watcher process, started beside the runtime, remembers the
driver's descendants while it lives; when it dies, the watcher kills them, every
process carrying the marker the runtime's daemons inherit in their environment,
and every process those started. Linux only (it reads /proc).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

__all__ = ["Reaper"]

MARKER = "NEWSGRAPH_RAY_RUN"

# Run as `python -c WATCHER PARENT_PID MARKER=VALUE`: standard library only, so it starts at once.
_WATCHER = """
import os, signal, sys, time
parent, marker, me = int(sys.argv[1]), sys.argv[2].encode(), os.getpid()
def processes(read_marks):  # pid -> (parent pid, start time, carries the marker)
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != me:
            try:
                with open("/proc/" + entry + "/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                marked = False
                if read_marks:
                    with open("/proc/" + entry + "/environ", "rb") as f:
                        marked = marker in f.read().split(b"\\0")
                table[int(entry)] = (int(fields[1]), fields[19], marked)
            except (OSError, ValueError, IndexError):
                pass
    return table
def closure(table, roots):  # the roots and all their descendants
    found, grew = set(roots), True
    while grew:
        grew = False
        for pid, (ppid, _, _) in table.items():
            if ppid in found and pid not in found:
                found.add(pid)
                grew = True
    return found
# While the driver lives, remember its descendants: when it dies, Ray's daemons die with it
# and orphan their agents, which rename themselves over the start of their environment
# (setproctitle), so the marker alone may no longer find them.
seen = {}
while os.getppid() == parent:
    table = processes(False)
    for pid in closure(table, {parent}) - {parent}:
        seen[pid] = table[pid][1]
    time.sleep(0.5)
quiet = 0
# A daemon may still be starting one more process (an agent forked as its parent was killed, late
# on a loaded machine): sweep until 20 sweeps in a row (10 s) find none, for two minutes at most.
for _ in range(240):
    table = processes(True)
    roots = {pid for pid, (_, start, marked) in table.items() if marked or seen.get(pid) == start}
    found = closure(table, roots)
    for pid in found:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    quiet = 0 if found else quiet + 1
    if quiet >= 20:
        break
    time.sleep(0.5)
"""


class Reaper:
    """Marks the processes a local Ray runtime starts, and watches the driver (this process).

    The marker stays in this process's environment until `stop`: Ray starts some of its
    agents from the driver after `ray.init` has returned."""

    def __init__(self) -> None:
        self._watcher: subprocess.Popen | None = None
        self._tag = f"{MARKER}={uuid.uuid4().hex}"

    def start(self) -> None:
        if self._watcher is None and Path("/proc/self/environ").exists():
            os.environ[MARKER] = self._tag.split("=", 1)[1]
            self._watcher = subprocess.Popen([sys.executable, "-c", _WATCHER, str(os.getpid()), self._tag],
                                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        """The runtime was shut down properly: the watcher and the marker are not needed any more."""
        os.environ.pop(MARKER, None)
        if self._watcher is not None:
            self._watcher.kill()
            self._watcher.wait(timeout=5)
            self._watcher = None
