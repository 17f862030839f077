"""The web tests' world: short fictional articles (ordinary ones, and ones whose headline, text,
speaker names, URL and file names carry script and HTML payloads) ingested through the command
line into a SQLite file, and `newsgraph serve` started for real on a free port of 127.0.0.1.

The corpus is ingested once per test session (a template file); each test module serves its
own copy, so a module that writes through POST /api/ingest changes no other module's database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

WEB_TOKEN = "web-test-token-7Qx2"

# --- the corpus ------------------------------------------------------------------------------

# Harbour director Ilse Brandt is quoted in five months, so her speaker page has a timeline.
ORDINARY_ARTICLES = [
    {
        "id": "seaville-ferry-deal",
        "url": "https://coastwire.example/2024/01/seaville-ferry-deal",
        "headline": "Seaville agrees to restart ferry line to Northport",
        "published": "2024-01-16T09:00:00Z",
        "source": "Coast Wire",
        "text": "The port authority of Seaville agreed on Tuesday to restart the ferry line to Northport "
        "that was closed three years ago, ending a long dispute over docking fees.\n\n"
        "\"We have waited long enough for this crossing,\" harbour director Ilse Brandt said. "
        "\"Families on both sides of the bay asked for it every winter.\"\n\n"
        "Mayor Tomas Reiter said the first boats would sail in June and that tickets would cost about "
        "40 euros each way. Northport's council welcomed the decision.",
    },
    {
        "id": "seaville-docks-repair",
        "url": "https://coastwire.example/2024/02/docks-repair",
        "headline": "Storm damage delays dock repairs in Seaville",
        "published": "2024-02-20T10:30:00Z",
        "source": "Coast Wire",
        "text": "Repairs to the eastern docks of Seaville will take two months longer than planned after "
        "February storms washed away part of the pier.\n\n"
        "\"The sea did in one night what ten years of traffic could not,\" Ilse Brandt, the harbour "
        "director, told reporters on Monday.\n\nThe repairs will cost 2.4 million euros.",
    },
    {
        "id": "northport-fees-dispute",
        "url": "https://bayherald.example/news/2024/03/fees-dispute",
        "headline": "Northport accuses Seaville of raising docking fees",
        "published": "2024-03-12T08:15:00Z",
        "source": "Bay Herald",
        "text": "Northport's council accused Seaville on Monday of raising docking fees for its fishing "
        "boats by a third without warning.\n\n"
        "\"This is not how neighbours behave,\" Northport councillor Ragna Holm said.\n\n"
        "\"The fees pay for the repairs everyone asked for,\" Ilse Brandt replied on Tuesday.",
    },
    {
        "id": "seaville-ferry-tickets",
        "url": "https://coastwire.example/2024/04/ferry-tickets",
        "headline": "Ferry tickets go on sale as Seaville prepares for summer",
        "published": "2024-04-18T07:45:00Z",
        "source": "Coast Wire",
        "text": "Tickets for the restarted ferry between Seaville and Northport went on sale on Thursday.\n\n"
        "\"Four hundred tickets were sold in the first hour,\" harbour director Ilse Brandt said. "
        "\"People want this line.\"\n\nMayor Tomas Reiter said the town would add a second boat if "
        "demand stayed high.",
    },
    {
        "id": "seaville-first-sailing",
        "url": "https://bayherald.example/news/2024/06/first-sailing",
        "headline": "First ferry in three years sails from Seaville",
        "published": "2024-06-03T18:00:00Z",
        "source": "Bay Herald",
        "text": "The first ferry in three years left Seaville for Northport on Monday with 212 passengers "
        "on board.\n\n\"Today the bay is one town again,\" Ilse Brandt, the harbour director, said "
        "on the quay.\n\nNorthport councillor Ragna Holm said her council would now drop its "
        "complaint about the docking fees.",
    },
]

# Payloads as they are written into the inputs. The pipeline keeps them as text; the pages must
# show them as text and never as markup.
SCRIPT_HEADLINE = "<script>alert('headline')</script> Council \"><img src=x onerror=alert('img')> votes"
XSS_ARTICLES = [
    {
        "id": "xss-markup",
        "url": "javascript:alert('url')",
        "headline": SCRIPT_HEADLINE,
        "published": "2024-05-06",
        "source": "<svg onload=alert('source')>",
        "text": "The council met on Monday in the old hall. <script>alert('body')</script> was written on "
        "the agenda, and so was \"><img src=x onerror=alert('body-img')>.\n\n"
        "\"We will win,\" said Eda Kaya\"><script>alert('speaker')</script>, the mayor.\n\n"
        "\"Nobody reads the agenda,\" Lena <script>alert('role')</script> Marsh told reporters.\n\n"
        "\"The vote is tomorrow,\" said Anna <b>Kowal</b>.\n\n"
        "\"We keep our word,\" said Mara O'Holt<svg onload=alert('svg')>, the treasurer.",
    },
    {
        "id": "xss-unicode",
        "url": "https://evil.example/\"><script>alert('url-quote')</script>",
        "headline": "Ｆｕｌｌｗｉｄｔｈ ＜script＞alert('wide')＜/script＞ and \u202eevil\u202c override",
        "published": "2024-05-07",
        "source": "Bay Herald",
        "text": "The treasurer wrote ＜script＞alert('wide')＜/script＞ in the minutes.\n\n"
        "A file named \u202etxt.exe\u202c and a word with zero\u200bwidth space were found.\n\n"
        "\"Our accounts are clean,\" said Ivo Hale & Co, the auditor.",
    },
    {
        "id": "xss-case-url",
        "url": " JaVaScRiPt:alert('case')",
        "headline": "Mayor's <iframe src=javascript:alert('frame')> speech",
        "published": "2024-05-08",
        "source": "Coast Wire",
        "text": "The mayor spoke for an hour <a href=\"javascript:alert('link')\">here</a> and "
        "<div onmouseover=alert('hover')>there</div>.",
    },
]

# File names carry payloads too; the ingested source is the path as given.
XSS_FILES = {
    "\"><img src=x onerror=alert('file')>.txt": "Harbour workers paint the old lighthouse\n\n"
    "Harbour workers in Seaville began painting the old lighthouse on Monday.\n\n"
    "\"It will be white again by July,\" foreman Oskar Lind said.\n",
    "<svg onload=alert('file-svg')>.txt": "Northport library opens on Sundays\n\n"
    "The Northport library will open on Sundays from May, the council said.\n",
}

# Strings that must appear as text on the pages that show them (checked in the browser).
PAYLOAD_TEXTS = {
    "xss-markup": ["<script>alert('headline')</script>", "\"><img src=x onerror=alert('img')>",
                   "<script>alert('body')</script>"],
    "xss-unicode": ["＜script＞alert('wide')＜/script＞"],
    "xss-case-url": ["<iframe src=javascript:alert('frame')>"],
}


def write_web_corpus(folder: Path) -> list[Path]:
    """The fixture inputs: one JSONL file and the payload-named text files."""
    folder.mkdir(parents=True, exist_ok=True)
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ORDINARY_ARTICLES + XSS_ARTICLES),
                    encoding="utf-8")
    paths = [feed]
    for name, text in XSS_FILES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest(paths: list[Path], db: Path) -> None:
    """`newsgraph ingest` run in the inputs' folder, so each source is the bare file name."""
    folder = paths[0].parent
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", *(p.name for p in paths), "--db", str(db.resolve()),
               "--engine", "serial"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=folder)
    assert done.returncode == 0, done.stderr[-2000:]


