"""Browser tests of the built site: self-contained, accessible, reflowing, bilingual.

The page list comes from the built site's sitemap.xml, so notice, campaign and
agency pages are covered as soon as the build produces them. Checks that read the
built files cover every page; checks that load pages in the browser cover a sample
of each section in each language (`sampled_pages`), so their time stays flat.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from conftest import SitePage, sample_pages

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1"}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname in LOCAL_HOSTS


@pytest.fixture
def context(browser):
    """A fresh browser context that records every request and blocks non-local ones."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.requests = []  # type: ignore[attr-defined]
    ctx.outside = []  # type: ignore[attr-defined]

    def on_route(route):
        url = route.request.url
        ctx.requests.append(url)
        if _is_local(url):
            route.continue_()
        else:
            ctx.outside.append(url)
            route.abort()

    ctx.route("**/*", on_route)
    ctx.on("request", lambda req: ctx.requests.append(req.url))
    yield ctx
    ctx.close()


def _pages(site_pages: list[SitePage], lang: str | None = None) -> list[SitePage]:
    return [p for p in site_pages if lang is None or p.lang == lang]


def test_sitemap_has_both_languages(site_pages):
    paths = {p.path for p in site_pages}
    assert {"", "about/", "en/", "en/about/"} <= paths
    for page in site_pages:
        assert set(page.alternates) == {"zh", "en"}, page


RESOURCE_TAGS = ["script", "img", "iframe", "source", "video", "audio", "embed", "object", "link", "track"]
# <link rel> values that make the browser fetch something (canonical/alternate do not).
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                 "prefetch", "preconnect", "dns-prefetch", "manifest", "mask-icon"}
CSS_EXTERNAL = re.compile(r"""(?:url\(\s*["']?(?:https?:)?//|@import\s+(?:url\()?["']?(?:https?:)?//)""", re.I)


def _is_remote(url: str) -> bool:
    return bool(re.match(r"\s*(?:https?:)?//", url or "", re.I))


def test_no_file_loads_from_another_host(built_site: Path):
    """No built page, stylesheet or script refers to a resource on another host, on
    every page of the site (links a reader follows, <a href>, are fine)."""
    offenders = []
    only = SoupStrainer(RESOURCE_TAGS)
    for path in sorted(built_site.rglob("*")):
        rel_path = path.relative_to(built_site)
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser", parse_only=only)
            for tag in soup.find_all(RESOURCE_TAGS):
                if tag.name == "link":
                    if not FETCHING_RELS & {r.lower() for r in tag.get("rel", [])}:
                        continue
                    url = tag.get("href")
                elif tag.name == "object":
                    url = tag.get("data")
                else:
                    url = tag.get("src")
                if _is_remote(url):
                    offenders.append(f"{rel_path}: <{tag.name}> {url}")
        elif path.suffix == ".css":
            for match in CSS_EXTERNAL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{rel_path}: {match.group(0)}")
    assert offenders == [], "\n".join(offenders[:50])


def test_every_page_is_self_contained(context, site_server, sampled_pages):
    """No request leaves 127.0.0.1: sampled pages of every section, a missing page,
    and a search in each language (worker + index)."""
    page = context.new_page()
    for site_page in sampled_pages:
        page.goto(site_server + site_page.path, wait_until="networkidle")
    page.goto(site_server + "no-such-page/", wait_until="networkidle")
    for home, query in (("", "知识产权"), ("en/", "notices")):
        page.goto(site_server + home, wait_until="networkidle")
        search = page.locator("input.md-search__input")
        search.click()
        search.fill(query)
        search.press("End")  # the theme searches on key events
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
    assert context.requests, "no request was recorded"
    assert context.outside == [], f"requests left 127.0.0.1: {sorted(set(context.outside))}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_serious_accessibility_violation(context, built_site, site_server, site_pages, axe_source, lang):
    """axe-core on two pages (the first and the largest) of each section of one language."""
    page = context.new_page()
    problems = []
    for site_page in sample_pages(built_site, _pages(site_pages, lang), per_kind=2):
        page.goto(site_server + site_page.path, wait_until="networkidle")
        page.add_script_tag(content=axe_source)
        result = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        for v in result["violations"]:
            if v["impact"] in {"serious", "critical"}:
                targets = [n["target"] for n in v["nodes"]][:5]
                problems.append(f"/{site_page.path}: {v['id']} ({v['impact']}) {v['help']} {targets}")
    assert problems == [], "\n".join(problems)


