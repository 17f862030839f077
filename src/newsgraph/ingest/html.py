"""HTML page to main text and metadata, with trafilatura doing the text.

Metadata prefers what the page states about itself (JSON-LD, Open Graph and
article meta tags, <time datetime>) over trafilatura's heuristics: those keep
the time and time zone of publication, and a headline without the site name.
The publication date is chosen in html_dates (the dateline the reader sees,
checked against the metadata).

The page is parsed once: trafilatura gets the lxml tree (and copies it before
pruning), with its own metadata pass off, since ours replaces it.
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date
from lxml import html as lxml_html
from lxml.etree import ParserError, XMLSyntaxError
from trafilatura import metadata as trafilatura_metadata

from newsgraph.ingest.textclean_patterns import furniture_reason
from newsgraph.ingest.document import ReadError
from newsgraph.ingest.html_dates import choose_published, collect_dates


class NoArticleError(ReadError):
    """A page with no article text (an index page, an error page, a bare shell)."""


@dataclass(slots=True)
class HtmlExtract:
    text: str  # main text, paragraphs separated by "\n\n"
    headline: str | None
    published: str | None  # ISO 8601 as precise as the page says (date, or datetime with offset when stated)
    byline: list[str] = field(default_factory=list)
    url: str | None = None
    site: str | None = None  # sitename or host
    language: str | None = None  # from <html lang> if stated


# Fewer words than this is a menu entry or a caption, not an article.
MIN_ARTICLE_WORDS = 5
# How far up from the headline the byline is looked for: far enough for the
# article header, short of the whole page.
AUTHOR_REGION_LEVELS = 6
_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "webpage", "liveblogposting",
    "socialmediaposting", "report", "scholarlyarticle", "techarticle",
}
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·|•|/)\s+|\s*\|\s*")
_SPACES = re.compile(r"\s+")


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of one news page; raises NoArticleError when there is no article text."""
    if isinstance(html, bytes):
        from newsgraph.ingest.decoding import decode_bytes  # same stage; imported here to keep html.py light

        html = decode_bytes(html)
    tree = _parse(html)
    if tree is None:
        raise NoArticleError("no article text found in HTML")
    page = _PageMetadata(tree)
    page_url = url or page.url

    document = _bare_extraction(tree, page_url)
    text = _paragraphs(document.text if document is not None else None)
    if len(re.findall(r"\w+", text)) < MIN_ARTICLE_WORDS:
        # A menu or a lone title found by the recall pass is not an article.
        raise NoArticleError("no article text found in HTML")

    site = page.site_name or _fallback_sitename(tree) or _host(page_url)
    headline = _choose_headline(page, tree, site, page_url)
    headline_node = _headline_node(tree, headline)
    if headline_node is None:
        headline_node = page.h1_node
    dates = collect_dates(tree, meta=page.meta, json_ld=page.json_ld, url=page_url, headline_node=headline_node)
    published = choose_published(dates, guess=lambda: _htmldate_guess(tree, page_url))
    byline = page.authors or _split_authors(_fallback_author(tree, headline_node))
    if headline:
        # The headline is its own field; trafilatura often repeats the <h1> as the first paragraph.
        first, _, rest = text.partition("\n\n")
        if rest and _same_title(first, headline):
            text = rest
    return HtmlExtract(
        text=text,
        headline=headline,
        published=published,
        byline=byline,
        url=page_url,
        site=site,
        language=page.language,
    )


def _parse(html: str) -> lxml_html.HtmlElement | None:
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml_html.document_fromstring(html)
    except (ParserError, XMLSyntaxError, ValueError):
        return None


# A fast pass yielding at least this many words is a whole article, not a fragment.
FAST_PASS_MIN_WORDS = 250


