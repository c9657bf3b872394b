"""Site search in headless chromium: typing into the search box of the built site (the five
bundled notices) finds the pages that hold the query, the page about it first, highlighted,
and only pages in the reader's language (one index per language). Nothing is fetched for search
before the reader uses it.

Each row: (site language, query, pages that must be among the results, pages one of which
must be first; None: any). For a place, its catalogue page and its own notices are "about" it. Paths are relative to the site root, without the language prefix for zh.
"""

from __future__ import annotations

import re
import time

import pytest

pytestmark = pytest.mark.browser

CN = "notices/2020-shanghai-changning-work-plan/"
NAT = "notices/2021-national-work-plan/"
XC = "notices/2022-henan-xuchang-ip-crime-plan/"
SH = "notices/2022-shanghai-work-plan/"
BY = "notices/2023-gansu-baiyin-baiyin-work-plan/"

QUERIES = [
    # agency names: short form, form in the notice, full name, acronyms
    ("zh", "市场监管局", [CN, BY], ["agencies/shanghai-changning.market-regulation/",
                                   "agencies/gansu-baiyin-baiyin.market-regulation/",
                                   "agencies/shanghai.market-regulation/"]),
    ("zh", "区市场监管局", [CN, BY], ["agencies/shanghai-changning.market-regulation/",
                                     "agencies/gansu-baiyin-baiyin.market-regulation/"]),
    ("zh", "市市场监管局", [SH], ["agencies/shanghai.market-regulation/",
                                  "agencies/gansu-baiyin-baiyin.market-regulation/"]),
    ("zh", "上海市市场监督管理局", ["agencies/shanghai.market-regulation/"],
     ["agencies/shanghai.market-regulation/"]),
    ("zh", "知识产权局", ["agencies/national.cnipa/", NAT], ["agencies/national.cnipa/",
                                                          "agencies/shanghai.intellectual-property/",
                                                          "agencies/shanghai-changning.intellectual-property/"]),
    ("zh", "海关", ["agencies/national.gacc/", NAT, SH], ["agencies/national.gacc/", "agencies/shanghai.customs/",
                                                        "agencies/shanghai.customs-exhibition-center/"]),
    ("zh", "工商总局", ["glossary/agency/"], ["glossary/agency/"]),
    ("zh", "SAMR", ["agencies/national.samr/", NAT], ["agencies/national.samr/"]),
    ("zh", "CNIPA", ["agencies/national.cnipa/"], ["agencies/national.cnipa/"]),
    ("zh", "GACC", ["agencies/national.gacc/"], ["agencies/national.gacc/"]),
    # campaigns, with and without the year; traditional characters
    ("zh", "剑网", ["campaigns/jianwang/", CN, NAT, SH], ["campaigns/jianwang/"]),
    ("zh", "剑网2022", ["campaigns/jianwang/", SH, BY], ["campaigns/jianwang/"]),
    ("zh", "劍網", ["campaigns/jianwang/", SH], ["campaigns/jianwang/"]),
    ("zh", "铁拳", ["campaigns/tiequan/", CN], ["campaigns/tiequan/"]),
    ("zh", "龙腾", ["campaigns/longteng/", CN], ["campaigns/longteng/"]),
    ("zh", "线上净网线下清源", ["campaigns/xianshang-jingwang-xianxia-qingyuan/", BY],
     ["campaigns/xianshang-jingwang-xianxia-qingyuan/"]),
    # 文号 and 索引号, as written and loosely
    ("zh", "沪长打假发〔2020〕1号", [CN], [CN]),
    ("zh", "沪长打假发2020 1号", [CN], [CN]),
    ("zh", "234234234444444444/2023-00022", [BY], [BY]),
    # topic words, words inside longer words, synonyms and abbreviations
    ("zh", "进博会", [CN, SH], [CN, SH]),
    ("zh", "地理标志", [CN, NAT, SH], [CN, NAT, SH, XC]),
    ("zh", "软件正版化", [CN, NAT], [CN, NAT, SH, BY]),
    ("zh", "驰名商标", [SH], [SH]),
    ("zh", "植物新品种", [NAT], [NAT, SH, BY, CN]),
    ("zh", "行刑衔接", [NAT], [NAT, SH, BY, CN]),
    ("zh", "老字号", [CN], [CN, SH, BY, NAT]),
    ("zh", "政府", [BY], [BY, CN, NAT, SH, XC]),
    ("zh", "监管", [CN, SH], None),
    ("zh", "跨境电商", [CN, NAT], [CN, NAT, SH]),
    ("zh", "双打", [SH], None),
    ("zh", "商標", [CN, SH], [CN, SH, BY, NAT, XC]),
    # places
    ("zh", "上海", ["catalogue/places/shanghai/", SH, CN], ["catalogue/places/shanghai/", SH, CN]),
    ("zh", "长宁", ["catalogue/places/shanghai-changning/", CN], ["catalogue/places/shanghai-changning/", CN]),
    ("zh", "白银", [BY], ["catalogue/places/gansu-baiyin/", "catalogue/places/gansu-baiyin-baiyin/", BY]),
    ("zh", "许昌", [XC], ["catalogue/places/henan-xuchang/", XC]),
    # one index per language: the other language's words find this language's pages that
    # hold them (agency pages give the English name; English pages the Chinese names)
    ("zh", "customs", ["agencies/national.gacc/"], ["agencies/national.gacc/"]),
    ("en", "剑网", ["en/campaigns/jianwang/"], ["en/campaigns/jianwang/"]),
    ("en", "海关", ["en/agencies/national.gacc/"], ["en/agencies/national.gacc/"]),
    # the English site
    ("en", "customs", ["en/agencies/national.gacc/"], None),
    ("en", "trademark", ["en/" + BY, "en/" + SH], None),
    ("en", "Sword Net", ["en/campaigns/jianwang/"], ["en/campaigns/jianwang/"]),
    ("en", "Changning", ["en/catalogue/places/shanghai-changning/", "en/" + CN], None),
    ("en", "counterfeit", ["en/" + CN], None),
    ("en", "market regulation", ["en/agencies/national.samr/"], None),
    ("en", "copyright", ["en/" + BY, "en/campaigns/jianwang/"], None),
]

