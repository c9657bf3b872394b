"""The search component (overrides/assets/javascripts/sd-search.js) on every page.

- It is a static file, not inline: every page (any depth, both languages, the 404 page) loads
  it with `defer` after material's bundle, by a path that exists in the built site.
- In the browser it is fetched with the page, and nothing else of search (worker, index)
  until the reader uses search: by focus in the box or by the search toggle (phone width);
  then search works. (The keyboard shortcut: tests/browser/test_search.py.)
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import site_url_path
from test_search import CN, SEARCH_REQUEST, SH, search

pytestmark = pytest.mark.browser

LOADER = "assets/javascripts/sd-search.js"
SCRIPT_SRC = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"[^>]*>", re.I)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.I | re.S)
PAGES = ["", CN, "agencies/national.samr/", "en/", "en/" + CN, "en/catalogue/places/shanghai-changning/"]


def _resolve(page: str, src: str) -> str:
    """The site-relative path a page's script src points at (the 404 page's are absolute)."""
    url = urljoin("http://site/" + page, src)
    path = urlsplit(url).path
    prefix = site_url_path()
    if src.startswith("/") and path.startswith(prefix):
        return path[len(prefix):]
    return path.lstrip("/")


@pytest.mark.parametrize("page", PAGES + ["404.html"])
def test_loader_is_a_static_file_before_the_bundle(built_site: Path, page: str):
    html = (built_site / (page if page.endswith(".html") else page + "index.html")).read_text(encoding="utf-8")
    scripts = [(attrs, src, _resolve(page, src)) for attrs, src in SCRIPT_SRC.findall(html)]
    paths = [path for _, _, path in scripts]
    loaders = [i for i, p in enumerate(paths) if p.endswith(LOADER)]
    bundles = [i for i, p in enumerate(paths) if re.search(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", p)]
    assert len(loaders) == 1 and len(bundles) == 1, paths
    assert loaders[0] > bundles[0], f"the component comes after the theme's bundle: {paths}"
    attrs, _, path = scripts[loaders[0]]
    assert re.search(r"\bdefer\b", attrs), "the loader is deferred, as the bundle"
    assert re.search(r"\bdefer\b", scripts[bundles[0]][0]), "the bundle is deferred"
    assert (built_site / path).is_file(), f"{page}: {path} does not exist"
    # its language's own copy: the English site (built alone) has its assets under en/
    assert path.startswith("en/") == (page.startswith("en/") and (built_site / "en" / LOADER).exists())
    # the box tells the component where its language's index is, and that folder holds it
    box = re.search(r'data-sd-index="([^"]+)"', html)
    assert box, "no search box"
    assert (built_site / _resolve(page, box.group(1)) / "meta.json").is_file(), box.group(1)
    assert 'name="search"' not in html, "a form the theme's bundle would take for its own search"


@contextlib.contextmanager
def _loaded(browser, url: str, width: int, height: int):
    """A page loaded at this viewport, and the requests it has finished (the list grows)."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    seen: list = []
    ctx.on("requestfinished", lambda req: seen.append(req))
    try:
        page = ctx.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(300)
        yield page, seen
    finally:
        ctx.close()


def _search_requests(seen) -> list[str]:
    return [r.url for r in seen if SEARCH_REQUEST.search(r.url)]


@pytest.mark.parametrize("path,query,expected", [
    (CN, "铁拳", "campaigns/tiequan/"),
    ("en/" + SH, "customs", "en/agencies/national.gacc/"),
])
def test_loader_fetched_with_the_page_and_nothing_else_before_use(browser, site_server, path, query, expected):
    with _loaded(browser, site_server + path, 1280, 900) as (page, seen):
        loader = [r for r in seen if r.url.split("?")[0].endswith(LOADER)]
        assert len(loader) == 1 and loader[0].response().status == 200, [r.url for r in seen]
        own = "en/" if path.startswith("en/") else ""
        assert loader[0].url == site_server + own + LOADER, loader[0].url
        assert _search_requests(seen) == [], "search fetched before use"
        assert expected in [r["path"] for r in search(page, site_server, query)]
        assert any(u.split("?")[0].endswith("/meta.json") for u in _search_requests(seen))


def test_search_toggle_loads_search_on_a_phone(browser, site_server):
    """At phone width the search box is behind the toggle (label for #__search): opening it loads
    search, and the query typed then is answered."""
    with _loaded(browser, site_server + CN, 360, 740) as (page, seen):
        assert _search_requests(seen) == []
        page.click("label.md-header__button[for=__search]")
        page.wait_for_function("document.getElementById('__search').checked")
        page.wait_for_timeout(500)
        assert page.evaluate("document.activeElement.matches('.md-search__input')")
        assert any(u.endswith("/search/zh/meta.json") for u in _search_requests(seen)), _search_requests(seen)
        assert "campaigns/tiequan/" in [r["path"] for r in search(page, site_server, "铁拳")]
