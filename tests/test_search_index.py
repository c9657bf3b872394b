"""Unit tests of notices.search (no site build, no browser)."""

from __future__ import annotations

import io
import re

import pytest

from notices import search as sd
from notices.registry import Registry

DICT2 = {"人民", "政府", "市场", "监管", "上海", "长宁", "知识", "产权", "地理", "标志", "剑网", "打假"}


def cut(s):  # a stand-in for jieba: the words given, else single characters
    words = ["上海市长宁区", "人民政府", "市场监管局", "知识产权", "地理标志", "剑网", "沪长", "打假", "发", "号"]
    i = 0
    while i < len(s):
        for w in sorted(words, key=len, reverse=True):
            if s.startswith(w, i):
                yield w
                i += len(w)
                break
        else:
            yield s[i]
            i += 1


@pytest.fixture(scope="module")
def reg():
    return Registry.load()


def test_dictionary_has_agency_forms_aliases_campaigns_terms(reg):
    words = set(sd.dictionary_words(reg))
    for w in ["市场监管局", "市场监督管理局", "国家市场监督管理总局", "市场监管总局", "工商总局", "剑网",
              "线上净网线下清源", "海关总署"]:
        assert w in words, w
    assert all(len(w) >= 2 and sd.HAN.fullmatch(w) for w in words)
    text = sd.user_dictionary(["剑网", "铁拳"])
    assert text == "剑网 2000\n铁拳 2000\n"


def test_pieces_are_at_most_two_characters_and_partition_the_word():
    assert sd.pieces("人民政府", DICT2) == ["人民", "政府"]
    assert sd.pieces("市场监管局", DICT2) == ["市场", "监管", "局"]
    for w in ["上海市长宁区", "知识产权局", "地理标志"]:
        p = sd.pieces(w, DICT2)
        assert "".join(p) == w and all(len(x) <= 2 for x in p)


def test_make_cut_recuts_names_without_user_words():
    user = lambda s: iter(["上海市长宁区"])  # noqa: E731
    base = lambda s: iter(["上海市", "长宁区"])  # noqa: E731
    assert list(sd.make_cut(user, base, {"上海市长宁区"})("上海市长宁区")) == ["上海市", "长宁区"]


def test_segment_keeps_the_text_and_separates_tokens():
    text = "上海市长宁区人民政府\u200b市场监管局 2020年"
    out = sd.segment(text, cut, DICT2)
    assert out.replace("\u200b", "") == text.replace("\u200b", "")
    tokens = [t for t in re.split(sd.SEPARATOR, out) if t]
    assert "政府" in tokens and "监管" in tokens and "长宁" in tokens
    assert "2020" in tokens
    calls = []
    counted = lambda s: calls.append(s) or cut(s)  # noqa: E731
    runs: dict = {}
    twice = "人民政府，市场监管局。人民政府"
    assert sd.segment(twice, counted, DICT2, runs) == sd.segment(twice, cut, DICT2)
    assert calls.count("人民政府") == 1 and "人民政府" in runs  # a repeated run is cut once


def _tokens(text):  # as material's worker cuts a field: tags are boundaries, then the separator
    return [t for part in re.split(r"<[^>]*>", text) for t in re.split(sd.SEPARATOR, part) if t]


def test_segment_fences_only_where_they_separate():
    text = "<p>为贯彻落实《2013年上海市工作要点》（沪打假办〔2013〕1号），制定本方案。</p> 项目 内容"
    out = sd.segment(text, cut, DICT2)
    fenced = sd.fence(text, cut, DICT2)  # every Han run fenced on both sides
    assert len(out) < len(fenced) and _tokens(out) == _tokens(fenced)
    assert "人民\u200b政府" in sd.segment("人民政府", cut, DICT2)
    for idle in ["\u200b，", "，\u200b", ">\u200b", "\u200b<", " \u200b", "\u200b "]:
        assert idle not in out, idle
    assert not out.startswith("\u200b") and not out.endswith("\u200b")
    assert "年\u200b上海" in out or "年\u200b上" in out  # between two tokens it stays


def test_keep_and_trim_sections():
    assert sd.keep_section("agencies/national.samr/")
    assert not sd.keep_section("agencies/national.samr/#partners")
    assert not sd.keep_section("en/agencies/national.samr/#tasks")
    assert sd.keep_section("campaigns/jianwang/#about")
    assert not sd.keep_section("campaigns/jianwang/#tasks")
    assert not sd.keep_section("catalogue/places/shanghai/#matrix")
    assert sd.keep_section("notices/x/#s-1")
    assert sd.trim_text("foreign/", "<p>intro</p> <p>task</p>") == "<p>intro</p>"
    assert sd.trim_text("en/notices/x/#tasks", "Task Lead — A; B; A — B") == "Task Lead ; A ; B"


