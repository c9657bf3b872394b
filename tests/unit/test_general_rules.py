"""General rules written from the held-out notices' failures (corpus/holdout/README.md), each on
the real phrasing of the kind of notice it covers."""

from notices.clean import clean
from notices.metadata import extract_header


def header_of(text: str):
    return extract_header(clean(text).paras)


def test_wiki_info_box_name_is_not_the_title_or_issuer():
    header = header_of(
        "國務院關於進一步做好打擊侵犯智慧財產權和制售假冒偽劣商品工作的意見\n\n基本介紹\n\n"
        "  • 中文名:國務院關於進一步做好打擊侵犯智慧財產權和制售假冒偽劣商品工作的意見\n"
        "  • 發文字號:國發〔2011〕37號\n\n"
        "各省、自治區、直轄市人民政府,國務院各部委、各直屬機構:\n"
        "黨中央、國務院高度重視保護智慧財產權和打擊制售假冒偽劣商品工作。\n")
    assert header.title == "国务院关于进一步做好打击侵犯智慧财产权和制售假冒伪劣商品工作的意见"
    assert header.issuer == "国务院"


def test_three_character_issuer_before_guanyu_is_kept():
    header = header_of(
        "當前位置:首頁 >>法律法規\n\n國務院關于新形勢下加強打擊侵犯知識產權和制售假冒偽劣商品工作的意見\n\n"
        "國發〔2017〕14號\n\n各省、自治區、直轄市人民政府,國務院各部委、各直屬機構:\n\n"
        "為進一步加強打擊侵犯知識產權和制售假冒偽劣商品工作,現提出以下意見:\n")
    assert header.issuer == "国务院"
    assert header.title.startswith("国务院关于新形势下")


def test_signature_printed_date_above_issuer():
    header = header_of(
        "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n"
        "《2014年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》已经国务院同意,现印发给你们,请认真贯彻执行。\n"
        "2014年3月29日\n国务院办公厅\n2014年全国打击侵犯知识产权和制售假冒伪劣商品工作要点\n"
        "一、针对突出问题,组织专项行动\n")
    assert header.issuer == "国务院办公厅"
    assert header.issued_date == "2014-03-29"


def test_joint_issuer_on_two_lines_is_kept_whole():
    header = header_of(
        "農業農村部 最高人民法院 最高人民檢察院\n"
        "工業和信息化部 公安部 國家市場監督管理總局 中華全國供銷合作總社\n"
        "關於印發《2024年全國農資打假和監管工作要點》的通知\n"
        "各省、自治區、直轄市農業農村廳:\n為切實加強農資監管,現印發你們,請認真貫徹執行。\n")
    assert header.issuer == ("农业农村部最高人民法院最高人民检察院"
                             "工业和信息化部公安部国家市场监督管理总局中华全国供销合作总社")


def test_spaced_table_row_with_an_empty_two_character_label():
    header = header_of(
        "中卫市人民政府办公室关于印发中卫市2017年打击侵犯知识产权和制售假冒伪劣商品工作实施方案的通知\n"
        "索引号 640502001/2017-66845 文号 生成日期 2017-09-25\n"
        "公开方式 主动公开 发布机构 市人民政府办公室 责任部门 市人民政府办公室\n"
        "中卫市2017年打击侵犯知识产权和制售假冒伪劣商品工作实施方案\n一、指导思想\n")
    assert header.index_number == "640502001/2017-66845"
    assert header.issued_date == "2017-09-25"
    assert header.doc_number is None
    assert header.issuer_table == "市人民政府办公室"


def test_doc_number_in_ascii_brackets_inside_parentheses_under_the_title():
    header = header_of(
        "南京市食品药品监督管理局关于成立打击侵犯知识产权和制售假冒伪劣商品专项行动领导小组的通知\n"
        "(宁食药监办[2011]8号)\n各区县局、各直属单位:\n"
        "根据《关于印发…的通知》(国办发〔2010〕50号)要求,市局决定成立领导小组。\n")
    assert header.doc_number == "宁食药监办〔2011〕8号"


