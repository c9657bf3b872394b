"""Where a notice comes from, read from everything its text says (notices.locate), and the
notice that does not say: converted all the same, flagged, and listed together."""

from __future__ import annotations

import pytest

from notices.parse import parse_text, undetermined_warning
from notices.registry import DATA_DIR, Registry
from notices.sidecar import Sidecar
from notices.site import indexes
from notices.site.data import from_registry


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


def place(reg, text, **kw):
    n = parse_text(text, reg, **kw)
    return n.jurisdiction["name"], n.jurisdiction["level"]


BODY = "\n\n一、加强组织领导。（{a}市场监管局负责）\n\n二、严厉打击侵权假冒。（{a}公安局牵头）\n"


@pytest.mark.parametrize("text,name,level", [
    # the 文号's abbreviation and a salutation to 各市（州）: a province's notice
    ("关于做好打击侵权假冒工作的通知\n\n川办发〔2013〕43号\n\n各市（州）人民政府，省政府各部门：\n\n为做好全省工作，通知如下："
     + BODY.format(a="省"), "四川省", "province"),
    # a notice that names no place but speaks of 全省, with a Guizhou 文号 in its title line
    ("关于进一步开展专项行动的通知(黔农办发〔2011〕140号)\n\n各市(州、地)农委：\n\n为进一步开展好我省农业系统专项行动，通知如下："
     + BODY.format(a="省"), "贵州省", "province"),
    # a city office signing with the relative 市, its 文号 abbreviating the city (雅 → 雅安市)
    ("关于转发《四川省2017年度“清风”行动实施方案》的通知（雅打假办发〔2017〕2号）\n\n"
     "市打击侵权假冒工作领导小组各成员单位，各县（区）打击侵权假冒工作领导小组办公室：\n\n"
     "现将省打击侵权假冒工作领导小组办公室关于印发《四川省2017年度“清风”行动实施方案》的通知（川打假办发〔2017〕1号）转发你们。\n\n"
     "市打击侵权假冒工作领导小组办公室\n\n2017年5月10日" + BODY.format(a="市"), "雅安市", "prefecture"),
    # addressed to every province: national
    ("关于做好打击侵权假冒工作的通知\n\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n现就有关事项通知如下："
     + BODY.format(a=""), "全国", "national"),
    # a county-level city is a county, whatever its 市 says
    ("大冶市打击侵权假冒工作领导小组办公室关于印发2022年工作要点的通知" + BODY.format(a="市"), "黄石市大冶市", "county"),
])
def test_place_from_the_evidence(reg, text, name, level):
    assert place(reg, text) == (name, level)


NOWHERE = "关于做好打击侵权假冒工作的通知\n\n各有关单位：" + BODY.format(a="")


def test_a_notice_that_names_no_place_converts_flagged(reg):
    n = parse_text(NOWHERE, reg)
    assert n.jurisdiction["level"] == "undetermined" and n.jurisdiction["id"] == "undetermined"
    assert n.undetermined[0] == "jurisdiction"
    assert len(n.tasks) == 2 and [a.name for a in n.tasks[1].agencies] == ["公安局"]
    line = undetermined_warning("sources/x.txt", "jurisdiction")
    assert line.startswith("sources/x.txt: ") and "x.meta.yml" in line and "jurisdiction:" in line
    assert "\n" not in line


def test_the_sidecar_settles_the_place(reg):
    n = parse_text(NOWHERE, reg, sidecar=Sidecar(corrections={"jurisdiction": "江苏省苏州市"}))
    assert (n.jurisdiction["name"], n.jurisdiction["level"]) == ("苏州市", "prefecture")
    assert "jurisdiction" not in n.undetermined


def test_undetermined_notices_have_their_own_catalogue_page(reg):
    n = parse_text(NOWHERE, reg, slug="nowhere")
    other = parse_text("大冶市打击侵权假冒工作领导小组办公室关于印发2022年工作要点的通知" + BODY.format(a="市"), reg,
                       slug="daye")
    site = from_registry([n, other], reg, DATA_DIR)
    pages = {path: notices for path, _, notices in indexes.listings(site)}
    assert [x.slug for x in pages["catalogue/places/undetermined"]] == ["nowhere"]
    zh, en = (indexes.listing_view(site, "place:undetermined", 1, lang) for lang in ("zh", "en"))
    assert "地区未确定" in zh.title and "Place not determined" in en.title
    assert zh.level == "地区未确定" and en.level == "Place not determined"


@pytest.mark.parametrize("text,name,level", [
    # a plan that starts at its preamble: 全国 in its opening sentence
    ("2015年下半年，全国打击侵犯知识产权和制售假冒伪劣商品工作要围绕国内外关注的重点。\n\n一、全面推进重大专项行动"
     + BODY.format(a=""), "全国", "national"),
    # a province named only by its short name (安徽), speaking of 全省
    ("2020年是“十三五”规划收官之年。做好2020年全省打击侵权假冒工作，要以安徽实际为基础。\n\n一、深化重点领域监管"
     + BODY.format(a="省"), "安徽省", "province"),
    # an autonomous region addressed as 各盟行政公署, speaking of 全区
    ("各盟行政公署、市人民政府，自治区各委、办、厅、局：\n\n经自治区人民政府同意，现将《2017年全区工作要点》印发给你们。\n\n"
     "2017年，全区打击侵犯知识产权和制售假冒伪劣商品工作要全面贯彻内蒙古实际。" + BODY.format(a="自治区"),
     "内蒙古自治区", "province"),
])
def test_place_from_the_opening_and_short_names(reg, text, name, level):
    assert place(reg, text) == (name, level)


def test_a_doc_number_followed_by_its_date():
    from notices.clean import clean
    from notices.metadata import extract_header
    h = extract_header(clean("四川省人民政府办公厅\n关于做好近期工作的通知\n川办发〔2012〕46号二○一二年七月二十五日(此文件已失效)\n"
                             "各市(州)人民政府：\n通知如下。").paras)
    assert (h.doc_number, h.issued_date) == ("川办发〔2012〕46号", "2012-07-25")


def test_a_shared_place_name_is_settled_by_the_places_the_text_names(reg):
    head = "新华区市场监督管理局关于印发2022年工作要点的通知\n\n各科室：\n\n一、加强执法。（区市场监管局负责）"
    # 新华区 is in 石家庄, 沧州 and 平顶山: the city the text names settles it
    assert place(reg, head + "按照沧州市的部署，结合河北省实际。\n") == ("沧州市新华区", "county")
    # named nowhere: read from its name alone, no parent guessed
    assert place(reg, head + "\n") == ("新华区", "county")