QUERY_WAIT = """q => {
  const input = document.querySelector('.md-search__input')
  const meta = document.querySelector('.md-search-result__meta')
  return input.value === q && meta && document.querySelector('.md-search-result__list')
    .children.length > 0
}"""


def _page_path(href: str, base: str) -> str:
    path = href.split("?")[0].split("#")[0]
    return path[len(base):] if path.startswith(base) else path


def search(page, base: str, query: str) -> list[dict]:
    """Type `query` into the search box; the result groups as {path, marks}."""
    page.focus(".md-search__input")
    page.fill(".md-search__input", "")
    # fill() sets the text (IME-like, no key events for Chinese); the key release after it is
    # what material listens to, as after a reader's last keystroke
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")
    page.wait_for_function(QUERY_WAIT, arg=query, timeout=10000)
    time.sleep(0.2)  # let the last keystroke's result replace the previous one
    page.wait_for_function(QUERY_WAIT, arg=query, timeout=10000)
    # material renders ten groups, then four more each time the list is scrolled to its end
    meta = page.text_content(".md-search-result__meta") or ""
    total = int(re.sub(r"\D", "", meta) or 0)
    for _ in range(100):
        count = page.eval_on_selector_all(".md-search-result__list > li", "els => els.length")
        if count >= total:
            break
        page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = 0; el.scrollTop = el.scrollHeight }")
        page.wait_for_timeout(60)
    groups = page.eval_on_selector_all(
        ".md-search-result__list > .md-search-result__item",
        "els => els.map(li => ({href: li.querySelector('a').href,"
        " marks: li.querySelectorAll('mark').length}))",
    )
    return [{"path": _page_path(g["href"], base), "marks": g["marks"]} for g in groups]


