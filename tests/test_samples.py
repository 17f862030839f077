"""The shipped sample corpus (samples/) is intact and shows what samples/README.md promises.

Only the standard library and fastwarc: these checks guard the data itself, not the
readers that later stages build on it.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastwarc.warc import ArchiveIterator, WarcRecordType

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CORPUS = SAMPLES / "corpus"
TEXT_DIR = CORPUS / "text"
HTML_DIR = CORPUS / "html"
WARC_PATH = CORPUS / "crawl.warc.gz"
FEED_PATH = CORPUS / "feed.jsonl"
CP1251_FILE = TEXT_DIR / "dnipro-vechir" / "2024-04-15-ukryttia-v-shkolakh.txt"

QUOTE_MARKS = set('"\u201c\u201d\u00ab\u00bb')
# The sites whose template lines recur across their files (per-site furniture learning).
TEMPLATE_SITES = ("eastern-ledger", "harbor-times", "nordwire", "midland-courier")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Every dateline form the text scrapes use, each with a parser to a date.
DATELINES = [
    (re.compile(r"^\d\d:\d\d (\d\d)\.(\d\d)\.(\d{4})$"), lambda m: date(int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"^(\d\d)\.(\d\d)\.(\d{4}), \d\d:\d\d$"), lambda m: date(int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)$"), lambda m: datetime.fromisoformat(m[1]).date()),
    (re.compile(r"^Published (\d\d)/(\d\d)/(\d{4})$"), lambda m: date(int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(rf"^({MONTHS}) (\d{{1,2}}), (\d{{4}}), \d{{1,2}}:\d\d [AP]M E[SD]T$"),
     lambda m: datetime.strptime(f"{m[1]} {m[2]} {m[3]}", "%B %d %Y").date()),
    (re.compile(rf"^\s*(\w+day), ({MONTHS}) (\d{{1,2}}), (\d{{4}}), \d\d:\d\d$"),
     lambda m: datetime.strptime(f"{m[2]} {m[3]} {m[4]}", "%B %d %Y").date()),
    (re.compile(rf"^(\w+day), (\d{{1,2}}) ({MONTHS}) (\d{{4}}) \| \d\d:\d\d$"),
     lambda m: datetime.strptime(f"{m[3]} {m[2]} {m[4]}", "%B %d %Y").date()),
]
FIRST_DAY, LAST_DAY = date(2024, 1, 1), date(2024, 6, 30)


def _text_files() -> list[Path]:
    return sorted(TEXT_DIR.glob("*/*.txt"))


def _read_text(path: Path) -> str:
    return path.read_bytes().decode("cp1251" if path == CP1251_FILE else "utf-8")


def _html_pages() -> list[tuple[str, str]]:
    """(name, markup) for every HTML article page: saved pages and the WARC's sources."""
    pages = []
    for path in sorted(HTML_DIR.glob("*/*.html*")) + sorted((SAMPLES / "warc_src").glob("*/*.html")):
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        pages.append((str(path.relative_to(SAMPLES)), raw.decode("utf-8")))
    return pages


def _feed() -> list[dict]:
    with FEED_PATH.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _dateline(text: str) -> date | None:
    for line in text.splitlines():
        for pattern, parse in DATELINES:
            match = pattern.match(line.rstrip("\r"))
            if match:
                return parse(match)
    return None


def _blocks(text: str) -> list[str]:
    return [block.strip() for block in re.split(r"\r?\n\s*\r?\n", text) if block.strip()]


def _load_build_warc():
    spec = importlib.util.spec_from_file_location("samples_build_warc", SAMPLES / "build_warc.py")
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


# --- counts -------------------------------------------------------------------------

def test_counts_per_format():
    texts = _text_files()
    html_files = sorted(HTML_DIR.glob("*/*.html*"))
    assert len(texts) == 16
    assert len({path.parent.name for path in texts}) == 7
    assert len(html_files) == 9
    assert len({path.parent.name for path in html_files}) == 3
    assert [path.name for path in html_files if path.name.endswith(".html.gz")] == [
        "2024-06-18-finland-keeps-eastern-border-shut.html.gz"]
    assert len(list((SAMPLES / "warc_src").glob("*/*.html"))) == 5
    assert len(_feed()) == 6


