"""Shared fixtures: a small fictional corpus in every raw format, built by code in a temp folder;
the store backends, with a throwaway PostgreSQL server for the session."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

TEXT_SCRAPE = """\
Home > World > Europe

09:45 14.05.2024

Harbour city signs ferry deal with northern neighbour

2 min read
Harbour city signs ferry deal with northern neighbour

By Marta Olenko

The port authority of Seaville agreed on Tuesday to restart a ferry line to Northport that was
closed three years ago, ending a long dispute over docking fees.

"We have waited long enough for this crossing," said harbour director Ilse Brandt. "Families on
both sides asked for it every winter."

AD

The first boats will sail in June, the authority said, and tickets will cost about EUR40 each way.

Share on Facebook
"""

HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Valley farmers protest water cuts | The Valley Courier</title>
<meta property="og:title" content="Valley farmers protest water cuts">
<meta property="article:published_time" content="2024-04-02T08:30:00+02:00">
<link rel="canonical" href="https://courier.example/news/farmers-protest">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Valley farmers protest water cuts</h1>
<p class="byline">By Tomas Reiter</p>
<p>Several hundred farmers drove their tractors into the centre of Lindau on Monday to protest
against new limits on river water, which the regional council says are needed after a dry winter.</p>
<p>"Our fields cannot wait for next year's rain," said Anna Vogt, who grows barley near the river.
She said the council had not listened to growers before announcing the cuts.</p>
<p>The council's spokesman, Paul Kern, said the limits would be reviewed in June and that
emergency payments of up to 2,000 euros per farm were being prepared.</p>
<p>Police said the protest was peaceful and the roads were cleared by the evening.</p>
</article>
<footer>Copyright 2024 The Valley Courier. All rights reserved.</footer>
</body></html>
"""

JSONL_RECORDS = [
    {
        "id": "wire-001",
        "url": "https://wire.example/2024/03/rail-strike",
        "headline": "Rail workers announce two-day strike",
        "published": "2024-03-11T07:00:00Z",
        "source": "wire",
        "text": "Rail workers in the capital will stop work for two days next week, their union said on "
        "Monday, after talks on pay broke down.\n\n\"We gave the company every chance,\" union leader "
        "Karl Esser told reporters. The operator said it regretted the decision.",
    },
    {
        "id": "wire-002",
        "url": "https://wire.example/2024/03/library",
        "headline": "City library reopens after repairs",
        "published": "2024-03-12",
        "source": "wire",
        "text": "The central library reopened on Tuesday after eight months of roof repairs costing "
        "1.2 million euros.\n\n\"Readers kept asking when they could come back,\" librarian Dora "
        "Lenz said.",
    },
]


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A folder with one plain-text scrape, one HTML page and a two-record JSONL dump."""
    root = tmp_path / "corpus"
    (root / "scrapes").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "scrapes" / "ferry.txt").write_text(TEXT_SCRAPE, encoding="utf-8")
    (root / "pages" / "farmers.html").write_text(HTML_PAGE, encoding="utf-8")
    (root / "feed.jsonl").write_text(
        "\n".join(json.dumps(r) for r in JSONL_RECORDS) + "\n", encoding="utf-8"
    )
    return root


WORDS = (
    "council harbour minister budget river farmers union station bridge school hospital court "
    "election border treaty market winter summer village mayor police report museum festival "
    "railway airport energy grain export import talks crisis reform loan bank workers strike "
    "tax coast forest storm flood road factory ship cargo tourism"
).split()


def write_generated_corpus(folder: Path, count: int, *, seed: int = 7) -> list[Path]:
    """`count` distinct plain-text articles of random words: no two are near-duplicates."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        headline = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(3)
        ]
        path = folder / f"article-{n:04d}.txt"
        path.write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


SITE_FURNITURE = {
    # Each site repeats its own lines on every page; no fixed pattern list knows them.
    "tidewater": ("News Politics Economy War Opinion Podcasts", "Tidewater Ledger: the paper of the estuary",
                  "Ledger readers club meets every first Monday"),
    "hillpost": ("Front page | Valleys | Farming | Letters", "The Hill Post keeps the uplands talking",
                 "Send your letters to the Post desk"),
}


