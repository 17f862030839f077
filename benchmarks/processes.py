"""Run a command and measure it with every process it starts: wall time and each
process's peak resident memory (VmHWM), grouped by role.

The command's processes are found by a marker put in their environment, which
every child inherits (local worker processes, the fork server, Ray's raylet and
actors), and sampled from /proc while the command runs (Linux only).
"""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Measured", "run_measured"]

_MARKER = "NEWSGRAPH_BENCHMARK_RUN"


@dataclass
class Measured:
    seconds: float
    stdout: str
    parent_mb: float = 0.0
    workers_mb: list[float] = field(default_factory=list)  # one per worker process (local pool or Ray actor)
    others_mb: dict[str, float] = field(default_factory=dict)  # fork server, Ray's own processes, ...
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # by role, summed over its processes

    def memory_line(self) -> str:
        workers = ", ".join(f"{mb:.0f}" for mb in sorted(self.workers_mb, reverse=True)) or "none"
        others = ", ".join(f"{role} {mb:.0f}" for role, mb in sorted(self.others_mb.items()))
        return f"parent {self.parent_mb:.0f} MB; workers {workers} MB" + (f"; {others} MB" if others else "")

    def cpu_line(self) -> str:
        return ", ".join(f"{role} {seconds:.0f}" for role, seconds in sorted(self.cpu_seconds.items())) + " CPU-s"


def _marked(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime
    except (OSError, ValueError, IndexError):
        return None


def _describe(pid: int) -> tuple[str, int]:
    """(command line, parent pid) of a process."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return "", 0
    return command, parent


def _role(pid: int, root: int, command: str, parent: int, fork_servers: set[int]) -> str:
    if pid == root:
        return "parent"
    if "multiprocessing.forkserver" in command and parent == root:
        fork_servers.add(pid)
        return "fork server"
    if parent in fork_servers or "ray::PipelineActor" in command:
        return "worker"
    if "resource_tracker" in command:
        return "resource tracker"
    if "ray::" in command:
        return "ray idle workers"
    if "ray" in command or "raylet" in command or "gcs_server" in command:
        return "ray runtime"
    return "other"


def run_measured(command: list[str], *, interval: float = 0.2, env: dict[str, str] | None = None) -> Measured:
    marker = uuid.uuid4().hex
    environment = dict(env or os.environ, **{_MARKER: marker})
    started = time.perf_counter()
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    roles: dict[int, str] = {}
    fork_servers: set[int] = set()
    tag = f"{_MARKER}={marker}"
    while process.poll() is None:
        for pid in _marked(tag):
            if roles.get(pid) not in ("parent", "fork server", "worker"):  # a Ray process may become an actor
                command_line, parent = _describe(pid)
                roles[pid] = _role(pid, process.pid, command_line, parent, fork_servers)
            if (peak := _peak_mb(pid)) is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), peak)
            if (seconds := _cpu_seconds(pid)) is not None:
                cpu[pid] = seconds
        time.sleep(interval)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:6])} ... exited {process.returncode}: {stderr[-500:]}")
    measured = Measured(seconds, stdout)
    for pid, used in cpu.items():
        role = roles.get(pid, "other")
        measured.cpu_seconds[role] = measured.cpu_seconds.get(role, 0.0) + used
    for pid, peak in peaks.items():
        role = roles.get(pid, "other")
        if role == "parent":
            measured.parent_mb = peak
        elif role == "worker":
            measured.workers_mb.append(peak)
        else:
            measured.others_mb[role] = max(measured.others_mb.get(role, 0.0), peak)
    return measured
