"""信息公开 metadata in the layouts real sites use, read the same way (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices.parse import load_notice
from notices.registry import Registry

BODY = ("<h1>深圳市市场监督管理局关于开展打击侵权假冒工作的通知</h1><p>各区局：</p>"
        "<p>一、严厉打击侵权假冒。（市局执法处负责）</p><p>深圳市市场监督管理局</p><p>2024年4月12日</p>")
FACTS = {"index_number": "11440300MB2C92049K/2024-00123", "doc_number": "深市监〔2024〕12号",
         "published_date": "2024-04-15"}

LAYOUTS = {
    # <th>label</th><td>value</td>, two pairs a row, labels without colons
    "th-td": "<table><tr><th>索引号</th><td>11440300MB2C92049K/2024-00123</td><th>文号</th><td>深市监〔2024〕12号</td></tr>"
             "<tr><th>发布日期</th><td>2024-04-15</td><th>发布机构</th><td>深圳市市场监督管理局</td></tr></table>",
    # the table printed twice (agreeing values read once), traditional and spaced labels
    "twice": "<table><tr><td>索 引 號:</td><td>11440300MB2C92049K/2024-00123</td><td>文 號:</td><td>深市监〔2024〕12号</td></tr>"
             "<tr><td>發布日期:</td><td>2024-04-15</td></tr></table>"
             "<table><tr><td>索 引 號:</td><td>11440300MB2C92049K/2024-00123</td><td>文 號:</td><td>深市监〔2024〕12号</td></tr>"
             "<tr><td>發布日期:</td><td>2024-04-15</td></tr></table>",
    # a definition list
    "dl": "<dl><dt>索引号</dt><dd>11440300MB2C92049K/2024-00123</dd><dt>文号</dt><dd>深市监〔2024〕12号</dd>"
          "<dt>发布日期</dt><dd>2024-04-15</dd></dl>",
    # label/value divs
    "divs": "<div><span>索引号：</span><span>11440300MB2C92049K/2024-00123</span></div>"
            "<div><span>文号：</span><span>深市监〔2024〕12号</span></div><div><span>发布日期：</span><span>2024-04-15</span></div>",
    # one field a line, the value on the next
    "lines": "<p>索引号</p><p>11440300MB2C92049K/2024-00123</p><p>文号</p><p>深市监〔2024〕12号</p><p>发布日期</p><p>2024-04-15</p>",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_same_facts(layout, tmp_path: Path):
    path = tmp_path / f"notice-{layout}.html"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{LAYOUTS[layout]}{BODY}</body></html>",
                    encoding="utf-8")
    notice = load_notice(path, Registry.load())
    assert {k: getattr(notice, k) for k in FACTS} == FACTS
    assert notice.title == "深圳市市场监督管理局关于开展打击侵权假冒工作的通知"
    assert notice.jurisdiction["name"] == "深圳市" and len(notice.tasks) == 1


def test_text_flattened_into_pipes(tmp_path: Path):
    path = tmp_path / "pipes.txt"
    path.write_text("索引号：|11440300MB2C92049K/2024-00123|文号：|深市监〔2024〕12号|发布日期：|2024-04-15|\n"
                    "深圳市市场监督管理局关于开展打击侵权假冒工作的通知\n各区局：\n一、严厉打击侵权假冒。（市局执法处负责）\n",
                    encoding="utf-8")
    notice = load_notice(path, Registry.load())
    assert {k: getattr(notice, k) for k in FACTS} == FACTS


def test_a_portal_wrapper_and_a_body_flattened_with_ideographic_spaces():
    """Breadcrumb, a truncated title (…的通...), the title printed three times, a 来源/发布时间/浏览次数
    line, and the whole body on one line cut by runs of U+3000 with （责任单位：…） after each
    sentence: the document's own title and issuer, the page's date, every task with its agencies."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "2021-zhejiang-hangzhou-xihu-portal-flattened.txt"
    n = load_notice(path, Registry.load())
    assert n.notice_title == "关于印发2021年西湖区打击侵权假冒工作要点的通知"
    assert n.title == "2021年西湖区打击侵权假冒工作要点"
    assert n.issuer == "杭州市西湖区打击侵权假冒工作领导小组办公室"
    assert (n.jurisdiction["name"], n.published_date) == ("杭州市西湖区", "2021-03-02")
    got = [[(a.name, a.role) for a in t.agencies if not a.generic] for t in n.tasks]
    assert got == [[("区市场监管局", "responsible"), ("区公安分局", "responsible")], [("区委网信办", "responsible")],
                   [("知识产权局", "responsible")], []]
    # generic groups are never agencies of their own
    assert all(a.name not in ("部门", "领导小组各成员单位") for a in n.agencies)


def test_a_table_row_flattened_without_colons():
    from notices.metadata import table_fields
    assert table_fields("发文字号 豫政办〔2013〕68号 发布时间 2013年08月02日") == [
        ("发文字号", "豫政办〔2013〕68号"), ("发布时间", "2013年08月02日")]
    assert table_fields("发布时间很重要，也很关键") is None


def test_page_stamps_quoted_titles_and_a_masthead():
    from notices.clean import clean
    from notices.metadata import extract_header, table_fields
    assert table_fields("27.07.2015  18:31") == [("发布时间", "2015-07-27")]
    assert table_fields("• 2013年07月03日00时00分") == [("发布时间", "2013-07-03")]
    assert table_fields("2017年6月29日") is None  # a date alone is a signature's, not the page's
    h = extract_header(clean("《黑龙江省人民政府办公厅关于印发黑龙江省专项行动实施方案的通知》\n黑政办发〔2010〕56号\n"
                             "各市(地)人民政府：\n现印发给你们。").paras)
    assert (h.notice_title, h.issuer) == ("关于印发黑龙江省专项行动实施方案的通知", "黑龙江省人民政府办公厅")
    h = extract_header(clean("全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组文件\n2022年全国打击侵权假冒工作要点\n"
                             "做好2022年工作，要坚持稳中求进。").paras)
    assert h.issuer == "全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组"