def _bare_extraction(tree: lxml_html.HtmlElement, url: str | None):
    """trafilatura's main text: a fast precise pass, then (for a short result) the full
    passes with fallback extractors, precision first, recall when nothing is found.

    trafilatura gets our parsed tree (it copies a tree it is handed before pruning),
    and its own metadata pass is off: we read the page metadata ourselves, and
    htmldate's extensive search would cost as much as the text extraction.
    """
    options = dict(
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    # trafilatura's fallback extractors (readability, jusText) exist for pages where its
    # own pass finds little; they cost about 40% of its time. A fast precise pass that
    # already yields a full-length article is kept (on NAEB: same body F1, 25% faster).
    document = trafilatura.bare_extraction(tree, **options, favor_precision=True, fast=True)
    if document is not None and document.text and len(document.text.split()) >= FAST_PASS_MIN_WORDS:
        return document
    for favor in ({"favor_precision": True}, {}, {"favor_recall": True}):
        document = trafilatura.bare_extraction(tree, **options, **favor)
        if document is not None and document.text and document.text.strip():
            return document
    return document


def _paragraphs(text: str | None) -> str:
    """trafilatura's lines as paragraphs, without the furniture it let through: the same
    whole-line patterns as plain-text cleaning ("Also read: ...", "Share on X", ad markers)."""
    if not text:
        return ""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line and furniture_reason(line) is None)


def _htmldate_guess(tree: lxml_html.HtmlElement, url: str | None) -> str | None:
    """htmldate's reading of a page that states no date in its metadata or under its headline."""
    try:
        return find_date(tree, url=url, extensive_search=True, original_date=True)
    except ValueError:  # a date string htmldate's own parsers choke on
        return None


def _fallback_sitename(tree: lxml_html.HtmlElement) -> str | None:
    """trafilatura's reading of the other site-name tags (twitter:site, application-name, ...)."""
    name = _clean(trafilatura_metadata.examine_meta(tree).sitename)
    if not name:
        return None
    name = name.lstrip("@")
    # A Twitter handle ("@thecrimson") stands for the name: capitalised as trafilatura does.
    return name.title() if "." not in name and not name[0].isupper() else name


def _fallback_author(tree: lxml_html.HtmlElement, headline_node: lxml_html.HtmlElement | None) -> str | None:
    """trafilatura's byline search, for pages without author metadata.

    Run on the stretch of page around the headline when there is one: the byline
    is there, and trafilatura's search over a whole page costs more than its text
    extraction (and finds section names in menus).
    """
    if headline_node is None:
        return trafilatura_metadata.extract_author(tree)
    region = headline_node
    for _ in range(AUTHOR_REGION_LEVELS):
        parent = region.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        region = parent
        if region.tag in ("article", "main"):
            break
    page = lxml_html.Element("html")
    body = lxml_html.Element("body")
    page.append(body)
    body.append(deepcopy(region))
    return trafilatura_metadata.extract_author(page)


def _split_authors(value: str | None) -> list[str]:
    if not value:
        return []
    names = (name.strip() for name in re.split(r";|\band\b|,(?=\s*[A-Z])", value))
    return list(dict.fromkeys(name for name in names if name and len(name) < 80))


# ---- page metadata ------------------------------------------------------------