def test_page_keys_identifiers_and_places():
    keys = sd.page_keys(
        [{"slug": "n", "doc_number": "沪长打假发〔2020〕1号", "index_number": "234/2023-00022",
          "jurisdiction": {"name": "上海市长宁区"}}],
        [{"slug": "jianwang", "zh": "剑网", "years": [2022]}],
    )
    assert keys["notices/n/"][:2] == ["沪长打假发20201号", "234202300022"]
    assert "长宁区" in keys["notices/n/"]
    assert keys["campaigns/jianwang/"] == ["剑网2022"]
    assert sd.compact("沪长打假发2020 1号") == "沪长打假发20201号"


def test_rework_index_dedupes_excludes_resegments_and_configures():
    index = {
        "config": {"lang": ["en"], "separator": "x", "pipeline": [], "fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "notices/n/", "title": "人民政府", "text": "市场监管局"},
            {"location": "notices/n/#s-1", "title": "一", "text": "地理标志"},
            {"location": "agencies/a/", "title": "市场监管局", "text": ""},
            {"location": "agencies/a/#tasks", "title": "任务", "text": "很长的任务文字"},
            {"location": "notices/n/", "title": "人民政府", "text": "市场监管局"},
        ],
    }
    out = sd.rework_index(index, cut, DICT2, keys={"notices/n/": ["沪长打假发20201号"]},
                          t2s={"劍": "剑"}, syn={"samr": ["国家市场监督管理总局"]})
    locs = [d["location"] for d in out["docs"]]
    assert locs == ["notices/n/", "notices/n/#s-1", "agencies/a/"]
    n = out["docs"][0]
    assert n["title"] == "人民\u200b政府" and n["keys"] == "沪长打假发20201号" and n["boost"] == 2.0
    assert out["config"]["separator"] == sd.SEPARATOR
    assert out["config"]["fields"]["keys"]["boost"] > out["config"]["fields"]["title"]["boost"]
    assert out["config"]["sd"] == {"t2s": "劍剑", "syn": {"samr": ["国家市场监督管理总局"]}}
    assert index["docs"][0]["title"] == "人民政府"  # input untouched


def test_synonyms_from_data_and_registry_abbr(reg):
    syn = sd.synonyms(reg, {"synonyms": {"跨境电商": ["跨境电子商务"], "进博会": "进口博览会"}})
    assert syn["跨境电商"] == ["跨境电子商务"] and syn["进博会"] == ["进口博览会"]
    assert "国家市场监督管理总局" in syn["samr"] and "市场监管总局" in syn["samr"]
    assert "国家知识产权局" in syn["cnipa"] and "海关总署" in syn["gacc"]


def test_t2s_table_from_opencc_only_for_index_characters():
    table = sd.t2s_table("剑网商标", sd.opencc_ts_characters())
    assert table["劍"] == "剑" and table["網"] == "网" and table["標"] == "标"
    assert all(v in "剑网商标" for v in table.values())


def test_separator_splits_identifiers():
    assert [t for t in re.split(sd.SEPARATOR, "234234234444444444/2023-00022") if t] == [
        "234234234444444444", "2023", "00022"]
    assert [t for t in re.split(sd.SEPARATOR, "〔2020〕1") if t] == ["2020", "1"]


AGENCY_HTML = (
    '<h1 id="广州市天河区市场监督管理局">广州市天河区市场监督管理局<a class="headerlink" href="#x" title="Permanent link">'
    "&para;</a></h1>\n<table>\n<thead>\n<tr>\n<th>项目</th>\n<th>内容</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
    "<td>全称</td>\n<td>广州市天河区市场监督管理局</td>\n</tr>\n<tr>\n<td>英文名称</td>\n"
    "<td>Tianhe District Administration for Market Regulation</td>\n</tr>\n</tbody>\n</table>\n"
    '<p>见 <a href="../x/">上级</a>。</p>\n'
    '<h2 data-search-exclude id="chain">上下级<a class="headerlink" href="#chain">&para;</a></h2>\n'
    "<p>国家市场监督管理总局 → 广东省市场监督管理局</p>\n"
    '<h2 data-search-exclude id="tasks">承担的任务</h2>\n'
    '<h3 id="2025">2025 · <a href="../../notices/x/">工作要点</a></h3>\n<ul>\n<li><strong>负责</strong> 任务</li>\n</ul>\n'
)


def _first_section(html):
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    s = parser.data[0]
    return s.id, "".join(s.title).strip(), "".join(s.text).strip()


