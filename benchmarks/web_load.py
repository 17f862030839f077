"""A bounded local load test of `newsgraph serve`: a fixed number of requests, a few at a time,
a mix of pages and API endpoints, against 127.0.0.1 only.

    python benchmarks/web_load.py --db demo.db                    # starts the server itself
    python benchmarks/web_load.py --url http://127.0.0.1:8080     # a server already running
    python benchmarks/web_load.py --db big.db --requests 2000 --concurrency 8 --json

The request mix is built from what the database holds (ids and words read through the API
before the clock starts). Every request must answer 200: anything else, or no answer, is an
error. Prints the error count, requests per second, and p50/p95/p99 latency overall and per kind
of request.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@contextmanager
def served(db: str, start_timeout: float = 120):
    """`newsgraph serve --db db` on a free port of 127.0.0.1, stopped with its process group."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", db, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                raise SystemExit(f"web_load: the server stopped: {process.stderr.read().decode(errors='replace')[-500:]}")
            try:
                if httpx.get(url + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"web_load: the server did not answer within {start_timeout:.0f} s")
            time.sleep(0.2)
        yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def request_mix(url: str, count: int, seed: int) -> list[tuple[str, str]]:
    """`count` (kind, path) pairs: pages and API calls on ids and words the database holds."""
    with httpx.Client(base_url=url, timeout=60) as client:
        quotes = client.get("/api/quotes", params={"limit": 200}).json()["items"]
        speakers = client.get("/api/speakers", params={"limit": 50}).json()["items"]
    if not quotes or not speakers:
        raise SystemExit("web_load: the database holds no quotations or speakers to ask for")
    words = Counter(word for hit in quotes for word in re.findall(r"[a-z]{5,}", (hit.get("headline") or "").lower()))
    searchable = [word for word, _ in words.most_common(30)] or ["minister"]
    articles = sorted({hit["article_id"] for hit in quotes})
    speaker_ids = [row["id"] for row in speakers]
    speaker_names = [row["name"] for row in speakers]
    rng = random.Random(seed)

    def pick(items):
        return quote(rng.choice(items), safe="")

    kinds = {
        "page /": lambda: "/",
        "page /search": lambda: f"/search?q={pick(searchable)}",
        "page /articles/{id}": lambda: f"/articles/{pick(articles)}",
        "page /speakers/{id}": lambda: f"/speakers/{pick(speaker_ids)}",
        "page /quotes": lambda: f"/quotes?speaker={pick(speaker_names)}",
        "page /events": lambda: "/events",
        "page /network": lambda: "/network",
        "api search": lambda: f"/api/search?q={pick(searchable)}",
        "api article": lambda: f"/api/articles/{pick(articles)}",
        "api quotes": lambda: f"/api/quotes?about={pick(searchable)}",
        "api speakers": lambda: "/api/speakers",
        "api speaker": lambda: f"/api/speakers/{pick(speaker_ids)}",
        "api events": lambda: "/api/events",
        "api entities": lambda: "/api/entities",
        "api stats": lambda: "/api/stats",
    }
    names = list(kinds)
    return [(kind, kinds[kind]()) for kind in (names[n % len(names)] for n in range(count))]


def run(url: str, mix: list[tuple[str, str]], concurrency: int, timeout: float) -> dict:
    """Send every request of `mix`, `concurrency` at a time; latencies and failures."""
    pending = list(reversed(mix))
    lock = threading.Lock()
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: Counter[str] = Counter()

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=timeout) as client:
            while True:
                with lock:
                    if not pending:
                        return
                    kind, path = pending.pop()
                started = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                took = time.perf_counter() - started
                with lock:
                    latencies[kind].append(took)
                    if status != 200:
                        failures[f"{kind}: {status}"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    everything = sorted(t for values in latencies.values() for t in values)
    return {
        "requests": len(everything), "concurrency": concurrency, "errors": sum(failures.values()),
        "error_kinds": dict(failures), "seconds": round(elapsed, 2),
        "requests_per_s": round(len(everything) / elapsed, 1),
        **{f"{name}_ms": round(1000 * value, 1) for name, value in percentiles(everything).items()},
        "by_kind": {kind: {"requests": len(values), **{f"{name}_ms": round(1000 * value, 1)
                                                      for name, value in percentiles(sorted(values)).items()}}
                    for kind, values in sorted(latencies.items())},
    }


def percentiles(ordered: list[float]) -> dict[str, float]:
    if len(ordered) < 2:
        return {"p50": ordered[0] if ordered else 0.0}
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": ordered[-1]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="a newsgraph database to serve for the run (SQLite path or postgresql:// URL)")
    where.add_argument("--url", help="a server already running on this machine, e.g. http://127.0.0.1:8080")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one request may take")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 100_000 or not 1 <= args.concurrency <= 64:
        parser.error("--requests 1..100000 and --concurrency 1..64: this is a bounded local test")
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("--url must be a server on this machine (127.0.0.1): this test loads only local servers")
    if args.db and "://" not in args.db and not Path(args.db).exists():
        parser.error(f"no database at {args.db}")

    with (served(args.db) if args.db else _given(args.url)) as url:
        mix = request_mix(url, args.requests, args.seed)
        result = run(url, mix, args.concurrency, args.timeout)
    result["database"] = args.db or args.url
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['requests']} requests, {args.concurrency} concurrent, against {result['database']}: "
              f"{result['errors']} errors, {result['requests_per_s']} requests/s, "
              f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms")
        for kind, figures in result["by_kind"].items():
            print(f"  {kind:22} {figures['requests']:5}  p50 {figures['p50_ms']:8} ms  p95 {figures.get('p95_ms', '-'):8} ms")
        for kind, count in result["error_kinds"].items():
            print(f"  error: {kind} x{count}")
    return 1 if result["errors"] else 0


@contextmanager
def _given(url: str):
    yield url.rstrip("/")


if __name__ == "__main__":
    sys.exit(main())