def test_template_sites_have_three_files_with_shared_furniture():
    for site in TEMPLATE_SITES:
        files = sorted((TEXT_DIR / site).glob("*.txt"))
        assert len(files) >= 3, site
        line_sets = [{line for line in _read_text(path).splitlines() if line.strip()} for path in files]
        shared = set.intersection(*line_sets)
        # Navigation, share and copyright lines, not article text, are what recur.
        assert len(shared) >= 4, (site, shared)


# --- formats ------------------------------------------------------------------------

def test_warc_parses_and_holds_five_html_responses():
    kinds = Counter()
    html_urls = []
    with WARC_PATH.open("rb") as stream:
        for record in ArchiveIterator(stream, parse_http=False):
            kinds[record.headers["WARC-Type"]] += 1
            assert record.verify_block_digest(), record.headers.get("WARC-Target-URI")
    with WARC_PATH.open("rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
            if record.http_content_type == "text/html":
                assert record.http_headers.status_code == 200
                body = record.reader.read()
                assert b"</html>" in body
                html_urls.append(record.headers["WARC-Target-URI"])
    assert kinds == {"warcinfo": 1, "request": 7, "response": 7}  # 5 pages, robots.txt, a PNG
    assert len(html_urls) == len(set(html_urls)) == 5


def test_warc_rebuilds_byte_for_byte_from_its_sources():
    build_warc = _load_build_warc()
    assert build_warc.build_warc() == WARC_PATH.read_bytes(), "run: python samples/build_warc.py"


def test_feed_records_have_the_documented_fields():
    records = _feed()
    assert len({record["id"] for record in records}) == len(records)
    for record in records:
        assert {"id", "url", "headline", "published", "source"} <= record.keys()
        assert ("text" in record) != ("html" in record), record["id"]
        assert record["url"].startswith("https://")
    assert sum("html" in record for record in records) == 1


def test_cp1251_file_is_legacy_encoded_ukrainian():
    raw = CP1251_FILE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1251")
    assert "гривень" in text and "«" in text
    assert "\r\n" in text  # a Windows-era export, CRLF line ends


def test_layout_variants_are_what_they_claim():
    wrapped = _read_text(TEXT_DIR / "midland-courier" / "2024-03-22-hospital-staff-parking-protest.txt")
    assert max(len(line) for line in wrapped.splitlines()) <= 72
    one_per_line = _read_text(TEXT_DIR / "baltic-bulletin" / "2024-02-09-estonia-latvia-joint-air-defence.txt")
    assert "\n\n" not in one_per_line and len(one_per_line.splitlines()) > 10
    dump = _read_text(TEXT_DIR / "capital-dispatch" / "2024-02-29-farmers-block-roads-border.txt")
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", dump)}
    references = dump.split("\nReferences\n", 1)[1]
    listed = {int(n) for n in re.findall(r"^\s*(\d+)\. https?://", references, flags=re.M)}
    assert markers == listed == set(range(1, len(markers) + 1))


# --- every article has a quotation and a date in range -----------------------------

@pytest.mark.parametrize("path", _text_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_text_article_has_quote_and_dateline(path):
    text = _read_text(path)
    assert QUOTE_MARKS & set(text)
    published = _dateline(text)
    assert published is not None, "no dateline in a known form"
    assert FIRST_DAY <= published <= LAST_DAY
    assert path.name.startswith(published.isoformat())


def test_weekday_bearing_datelines_name_the_right_day():
    for name in ("capital-dispatch/2024-02-29-farmers-block-roads-border.txt",
                 "baltic-bulletin/2024-02-09-estonia-latvia-joint-air-defence.txt"):
        text = _read_text(TEXT_DIR / name)
        published = _dateline(text)
        assert published.strftime("%A") in text.split("\n\n", 3)[-1] or published.strftime("%A") in text
        weekday_line = next(line for line in text.splitlines() if re.search(rf"\w+day, .*\b{published.year}\b", line))
        assert weekday_line.strip().startswith(published.strftime("%A")), weekday_line


@pytest.mark.parametrize("name,markup", _html_pages(), ids=[name for name, _ in _html_pages()])
def test_html_article_has_quote_dates_and_metadata(name, markup):
    meta = re.search(r'<meta property="article:published_time" content="([^"]+)"', markup)
    assert meta, "article:published_time"
    published = datetime.fromisoformat(meta[1])
    assert FIRST_DAY <= published.date() <= LAST_DAY
    assert re.search(r'<meta property="og:title" content="[^"]+"', markup)
    blobs = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', markup, flags=re.S)
    assert len(blobs) == 1
    data = json.loads(blobs[0])
    articles = [node for node in data.get("@graph", [data]) if node.get("@type") == "NewsArticle"]
    assert len(articles) == 1
    assert articles[0]["datePublished"] == meta[1]
    assert articles[0]["author"]
    paragraphs = " ".join(re.findall(r"<p[^>]*>(.*?)</p>", markup, flags=re.S))
    assert QUOTE_MARKS & set(paragraphs.replace("&quot;", '"'))
    if name.startswith("corpus/html/"):
        # The saved pages carry modern article markup; the crawled sites are older table-less divs.
        assert "<figure" in markup and "<figcaption" in markup and "<article" in markup


def test_feed_article_has_quote_and_date():
    months = set()
    for record in _feed():
        published = datetime.fromisoformat(record["published"])
        assert FIRST_DAY <= published.date() <= LAST_DAY
        months.add(published.month)
        assert QUOTE_MARKS & set(record.get("text") or record["html"]), record["id"]
    assert len(months) >= 4


def test_dates_spread_over_january_to_june():
    months = {_dateline(_read_text(path)).month for path in _text_files()}
    months |= {int(re.search(r"/(\d{4})-(\d\d)-", name)[2]) for name, _ in _html_pages()}
    assert months == {1, 2, 3, 4, 5, 6}


# --- duplicates for the dedup and clustering demo -----------------------------------

def test_exact_duplicate_feed_record_repeats_a_text_article_body():
    record = next(r for r in _feed() if r["id"] == "el-2024-01-19-hrytsenko-warsaw")
    page = _read_text(TEXT_DIR / "eastern-ledger" / "2024-01-19-hrytsenko-asks-warsaw-air-defence.txt")
    page_blocks = _blocks(page)
    body = record["text"].split("\n\n")
    assert record["headline"] in page_blocks
    start = page_blocks.index(body[0])
    # The same paragraphs in the same order; only page furniture (a Read also line) sits between.
    kept = [block for block in page_blocks[start:] if not block.startswith("Read also:")][:len(body)]
    assert kept == body


def _sentences(text: str) -> set[str]:
    straight = text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))
    return {sentence.strip() for block in _blocks(straight)
            for sentence in re.split(r"(?<=[.!?\"])\s+", block) if len(sentence.split()) > 4}