_TEMPLATE: dict[str, Path] = {}


def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture corpus ingested once per session (the spaCy analysis takes a few seconds)."""
    if "db" not in _TEMPLATE:
        root = tmp_path_factory.mktemp("web-corpus")
        db = root / "template.db"
        ingest(write_web_corpus(root / "inputs"), db)
        _TEMPLATE["db"] = db
    return _TEMPLATE["db"]


def copy_database(source: Path, folder: Path) -> Path:
    """A copy of a closed SQLite file (with its WAL, if one is left) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", folder / f"news.db{suffix}")
    return folder / "news.db"


def database_fingerprint(db: Path) -> tuple[dict[str, int], str]:
    """Row counts of every ordinary table and one sha256 over all their rows, read read-only."""
    counts, digest = {}, hashlib.sha256()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            counts[table] = len(rows)
            for row in sorted(map(repr, rows)):
                digest.update(row.encode("utf-8", "surrogatepass"))
    return counts, digest.hexdigest()


# --- the server ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    """`newsgraph serve` in its own process group, stopped with everything it started."""

    def __init__(self, db: Path, log_dir: Path, *, token: str | None = None, host: str | None = None) -> None:
        self.db, self.log_dir, self.token, self.host = db, log_dir, token, host
        self.process: subprocess.Popen | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90) -> LiveServer:
        for _ in range(3):  # another process may take the free port between probe and bind
            self.port = free_port()
            command = [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(self.db), "--port", str(self.port)]
            if self.host is not None:
                command += ["--host", self.host]
            environment = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_TOKEN"}
            if self.token is not None:
                command += ["--token", self.token]
            self.log = self.log_dir / f"serve-{self.port}.log"
            with open(self.log, "wb") as log:
                self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment,
                                                start_new_session=True)
            if self._wait_ready(timeout):
                return self
            self.stop()
            if "address already in use" not in self.log.read_text(errors="replace").lower():
                break
        raise RuntimeError(f"newsgraph serve did not start: {self.log.read_text(errors='replace')[-1500:]}")

    def _wait_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if httpx.get(self.url + "/api/stats", timeout=5).status_code < 500:
                    return True
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)
        try:  # anything the server started in its group goes with it
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def group_alive(self) -> bool:
        try:
            os.killpg(self.process.pid, 0)
            return True
        except ProcessLookupError:
            return False


@pytest.fixture(scope="module")
def web_db(tmp_path_factory) -> Path:
    """This module's own copy of the ingested fixture corpus."""
    return copy_database(template_database(tmp_path_factory), tmp_path_factory.mktemp("web-db"))


@pytest.fixture(scope="module")
def live_server(web_db, tmp_path_factory):
    """`newsgraph serve` on this module's database, with an ingest token."""
    server = LiveServer(web_db, tmp_path_factory.mktemp("serve-log"), token=WEB_TOKEN).start()
    yield server
    server.stop()
    assert not server.group_alive(), "a process of newsgraph serve is left after stopping it"
