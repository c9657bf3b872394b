"""Dates, 文号, metadata tables, titles and issuers on real phrasings."""

import pytest

from notices.clean import clean
from notices.dates import parse_date
from notices.metadata import extract_header, normalise_doc_number, table_fields


@pytest.mark.parametrize("text, iso", [
    ("2020年9月22日", "2020-09-22"),
    ("二〇二〇年九月二十二日", "2020-09-22"),
    ("二〇一八年十二月三十一日印发", "2018-12-31"),
    ("2023-09-01 09:44", "2023-09-01"),
    ("2022.7.7", "2022-07-07"),
    ("2022年13月1日", None),
    ("2021年", None),
])
def test_dates(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("written, normal", [
    ("沪长打假发〔2020〕1号", "沪长打假发〔2020〕1号"),
    ("沪打假发〔2020〕1 号", "沪打假发〔2020〕1号"),
    ("昭打假办[2018]3号", "昭打假办〔2018〕3号"),
    ("赣市监发［2019］ 12 号", "赣市监发〔2019〕12号"),
    ("国办发(2021)5号", "国办发〔2021〕5号"),
])
def test_doc_numbers_are_normalised(written, normal):
    assert normalise_doc_number(written) == normal


def test_flattened_information_table():
    assert table_fields("索引号:| 234234234444444444/2023-00022 |生成日期: | 2023-09-01 |") == [
        ("索引号", "234234234444444444/2023-00022"), ("生成日期", "2023-09-01")]
    assert table_fields("文号: |关键字: |侵权,负责") == [("文号", ""), ("关键字", "侵权,负责")]


def test_news_header_fields_and_view_counter():
    header = extract_header(clean("标题行\n时间:2022-09-06 来源:上海市双打办 阅读:1112\n").paras)
    assert header.published_date == "2022-09-06"
    assert header.source == "上海市双打办"
    assert header.dropped == ["阅读:1112"]


COVER = """上海市某某区打击侵犯知识产权和 制售假冒伪劣商品工作领导小组

文件

某打假发〔2021〕2号

关于印发《2021年某某区打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知

各成员单位：

现将《2021年某某区打击侵犯知识产权和制售假冒伪劣商品工作要点》印发给你们，请认真贯彻执行。

上海市某某区打击侵犯知识产权和
制售假冒伪劣商品工作领导小组
二〇二一年三月五日

2021 年某某区打击侵犯知识产权 和制售假冒伪劣商品工作要点

一、总体要求
"""


def test_cover_notice_gives_title_number_issuer_and_date():
    header = extract_header(clean(COVER).paras)
    assert header.title == "2021年某某区打击侵犯知识产权和制售假冒伪劣商品工作要点"
    assert header.notice_title == "关于印发《2021年某某区打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知"
    assert header.doc_number == "某打假发〔2021〕2号"
    assert header.issuer == "上海市某某区打击侵犯知识产权和制售假冒伪劣商品工作领导小组"
    assert header.issued_date == "2021-03-05"
    assert header.doc_type == "work-plan"


def test_issuer_from_an_explicit_issuing_sentence_not_from_the_republishing_source():
    raw = ("某省印发2022年工作要点\n时间:2022-09-06 来源:某省双打办\n"
           "某省打击侵犯知识产权和制售假冒伪劣商品工作领导小组于2022年7月7日印发《2022年某省打击侵权假冒工作要点》,全文如下:\n"
           "2022年某省打击侵权假冒工作要点\n一、总体要求\n")
    header = extract_header(clean(raw).paras)
    assert header.issuer == "某省打击侵犯知识产权和制售假冒伪劣商品工作领导小组"
    assert header.issued_date == "2022-07-07"
    assert header.source == "某省双打办"
    assert header.title == "2022年某省打击侵权假冒工作要点"


def test_cited_number_in_the_body_is_not_the_notices_own():
    raw = ("2022年某市工作要点\n"
           "根据《2022年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》(打假发〔2022〕1号)，结合本市实际。\n")
    assert extract_header(clean(raw).paras).doc_number is None


def test_titles_printed_on_several_lines_and_doc_numbers_in_their_real_forms():
    from notices.clean import clean
    from notices.metadata import extract_header
    h = extract_header(clean("四川省人民政府办公厅\n关于进一步做好近期打击侵犯知识产权\n和制售假冒伪劣商品工作的通知\n"
                             "川办发〔2012〕46号\n各市（州）人民政府：\n现将有关事项通知如下。").paras)
    # a 通知 that is itself the document: titled as printed, its issuer included
    assert h.title == "四川省人民政府办公厅关于进一步做好近期打击侵犯知识产权和制售假冒伪劣商品工作的通知"
    assert h.notice_title is None and h.issuer == "四川省人民政府办公厅"
    assert h.doc_number == "川办发〔2012〕46号"
    h = extract_header(clean("关于进一步开展专项行动的通知(黔农办发〔2011〕140号)\n各市(州、地)农委:\n通知如下。").paras)
    assert h.doc_number == "黔农办发〔2011〕140号" and h.title == "关于进一步开展专项行动的通知"
    h = extract_header(clean("关于印发山东省近期工作要点的通知\n鲁打假发2019〕1号\n各市：\n现印发给你们。").paras)
    assert h.doc_number == "鲁打假发〔2019〕1号"


def test_title_lines_with_a_glued_doc_number_a_part_number_or_an_implementation_opinion():
    from notices.clean import clean
    from notices.metadata import extract_header
    h = extract_header(clean("四川省人民政府\n关于新形势下加强打击侵犯知识产权和制售假冒伪劣商品工作的实施意见川府发〔2017〕54号\n"
                             "各市(州)人民政府：\n为贯彻落实，特制定本实施意见。").paras)
    assert h.title == "四川省人民政府关于新形势下加强打击侵犯知识产权和制售假冒伪劣商品工作的实施意见"
    assert (h.doc_number, h.issuer) == ("川府发〔2017〕54号", "四川省人民政府")
    h = extract_header(clean("关于印发2019年天津市打击侵权假冒工作要点的通知(4)\n(二十二)健全考核评价机制").paras)
    assert h.notice_title == "关于印发2019年天津市打击侵权假冒工作要点的通知"
    assert h.title == "2019年天津市打击侵权假冒工作要点"
    # a slogan above the title is not part of it
    h = extract_header(clean("保护知识产权就是保护创新\n浙江省人民政府关于进一步做好打击侵权假冒工作的实施意见\n"
                             "浙政发〔2012〕32号\n各市、县(市、区)人民政府：\n现提出如下意见。").paras)
    assert h.title == "浙江省人民政府关于进一步做好打击侵权假冒工作的实施意见" and h.doc_number == "浙政发〔2012〕32号"


def test_a_title_as_printed_with_its_place_and_a_doc_number_glued_after_the_notice():
    from notices.clean import clean
    from notices.metadata import extract_header
    h = extract_header(clean("天津市关于新形势下加强打击侵权假冒工作的实施意见\n各区打击侵权假冒工作领导小组：\n现提出如下意见。").paras)
    assert h.title == "天津市关于新形势下加强打击侵权假冒工作的实施意见"
    h = extract_header(clean("国务院办公厅关于印发2012年全国打击侵权假冒工作要点的通知国办发〔2012〕30号\n"
                             "各省、自治区、直辖市人民政府：\n现印发给你们。").paras)
    assert (h.notice_title, h.doc_number) == ("关于印发2012年全国打击侵权假冒工作要点的通知", "国办发〔2012〕30号")


def test_the_documents_own_title_line_may_add_its_place():
    from notices.clean import clean
    from notices.metadata import extract_header
    h = extract_header(clean("西安市人民政府办公厅关于印发国家知识产权保护示范区建设方案的通知\n各区县人民政府：\n"
                             "《西安市国家知识产权保护示范区建设方案》已经市政府同意，现印发给你们。\n西安市人民政府办公厅\n"
                             "2024年1月5日\n西安市国家知识产权保护示范区建设方案\n为贯彻落实决策部署，制定本方案。").paras)
    assert h.title == "西安市国家知识产权保护示范区建设方案"
    assert h.notice_title == "关于印发国家知识产权保护示范区建设方案的通知"


def test_a_signature_date_printed_without_separators():
    from notices.metadata import packed_date
    assert packed_date("2022921") == "2022-09-21" and packed_date("20221231") == "2022-12-31"
    assert packed_date("2022111") is None  # 1-11 or 11-1: not guessed
    assert packed_date("2019") is None