def test_syndicated_copies_are_near_but_not_exact_duplicates():
    wire = _read_text(TEXT_DIR / "nordwire" / "2024-03-14-nordic-countries-pledge-grid-repairs.txt")
    copy = _read_text(TEXT_DIR / "harbor-times" / "2024-03-14-nordic-nations-ukraine-lights-on.txt")
    wire_sentences, copy_sentences = _sentences(wire), _sentences(copy)
    shared = wire_sentences & copy_sentences
    assert len(shared) >= 8  # every wire sentence but the lede
    assert copy_sentences - wire_sentences  # the copy rewrote the lede and added a sentence
    assert "Ukrainian officials have estimated the cost" in copy and "Ukrainian officials have estimated" not in wire


# --- the README documents the corpus, and the outlets are fictional ----------------

def test_readme_lists_every_corpus_file():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    files = [p for p in CORPUS.rglob("*") if p.is_file()] + list((SAMPLES / "warc_src").glob("*/*.html"))
    missing = [str(p.relative_to(SAMPLES)) for p in files if p.name not in readme]
    assert not missing, missing
    assert "fictional" in readme.lower()


def test_article_urls_use_reserved_example_domains():
    urls = [record["url"] for record in _feed()]
    for _name, markup in _html_pages():
        urls += re.findall(r'<link rel="canonical" href="([^"]+)"', markup)
        urls += re.findall(r'<meta property="og:url" content="([^"]+)"', markup)
    assert len(urls) == 6 + 2 * 14
    for url in urls:
        assert urlsplit(url).hostname.endswith(".example"), url
