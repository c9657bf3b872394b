"""A real site built from the hostile corpus (tests/fixtures/hostile/): the refused files are
refused with one line each and the rest is published, and nothing from the corpus is live on
any page, feed, data file or search result.

Every payload in the corpus calls `alert`, so a script that runs opens a dialog; every outside
address is on evil.example. Checked in the built files (every page, feed, data file and search
index) and in chromium (every page in the sitemap, hovered and clicked over, and the search box
of both languages): no dialog, no request leaves 127.0.0.1."""

from __future__ import annotations

import csv
import gzip
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import build_site, read_sitemap, serve
from test_hostile import CONVERTED, REFUSED, hostile_sources

pytestmark = pytest.mark.browser

LOCAL = {"127.0.0.1"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile-site")
    refused: list[str] = []
    site = build_site(tmp, [hostile_sources(tmp / "sources")], refused=refused)
    assert len(refused) == len(REFUSED), refused
    assert not [line for line in refused if "Traceback" in line or "internal error" in line]
    return site


class LiveParts(HTMLParser):
    """Elements and attributes of a page that would run or fetch something from the corpus."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.tag: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tag = tag
        for name, value in attrs:
            value = (value or "").strip()
            lowered = value.lower()
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "data", "formaction", "xlink:href") and \
                    lowered.startswith(("javascript:", "vbscript:", "data:text")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("src", "action", "data", "srcset", "poster") and "evil.example" in value:
                self.found.append(f"<{tag} {name}={value!r}> (a request to another host)")
            if tag == "meta" and name == "http-equiv" and lowered == "refresh":
                self.found.append("<meta http-equiv=refresh>")
        # (the theme's own search box is a form without an action)
        if tag in ("iframe", "object", "embed", "base") or (tag in ("link", "form") and "evil.example" in str(attrs)):
            self.found.append(f"<{tag}>")

    def handle_data(self, data):
        if self.tag in ("script", "style") and ("alert" in data or "evil.example" in data):
            self.found.append(f"<{self.tag}>{data[:60]}")


def test_the_rest_is_published(hostile_site):
    for slug in CONVERTED:
        assert (hostile_site / "notices" / slug / "index.html").exists()
        assert (hostile_site / "en" / "notices" / slug / "index.html").exists()
    # the agency made of a hostile name has its page, shown as text
    page = (hostile_site / "agencies").rglob("*svgonloadalert110*/index.html")
    text = next(page).read_text(encoding="utf-8")
    assert "市&lt;svg/onload=alert`110`&gt;局" in text
    # a campaign named with a tag in its quotes: its name is text wherever it is shown
    pages = {p: p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")}
    assert not [p for p, html in pages.items() if "<i>雷霆</i>" in html]
    assert len([p for p, html in pages.items() if "&lt;i&gt;雷霆&lt;/i&gt;" in html]) >= 2  # its campaign page, both languages


def test_no_page_holds_anything_live_from_the_corpus(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    live = {}
    for path in pages:
        parser = LiveParts()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.found:
            live[str(path.relative_to(hostile_site))] = parser.found
    assert not live, live


def test_every_feed_and_xml_file_parses(hostile_site):
    files = sorted(hostile_site.rglob("*.xml"))
    assert len(files) > 10
    for path in files:
        ET.parse(path)  # raises on a control character or stray markup
    feed = (hostile_site / "feeds" / "all.xml").read_text(encoding="utf-8")
    assert "铁拳" in feed and "\x0b" not in feed and "\x1b" not in feed


def test_no_cell_of_any_csv_file_is_a_formula(hostile_site):
    files = sorted((hostile_site / "data").glob("*.csv"))
    assert files
    cells = set()
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        found = {cell for row in rows for cell in row}
        assert not [c for c in found if c[:1] in ("=", "+", "-", "@", "\t", "\r")], (path.name, "formula cells")
        cells |= found
    assert {"'=1+2局", "'+1局", "'-1局", "'@A1局"} <= cells  # neutralised, still there


def test_data_and_search_indexes_hold_text_only(hostile_site):
    json.loads((hostile_site / "data" / "notices.json").read_text(encoding="utf-8"))
    chunks = sorted(hostile_site.glob("**/search/*/d/*.json"))
    texts = sorted(hostile_site.glob("**/search/*/x/*.json.gz"))
    assert chunks and texts
    # The index holds each title and text as written, markup-like text included (a title that
    # reads "<img …>" is found by those words): the search component must only ever write it
    # as text. It builds its results with createElement and textContent, never from HTML.
    titles = [doc[1] for path in chunks for doc in json.loads(path.read_text(encoding="utf-8"))]
    assert any("<img" in title for title in titles), "the hostile titles are in the index, as text"
    component = (hostile_site / "assets" / "javascripts" / "sd-search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in component, sink
    for path in texts:  # each a JSON string
        assert isinstance(json.loads(gzip.decompress(path.read_bytes())), str)


@pytest.fixture(scope="module")
def served(hostile_site):
    with serve(hostile_site) as base:
        yield base


def watch(page, events: dict) -> None:
    def on_dialog(dialog):
        events["dialogs"].append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    def on_route(route):
        host = urlsplit(route.request.url).hostname
        if urlsplit(route.request.url).scheme in ("data", "blob") or host in LOCAL:
            route.continue_()
        else:
            events["requests"].append(f"{page.url}: {route.request.url}")
            route.abort()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: events["errors"].append(f"{page.url}: {error}"))
    page.route("**/*", on_route)


def test_no_dialog_and_no_request_off_the_site_on_any_page(browser, hostile_site, served):
    events = {"dialogs": [], "requests": [], "errors": []}
    context = browser.new_context()
    page = context.new_page()
    watch(page, events)
    pages = read_sitemap(hostile_site)
    assert len(pages) > 50
    for site_page in pages:
        page.goto(served + site_page.path, wait_until="load")
        # hover over and click every element of the article that holds text from the corpus
        # (handlers that a reader's pointer or a click would run)
        page.evaluate("""() => {
          for (const el of document.querySelectorAll('article *, .md-header__topic, nav a')) {
            for (const type of ['mouseover', 'mouseenter', 'focus', 'click']) {
              const event = new MouseEvent(type, {bubbles: true, cancelable: true})
              if (type === 'click' && el.closest('a')) continue  // no navigation away
              el.dispatchEvent(event)
            }
          }
        }""")
        page.wait_for_timeout(20)
    context.close()
    assert not events["dialogs"], events["dialogs"]
    assert not events["requests"], events["requests"]


@pytest.mark.parametrize("lang,path,queries", [
    ("zh", "", ["onerror", "alert", "铁拳", "img", "script", "svg"]),
    ("en", "en/", ["onerror", "alert", "Key Points", "img", "script", "calc"]),
])
def test_search_results_run_nothing(browser, served, lang, path, queries):
    events = {"dialogs": [], "requests": [], "errors": []}
    context = browser.new_context()
    page = context.new_page()
    watch(page, events)
    page.goto(served + path, wait_until="load")
    shown = 0
    for query in queries:
        page.focus(".md-search__input")
        page.fill(".md-search__input", query)
        page.press(".md-search__input", "End")
        page.wait_for_function("""q => document.querySelector('.md-search__input').value === q &&
            document.querySelector('.md-search-result__meta') &&
            !/^\\s*$/.test(document.querySelector('.md-search-result__meta').textContent)""", arg=query, timeout=15000)
        page.wait_for_timeout(300)
        shown += page.eval_on_selector_all(".md-search-result__list > li", "els => els.length")
        page.evaluate("""() => document.querySelectorAll('.md-search-result *').forEach(el =>
            ['mouseover', 'focus'].forEach(t => el.dispatchEvent(new MouseEvent(t, {bubbles: true}))))""")
    context.close()
    assert shown > 0, "search found nothing: the corpus was not searched"
    assert not events["dialogs"], events["dialogs"]
    assert not events["requests"], events["requests"]