def write_site_scrapes(root: Path, per_site: int, *, seed: int = 11) -> list[Path]:
    """Plain-text scrapes in one folder per site, each page wrapped in its site's own furniture
    lines (a menu before the headline, a slogan and a club notice after the body)."""
    rng = random.Random(seed)
    paths = []
    for site, (menu, slogan, notice) in SITE_FURNITURE.items():
        folder = root / site
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(per_site):
            words = [rng.choice(WORDS) for _ in range(5)]
            headline = f"{words[0].capitalize()} {words[1]} vote splits the {words[2]} board"
            body = [" ".join(rng.choice(WORDS) for _ in range(35)).capitalize() + "." for _ in range(3)]
            text = "\n\n".join([menu, headline, f"{10 + n % 18:02d}.03.2024 09:{n % 60:02d}", *body, slogan, notice])
            path = folder / f"{site}-{n:03d}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            paths.append(path)
    return paths


# --- engines: the tests that must hold in every mode run once per mode ---------------------

ENGINE_MODES = ("serial", "local", "ray")


def engine_flags(mode: str) -> list[str]:
    """Command-line flags that run an ingest or extract on `mode` (2 workers where it has them)."""
    return ["--engine", mode] + ([] if mode == "serial" else ["--workers", "2"])


def _ray_or_skip():
    return pytest.importorskip("ray", reason="the ray package is not installed (pip install 'newsgraph[ray]')")


@pytest.fixture(params=ENGINE_MODES)
def engine_mode(request) -> str:
    """Each engine by name, for tests that start their own runs (Ray skipped, saying why, if missing)."""
    if request.param == "ray":
        _ray_or_skip()
    return request.param


@pytest.fixture(scope="session")
def ray_runtime():
    """A local Ray runtime (2 CPUs, no dashboard) shared by the tests in this process."""
    ray = _ray_or_skip()
    from ray import cloudpickle

    # Ray workers cannot import test modules by name: classes defined in them travel by value.
    for name in ("test_engines", "conftest"):
        module = __import__("sys").modules.get(name)
        if module is not None:
            cloudpickle.register_pickle_by_value(module)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    started = descendants(os.getpid())  # Ray's daemons and the agents they started
    ray.shutdown()
    # ray.shutdown() from a test process can leave Ray's agents running: the suite leaves nothing.
    time.sleep(1)
    for pid in started & descendants(1):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def descendants(root: int) -> set[int]:
    """Every process below `root` (children, theirs, ...), read from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, grew = set(), True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if (parent == root or parent in found) and pid not in found:
                found.add(pid)
                grew = True
    return found


@pytest.fixture(params=[("serial", 1), ("local", 2), ("ray", 2)], ids=lambda p: p[0])
def engine(request) -> tuple[str, int]:
    """(engine, workers) for runs made in this process; Ray's runtime is started once."""
    if request.param[0] == "ray":
        request.getfixturevalue("ray_runtime")
    return request.param


# --- PostgreSQL: a throwaway server for the store tests --------------------------------------

