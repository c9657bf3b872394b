"""Unit tests of the generators in notices.site: pure functions over notices parsed in-process
from the bundled sources and the fixtures in tests/fixtures/site/."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from notices.model import Notice
from notices.parse import load_notice
from notices.render import render_json
from notices.registry import DATA_DIR, Registry
from notices.site import agencies, build, campaigns, common, crosslinks, feeds, foreign, indexes, opendata, pages
from notices.site.data import SiteData, from_registry, load_notices, newest_first

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "site"


def sources() -> list[Path]:
    return sorted(p for folder in (REPO / "sources", FIXTURES) for p in folder.glob("*.txt"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="module")
def notices(registry, tmp_path_factory) -> list[Notice]:
    """The notices as the build reads them: their JSON records read back by load_notices."""
    folder = tmp_path_factory.mktemp("notices")
    for p in sources():
        notice = load_notice(p, registry)
        (folder / f"{notice.slug}.json").write_text(render_json(notice), encoding="utf-8")
    return load_notices(folder)


@pytest.fixture(scope="module")
def site(notices, registry) -> SiteData:
    return from_registry(notices, registry, DATA_DIR)


def test_campaign_page_lists_exactly_the_tasks_naming_it(site):
    rows = campaigns.campaign_tasks(site, "jianwang")
    expected = {(n.slug, t.id) for n in site.notices for t in n.tasks
                if any(c.startswith("jianwang") for c in t.campaigns)}
    assert {(r.slug, r.id) for r in rows} == expected
    assert ("2022-national-work-plan", "t-1-1-2") in expected
    view = campaigns.campaign_view(site, "jianwang", 1, "zh")
    assert {row.where.href for row in view.tasks} == {f"../../notices/{slug}/#{tid}" for slug, tid in expected}
    # a task naming another campaign only is not listed
    assert "t-2-1-1" not in {r.id for r in rows if r.slug == "2022-national-work-plan"}


def test_every_campaign_and_agency_a_notice_links_to_gets_a_page(site):
    paths = {p.path for p in pages.all_pages(site)}
    for n in site.notices:
        for c in n.campaigns:
            assert f"campaigns/{c.series}" in paths
        for a in n.agencies:
            assert f"agencies/{a.id}" in paths


def test_changning_and_baiyin_district_market_regulation_are_separate(site):
    changning, baiyin = "shanghai-changning.market-regulation", "gansu-baiyin-baiyin.market-regulation"
    assert changning in site.agencies and baiyin in site.agencies
    tasks_c = {(r.slug, r.id) for r, _ in agencies.agency_tasks(site, changning)}
    tasks_b = {(r.slug, r.id) for r, _ in agencies.agency_tasks(site, baiyin)}
    assert tasks_c and tasks_b and not tasks_c & tasks_b
    assert {s for s, _ in tasks_c} == {"2020-shanghai-changning-work-plan"}
    assert {s for s, _ in tasks_b} == {"2023-gansu-baiyin-baiyin-work-plan"}
    zh = agencies.agency_view(site, changning, 1, "zh")
    assert zh.title == "上海市长宁区市场监督管理局" and zh.groups
    assert {g.notice.href for g in zh.groups} == {"../../notices/2020-shanghai-changning-work-plan/"}
    assert all(item.where.href.startswith("../../notices/2020-shanghai-changning-work-plan/#t-")
               for g in zh.groups for item in g.items)


def test_agency_chain_runs_national_to_district(site):
    chain = agencies.system_chain(site, "shanghai-changning.market-regulation")
    assert chain == [["national.samr"], ["shanghai.market-regulation"], ["shanghai-changning.market-regulation"]]
    en = agencies.agency_view(site, "shanghai-changning.market-regulation", 1, "en")
    assert not en.name_en_official and en.hotline == "12315"
    assert [[link.href for link in level] for level in en.chain] == [
        ["../national.samr/"], ["../shanghai.market-regulation/"], ["./"]]


def test_partners_are_co_assigned_agencies(site):
    found = dict(agencies.partners(site, "shanghai-xuhui.market-regulation"))
    assert found == {"shanghai-xuhui.commerce-commission": 1}


def test_citations_link_held_documents_by_number_and_title(site):
    cites = dict((ref.title, target) for ref, target in crosslinks.citations(site)["2022-shanghai-xuhui-work-plan"])
    assert cites["2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点"] == "2022-national-work-plan"  # 文号
    assert cites["2022年上海市打击侵犯知识产权和制售假冒伪劣商品工作要点"] == "2022-shanghai-work-plan"  # title
    changning = dict((r.doc_number, t) for r, t in crosslinks.citations(site)["2020-shanghai-changning-work-plan"])
    assert changning["沪打假发〔2020〕1号"] == "2020-shanghai-work-plan"


def test_cited_by_is_ordered_national_province_prefecture_county(site):
    by = crosslinks.cited_by(site)
    # the district fixture cites the national plan before the Shanghai one does (by date too)
    assert by["2022-national-work-plan"] == ["2022-shanghai-work-plan", "2022-shanghai-xuhui-work-plan"]
    ranks = [site.by_slug[s].jurisdiction["level"] for s in by["2022-national-work-plan"]]
    assert ranks == ["province", "county"]
    text = crosslinks.sections(site, "2022-national-work-plan", "zh")
    assert text.index("2022-shanghai-work-plan.md") < text.index("2022-shanghai-xuhui-work-plan.md")


def test_inject_replaces_the_plain_references_section():
    page = "# T\n\n## 引用文件 { #references }\n\n- 《A》\n\n??? note \"x\"\n\n    - y\n"
    out = crosslinks.inject(page, "## 引用文件 { #references }\n\n- [《A》](a.md)\n")
    assert out.count("{ #references }") == 1 and "[《A》](a.md)" in out and "??? note" in out


def test_pagination_splits_long_listings():
    assert common.paginate(list(range(250)), 100) == [list(range(100)), list(range(100, 200)), list(range(200, 250))]
    assert common.paginate([], 100) == [[]]
    assert common.page_path("campaigns/jianwang", 1) == "campaigns/jianwang"
    assert common.page_path("campaigns/jianwang", 3) == "campaigns/jianwang/page-3"
    assert common.page_path("catalogue/index", 2) == "catalogue/page-2"


def test_catalogue_is_paginated_when_the_corpus_grows(site, monkeypatch):
    many = [replace(n, slug=f"{n.slug}-{i}") for i in range(30) for n in site.notices]
    big = SiteData(notices=many, places=site.places, systems=site.systems, series=site.series)
    paths = {stub.path for stub in indexes.stubs(big)}
    assert len(many) > 2 * common.PAGE_SIZE
    expected = -(-len(many) // common.PAGE_SIZE)
    assert f"catalogue/page-{expected}" in paths and f"catalogue/page-{expected + 1}" not in paths
    shown = [indexes.listing_view(big, "catalogue", n, "zh").rows for n in range(1, expected + 1)]
    assert all(len(rows) <= common.PAGE_SIZE for rows in shown) and sum(map(len, shown)) == len(many)
    last = indexes.listing_view(big, "catalogue", expected, "en")
    assert last.pager.current == expected and len(last.pager.pages) == expected


def test_links_between_generated_pages():
    assert common.link("x", "campaigns/jianwang", "notices/a", "t-1") == '<a href="../../notices/a/#t-1">x</a>'
    assert common.link("x", "agencies/systems/customs/shanghai", "agencies/index") == '<a href="../../../">x</a>'
    assert common.link("2", "agencies/x/page-2", "agencies/x") == '<a href="../">2</a>'
    assert common.href("catalogue/places/shanghai", "agencies/shanghai.customs") == "../../../agencies/shanghai.customs/"
    assert common.href("campaigns/index", "campaigns/jianwang") == "jianwang/"
    assert common.file_href("campaigns/jianwang", "en", "data/notices.json") == "../../../data/notices.json"
    assert common.file_href("index", "zh", "data/notices.json") == "data/notices.json"


def test_text_from_notices_is_escaped_everywhere(site):
    for page in pages.all_pages(site):
        for text in (page.zh, page.en):
            assert "<script" not in text, page.path
    # the views hold plain text: the templates escape it (checked on the built site)
    view = campaigns.campaign_view(site, "jianwang", 1, "zh")
    assert any("<script>" in row.excerpt for row in view.tasks if "xuhui" in row.notice.href)


def test_english_pages_are_in_english(site):
    by_path = {p.path: p for p in pages.all_pages(site)}
    assert "title: \"Jianwang (Sword Net) campaign\"" in by_path["campaigns/jianwang"].en
    en = campaigns.campaign_view(site, "jianwang", 1, "en")
    assert en.heading == "Campaign: Jianwang (Sword Net)" and en.lead_system
    assert by_path["agencies/national.samr"].en.startswith('---\ntitle: "State Administration for Market Regulation"')


def test_foreign_page_gathers_keyword_tasks_with_contacts(site):
    rows = foreign.foreign_tasks(site)
    ids = {(r.slug, r.id) for r, _ in rows}
    assert ("2022-shanghai-xuhui-work-plan", "t-1-1-2") in ids  # 外资企业、外商投资企业
    assert ("2022-shanghai-xuhui-work-plan", "t-1-1-3") not in ids
    # a keyword in its words, or the topic from a heading (加强外资企业权益保护 over tasks that never say 外资)
    assert all(any(k in r.task.text for k in site.foreign_keywords) or "foreign-enterprises" in r.task.topics
               for r, _ in rows)
    en = foreign.foreign_view(site, "", 1, "en")
    assert en.title == "For foreign enterprises" and en.total == len(rows) and not en.tasks
    listed = foreign.foreign_view(site, "", 2, "en")  # the list of every task follows the way in by problem
    assert len(listed.tasks) == min(len(rows), foreign.ROWS) and not listed.problems
    # each contact is the agency's own: the Xuhui commerce commission's line is MOFCOM's 12312
    assert any(lead.contact and lead.contact.hotline == "12312" and "Commerce" in lead.link.text
               for row in listed.tasks for lead in row.leads)
    assert not any(lead.contact and lead.contact.hotline == "110" for row in listed.tasks for lead in row.leads)
    # a way in by problem, each problem's tasks addressing it
    by_id = {p.id: p for p in en.problems}
    assert {"trademark-online", "patent-trade-fair", "customs", "pirated-software", "trade-secret"} <= set(by_id)
    assert by_id["customs"].tasks and all("import, export and customs" in row.words for row in by_id["customs"].tasks)
    assert foreign.foreign_view(site, "", 1, "zh").problems[0].title == "网上有人销售假冒我商标的商品"


def test_generation_is_deterministic_and_idempotent(site, tmp_path):
    assert pages.write(tmp_path, site, ("data", 1))
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert not pages.write(tmp_path, site, ("data", 1))  # written from this data already
    assert snapshot == {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    stale = tmp_path / "agencies" / "gone.agency.md"
    stale.write_text("old", encoding="utf-8")
    (tmp_path / "index.md").write_text("hand-written", encoding="utf-8")
    assert pages.write(tmp_path, site, ("data", 2)) and not stale.exists()
    assert (tmp_path / "index.md").read_text(encoding="utf-8") == "hand-written"
    again = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert {p: b for p, b in again.items() if p.parent != tmp_path} == {
        p: b for p, b in snapshot.items() if p.parent != tmp_path}


def test_a_generated_page_names_its_template_and_view(site):
    by_path = {p.path: p for p in pages.all_pages(site)}
    zh = by_path["agencies/shanghai-changning.market-regulation"].zh
    meta = __import__("yaml").safe_load(zh.split("---\n")[1])
    assert meta["template"] == "sd/agency.html" and meta["title"] == "上海市长宁区市场监督管理局"
    view = pages.Views(site).for_page(meta, "en")
    assert isinstance(view, agencies.AgencyView) and view.lang == "en"
    assert pages.Views(site).for_page({"title": "x"}, "zh") is None


def test_write_pages_refuses_a_path_twice_and_a_page_outside_the_generated_folders(tmp_path):
    page = common.Page("agencies/x", "zh", "en")
    assert common.write_pages(tmp_path, iter([page]))["wanted"] == {tmp_path / "agencies/x.md", tmp_path / "agencies/x.en.md"}
    with pytest.raises(ValueError, match="two generated pages share a path"):
        common.write_pages(tmp_path, iter([page, page]))
    with pytest.raises(ValueError, match="outside the generated folders"):
        common.write_pages(tmp_path, [common.Page("notices/x", "zh", "en")])


def test_front_matter_is_validated(site):
    good = {"title": "t", "notice": "2022-national-work-plan", "doc_type": "work-plan", "jurisdiction": "national"}
    assert build.validate_notice_meta("notices/x.md", good, site) == "2022-national-work-plan"
    with pytest.raises(build.FrontMatterError, match=r"notices/x.md: front matter key 'doc_type'"):
        build.validate_notice_meta("notices/x.md", {**good, "doc_type": None}, site)
    with pytest.raises(build.FrontMatterError, match=r"key 'notice'"):
        build.validate_notice_meta("notices/x.md", {**good, "notice": "nope"}, site)
    with pytest.raises(build.FrontMatterError, match=r"key 'jurisdiction'"):
        build.validate_notice_meta("notices/x.md", {**good, "jurisdiction": "shanghai"}, site)


def test_open_data(site):
    base = "https://owner.github.io/repo/"
    data = json.loads(opendata.notices_json(site, base))
    by = {n["slug"]: n for n in data["notices"]}
    assert by["2022-shanghai-work-plan"]["url"] == base + "notices/2022-shanghai-work-plan/"
    assert by["2022-shanghai-work-plan"]["url_en"] == base + "en/notices/2022-shanghai-work-plan/"
    assert by["2022-shanghai-work-plan"]["record"] == base + "notices/2022-shanghai-work-plan.json.gz"
    assert data["licence"]["data"] == "CC0-1.0" and "著作权法》第五条" in data["licence"]["statement_zh"]
    assert not any(key in n for n in data["notices"] for key in opendata.FULL_RECORD_ONLY)  # the catalogue stays small
    assert all(a["url"] == f"{base}agencies/{a['id']}/" for n in data["notices"] for a in n["agencies"])
    assert all(c["url"] == f"{base}campaigns/{c['series']}/" for n in data["notices"] for c in n["campaigns"])
    assert opendata.notices_json(site, base) == opendata.notices_json(site, base)
    # for spreadsheets: a byte-order mark (Excel on a Chinese Windows reads UTF-8 then), one row a task, its text
    text = opendata.tasks_csv(site, base)
    assert text.startswith("\ufeffnotice,task,path,text,lead,responsible,support,campaigns,url\r\n")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == sum(len(n.tasks) for n in site.notices)
    row = next(r for r in rows if r["notice"] == "2022-shanghai-xuhui-work-plan" and r["task"] == "t-1-1-2")
    task = next(t for n in site.notices if n.slug == "2022-shanghai-xuhui-work-plan" for t in n.tasks if t.id == "t-1-1-2")
    assert row["text"] == " ".join(task.text.split()) and len(row["text"]) > 20
    assert row["support"] == "、".join(a.name for a in task.agencies if a.role == "support") != ""
    assert row["url"] == base + "notices/2022-shanghai-xuhui-work-plan/#t-1-1-2"
    # for programs: one row per task and agency, by id
    text = opendata.task_agencies_csv(site, base)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == opendata.CSV_COLUMNS
    assert len(rows) == sum(max(1, len(t.agencies)) for n in site.notices for t in n.tasks)
    row = next(r for r in rows if r["notice"] == "2022-shanghai-xuhui-work-plan" and r["task"] == "t-1-1-2"
               and r["role"] == "support")
    assert row["agency"] == "shanghai-xuhui.market-regulation"


def test_feeds_parse_and_escape(site):
    out = dict(feeds.feeds(site, "https://example.org/sd/"))
    assert "feeds/all.xml" in out and "en/feeds/all.xml" in out and "feeds/campaigns/jianwang.xml" in out
    assert "feeds/agencies/shanghai-changning.market-regulation.xml" in out
    for path, text in out.items():
        root = ET.fromstring(text.encode("utf-8"))
        assert root.tag == "rss" and root.get("version") == "2.0", path
    items = ET.fromstring(out["feeds/all.xml"].encode()).findall("channel/item")
    links = [i.findtext("link") for i in items]
    newest = newest_first(site.notices)[0].slug
    assert links[0] == f"https://example.org/sd/notices/{newest}/"
    assert dict(feeds.feeds(site, "https://example.org/sd/")) == out


def test_icons_become_references_to_one_sprite():
    from notices.site import icons

    css = '<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">'
    search = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9.5 3z"/></svg>'
    menu = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18z"/></svg>'
    other = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" class="x"><path d="M1z"/></svg>'
    found: dict = {}
    page = icons.use_sprite(f"{css}<label>{search}</label><a>{menu}</a><b>{search}</b>{other}", found)
    s, m = icons.icon_id("0 0 24 24", '<path d="M9.5 3z"/>'), icons.icon_id("0 0 24 24", '<path d="M3 6h18z"/>')
    use = '<svg viewBox="0 0 24 24"><use href="../../assets/icons.svg#{}"/></svg>'
    assert page == f"{css}<label>{use.format(s)}</label><a>{use.format(m)}</a><b>{use.format(s)}</b>{other}"
    assert found == {s: ("0 0 24 24", '<path d="M9.5 3z"/>'), m: ("0 0 24 24", '<path d="M3 6h18z"/>')}
    first, second = sorted([s, m])
    assert icons.sprite(found) == (f'<svg xmlns="http://www.w3.org/2000/svg"><symbol id="{first}" viewBox="0 0 24 24">'
                                   f'{found[first][1]}</symbol><symbol id="{second}" viewBox="0 0 24 24">'
                                   f'{found[second][1]}</symbol></svg>\n')
    # without the theme's stylesheet the sprite's place is unknown: the page stays as it is
    assert icons.use_sprite(f"<label>{search}</label>", {}) == f"<label>{search}</label>"


def test_compact_html_keeps_text_and_verbatim_blocks():
    page = "<div>\n    <p>a\n  b</p>\n\n  <pre>  x\n   y</pre>\n <TEXTAREA>\n  t</TEXTAREA>\n</div>"
    assert build.compact_html(page) == "<div>\n<p>a\nb</p>\n<pre>  x\n   y</pre>\n<TEXTAREA>\n  t</TEXTAREA>\n</div>"
    assert build.compact_html("no indentation\n") == "no indentation\n"


def test_href_is_the_relative_path_between_folders():
    import itertools
    import posixpath

    paths = ["index", "about", "agencies/index", "agencies/x", "agencies/x/page-2", "campaigns/index",
             "campaigns/jianwang", "catalogue/places/shanghai", "catalogue/places/index", "notices/a"]
    for src, target in itertools.product(paths, repeat=2):
        here, there = common.page_url(src), common.page_url(target)
        rel = posixpath.relpath(there or ".", here.rstrip("/") or ".")
        assert common.href(src, target) == ("./" if rel == "." else rel + "/"), (src, target)


def test_notice_description_says_who_published_what_and_is_safe_in_an_attribute(site):
    some = next(n for n in site.notices if n.issuer_agency and len(n.tasks) >= 3)
    agency = replace(some.issuer_agency, full_name="某区市场监督管理局", name_en="X District AMR")
    notice = replace(some, title='2022年"双打"<script>工作要点', title_en=None, issuer="某区市场监管局",
                     issuer_agency=agency, published_date="2022-09-06", doc_number="某监〔2022〕1号",
                     tasks=some.tasks[:3])
    zh = common.notice_description(notice, "zh")
    assert zh == ("某区市场监督管理局 2022-09-06 发布：2022年&quot;双打&quot;&lt;script&gt;工作要点（某监〔2022〕1号）。"
                  "本页列出其 3 项任务和承担各项任务的机关。")
    en = common.notice_description(replace(notice, title_en="Key points", doc_number=None, tasks=[]), "en")
    assert en == "Key points: published by X District AMR on 2022-09-06."
    assert common.notice_description(replace(notice, issuer_agency=None), "zh").startswith("某区市场监管局 2022-09-06")


def _agency_href(aid: str) -> str:
    return f"../../agencies/{aid}/"


def test_the_lead_column_names_only_the_agencies_the_text_says_lead(site):
    """Campaign pages: 牵头机关 holds exactly the agencies a task's text says lead (牵头); the
    others stand in their own column with their role as written. A task that names no lead
    (…按职责分工负责) shows none, where the pages used to put its responsible agencies."""
    without_lead = 0
    for series in site.named_series:
        view = campaigns.campaign_view(site, series, 1, "zh")
        rows = {(r.slug, r.id): r for r in campaigns.campaign_tasks(site, series)}
        for shown in view.tasks:
            slug, tid = shown.where.href.split("/notices/")[1].split("/#")
            task = rows[(slug, tid)].task
            known = [a for a in task.agencies if a.id in site.agencies]
            assert [link.href for link in shown.leads] == [_agency_href(a.id) for a in known if a.role == "lead"]
            assert [(link.href, role) for link, role in shown.others] == [
                (_agency_href(a.id), {"responsible": "负责", "support": "配合"}[a.role])
                for a in known if a.role != "lead"]
            if not shown.leads and shown.others:
                without_lead += 1
    assert without_lead > 0, "no task without a lead: the check would pass on the old pages"


def test_a_campaign_no_task_names_still_lists_the_notices_that_name_or_implement_it(site):
    """The Xuchang plan implements 打击侵犯知识产权犯罪专项治理 but no task names it: its page lists
    the plan with its stages' dates as written, under a title not doubled; no campaign the home
    page links is empty."""
    series = next(s for s in site.named_series if site.campaign_series[s].zh == "打击侵犯知识产权犯罪专项治理")
    assert campaigns.campaign_tasks(site, series) == []
    view = campaigns.campaign_view(site, series, 1, "zh")
    assert [n.notice.href for n in view.notices] == ["../../notices/2022-henan-xuchang-ip-crime-plan/"]
    assert ("组织实施阶段", "2022年7月中旬至11月") in view.notices[0].phases
    assert campaigns.campaign_title("打击侵犯知识产权犯罪专项治理") == "打击侵犯知识产权犯罪专项治理"
    assert campaigns.campaign_title("剑网") == "剑网专项行动"
    for s in site.named_series:  # the campaigns the home page links
        page = campaigns.campaign_view(site, s, 1, "zh")
        assert page.notices or page.tasks, s


def test_cited_documents_link_to_their_official_page_when_known(site, tmp_path):
    """data/cited_documents.yaml gives the official page of documents the site does not hold:
    a notice citing one links it there (title matched with brackets and dashes ignored)."""
    from dataclasses import replace

    (tmp_path / crosslinks.CITED_FILE).write_text(
        "documents:\n  - title: 知识产权强国建设纲要（2021-2035年）\n    url: https://www.gov.example.cn/a?b=1&c=2\n",
        encoding="utf-8")
    pages = crosslinks.official_pages(tmp_path)
    with_pages = replace(site, official_pages=pages)
    text = crosslinks.sections(with_pages, "2022-shanghai-work-plan", "zh")
    assert '- <a href="https://www.gov.example.cn/a?b=1&amp;c=2">《知识产权强国建设纲要(2021—2035年)》</a> — 发布机关网页' in text
    assert "https://www.gov.example.cn" not in crosslinks.sections(site, "2022-shanghai-work-plan", "zh")
    (tmp_path / crosslinks.CITED_FILE).write_text("documents:\n  - title: x\n    url: javascript:alert(1)\n",
                                                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"cited_documents.yaml: 第 1 项 url：应以 http:// 或 https:// 开头"):
        crosslinks.official_pages(tmp_path)


def test_a_notice_page_shows_its_outline_and_who_does_what(site):
    """At the top of the page, folded: the outline (Chinese page) and each agency × lead,
    responsible, support with how many tasks, each count linking the first of them."""
    text = crosslinks.glance(site, "2022-shanghai-work-plan", "zh")
    notice = site.by_slug["2022-shanghai-work-plan"]
    assert f'<details class="sd-outline"><summary>本文目录（{len(notice.sections)} 部分）</summary>' in text
    assert '<li><a href="#s-1">一、坚持多点发力,加大行政保护力度</a><ol>' in text
    assert text.count("<li>") == len(notice.sections) + sum(len(s.children) for s in notice.sections)
    counts = {}
    for task in notice.tasks:
        for ref in task.agencies:
            if ref.id == "shanghai.market-regulation":
                counts.setdefault(ref.role, []).append(task.id)
    row = next(line for line in text.splitlines() if "agencies/shanghai.market-regulation/" in line)
    for role in ("lead", "responsible", "support"):
        ids = counts.get(role)
        assert (f'<a href="#{ids[0]}">{len(ids)}</a>' if ids else "<td>—</td>") in row, role
    en = crosslinks.glance(site, "2022-shanghai-work-plan", "en")
    assert "sd-outline" not in en and "Who does what" in en
    assert f'<a href="#{counts["responsible"][0]}">' in en  # the task's row on the English page
    page = crosslinks.with_glance("# T\n\ntable\n\n## 正文 { #text }\n\nx\n", text)
    assert page.index("sd-glance") < page.index("## 正文")


def test_topic_pages_list_every_task_of_their_topic_in_both_languages(site):
    from notices.site import topicpages

    index = topicpages.index_view(site, "", 1, "en")
    counts = {e.link.text: e.tasks for g in index.groups for e in g.topics}
    assert counts["Trademarks"] > 0 and counts["Online and e-commerce"] > 0
    total = sum(len(t.topics) for n in site.notices for t in n.tasks)
    assert sum(counts.values()) == total  # every tagged task on the page of each of its topics
    en = topicpages.topic_view(site, "customs", 1, "en")
    assert en.heading == "Import, export and customs" and en.other_name == "进出口和海关"
    assert en.tasks and all(not any("\u4e00" <= c <= "\u9fff" for c in row.where.text) for row in en.tasks)
    zh = topicpages.topic_view(site, "customs", 1, "zh")
    assert zh.heading == "进出口和海关" and zh.total == en.total
    paths = {s.path for s in topicpages.stubs(site)}
    assert {"topics/index", "topics/trademark", "topics/customs"} <= paths


def test_campaign_and_topic_pages_group_tasks_under_their_notices_in_pages_that_never_split_one(site):
    """Pages of a listing hold about GROUPED_PAGE_ROWS rows (a notice's line and each of its tasks),
    newest notice first; a notice's tasks stay together, each notice once."""
    from notices.site import topicpages

    rows = [("n1", 3), ("n2", 50), ("n3", 10), ("n4", 70)]
    pages_ = common.paginate_groups(rows, lambda g: 1 + g[1], size=60)
    assert [[slug for slug, _ in page] for page in pages_] == [["n1", "n2"], ["n3"], ["n4"]]
    assert common.paginate_groups([], len) == [[]]
    for series in site.named_series:
        view = campaigns.campaign_view(site, series, 1, "zh")
        slugs = [g.notice.notice.href for g in view.groups]
        assert len(slugs) == len(set(slugs))
        assert len(view.tasks) == len(campaigns.campaign_tasks(site, series))  # one page at this size
    view = topicpages.topic_view(site, "customs", 1, "zh")
    assert len({g.notice.href for g in view.groups}) == len(view.groups)
    assert sum(len(g.tasks) for g in view.groups) == view.total


def test_the_responsibility_matrix_shows_the_newest_notices_and_says_so(site):
    from notices.site.pictures import MAX_NOTICES, matrix_view

    notices = [replace(n, slug=f"{n.slug}-{copy}") for copy in ("a", "b") for n in site.notices]
    assert len(notices) > MAX_NOTICES
    matrix = matrix_view(site, notices, "catalogue/index", "zh")
    newest = [n.slug for n in newest_first(notices)[:MAX_NOTICES]]
    assert [link.href.rstrip("/").rsplit("/", 1)[1] for link, _ in matrix.notices] == newest
    assert f"最近 {MAX_NOTICES} 份" in matrix.caption
    assert all(len(cells) == MAX_NOTICES for _, cells in matrix.rows)
    few = matrix_view(site, site.notices[:2], "catalogue/index", "en")
    assert few is None or "newest" not in few.caption
