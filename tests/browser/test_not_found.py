"""The 404 page, served as GitHub Pages serves it (the root 404.html, status 404, for any missing
address), at / (as `make site` serves) and under a Pages path (a project site, /<repo>/): styled
(the theme's and the site's stylesheets load), in Chinese with a line in English on the root,
in English at /en/404.html, leading home and to search."""

from __future__ import annotations

import contextlib
import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import build_site, bundled_sources, serve

pytestmark = pytest.mark.browser

PREFIX = "/some-repo/"  # a project site's path on GitHub Pages


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under `prefix`, and its root 404.html (status 404) for what is missing."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(self.prefix):
            self.path = "/" + self.path[len(self.prefix):]
            target = Path(self.translate_path(self.path))
            if target.is_file() or (target.is_dir() and (target / "index.html").is_file()):
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextlib.contextmanager
def serve_under(site_dir: Path, prefix: str) -> Iterator[str]:
    with serve(site_dir, type("H", (_PagesHandler,), {"prefix": prefix})) as base_url:
        yield base_url.rstrip("/") + prefix


@pytest.fixture(scope="module")
def at_root(built_site: Path) -> Iterator[str]:
    with serve_under(built_site, "/") as url:
        yield url


@pytest.fixture(scope="module")
def under_path(tmp_path_factory) -> Iterator[str]:
    """One notice built for a Pages path, as the deploy workflow builds it (SD_SITE_URL)."""
    site = build_site(tmp_path_factory.mktemp("pages-path"), bundled_sources()[:1],
                      env={"SD_SITE_URL": f"https://owner.github.io{PREFIX}".rstrip("/")})
    with serve_under(site, PREFIX) as url:
        yield url


# Every stylesheet of the page loaded (a sheet whose file is missing has no rules), and the
# theme's header in the site's own red.
STYLED = """() => ({
  sheets: [...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length]),
  header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
})"""


@pytest.fixture(params=["root", "path"])
def served(request) -> str:
    return request.getfixturevalue("at_root" if request.param == "root" else "under_path")


def _open(browser, url: str):
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    response = page.goto(url, wait_until="networkidle")
    return ctx, page, response


@pytest.mark.parametrize("missing", ["no-such-page/", "notices/no/such/deep/page/", "en/no-such-page/"])
def test_missing_page_is_styled_and_in_both_languages(browser, served, missing):
    ctx, page, response = _open(browser, served + missing)
    try:
        assert response.status == 404
        styled = page.evaluate(STYLED)
        assert len(styled["sheets"]) >= 3 and all(n > 0 for _, n in styled["sheets"]), styled
        assert styled["header"] == "rgb(143, 29, 29)", styled  # --md-primary-fg-color: the site's styles
        assert page.evaluate("document.documentElement.lang") == "zh-Hans"
        assert page.locator("h1").inner_text() == "找不到这个页面"
        assert page.locator("[lang=en] h2").inner_text() == "Page not found"
        assert "404 - Not found" not in page.content()
        page.get_by_role("link", name="返回首页").click()
        page.wait_for_load_state()
        assert page.url == served
        assert page.locator("h1").count() >= 1 and page.evaluate("document.title").startswith("打击侵权假冒")
    finally:
        ctx.close()


def test_english_404_page(browser, served):
    ctx, page, response = _open(browser, served + "en/404.html")
    try:
        assert response.status == 200
        styled = page.evaluate(STYLED)
        assert all(n > 0 for _, n in styled["sheets"]) and styled["header"] == "rgb(143, 29, 29)", styled
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").inner_text() == "Page not found"
        page.get_by_role("link", name="Home page").click()
        page.wait_for_load_state()
        assert page.url == served + "en/"
    finally:
        ctx.close()


def test_search_from_the_404_page(browser, served):
    """The search box sends its words to the home page, where the theme's search opens with them."""
    ctx, page, _ = _open(browser, served + "missing/")
    try:
        page.get_by_label("搜索本站").fill("知识产权")
        page.get_by_role("button", name="搜索").click()
        page.wait_for_load_state()
        assert page.url.startswith(served + "?q=")
        page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        assert page.locator("input.md-search__input").input_value() == "知识产权"
    finally:
        ctx.close()