@pytest.fixture(scope="module")
def pages(browser, site_server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    out = {}
    for lang in ("zh", "en"):
        page = ctx.new_page()
        page.goto(site_server + ("en/" if lang == "en" else ""), wait_until="networkidle")
        out[lang] = page
    yield out
    ctx.close()


@pytest.mark.parametrize("lang,query,expected,best", QUERIES, ids=[f"{q[0]}:{q[1]}" for q in QUERIES])
def test_query(pages, site_server, lang, query, expected, best):
    results = search(pages[lang], site_server, query)
    found = [r["path"] for r in results]
    assert found, f"{query!r}: no result"
    missing = [p for p in expected if p not in found]
    assert not missing, f"{query!r}: {missing} not among {found[:15]}"
    if best:
        assert found[0] in best, f"{query!r}: first is {found[0]}, expected one of {best}; got {found[:8]}"
    assert results[0]["marks"] > 0 or any(r["marks"] for r in results[:3]), f"{query!r}: nothing highlighted"
    # one index per language: results in the reader's language only
    other = [p for p in found if ("en" if p.startswith("en/") else "zh") != lang]
    assert not other, f"{query!r}: results not in {lang}: {other[:8]}"


def _index_file(site, lang):
    """The language's index: /search/ of its own site (built alone, notices.site.split: the
    English site under en/) or, both built in one process, /search/ at the root."""
    for root in ([site / "en", site] if lang == "en" else [site]):
        path = root / "search" / f"search_index.{lang}.json.gz"
        if path.exists():
            return root, path
    raise AssertionError(f"no search index for {lang}")


def _index_text(site, lang):
    import gzip

    return gzip.decompress(_index_file(site, lang)[1].read_bytes()).decode("utf-8")


def _index(site, lang):
    import json

    return json.loads(_index_text(site, lang))


def check_indexes(site):
    """Both indexes reworked; each holds its own language's pages only (every location is a page
    of that language's site, `<html lang>` says so), and the pages that must be found."""
    import json

    stub = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and "keys" in stub["config"]["fields"]
    for lang in ("zh", "en"):
        root, path = _index_file(site, lang)
        index = _index(site, lang)
        assert "sd" in index["config"] and "keys" in index["config"]["fields"] and index["config"]["sd"]["syn"]
        assert _index_text(site, lang).startswith('{"config":{"lang":["en"],"separator":"[')  # compact
        locations = [d["location"] for d in index["docs"]]
        assert len(locations) == len(set(locations)), "duplicate documents"
        pages = {loc.split("#")[0] for loc in locations}
        own = "en/" if lang == "en" and root == site else ""  # English pages under en/ of the index's site
        for page in pages:
            assert page.startswith(own) and (lang == "en" or not page.startswith("en/")), (lang, page)
            head = (root / page / "index.html").read_text(encoding="utf-8")[:300]
            assert (f'lang="en"' if lang == "en" else 'lang="zh-Hans"') in head, (lang, page)
        for page in ("notices/2021-national-work-plan/", "agencies/national.samr/", "campaigns/jianwang/"):
            assert own + page in pages, (lang, page)
        assert not any(loc.startswith(own + "agencies/national.samr/#") for loc in locations)
    # agency pages (left to the hook, not parsed by the search plugin) keep their first section
    samr = next(d for d in _index(site, "zh")["docs"] if d["location"] == "agencies/national.samr/")
    assert "国家" in samr["title"] and "State Administration" in samr["text"] and "承担的任务" not in samr["text"]


def test_index_is_reworked_and_split_by_language(built_site):
    check_indexes(built_site)


def test_pages_use_the_wrapper_worker(built_site):
    html = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    assert "sd-search.js?lang=en&w=search." in html
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "sd-search.js?lang=zh&w=search." in html


SEARCH_REQUEST = re.compile(r"/search/search_index[^/]*\.json(\.gz)?|/workers/(sd-search|search\.[0-9a-f]+\.min)\.js")


@pytest.mark.parametrize("lang,path,query,expected", [
    ("zh", "", "剑网", "campaigns/jianwang/"),
    ("zh", CN, "铁拳", "campaigns/tiequan/"),
    ("en", "en/", "Sword Net", "en/campaigns/jianwang/"),
    ("en", "en/" + SH, "customs", "en/agencies/national.gacc/"),
])
def test_search_loads_on_first_use(browser, site_server, lang, path, query, expected):
    """No search request (worker, index) while the page loads and the reader does not search;
    the first query loads the worker, the stub and the reader's language's index only."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    seen: list[str] = []
    ctx.on("request", lambda req: seen.append(req.url))
    try:
        page = ctx.new_page()
        page.goto(site_server + path, wait_until="networkidle")
        page.mouse.wheel(0, 400)  # the reader reads: still nothing
        page.wait_for_timeout(300)
        assert not [u for u in seen if SEARCH_REQUEST.search(u)], "search fetched before use"
        results = search(page, site_server, query)
        assert expected in [r["path"] for r in results]
        loaded = [u.split("?")[0].rsplit("/", 2)[-2:] for u in seen if SEARCH_REQUEST.search(u)]
        loaded = ["/".join(u) for u in loaded]
        assert "search/search_index.json" in loaded and f"search/search_index.{lang}.json.gz" in loaded, loaded
        other = "en" if lang == "zh" else "zh"
        assert f"search/search_index.{other}.json.gz" not in loaded, loaded
        assert loaded.count(f"search/search_index.{lang}.json.gz") == 1, loaded
    finally:
        ctx.close()


def test_index_is_fetched_gzipped_and_fflate_only_without_decompressionstream(browser, site_server):
    """The worker fetches the gzipped index and decompresses it itself. Browsers without
    DecompressionStream (Safari before 16.4; simulated by removing it from the worker) load the
    bundled fflate and find the same pages; the others never fetch it."""
    for missing in (False, True):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        seen: list[str] = []
        ctx.on("request", lambda req: seen.append(req.url))
        if missing:
            def without_stream(route):
                response = route.fetch()
                route.fulfill(response=response, body="self.DecompressionStream = undefined;\n" + response.text())
            ctx.route("**/workers/sd-search.js*", without_stream)
        try:
            page = ctx.new_page()
            page.goto(site_server + "en/", wait_until="networkidle")
            assert "en/agencies/national.gacc/" in [r["path"] for r in search(page, site_server, "customs")], missing
            assert any(u.split("?")[0].endswith("/search/search_index.en.json.gz") for u in seen), seen
            fetched = [u for u in seen if u.endswith("/vendor/fflate.min.js")]
            assert bool(fetched) == missing, (missing, fetched)
        finally:
            ctx.close()


def test_search_works_when_the_host_decompresses_the_index(browser, built_site):
    """A host that sends .gz files with Content-Encoding: gzip (Apache's AddEncoding does) has
    the browser decompress the index before the worker reads it: the worker sees no gzip magic
    bytes and parses it as it is."""
    from conftest import _QuietHandler, serve

    class GzipEncoding(_QuietHandler):
        def end_headers(self):
            if self.path.split("?")[0].endswith(".json.gz"):
                self.send_header("Content-Encoding", "gzip")
            super().end_headers()

    with serve(built_site, GzipEncoding) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            page = ctx.new_page()
            page.goto(base, wait_until="networkidle")
            assert "campaigns/jianwang/" in [r["path"] for r in search(page, base, "剑网")]
        finally:
            ctx.close()


def test_keyboard_shortcut_opens_search_and_it_works(browser, site_server):
    """Opening search with the keyboard (material's "s" shortcut) loads it; the box shows
    material's "initializing" state, never hangs, and then answers the query typed."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(site_server + "en/", wait_until="networkidle")
        page.keyboard.press("s")
        page.wait_for_function("document.activeElement && document.activeElement.matches('.md-search__input')")
        page.keyboard.type("customs")
        page.wait_for_function(QUERY_WAIT, arg="customs", timeout=10000)
        assert "en/agencies/national.gacc/" in [r["path"] for r in search(page, site_server, "customs")]
    finally:
        ctx.close()


def test_both_languages_built_in_one_process(browser, tmp_path_factory):
    """`mkdocs build` / `mkdocs serve` build both languages in one process (static-i18n): the one
    index the plugin writes is split too (both files at /search/), and search works in both."""
    import os
    import subprocess
    import sys

    from conftest import build_site, bundled_sources, serve

    project = build_site(tmp_path_factory.mktemp("one"), bundled_sources()).parent
    site = project / "one"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (site / "search" / "search_index.en.json.gz").exists() and not (site / "en" / "search").exists()
    check_indexes(site)
    with serve(site) as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            for path, query, expected in [("", "剑网", "campaigns/jianwang/"),
                                          ("en/", "Sword Net", "en/campaigns/jianwang/")]:
                page = ctx.new_page()
                page.goto(base + path, wait_until="networkidle")
                assert expected in [r["path"] for r in search(page, base, query)], (path, query)
        finally:
            ctx.close()