def test_first_section_only_pages_keep_nothing_else():
    for loc in ["agencies/national.samr/", "en/agencies/shanghai.customs/"]:
        assert sd.first_section_only(loc)
        assert sd.keep_section(loc) and not sd.keep_section(loc + "#tasks")
    for loc in ["agencies/", "en/agencies/", "agencies/systems/market-regulation/", "notices/x/", "campaigns/jianwang/"]:
        assert not sd.first_section_only(loc), loc


def test_first_section_html_cuts_before_the_second_section():
    prefix = sd.first_section_html(AGENCY_HTML)
    assert prefix.endswith("</p>\n") and "chain" not in prefix and "承担" not in prefix
    # the search plugin's parser gives the same first section from the prefix as from the page
    assert _first_section(prefix) == _first_section(AGENCY_HTML)
    sid, title, text = _first_section(prefix)
    assert sid is None and title == "广州市天河区市场监督管理局"
    assert "Tianhe District" in text and "<p>见 上级。</p>" in text and "承担" not in text
    # text before the first heading is a section of its own: the cut is at that heading
    assert sd.first_section_html("<p>前言</p>" + AGENCY_HTML) == "<p>前言</p>"
    assert sd.first_section_html("<p>没有标题</p>") == "<p>没有标题</p>"
    # a heading without an id does not start a section
    html = '<h1 id="a">A</h1><h2>B</h2><p>b</p><h2 id="c">C</h2><p>c</p>'
    assert sd.first_section_html(html) == '<h1 id="a">A</h1><h2>B</h2><p>b</p>'


def test_split_languages_and_stub():
    index = {"config": {"lang": ["en"], "separator": "x", "sd": {"t2s": "", "syn": {"a": ["b"]}}},
             "docs": [{"location": "", "title": "首页", "text": ""},
                      {"location": "notices/n/", "title": "通知", "text": ""},
                      {"location": "en/", "title": "Home", "text": ""},
                      {"location": "en/notices/n/#s-1", "title": "One", "text": ""},
                      {"location": "notices/n/#s-1", "title": "一", "text": ""}]}
    parts = sd.split_languages(index)
    assert [d["location"] for d in parts["zh"]["docs"]] == ["", "notices/n/", "notices/n/#s-1"]
    assert [d["location"] for d in parts["en"]["docs"]] == ["en/", "en/notices/n/#s-1"]
    assert parts["en"]["config"]["sd"]["syn"] == {"a": ["b"]}
    parts["en"]["config"]["sd"]["t2s"] = "劍剑"
    assert index["config"]["sd"]["t2s"] == ""  # configs are copies
    alone = sd.split_languages({"config": index["config"], "docs": index["docs"][2:4]}, only="en")
    assert list(alone) == ["en"] and len(alone["en"]["docs"]) == 2
    assert sd.split_languages({"config": {}, "docs": []}, only="en") == {"en": {"config": {}, "docs": []}}
    stub = sd.stub_index(index)
    assert stub["docs"] == [] and stub["config"]["separator"] == "x" and "syn" not in stub["config"]["sd"]


def test_dumps_is_compact_utf8():
    text = sd.dumps({"config": {"a": [1, 2]}, "docs": [{"title": "剑网"}]})
    assert text == '{"config":{"a":[1,2]},"docs":[{"title":"剑网"}]}'


@pytest.mark.parametrize("index", [
    {"config": {"a": [1, "中"], "sd": {"t2s": "發发"}}, "docs": [{"location": "x/", "text": "中\u200b文 <&>"}, {"title": "t"}]},
    {"config": {}, "docs": []},
    {"docs": [{"a": 1}], "config": None},
])
def test_dump_writes_what_dumps_returns(index):
    handle = io.StringIO()
    sd.dump(index, handle)
    assert handle.getvalue() == sd.dumps(index)


def test_gzip_text_is_gzip_of_the_text_and_the_same_bytes_each_time():
    """The index is shipped gzipped: decompressing gives the text, and the same text gives the
    same bytes (no time or file name in the gzip header), so builds stay byte-identical."""
    import gzip
    import time

    index = {"config": {"sd": {"t2s": "發发"}}, "docs": [{"location": "x/", "text": "剑网" * 500}]}
    outputs = []
    for _ in range(2):
        raw = io.BytesIO()
        with sd.gzip_text(raw) as handle:
            sd.dump(index, handle)
        outputs.append(raw.getvalue())
        time.sleep(1.1)  # a header holding the time would differ
    assert outputs[0] == outputs[1]
    assert outputs[0][:2] == b"\x1f\x8b" and len(outputs[0]) < len(sd.dumps(index).encode())
    assert gzip.decompress(outputs[0]).decode("utf-8") == sd.dumps(index)