class PostgresServer:
    """A server started for this test session from the Debian binaries: initdb into a temporary
    folder, listening on a Unix socket there only, stopped and removed at the end."""

    def __init__(self, bin_dir: Path, root: Path, run_as: str | None) -> None:
        self.bin_dir, self.root, self.run_as = bin_dir, root, run_as
        self.socket_dir = root / "socket"
        self.port = 5432  # only names the socket file inside our own folder
        self._databases = 0

    password = "newsgraph-test"  # password authentication is on, so a wrong one can be tested

    def url(self, database: str, password: str | None = None) -> str:
        return (f"postgresql://newsgraph:{password or self.password}@/{database}"
                f"?host={self.socket_dir}&port={self.port}")

    def _run(self, *command: str) -> None:
        import subprocess

        done = subprocess.run([str(self.bin_dir / command[0]), *command[1:]], capture_output=True, text=True,
                              timeout=120, user=self.run_as, cwd=self.root)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {(done.stderr or done.stdout).strip()[-300:]}")

    def start(self) -> None:
        import shutil

        self.socket_dir.mkdir()
        if self.run_as is not None:
            for path in (self.root, self.socket_dir):
                shutil.chown(path, user=self.run_as)
        password_file = self.root / "password"
        password_file.write_text(self.password + "\n", encoding="utf-8")
        if self.run_as is not None:
            shutil.chown(password_file, user=self.run_as)
        self._run("initdb", "-D", str(self.root / "data"), "-A", "scram-sha-256", f"--pwfile={password_file}",
                  "-U", "newsgraph", "-E", "UTF8", "--locale=C", "--no-sync")
        options = (f"-k {self.socket_dir} -h '' -p {self.port} -c fsync=off -c full_page_writes=off "
                   "-c synchronous_commit=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "server.log"), "-w", "-t", "60",
                  "-o", options, "start")
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE newsgraph_tests")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        except Exception:  # noqa: BLE001 - the folder is removed whatever happened
            pass

    def create_database(self) -> str:
        """A new empty newsgraph database; its URL.

        Each is a schema of its own in one database (the URL sets search_path): creating a
        schema takes milliseconds where CREATE DATABASE copies a template, and nothing of
        newsgraph's can tell the two apart."""
        import psycopg

        self._databases += 1
        schema = f"test_{self._databases}"
        with psycopg.connect(self.url("newsgraph_tests"), autocommit=True) as admin:
            admin.execute(f'CREATE SCHEMA "{schema}"')
        return self.url("newsgraph_tests") + f"&options=-csearch_path%3D{schema}"

    def drop_database(self, url: str) -> None:
        import psycopg

        schema = url.rsplit("%3D", 1)[1]
        with psycopg.connect(self.url("newsgraph_tests"), autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _postgres_bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if found:
        return found[-1].parent
    import shutil

    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server; the tests that need it skip, saying why, where none can start."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL store tests: psycopg is not installed (pip install 'newsgraph[postgresql]')")
    bin_dir = _postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL store tests: no initdb found (make test installs the Debian postgresql package as root)")
    run_as = None
    if os.geteuid() == 0:
        import pwd

        try:
            run_as = pwd.getpwnam("postgres").pw_name  # the server refuses to run as root
        except KeyError:
            pytest.skip("PostgreSQL store tests: running as root and there is no postgres user to run the server as")
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="ngpg-"))  # short: a Unix socket path has a length limit
    server = PostgresServer(bin_dir, root, run_as)
    try:
        server.start()
    except Exception as exc:  # noqa: BLE001 - any reason is the skip reason
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL store tests: could not start a server: {exc}")
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh database on the session's server, dropped after the test."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


STORE_BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=STORE_BACKENDS)
def store_backend(request) -> str:
    return request.param


@pytest.fixture
def new_database(store_backend, tmp_path, request):
    """Make a new empty database of the test's backend: a SQLite path, or a PostgreSQL URL."""
    made: list[str] = []
    server = request.getfixturevalue("postgres_server") if store_backend == "postgresql" else None

    def make(name: str = "news") -> Path | str:
        if server is None:
            return tmp_path / f"{name}.db"
        made.append(server.create_database())
        return made[-1]

    yield make
    for url in made:
        server.drop_database(url)


def marked_processes(marker: str) -> list[int]:
    """Every process whose environment holds `marker` (a run's processes inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _stat(pid: int) -> tuple[bytes, bytes] | None:
    """(start time, state) of a process, or None when it is gone."""
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_bytes().rsplit(b")", 1)[1].split()
        return fields[19], fields[0]
    except (OSError, IndexError):
        return None


def start_times(pids: Iterable[int]) -> dict[int, bytes]:
    """Each of these processes with its start time (a pid may be reused); gone ones left out."""
    return {pid: stat[0] for pid in pids if (stat := _stat(pid)) is not None}


def still_running(processes: dict[int, bytes]) -> list[int]:
    """Those of `processes` (from `start_times`) that still run: same start time, not a zombie."""
    return sorted(pid for pid, start in processes.items()
                  if (stat := _stat(pid)) is not None and stat[0] == start and stat[1] != b"Z")


def count_articles(db: Path) -> int:
    """Articles committed to the SQLite file `db` so far, read while another process writes it."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # no file or no schema yet
