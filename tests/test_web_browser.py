"""The pages in a real browser: Playwright drives the Debian Chromium against `newsgraph serve`
started for real on the fixture corpus (tests/web_fixtures.py).

The flow a reader takes (search -> article -> speaker -> their quotes), the highlighted
quotations and what hover and keyboard focus show, the charts, pages that load nothing from
outside the server, and an XSS suite: payloads ingested in headlines, texts, speaker names, URLs
and file names, and reflected in parameters, must show as text and never run.

NEWSGRAPH_SCREENSHOTS=docs/screenshots refreshes the README's article and speaker screenshots.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from web_fixtures import PAYLOAD_TEXTS, live_server, web_db  # noqa: F401 - fixtures

BROWSER = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = os.environ.get("NEWSGRAPH_SCREENSHOTS")
VIEWPORT = {"width": 1000, "height": 700}
MAX_SCREENSHOT_BYTES = 150_000

# Everything a payload could leave in the DOM: scripts not served from /static/, event handler
# attributes, javascript:/vbscript: URLs, frames and objects, and the <img src=x> of the payloads.
AUDIT_DOM = r"""() => {
  const problems = [];
  const shown = el => el.outerHTML.slice(0, 160);
  for (const script of document.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    const url = src === null ? null : new URL(src, location.href);
    if (url === null || url.origin !== location.origin || !url.pathname.startsWith('/static/'))
      problems.push('script not from /static/: ' + shown(script));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\u0000-\u0020\u007f-\u00a0\u200b-\u200f\u202a-\u202e]/g, '');
      if (name.startsWith('on')) problems.push('event handler attribute: ' + shown(el));
      if (/^(javascript|vbscript):/i.test(value)) problems.push('script URL: ' + shown(el));
    }
  }
  for (const el of document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv="refresh" i]'))
    problems.push('unexpected element: ' + shown(el));
  for (const img of document.querySelectorAll('img[src="x"]')) problems.push('payload image: ' + shown(img));
  return problems;
}"""


@pytest.fixture(scope="module")
def browser():
    """The Debian Chromium, or one clear reason to skip."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests: playwright is not installed")
    if not os.access(BROWSER, os.X_OK):
        pytest.skip(f"browser tests: no Chromium at {BROWSER} (make test installs the Debian chromium package as root)")
    playwright = sync_api.sync_playwright().start()
    try:
        # Chromium's sandbox needs user namespaces, which a root process in a container lacks.
        launched = playwright.chromium.launch(executable_path=BROWSER,
                                              args=["--no-sandbox"] if os.geteuid() == 0 else [])
    except sync_api.Error as exc:
        playwright.stop()
        pytest.skip(f"browser tests: Chromium at {BROWSER} could not start: {str(exc).splitlines()[0]}")
    yield launched
    launched.close()
    playwright.stop()


class Visit:
    """A browser page on the live server that records dialogs, outside requests and CSP reports."""

    def __init__(self, context, base_url: str) -> None:
        self.page = context.new_page()
        self.base_url = base_url
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith((self.base_url + "/", "data:", "about:")):
            self.outside.append(request.url)

    def go(self, path: str, *, status: int | tuple[int, ...] = 200):
        response = self.page.goto(self.base_url + path)
        assert response is not None
        wanted = (status,) if isinstance(status, int) else status
        assert response.status in wanted, f"{path}: HTTP {response.status}"
        self.page.wait_for_load_state("load")
        return response

    def audit(self, where: str) -> None:
        """No dialog so far and no payload element in the DOM now."""
        problems = self.page.evaluate(AUDIT_DOM)
        assert problems == [], f"{where}: {problems[:5]}"
        assert self.dialogs == [], f"{where}: a dialog fired: {self.dialogs}"

    def text(self) -> str:
        return self.page.evaluate("() => document.title + '\\n' + document.body.textContent")


@pytest.fixture
def visit(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT)
    yield Visit(context, live_server.url)
    context.close()