def test_html_lang_in_files(built_site: Path, site_pages):
    """Every built page (and the 404 page) declares zh-Hans or en."""
    for site_page in site_pages:
        html = (built_site / site_page.path / "index.html").read_text(encoding="utf-8")
        match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
        assert match, site_page.path
        assert match.group(1) == HTML_LANG[site_page.lang], site_page.path
    not_found = (built_site / "404.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hans"' in not_found, "the site-wide 404 page should be Chinese"


def test_html_lang_in_browser(context, site_server):
    page = context.new_page()
    for path, expected in (("", "zh-Hans"), ("about/", "zh-Hans"), ("en/", "en"), ("en/about/", "en")):
        page.goto(site_server + path)
        assert page.evaluate("document.documentElement.lang") == expected, path


# Each visible header icon's drawn size: a <use> whose sprite did not load draws nothing (0 × 0).
ICON_SIZES = """() => [...document.querySelectorAll('header .md-header__button use')]
  .filter(u => u.closest('.md-header__button').getBoundingClientRect().width > 0)
  .map(u => { const b = u.getBBox(); return [u.closest('label,button,a').className, b.width, b.height] })"""


@pytest.mark.parametrize("path", ["", "notices/2021-national-work-plan/", "en/agencies/national.gacc/"])
def test_header_icons_are_drawn_from_the_sprite(browser, site_server, path):
    """The theme's icons are symbols of assets/icons.svg: on a phone's header (menu, language,
    search) each is drawn; with the sprite blocked they are not, so this test sees the difference.
    (The 404 page refers to it under site_url's path: tests/test_site_build.py checks it.)"""
    for blocked in (False, True):
        ctx = browser.new_context(viewport={"width": 360, "height": 740})
        try:
            if blocked:
                ctx.route("**/assets/icons.svg", lambda route: route.abort())
            page = ctx.new_page()
            page.goto(site_server + path, wait_until="networkidle")
            sizes = page.evaluate(ICON_SIZES)
            assert len(sizes) >= 3, sizes
            drawn = [s for s in sizes if s[1] >= 10 and s[2] >= 10]
            assert (not drawn) if blocked else len(drawn) == len(sizes), (path, blocked, sizes)
        finally:
            ctx.close()


def test_page_is_styled_for_scripts_before_the_theme_bundle_runs(browser, site_server):
    # The theme's bundle swaps <html class="no-js"> for "js" when it runs, after the first
    # paint, which restyles and lays out the whole page again; the page's head does it first.
    # With the bundle never loading, the class must already be "js".
    ctx = browser.new_context()
    try:
        ctx.route(re.compile(r".*/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
        page = ctx.new_page()
        for path in ("", "notices/2021-national-work-plan/", "en/about/"):
            assert page.goto(site_server + path).ok, path
            classes = page.evaluate("[...document.documentElement.classList]")
            assert "js" in classes and "no-js" not in classes, (path, classes)
            # and the bundle really did not run (it defines document$)
            assert page.evaluate("typeof window.document$") == "undefined", path
    finally:
        ctx.close()


def _horizontal_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


OVERFLOWING_JS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5) {
      const cls = typeof el.className === 'string' ? el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '';
      found.push(`${el.tagName.toLowerCase()}${cls ? '.' + cls : ''} right=${Math.round(box.right)}`);
    }
  }
  return found.slice(0, 6);
}"""


def _describe_overflow(page, path: str) -> str | None:
    over = _horizontal_overflow(page)
    if over <= 0:
        return None
    return f"/{path}: {over}px, {page.evaluate(OVERFLOWING_JS)}"


def test_no_horizontal_scroll_at_360px(browser, site_server, sampled_pages):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    wide = []
    for site_page in sampled_pages:
        page.goto(site_server + site_page.path, wait_until="networkidle")
        if problem := _describe_overflow(page, site_page.path):
            wide.append(problem)
    ctx.close()
    assert wide == [], f"pages scroll sideways at 360 px: {wide}"


@pytest.mark.parametrize("large_text_switch", [False, True])
def test_no_horizontal_scroll_at_200_percent_text(browser, site_server, sampled_pages, large_text_switch):
    """The reader's default text size doubled (16 px -> 32 px), as a browser's text-size
    setting does, at a 360 px wide phone; optionally with the larger-text switch on too."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    if large_text_switch:
        ctx.add_init_script("localStorage.setItem('sd-large-text', '1')")
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    wide = []
    for site_page in sampled_pages:
        page.goto(site_server + site_page.path, wait_until="networkidle")
        root_px = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        assert root_px >= 40, f"text size setting not applied ({root_px}px)"
        if problem := _describe_overflow(page, site_page.path):
            wide.append(problem)
    ctx.close()
    assert wide == [], f"pages scroll sideways at 200 % text: {wide}"


