"""The cleaning stage on the quirks real notices show."""

from notices.clean import clean, to_simplified


def texts(raw: str) -> list[str]:
    return [p.text for p in clean(raw).paras]


def test_page_break_inside_a_sentence_is_joined():
    raw = "（二十一）推进信用体系建设。推进侵权假冒领域信用监管（区市场监管局负责）加强快递行\n\n业诚信体系建设。（市黄浦邮政管理局负责）"
    assert texts(raw) == ["（二十一）推进信用体系建设。推进侵权假冒领域信用监管（区市场监管局负责）加强快递行业诚信体系建设。（市黄浦邮政管理局负责）"]


def test_agency_list_split_mid_parenthesis_is_joined():
    raw = "加强维权援助，开展“一站式”服务。(区委\n\n宣传部、区商务委、区市场监管局按职责分工分别负责）"
    assert texts(raw) == ["加强维权援助，开展“一站式”服务。(区委宣传部、区商务委、区市场监管局按职责分工分别负责）"]


def test_parenthesis_alone_after_a_page_break_joins_its_task():
    raw = "（十四）健全无害化销毁。组织开展侵权盗版出版物销毁活动。\n\n(区委宣传部负责)"
    assert texts(raw) == ["（十四）健全无害化销毁。组织开展侵权盗版出版物销毁活动。(区委宣传部负责)"]


def test_headings_are_not_joined_to_the_next_paragraph():
    raw = "一、总体要求\n\n以习近平新时代中国特色社会主义思想为指导，牢固树立保护知识产权的理念。"
    assert len(texts(raw)) == 2


def test_page_markers_are_dropped_and_reported():
    result = clean("加强执法，严厉打击侵权假冒违法犯罪行为，维护\n— 2 —\n公平竞争的市场秩序。\n- 3 -\n第 4 页\n")
    assert [p.text for p in result.paras] == ["加强执法，严厉打击侵权假冒违法犯罪行为，维护公平竞争的市场秩序。"]
    assert result.dropped == ["— 2 —", "- 3 -", "第 4 页"]


def test_stray_spaces_between_chinese_characters_are_removed():
    assert texts("全面做好 2020 年上海市长宁区打击侵犯知识产权 和制售假冒伪劣商品工作。") == [
        "全面做好2020年上海市长宁区打击侵犯知识产权和制售假冒伪劣商品工作。"]


def test_one_line_body_is_split_at_its_outline_markers():
    raw = "推动构建新发展格局。 一、深化重点治理 (一)互联网领域侵权假冒治理 1.以食品为重点。(区市场监管局负责) 2.打击网络侵权盗版。(区委宣传部负责)"
    assert texts(raw) == ["推动构建新发展格局。", "一、深化重点治理", "(一)互联网领域侵权假冒治理",
                          "1.以食品为重点。(区市场监管局负责)", "2.打击网络侵权盗版。(区委宣传部负责)"]


def test_view_counter_and_navigation_words_are_furniture():
    result = clean("正文第一段。\n浏览次数:\n热点资讯\n|\n")
    assert [p.text for p in result.paras] == ["正文第一段。"]
    assert result.dropped == ["浏览次数:", "热点资讯", "|"]


def test_traditional_text_is_kept_as_written_and_matched_simplified():
    para = clean("開展“劍網2021”專項行動。（區市場監管局負責）").paras[0]
    assert para.orig == "開展“劍網2021”專項行動。（區市場監管局負責）"
    assert para.text == to_simplified(para.orig) == "开展“剑网2021”专项行动。（区市场监管局负责）"


def test_words_of_a_heading_are_not_taken_for_furniture():
    assert texts("打印机耗材侵权假冒治理") == ["打印机耗材侵权假冒治理"]


PDF = """　　为贯彻落实《福建省2020年打击侵犯知识产权和制售假冒伪劣商
品工作要点》（闽打假发〔2020〕2号），为进一步加强全市知识产
权保护，严厉打击侵权假冒违法行为，维护公平竞争的市场秩序，制
定本实施方案。
　　18.开展剑网 2018 专项行动，严厉打击视听作品、电商平台、社
交媒体等领域的侵权盗版行为。加强对网络直播的版权监管，压实平
台版权保护责任。（市税务局、市公安局按职责分工负责）加强对重
点行业、重点企业的税收风险管理，加大对侵权行为的打击力度。
（市委宣传部、市委网信办、市文化和旅游局、市工业和信息化
局按职责分工负责）
　　（十二）加强商标执法。
"""


def test_hard_wrapped_pdf_text_is_joined_into_its_paragraphs():
    assert texts(PDF) == [
        "为贯彻落实《福建省2020年打击侵犯知识产权和制售假冒伪劣商品工作要点》（闽打假发〔2020〕2号），为进一步加强全市知识产权保护，"
        "严厉打击侵权假冒违法行为，维护公平竞争的市场秩序，制定本实施方案。",
        "18.开展剑网2018专项行动，严厉打击视听作品、电商平台、社交媒体等领域的侵权盗版行为。加强对网络直播的版权监管，压实平台版权保护责任。"
        "（市税务局、市公安局按职责分工负责）加强对重点行业、重点企业的税收风险管理，加大对侵权行为的打击力度。"
        "（市委宣传部、市委网信办、市文化和旅游局、市工业和信息化局按职责分工负责）",
        "（十二）加强商标执法。"]


def test_a_title_centred_on_two_lines_is_one_line():
    raw = "        2022年某某市打击侵犯知识产权和制售假冒伪劣\n        商品工作要点\n\n        某打假办〔2022〕3号\n"
    assert texts(raw) == ["2022年某某市打击侵犯知识产权和制售假冒伪劣商品工作要点", "某打假办〔2022〕3号"]


def test_pinyin_ruby_is_removed_and_reported():
    from notices.clean import clean
    out = clean("国办发(fā)〔2016〕25号\n\n2016年全国打击侵犯知识产(chǎn)权和制售假冒伪劣商品工作要点(diǎn)\n\n加强(一)领导（市场监管局负责）。")
    texts = [p.text for p in out.paras]
    assert texts[1] == "2016年全国打击侵犯知识产权和制售假冒伪劣商品工作要点"
    assert texts[0] == "国办发〔2016〕25号"
    assert "（市场监管局负责）" in texts[2] and "(一)" in texts[2]  # words in brackets are kept
    assert out.dropped[0].startswith("拼音注音") and "(chǎn)" in out.dropped[0] and "×3" in out.dropped[0]


def test_title_lines_are_not_joined_with_what_follows():
    from notices.clean import clean
    out = clean("二○一○年十一月二十八日\n黑龙江省打击侵犯知识产权和制售假冒伪劣商品专项行动实施方案\n为贯彻落实全国会议精神，加大知识产权保护力度，制定本方案。")
    assert [p.text for p in out.paras] == ["二○一○年十一月二十八日", "黑龙江省打击侵犯知识产权和制售假冒伪劣商品专项行动实施方案",
                                          "为贯彻落实全国会议精神，加大知识产权保护力度，制定本方案。"]


def test_a_byline_field_is_not_joined_to_the_line_above():
    from notices.clean import clean
    out = clean("全国打击侵犯知识产权和制售 假冒伪劣商品工作领导小组 文件\n作者:刘江来源:刘江浏览量:1727发布日期:2022-6-13\n")
    assert len(out.paras) == 2 and out.paras[1].text.startswith("作者:")
