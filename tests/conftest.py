"""Shared fixtures: a small fictional corpus in every raw format, built by code in a temp folder."""

from __future__ import annotations

import json
import random
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
    ray.shutdown()


@pytest.fixture(params=[("serial", 1), ("local", 2), ("ray", 2)], ids=lambda p: p[0])
def engine(request) -> tuple[str, int]:
    """(engine, workers) for runs made in this process; Ray's runtime is started once."""
    if request.param[0] == "ray":
        request.getfixturevalue("ray_runtime")
    return request.param