def screenshot(page, tmp_path: Path, name: str, docs_name: str | None = None) -> Path:
    """The viewport as a PNG under the test's folder; also into $NEWSGRAPH_SCREENSHOTS when it is set."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000, f"{name}: not a picture"
    if SCREENSHOTS and docs_name:
        target = Path(SCREENSHOTS) / docs_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        assert len(data) < MAX_SCREENSHOT_BYTES, f"{target}: {len(data)} bytes, keep it under {MAX_SCREENSHOT_BYTES}"
    return path


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = [word.lower() for word in words[1:]]
    return directives


def assert_no_inline_script_allowed(response) -> None:
    header = response.headers.get("content-security-policy")
    assert header, f"{response.url}: no Content-Security-Policy header"
    directives = csp_directives(header)
    sources = directives.get("script-src", directives.get("default-src"))
    assert sources is not None, f"CSP without script-src or default-src: {header}"
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"} & set(sources), header
    assert response.headers.get("x-content-type-options") == "nosniff"


# --- the reader's flow ----------------------------------------------------------------------

def test_search_article_speaker_quotes_flow(visit, tmp_path):
    page = visit.page
    assert_no_inline_script_allowed(visit.go("/"))
    screenshot(page, tmp_path, "home")

    page.locator("input[name=q]").first.fill("ferry Northport")
    page.locator("input[name=q]").first.press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    results = page.locator("a.result-link")
    assert results.count() >= 2
    screenshot(page, tmp_path, "search")

    results.and_(page.locator('[href="/articles/seaville-ferry-deal"]')).click()
    page.wait_for_url(re.compile(r"/articles/seaville-ferry-deal$"))
    assert "Seaville agrees to restart ferry line" in page.locator("h1").first.inner_text()
    marks = page.locator("mark.quote")
    assert marks.count() >= 2
    brandt = marks.filter(has_text="We have waited long enough").first
    assert brandt.is_visible()
    colour = brandt.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the quotation is not highlighted"

    info = page.locator("#" + brandt.get_attribute("aria-describedby"))
    assert info.get_attribute("role") == "tooltip"
    assert info.is_hidden(), "the speaker box shows before hover or focus"
    brandt.hover()
    info.wait_for(state="visible", timeout=3000)
    assert "Ilse Brandt" in info.inner_text()
    page.mouse.move(1, 1)
    info.wait_for(state="hidden", timeout=3000)

    # Keyboard: Tab from the top of the page until the quotation has the focus.
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if brandt.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the quotation cannot be reached with the Tab key")
    info.wait_for(state="visible", timeout=3000)
    assert "Ilse Brandt" in info.inner_text()
    screenshot(page, tmp_path, "article-focus")
    page.keyboard.press("Tab")  # the box goes with the focus
    brandt.evaluate("el => el.blur()")
    info.wait_for(state="hidden", timeout=3000)

    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, tmp_path, "article", "article.png")

    page.locator("a.speaker-link", has_text="Ilse Brandt").first.click()
    page.wait_for_url(re.compile(r"/speakers/[^/]+$"))
    assert "Ilse Brandt" in page.locator("h1").first.inner_text()
    chart = page.locator("svg.chart.timeline")
    assert chart.count() == 1 and chart.is_visible()
    assert (chart.get_attribute("aria-label") or "").strip(), "the timeline has no aria-label"
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 60, box
    drawn = chart.locator("rect, path, circle, line, polyline").count()
    assert drawn >= 5, f"{drawn} shapes in the timeline"
    labels = [text.strip() for text in chart.locator("text").all_text_contents() if text.strip()]
    assert len(labels) >= 3 and any("2024" in label or re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun)", label)
                                    for label in labels), labels
    screenshot(page, tmp_path, "speaker", "speaker.png")

    page.locator("a.speaker-quotes").first.click()
    page.wait_for_url(re.compile(r"/quotes\?"))
    rows = page.locator("tr.quote-row")
    assert rows.count() >= 5, "Ilse Brandt's statements are not listed"
    assert all("Brandt" in row for row in rows.all_inner_texts())
    screenshot(page, tmp_path, "quotes")
    for selector, kind in (("a.download-csv", "csv"), ("a.download-json", "json")):
        href = page.locator(selector).first.get_attribute("href")
        download = page.request.get(visit.base_url + href if href.startswith("/") else href)
        assert download.status == 200, (selector, download.status)
        body = download.text()
        assert "Four hundred tickets were sold" in body, f"{kind} download misses a quote of the filter"
        assert "Ragna Holm" not in body, f"{kind} download is not the current filter"
    assert visit.outside == [] and visit.dialogs == []


def test_one_colour_per_speaker(visit):
    """Tomas Reiter's statement is not drawn in Ilse Brandt's colour; hers share one. (What the
    port authority agreed to is a quotation too; a speaker with no identity keeps the plain mark.)"""
    visit.go("/articles/seaville-ferry-deal")
    shown = visit.page.locator("mark.quote").evaluate_all(
        "els => els.map(el => [el.dataset.speakerId, getComputedStyle(el).backgroundColor])")
    colours: dict[str, set[str]] = {}
    for speaker, colour in shown:
        if speaker:
            colours.setdefault(speaker, set()).add(colour)
    assert len(colours) == 2 and all(len(found) == 1 for found in colours.values()), shown
    first, second = (found.pop() for found in colours.values())
    assert first != second, shown


def test_events_and_network_charts_render(visit, tmp_path):
    page = visit.page
    for path, selector in (("/events", "svg.chart.events"), ("/network", "svg.chart.network")):
        visit.go(path)
        chart = page.locator(selector)
        assert chart.count() == 1 and chart.is_visible(), path
        box = chart.bounding_box()
        assert box["width"] > 200 and box["height"] > 100, (path, box)
        assert chart.locator("rect, path, circle, line, polyline").count() >= 3, path
        labels = [text.strip() for text in chart.locator("text").all_text_contents() if text.strip()]
        assert len(labels) >= 2, (path, labels)
        screenshot(page, tmp_path, path.strip("/"))
        if path == "/events":
            assert "ACCUSE" in page.locator("body").inner_text(), "the events table misses the ACCUSE event"
    assert "Ilse Brandt" in page.locator("svg.chart.network").inner_html()


def test_search_and_article_work_without_javascript(browser, live_server):
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.locator("input[name=q]").first.fill("lighthouse")
        page.locator("input[name=q]").first.press("Enter")
        page.wait_for_url(re.compile(r"/search\?"))
        page.locator("a.result-link").first.click()
        page.wait_for_url(re.compile(r"/articles/"))
        assert "It will be white again by July" in page.locator("mark.quote").first.inner_text()
    finally:
        context.close()


PAGES = ["/", "/search?q=ferry", "/quotes", "/events", "/network", "/docs", "/articles/seaville-ferry-deal",
         "/search?q=nothing-matches-this"]


def test_pages_load_nothing_from_outside_and_break_no_policy(visit):
    """Everything ships in the package: no request leaves the server, and the CSP blocks nothing
    the page itself needs (an inline script or style attribute would be reported here)."""
    for path in PAGES:
        visit.go(path)
        visit.page.wait_for_load_state("networkidle")
        assert visit.outside == [], f"{path} asked for {visit.outside}"
        blocked = [line for line in visit.console_errors if "Content Security Policy" in line]
        assert blocked == [], f"{path}: {blocked[:3]}"
        visit.audit(path)


# --- XSS --------------------------------------------------------------------------------------

REFLECTED = "\"><script>alert('reflected')</script><img src=x onerror=alert('reflected-img')>"


def test_ingested_payloads_render_as_text_and_never_run(visit):
    page = visit.page
    article_links: set[str] = set()
    for article_id, texts in PAYLOAD_TEXTS.items():
        assert_no_inline_script_allowed(visit.go(f"/articles/{article_id}"))
        visit.audit(f"/articles/{article_id}")
        shown = visit.text()
        for text in texts:
            assert text in shown, f"/articles/{article_id}: {text!r} is not shown as text"
        for href in page.locator("a[href]").evaluate_all("els => els.map(el => el.href)"):
            assert urlsplit(href).scheme in ("http", "https", "mailto"), f"/articles/{article_id}: link {href!r}"
        article_links.update(page.locator("a.speaker-link").evaluate_all("els => els.map(el => el.getAttribute('href'))"))
    assert article_links, "no speaker links on the payload articles"

    # The articles from the payload-named files, found through search.
    visit.go("/search?q=lighthouse OR library")
    visit.audit("/search lighthouse")
    found = page.locator("a.result-link").evaluate_all("els => els.map(el => el.getAttribute('href'))")
    assert len(found) == 2, found
    for href in found:
        visit.go(href)
        visit.audit(href)
        assert re.search(r"lighthouse|library", visit.text()), href
        article_links.update(page.locator("a.speaker-link").evaluate_all("els => els.map(el => el.getAttribute('href'))"))

    # Every speaker page reached from them, the payload-named speaker among them.
    names = []
    for href in sorted(article_links):
        visit.go(href)
        visit.audit(href)
        names.append(page.locator("h1").first.text_content())
        quotes_link = page.locator("a.speaker-quotes")
        if quotes_link.count():
            target = quotes_link.first.get_attribute("href")
            visit.go(target)
            visit.audit(target)
    assert any('Eda Kaya"><script' in name for name in names), names

    for path in ("/", "/search?q=alert", "/search?q=script", "/quotes", "/events", "/network", "/docs"):
        visit.go(path)
        visit.audit(path)
    visit.go("/search?q=alert")
    assert "<script>alert('headline')</script>" in visit.text()


def test_dom_audit_finds_what_a_payload_leaves(visit):
    """The XSS checks can fail: the audit reports each kind of payload element it looks for."""
    visit.go("/")
    visit.page.set_content(
        "<p>text</p><script>var inline = 1;</script><script src='https://cdn.example/x.js'></script>"
        "<img src=x onerror=alert(1)><a href=' java&#x09;script:alert(1)'>a</a><svg onload=alert(1)></svg>"
        "<iframe src='/'></iframe><script src='/static/app.js'></script>")
    problems = visit.page.evaluate(AUDIT_DOM)
    for kind, count in (("script not from /static/", 2), ("event handler attribute", 2), ("script URL", 1),
                        ("unexpected element", 1), ("payload image", 1)):
        assert sum(problem.startswith(kind) for problem in problems) == count, (kind, problems)


@pytest.mark.parametrize("path", [
    "/search?q={}", "/search?q=ferry&source={}", "/quotes?speaker={}", "/quotes?about={}", "/events?actor={}",
    "/network?since={}", "/articles/{}", "/speakers/{}",
])
def test_reflected_parameters_render_as_text(visit, path):
    url = path.format(quote(REFLECTED, safe=""))
    response = visit.go(url, status=(200, 400, 404, 422))
    assert_no_inline_script_allowed(response)
    visit.audit(url)
    if response.status == 200 and path.startswith("/search?q={}"):
        assert REFLECTED in visit.page.locator("input[name=q]").first.input_value()