class _PageMetadata:
    """What the page says about itself: JSON-LD, meta tags, <time>, <html lang>, <h1>."""

    def __init__(self, tree: lxml_html.HtmlElement) -> None:
        self.meta = _meta_tags(tree)
        self.json_ld = list(_json_ld_articles(tree))
        self.language = _language(tree)
        self.url = self._url(tree)
        self.site_name = self.meta.get("og:site_name") or self._json_ld_publisher()
        self.authors = self._authors()
        self.title_tag = _clean(tree.findtext(".//title"))
        self.h1_node = self._h1_node(tree)
        self.h1 = _clean(self.h1_node.text_content()) if self.h1_node is not None else None
        self.og_title = _clean(self.meta.get("og:title") or self.meta.get("twitter:title"))
        self.json_ld_headline = next(
            (_clean(item["headline"]) for item in self.json_ld if isinstance(item.get("headline"), str)), None
        )

    def _url(self, tree: lxml_html.HtmlElement) -> str | None:
        for link in tree.iterfind(".//link[@rel]"):
            if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").startswith("http"):
                return link.get("href")
        og_url = self.meta.get("og:url")
        return og_url if og_url and og_url.startswith("http") else None

    def _json_ld_publisher(self) -> str | None:
        for item in self.json_ld:
            publisher = item.get("publisher")
            if isinstance(publisher, list):
                publisher = publisher[0] if publisher else None
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                return _clean(publisher["name"])
        return None

    def _authors(self) -> list[str]:
        names: list[str] = []
        for item in self.json_ld:
            authors = item.get("author")
            for author in authors if isinstance(authors, list) else [authors]:
                if isinstance(author, dict) and author.get("@type", "Person") in ("Person", ["Person"]):
                    name = author.get("name")
                    if isinstance(name, str):
                        names.append(name)
                elif isinstance(author, str):
                    names.append(author)
            if names:
                break
        if not names:
            for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
                value = self.meta.get(key)
                if value and not value.startswith("http"):
                    names.extend(_split_authors(value))
                    break
        cleaned = (_clean(re.sub(r"^\s*by\s+", "", name, flags=re.IGNORECASE)) for name in names)
        return list(dict.fromkeys(name for name in cleaned if name and not name.startswith("http")))

    @staticmethod
    def _h1_node(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
        for node in tree.iterfind(".//h1"):
            text = _clean(node.text_content())
            if text and len(text) > 3:
                return node
        return None


def _meta_tags(tree: lxml_html.HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().lower()
        content = node.get("content")
        if key and content and content.strip() and key not in tags:
            tags[key] = content.strip()
    return tags


def _json_ld_articles(tree: lxml_html.HtmlElement) -> Iterator[dict]:
    """Article-like JSON-LD objects, from top-level items, lists and @graph."""
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text_content().strip().rstrip(";"))
        except (json.JSONDecodeError, ValueError):
            continue
        yield from _article_objects(data, depth=0)


def _article_objects(data: object, depth: int) -> Iterator[dict]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _article_objects(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (list, dict)):
                yield from _article_objects(data[key], depth + 1)


def _language(tree: lxml_html.HtmlElement) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        return None
    primary = value.strip().split("-")[0].split("_")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


# ---- headline ------------------------------------------------------------------------


def _choose_headline(page: _PageMetadata, tree: lxml_html.HtmlElement, site: str | None, url: str | None) -> str | None:
    """The article's own headline: JSON-LD/og:title/<h1>/<title>, without the site-name suffix."""
    site_names = _site_names(site, url)
    candidates = [page.json_ld_headline, page.og_title, page.h1, page.title_tag]
    if not any(candidates):
        candidates.append(_clean(trafilatura_metadata.extract_title(tree)))
    stripped = [_strip_site_name(c, site_names) for c in candidates if c]
    stripped = [c for c in stripped if c]
    if not stripped:
        return None
    # An <h1> that another source agrees with is the most reliable: it is what
    # the reader sees, while meta titles are sometimes rewritten for search.
    if page.h1:
        h1 = _strip_site_name(page.h1, site_names)
        if any(_same_title(h1, other) for other in stripped if other is not h1):
            return h1
    return stripped[0]


def _headline_node(tree: lxml_html.HtmlElement, headline: str | None) -> lxml_html.HtmlElement | None:
    """The heading element that shows the headline (the first <h1> is sometimes the site logo)."""
    if not headline:
        return None
    wanted = _letters(headline)
    for node in tree.iter("h1", "h2"):
        if wanted and _letters(node.text_content()) == wanted:
            return node
    return None


def _site_names(site: str | None, url: str | None) -> set[str]:
    names = set()
    if site:
        names.add(_letters(site))
    host = _host(url)
    if host:
        parts = host.split(".")
        names.update(_letters(part) for part in parts if len(part) > 2)
        names.add(_letters(host))
    return {name for name in names if name}


def _strip_site_name(title: str, site_names: set[str]) -> str:
    """Remove " | Site", "Site - " and similar when that part names the site or looks like it."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    while len(parts) > 1 and _names_site(parts[-1], site_names):
        parts.pop()
    while len(parts) > 1 and _names_site(parts[0], site_names):
        parts.pop(0)
    if len(parts) > 1:
        # Without a site match, the longest segment is the headline when the
        # rest are short labels ("News", "Politics", a site name we do not know).
        longest = max(parts, key=len)
        if all(len(part.split()) <= 4 for part in parts if part is not longest) and len(longest.split()) >= 4:
            # Keep inner separators of the headline itself by cutting the original string.
            return longest.strip()
        return _rejoin(title, parts)
    return parts[0].strip()


def _rejoin(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(parts)


def _names_site(part: str, site_names: set[str]) -> bool:
    letters = _letters(part)
    if not letters:
        return True
    return any(letters == name or (len(name) >= 4 and (name in letters or letters in name)) for name in site_names)


def _same_title(a: str, b: str) -> bool:
    return _letters(a) == _letters(b)


def _letters(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.lower())


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    if "&" in value:
        # Meta content escaped twice by the CMS ("&amp;#8217;") reaches us as entities.
        value = html_entities.unescape(value)
    value = _SPACES.sub(" ", value).strip()
    return value or None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