def test_unquoted_campaigns_listed_before_deng_zhuanxiang_xingdong():
    from notices.campaigns import find_campaigns
    text = "开展农资打假专项整治。继续开展放心农资下乡进村、红盾护农、农资打假下乡等专项行动,加强种子、苗木、农药等重点农资产品专项治理。"
    assert find_campaigns(text, ()) == [("放心农资下乡进村", None), ("红盾护农", None), ("农资打假下乡", None)]
    # a list of means or of tasks names no campaign
    assert find_campaigns("我委将采取抽查、暗访等方式开展专项行动", ()) == []
    assert find_campaigns("组织开展打击侵权、整治假冒等专项行动", ()) == []


def test_a_notice_starting_at_a_national_decision_is_national():
    from notices.parse import parse_text
    from notices.registry import Registry
    reg = Registry.load()
    body = ("国务院决定,从2010年10月至2011年3月,在全国集中开展打击侵犯知识产权和制售假冒伪劣商品专项行动。"
            "为加强对专项行动的组织领导,国务院决定成立领导小组。现将有关事项通知如下:\n"
            "一、领导小组的主要职责\n负责领导专项行动,督办重大案件。\n")
    assert parse_text(body, reg).jurisdiction["level"] == "national"
    # a province citing the State Council's decision names its own place: not national
    provincial = body.replace("现将有关事项", "省政府决定在全省开展专项行动。现将有关事项")
    assert parse_text("四川省人民政府办公厅关于成立领导小组的通知\n" + provincial, reg).jurisdiction["name"] == "四川省"


def test_the_plans_own_heading_is_the_title_when_the_notice_drops_a_de():
    header = header_of(
        "廣西壯族自治區工商局辦公室關於印發全區工商系統開展打擊制售假冒偽劣商品專項行動工作方案的通知\n"
        "桂工商辦發〔2016〕141號\n各設區市工商局:\n現將方案印發給你們,請認真貫徹實施。\n"
        "廣西壯族自治區工商局辦公室\n2016年7月29日\n"
        "全區工商系統開展打擊制售假冒偽劣商品專項行動的工作方案\n一、工作目標\n")
    assert header.title == "全区工商系统开展打击制售假冒伪劣商品专项行动的工作方案"
    assert header.issuer == "广西壮族自治区工商局办公室"


def test_a_leading_groups_duties_members_and_office_are_no_tasks():
    from notices.outline import build_outline
    outline = build_outline([
        "一、领导小组的主要职责",
        "负责领导全国打击侵犯知识产权和制售假冒伪劣商品专项行动,推动建立长效工作机制。",
        "二、领导小组人员组成", "组长:唐富春市食品药品监督管理局局长",
        "三、领导小组办事机构的设置", "领导小组办公室设在商务部,承担日常工作。",
        "四、工作要求", "严厉打击侵权假冒违法行为,加强执法协作。"])
    assert [t.text for t in outline.tasks] == ["严厉打击侵权假冒违法行为,加强执法协作。"]


def test_an_issuer_cut_at_the_start_of_an_excerpt_is_no_issuer():
    cut = header_of("侵犯知识产权和制售假冒伪劣商品工作领导小组办公室印发《2021年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》,要求做好工作。\n"
                    "一、深化重点治理\n")
    assert cut.issuer is None and cut.title == "2021年全国打击侵犯知识产权和制售假冒伪劣商品工作要点"
    whole = header_of("全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室印发《2021年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》,要求做好工作。\n"
                      "一、深化重点治理\n")
    assert whole.issuer == "全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"


def test_three_character_org_names_but_not_generic_ones():
    from notices.metadata import is_org_name
    assert is_org_name("国务院") and is_org_name("公安部")
    assert not is_org_name("办公室") and not is_org_name("各部委") and not is_org_name("本委员会。")


def test_a_list_of_fields_before_deng_zhuanxiang_xingdong_names_no_campaign():
    from notices.campaigns import find_campaigns
    assert find_campaigns("开展医疗器械、农资产品等专项行动", ()) == []
    assert find_campaigns("开展农药、化肥、种子等专项整治", ()) == []
