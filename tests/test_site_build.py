"""Builds a real site (`mkdocs build --strict`, through conftest's build_site) from the bundled
notices and the fixtures in tests/fixtures/site/, and checks the generated pages, open data,
feeds and every internal link and #anchor in both languages."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import REPO, build_site, bundled_sources, plain_file_mode, site_url_path

FIXTURES = REPO / "tests" / "fixtures" / "site"


# What the deploy workflow sets (.github/workflows/ci.yml): the address GitHub Pages gives (a
# project site under a path of its own, without the final "/") and the repository's.
DEPLOYED = {"SD_SITE_URL": "https://owner.github.io/some-repo", "SD_REPO_URL": "https://github.com/owner/some-repo"}
# Addresses that are no one's: none of them may be published.
PLACEHOLDERS = ("example.github.io", "github.com/example", "example.com", "example.org")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    sources = bundled_sources() + sorted(FIXTURES.glob("*.txt"))
    return build_site(tmp_path_factory.mktemp("crosslinks"), sources, env=DEPLOYED)


def html(site: Path, path: str) -> str:
    target = site / path / "index.html" if not path.endswith(".html") else site / path
    assert target.exists(), f"{path} was not built"
    return target.read_text(encoding="utf-8")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag in ("a", "use") and attrs.get("href") is not None:  # use: an icon of the sprite
            self.hrefs.append(attrs["href"])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("path, words", [
    ("campaigns/jianwang", ["剑网", "历年开展情况", "../../notices/2022-national-work-plan/#t-1-1-2"]),
    ("en/campaigns/jianwang", ["Jianwang (Sword Net)", "Editions by year", "notices/2022-national-work-plan/#t-1-1-2"]),
    ("agencies/shanghai-changning.market-regulation", ["上海市长宁区市场监督管理局", "12315", "国家市场监督管理总局"]),
    ("en/agencies/shanghai-changning.market-regulation", ["Changning District Administration for Market Regulation",
                                                          "unofficial translation"]),
    ("agencies/gansu-baiyin-baiyin.market-regulation", ["白银市白银区市场监督管理局"]),
    ("catalogue", ["信息公开目录", "索引号", "000014349/2022-00101", "sd-sortable", "为 gzip 压缩的 JSON"]),
    ("en/catalogue", ["Catalogue of notices", "Index number", "as gzipped JSON"]),
    ("catalogue/years/2022", ["2022年上海市打击侵犯知识产权和制售假冒伪劣商品工作要点"]),
    ("catalogue/places", ["全国", "上海市", "上海市长宁区"]),
    ("catalogue/places/shanghai", ["sd-matrix", "<caption>"]),
    ("campaigns", ["sd-timeline", "<caption>"]),
    ("glossary", ["中英术语表", "打击侵权假冒"]),
    ("en/glossary", ["Chinese–English glossary"]),
    ("en/foreign", ["For foreign enterprises", "hotline"]),
    ("foreign", ["外资企业关注的任务"]),
    ("notices/2022-national-work-plan", ["被以下文件引用", "../2022-shanghai-work-plan/", "../2022-shanghai-xuhui-work-plan/"]),
    ("en/notices/2022-national-work-plan", ["Cited by"]),
    ("notices/2022-shanghai-xuhui-work-plan", ["引用文件", "../2022-national-work-plan/"]),
    ("campaigns/dajiqinfanzhishichanquanfanzuizhuanxiangzhili",
     ["点名或实施本行动的文件", "2022-henan-xuchang-ip-crime-plan/", "组织实施阶段（2022年7月中旬至11月）",
      "<title>打击侵犯知识产权犯罪专项治理 - "]),
    ("notices/2022-shanghai-work-plan", ['<details class="sd-outline">', "谁负责什么", 'href="#s-1"']),
    ("en/notices/2022-shanghai-work-plan", ["Who does what", "../../../notices/2022-shanghai-work-plan/#t-"]),
    ("", ["最新文件", "campaigns/jianwang/"]),
    ("en", ["Newest notices", "campaigns/jianwang/"]),
])
def test_generated_pages(site, path, words):
    page = html(site, path)
    for word in words:
        assert word in page, f"{path}: {word!r} missing"


def test_cited_by_order_on_the_page(site):
    page = html(site, "notices/2022-national-work-plan")
    section = page[page.index('id="cited-by"'):]
    assert section.index("2022-shanghai-work-plan/") < section.index("2022-shanghai-xuhui-work-plan/")


def test_no_live_html_from_notices(site):
    for path in ("campaigns/jianwang", "en/campaigns/jianwang", "agencies/shanghai-xuhui.publicity"):
        assert "<script>alert(1)" not in html(site, path)


def test_a_notice_page_has_its_own_description(site):
    page = html(site, "notices/2022-shanghai-work-plan")
    assert '<meta name="description" content="上海市打击侵犯知识产权和制售假冒伪劣商品工作领导小组 2022-09-06 发布：' in page
    page = html(site, "en/notices/2022-shanghai-work-plan")
    assert ('<meta name="description" content="Key Points of Shanghai&#x27;s Work on Combating IPR Infringement and '
            'Counterfeiting in 2022: published by ') in page


def test_an_agency_page_has_its_own_description(site):
    page = html(site, "agencies/shanghai-changning.market-regulation")
    assert re.search(r'<meta name="description" content="上海市长宁区市场监督管理局在本站收录的 1 份通知中承担的 \d+ 项', page)
    page = html(site, "en/agencies/shanghai-changning.market-regulation")
    assert re.search(r'<meta name="description" content="[^"]+: the \d+ tasks against IP infringement', page)


def test_language_switch_leads_to_the_same_page(site):
    page = html(site, "campaigns/jianwang")
    assert '<a href="../../en/campaigns/jianwang/" hreflang="en"' in page
    page = html(site, "en/campaigns/jianwang")
    assert '<a href="../../../campaigns/jianwang/" hreflang="zh"' in page


def test_both_languages_in_one_properdocs_process(tmp_path):
    """`properdocs build` and `properdocs serve` (a maintainer's preview) build both languages in
    one process, as static-i18n does by default: the same pages, switcher and Chinese 404 page."""
    project = build_site(tmp_path, bundled_sources()[:1]).parent
    site = project / "one"
    env = {k: v for k, v in os.environ.items() if k != "SD_LANGUAGE"}
    proc = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    slug = bundled_sources()[0].stem
    assert "Chinese title" in html(site, f"en/notices/{slug}")
    assert f'<a href="../../../notices/{slug}/" hreflang="zh"' in html(site, f"en/notices/{slug}")
    assert f'<a href="../../en/notices/{slug}/" hreflang="en"' in html(site, f"notices/{slug}")
    assert 'lang="zh-Hans"' in html(site, "404.html").split(">", 2)[1]
    # open data, records and feeds: written by the plugin, in the Chinese build
    assert (site / "data" / "notices.json").exists() and (site / "en" / "feeds" / "all.xml").exists()
    assert sorted(p.name for p in (site / "notices").glob(f"{slug}.*")) == [f"{slug}.json.gz", f"{slug}.original",
                                                                             f"{slug}.source.txt"]
    # the theme's icons: the English pages use the root's assets here, and so the root's sprite
    assert '<use href="../../../assets/icons.svg#i' in html(site, f"en/notices/{slug}")
    assert (site / "assets" / "icons.svg").exists()


@pytest.mark.parametrize("path, label", [("campaigns/jianwang", "纠错与源代码"), ("about", "纠错与源代码"),
                                         ("en/campaigns/jianwang", "Report an error · source code")])
def test_repository_linked_once_from_the_footer(site, path, label):
    """Readers report errors on the repository (the about page says so): every page links it
    once, in its footer, instead of the theme's repository widget in the header and the drawer."""
    page = html(site, path)
    repo = DEPLOYED["SD_REPO_URL"]
    assert page.count(f'href="{repo}"') == 1 and "md-source" not in page
    footer = page[page.index('<footer class="md-footer">'):]
    assert f'<a href="{repo}">{label}</a>' in footer


@pytest.mark.parametrize("path", ["index.html", "en/index.html", "notices/2022-national-work-plan/index.html",
                                  "en/agencies/national.gacc/index.html", "404.html"])
def test_theme_icons_come_from_one_sprite(site, path):
    """The theme's icons are references to assets/icons.svg (each page's own copy of them was
    2 KB); the sprite holds each once (every reference resolves: the link test below)."""
    page = (site / path).read_text(encoding="utf-8")
    assert 'xmlns="http://www.w3.org/2000/svg"' not in page
    uses = re.findall(r'<svg viewBox="0 0 24 24"><use href="([^"#]*)#(i[0-9a-f]{10})"/></svg>', page)
    assert len(uses) >= 6 and len({h for h, _ in uses}) == 1, uses
    sprite = (site / ("en" if path.startswith("en/") else "") / "assets" / "icons.svg").read_text(encoding="utf-8")
    assert sprite.startswith('<svg xmlns="http://www.w3.org/2000/svg"><symbol id="i')
    assert all(f'<symbol id="{key}" viewBox="0 0 24 24"><path d="' in sprite for _, key in uses)


def _site_file(site: Path, url: str) -> Path:
    """The file of the built site an absolute URL of its open data points at (under the base path)."""
    base = DEPLOYED["SD_SITE_URL"] + "/"
    assert url.startswith(base), f"{url} is not under the site's address {base}"
    path = site / unquote(urlsplit(url).path[len(urlsplit(base).path):])
    return path / "index.html" if url.endswith("/") else path


def test_open_data_urls_work_under_the_base_path(site):
    data = json.loads((site / "data" / "notices.json").read_text(encoding="utf-8"))
    slugs = {n["slug"] for n in data["notices"]}
    assert {"2022-national-work-plan", "2022-shanghai-work-plan"} <= slugs
    assert _site_file(site, data["schema"]).exists()
    for n in data["notices"]:
        for key in ("url", "url_en", "original"):
            assert _site_file(site, n[key]).exists(), n[key]
        record = json.loads(gzip.decompress(_site_file(site, n["record"]).read_bytes()))
        assert record["slug"] == n["slug"] and len(record["tasks"]) == n["task_count"]
        for a in n["agencies"]:
            assert _site_file(site, a["url"]).exists(), a["url"]
        for c in n["campaigns"]:
            assert _site_file(site, c["url"]).exists(), c["url"]
    assert not list((site / "notices").glob("*.json")), "records are published gzipped only"
    for name in ("tasks.csv", "task-agencies.csv"):
        raw = (site / "data" / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f"{name}: no byte-order mark"
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
            target = _site_file(site, row["url"].split("#")[0])
            assert target.exists() and f'id="{row["url"].split("#")[1]}"' in target.read_text(encoding="utf-8"), row["url"]


def test_open_data_matches_its_schemas(site):
    """Each open-data file is valid against the JSON Schema published beside it, and every field
    the data holds is described there (additionalProperties is false throughout)."""
    import jsonschema

    def schema(name: str) -> dict:
        found = json.loads((site / "data" / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(found)
        assert "CC0" in found["description"] and "著作权法》第五条" in found["description"]
        return found

    catalogue = json.loads((site / "data" / "notices.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalogue, schema("notices.schema.json"), format_checker=jsonschema.FormatChecker())
    record_schema = schema("record.schema.json")
    for n in catalogue["notices"]:
        jsonschema.validate(json.loads(gzip.decompress(_site_file(site, n["record"]).read_bytes())), record_schema)
    for name in ("tasks", "task-agencies"):
        rows = list(csv.DictReader(io.StringIO((site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig"))))
        row_schema = schema(f"{name}.schema.json")
        assert rows and list(rows[0]) == list(row_schema["properties"]), name  # the columns, in order
        for row in rows:
            jsonschema.validate(row, row_schema)
    assert not (site / "en" / "data").exists(), "the open data is published once, at the root"


def test_feeds_parse_as_xml(site):
    for feed in ["feeds/all.xml", "en/feeds/all.xml", "feeds/campaigns/jianwang.xml",
                 "feeds/agencies/shanghai-changning.market-regulation.xml"]:
        root = ET.parse(site / feed).getroot()
        assert root.tag == "rss" and root.find("channel/item") is not None, feed


def test_every_file_of_the_site_is_as_readable_as_any_file_written_here(site, tmp_path):
    # feeds and open data are written through owner-only temporary files; a web server run
    # by another user must still be able to read them
    expected = plain_file_mode(tmp_path)
    odd = [str(p.relative_to(site)) for p in site.rglob("*") if p.is_file() and p.stat().st_mode & 0o777 != expected]
    assert not odd, f"{len(odd)} files with other permissions, e.g. {odd[:5]}"


def test_every_internal_link_and_anchor_resolves(site):
    pages = sorted(site.rglob("*.html"))
    parsed = {p: parse(p) for p in pages}
    broken = []
    for page, links in parsed.items():
        base = "/" + page.relative_to(site).as_posix()
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # root-relative (404.html): under site_url's path
                prefix = site_url_path(site)
                assert parts.path.startswith(prefix), f"{page}: {href} is outside the site"
                target = site / unquote(parts.path[len(prefix):])
                if target.is_dir() or parts.path.endswith("/"):
                    target = target / "index.html"
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
                target = site / resolved.lstrip("/")
                if target.is_dir() or parts.path.endswith("/"):
                    target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
                continue
            if parts.fragment and target.suffix in (".html", ".svg"):
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])


def test_addresses_are_the_deployed_ones_and_no_placeholder_is_published(site):
    """Every file of the site (pages, sitemap, feeds, open data, robots) names the address the
    deploy workflow gave and no made-up one: canonical links, the sitemap and the feeds' items
    under the Pages path, the footer's link to the real repository."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".js", ".css", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {p}" for p in PLACEHOLDERS if p in text]
    assert not found, f"{len(found)} placeholders, e.g. {found[:10]}"
    base = DEPLOYED["SD_SITE_URL"] + "/"
    assert f'<link rel="canonical" href="{base}notices/2022-national-work-plan/">' in html(site, "notices/2022-national-work-plan")
    assert f'<link rel="canonical" href="{base}en/campaigns/jianwang/">' in html(site, "en/campaigns/jianwang")
    assert f"<loc>{base}</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<link>{base}en/notices/" in (site / "en" / "feeds" / "all.xml").read_text(encoding="utf-8")


def test_the_original_is_one_click_away_readable_and_as_obtained(site):
    """The notice page links the original's text (UTF-8 with a byte-order mark: right in every
    browser) and the bytes as obtained; the checksum sits in a collapsed box, out of print."""
    slug = "2022-shanghai-work-plan"
    page = html(site, f"notices/{slug}")
    assert f'<a href="../{slug}.source.txt">阅读所获原件的文字</a>' in page
    assert f'<a href="../{slug}.original">下载原始文件</a>' in page
    tech = page[page.index('<details class="note sd-tech">'):]
    assert "SHA-256" in tech[:tech.index("</details>")]
    assert "SHA-256" not in page[:page.index('<details class="note sd-tech">')]
    source = REPO / "sources" / f"{slug}.txt"
    assert (site / "notices" / f"{slug}.original").read_bytes() == source.read_bytes()
    readable = (site / "notices" / f"{slug}.source.txt").read_bytes()
    assert readable.startswith(b"\xef\xbb\xbf")