@pytest.mark.parametrize("path,name", [("", "大字"), ("en/", "Large text")])
def test_larger_text_switch_by_keyboard_and_remembered(context, site_server, path, name):
    page = context.new_page()
    page.goto(site_server + path, wait_until="networkidle")
    root_size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    has_class = "document.documentElement.classList.contains('sd-large-text')"
    before = page.evaluate(root_size)
    button = page.locator("[data-sd-textsize]")
    assert name in button.inner_text()
    assert button.get_attribute("aria-pressed") == "false"

    # Reach the switch with Tab alone.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-sd-textsize')"):
            break
    else:
        pytest.fail("the larger-text switch cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate(has_class)
    assert button.get_attribute("aria-pressed") == "true"
    after = page.evaluate(root_size)
    assert after >= before * 1.2, (before, after)

    # Remembered across pages and reloads, in both languages.
    page.reload(wait_until="networkidle")
    assert page.evaluate(has_class)
    assert page.locator("[data-sd-textsize]").get_attribute("aria-pressed") == "true"
    other = "en/about/" if path == "" else "about/"
    page.goto(site_server + other, wait_until="networkidle")
    assert page.evaluate(has_class)

    # Space turns it off again, and that is remembered too.
    page.locator("[data-sd-textsize]").focus()
    page.keyboard.press("Space")
    assert not page.evaluate(has_class)
    page.reload(wait_until="networkidle")
    assert not page.evaluate(has_class)
    assert page.evaluate(root_size) == pytest.approx(before)


def test_language_switcher_links_to_same_page(built_site: Path, site_pages):
    """On every page, the switcher's link to the other language is that page's
    counterpart (as the sitemap pairs them), not the other language's home page."""
    wrong = []
    for site_page in site_pages:
        other = "en" if site_page.lang == "zh" else "zh"
        html = (built_site / site_page.path / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        links = soup.select(f".md-select a.md-select__link[hreflang={other}]")
        if len(links) != 1:
            wrong.append(f"/{site_page.path}: {len(links)} switcher links to {other}")
            continue
        href = urljoin("http://site/" + site_page.path, links[0]["href"])
        expected = "http://site/" + site_page.alternates[other]
        if href != expected:
            wrong.append(f"/{site_page.path} -> {href} (expected {expected})")
    assert wrong == [], "\n".join(wrong[:50])


@pytest.mark.parametrize("start,target,label", [("about/", "en/about/", "English"), ("en/about/", "about/", "中文")])
def test_language_switcher_click(context, site_server, site_pages, start, target, label):
    """Using the switcher as a reader does (open it, choose the language) keeps the page."""
    notice = next((p for p in site_pages if "/notices/" in "/" + p.path), None)
    if notice is not None:  # prefer a notice page once the converter produces them
        other = "en" if notice.lang == "zh" else "zh"
        start, target = notice.path, notice.alternates[other]
        label = "English" if other == "en" else "中文"
    page = context.new_page()
    page.goto(site_server + start, wait_until="networkidle")
    page.locator(".md-select").first.hover()
    page.get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()
    assert page.url == site_server + target


@pytest.mark.parametrize(
    "home,query",
    [("en/", "maintainers"), ("en/", "translations"), ("", "维护"), ("", "原文")],
)
def test_search_finds_words(context, site_server, home, query):
    """English words are not stemmed away (the zh theme default broke "business"),
    and Chinese words segmented by jieba are found."""
    page = context.new_page()
    page.goto(site_server + home, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    search.fill(query)
    search.press("End")  # the theme searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1


@pytest.mark.parametrize("home, query", [("", "剑网"), ("en/", "customs")])
def test_no_serious_accessibility_violation_in_search_results(context, site_server, axe_source, home, query):
    """axe-core with the search dialog open on its results, reached with the keyboard alone."""
    page = context.new_page()
    page.goto(site_server + home, wait_until="networkidle")
    page.keyboard.press("/")  # the theme's keyboard shortcut to the search box
    page.keyboard.insert_text(query)  # as an input method enters Chinese
    page.keyboard.press("End")  # the theme searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    problems = [f"{v['id']} ({v['impact']}) {v['help']} {[n['target'] for n in v['nodes']][:5]}"
                for v in result["violations"] if v["impact"] in {"serious", "critical"}]
    assert problems == []
