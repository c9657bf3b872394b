"""The outline, run-in headings and task splitting."""

from notices.assign import parse_parenthesis
from notices.campaigns import find_campaigns
from notices.outline import build_outline, split_tasks

KNOWN = ("线上净网线下清源", "剑网", "秋风", "昆仑", "铁拳", "龙腾", "蓝网", "净网", "清风", "清网")


def test_several_tasks_in_one_paragraph_each_closed_by_its_parenthesis():
    text = ("互联网领域侵权假冒治理。以食品为重点。(公安部、市场监管总局按职责分工负责)开展“剑网2021”专项行动。"
            "(中央宣传部、公安部按职责分工负责)强化互联网企业监管。(中央网信办负责)")
    pieces = split_tasks(text)
    assert [p for _, p in pieces] == ["公安部、市场监管总局按职责分工负责", "中央宣传部、公安部按职责分工负责", "中央网信办负责"]
    assert "".join(t for t, _ in pieces) == text


def test_non_agency_parentheses_do_not_close_tasks():
    text = "加强网站备案、网际协议地址(IP地址)等基础管理，按照《要点》(打假发〔2022〕1号)要求。(区委网信办负责)"
    assert [p for _, p in split_tasks(text)] == ["区委网信办负责"]


def test_outline_ids_and_counted_on_numbering():
    paras = ["一、深化重点治理", "（一）互联网领域侵权假冒治理", "1.以食品为重点。（区市场监管局负责）",
             "二、强化保护，加大力度", "（二）重点市场治理", "2.加强市场监管。（区市场监管局负责）加强宣传。（区委宣传部负责）"]
    outline = build_outline(paras)
    assert [s.id for s in outline.sections] == ["s-1", "s-2"]
    assert [c.id for c in outline.sections[1].children] == ["s-2-2"]
    assert [t.id for t in outline.tasks] == ["t-1-1-1", "t-2-2-2", "t-2-2-2-b"]
    assert [m.text for m in outline.tasks[2].path] == ["二、", "（二）", "2."]


def test_run_in_heading_is_a_section_and_its_text_the_task():
    outline = build_outline(["一、重点", "（三）加强重点市场监管。加强对批发市场的监管。（区市场监管局负责）"])
    assert outline.sections[0].children[0].heading == "加强重点市场监管"
    assert outline.tasks[0].text == "加强对批发市场的监管。（区市场监管局负责）"


def test_measures_and_phases_of_an_implementation_plan():
    paras = ["一、总体要求", "以习近平新时代中国特色社会主义思想为指导，全面提升保护能力。",
             "二、工作举措", "（一）加强重点商品执法。围绕食品等重点商品，组织开展专项治理工作。",
             "（二）加强实体市场执法。建立重点市场名录。",
             "三、阶段步骤", "（一）安排部署阶段。2022年7月10日前，各地进行安排部署。",
             "（二）组织实施阶段。2022年7月中旬至11月，各地持续推进。"]
    outline = build_outline(paras)
    assert [t.id for t in outline.tasks] == ["t-2-1", "t-2-2"]
    assert all(t.parenthesis is None for t in outline.tasks)
    assert [(p.name, p.period, p.deadline) for p in outline.phases] == [
        ("安排部署阶段", "2022年7月10日前", "2022-07-10"), ("组织实施阶段", "2022年7月中旬至11月", None)]


def test_roles_and_generic_groups_in_a_parenthesis():
    assert parse_parenthesis("市文化旅游局牵头，市委宣传部等领导小组有关成员单位按职责分工负责") == [
        ("市文化旅游局", "lead"), ("市委宣传部", "responsible"), ("领导小组有关成员单位", "responsible")]
    assert parse_parenthesis("区司法局牵头负责，区委宣传部、区市场监管局配合") == [
        ("区司法局", "lead"), ("区委宣传部", "support"), ("区市场监管局", "support")]
    assert parse_parenthesis("市打击侵权假冒工作领导小组办公室及领导小组有关成员单位按职责分工负责") == [
        ("市打击侵权假冒工作领导小组办公室", "responsible"), ("领导小组有关成员单位", "responsible")]
    assert parse_parenthesis("各省、自治区、直辖市和新疆生产建设兵团打击侵权假冒工作领导小组负责") == [
        ("各省、自治区、直辖市和新疆生产建设兵团打击侵权假冒工作领导小组", "responsible")]


def test_campaigns_in_the_forms_notices_use():
    assert find_campaigns("组织开展“剑网 2020”专项行动，严厉打击", KNOWN) == [("剑网", 2020)]
    assert find_campaigns("开展“龙腾”“蓝网”“净网”等知识产权海关保护专项行动", KNOWN) == [
        ("龙腾", None), ("蓝网", None), ("净网", None)]
    assert find_campaigns("开展知识产权保护“龙腾行动”", KNOWN) == [("龙腾", None)]
    assert find_campaigns("开展“清风”“龙腾”行动,聚焦“一带一路”沿线", KNOWN) == [("清风", None), ("龙腾", None)]
    assert find_campaigns("开展医疗器械“清网”行动", KNOWN) == [("清网", None)]
    assert find_campaigns("开展化妆品“线上净网线下清源”专项行动", KNOWN) == [("线上净网线下清源", None)]
    assert find_campaigns("深入开展剑网2021专项行动", KNOWN) == [("剑网", 2021)]


def test_slogans_and_mechanisms_are_not_campaigns():
    for text in ["开展“双随机、一公开”抽查", "聚焦“一带一路”沿线国家", "推动营商环境“越办越好”",
                 "做好“两法衔接”工作", "围绕“3·15”“4·26”等重要时点"]:
        assert find_campaigns(text, KNOWN) == [], text


def test_a_short_sentence_closed_by_its_agencies_is_a_task_not_a_heading():
    outline = build_outline(["（四）强化重点市场治理", "1.建立健全全市重点市场名录。(市打击侵权假冒工作领导小组办公室牵头)落实属地责任。(市市场监管局负责)"])
    assert [s.id for s in outline.sections] == ["s-4"]
    assert [t.id for t in outline.tasks] == ["t-4-1", "t-4-1-b"]


def test_definitions_and_generic_words_are_not_campaigns_and_a_dashed_year_is_a_year():
    assert find_campaigns("部署专项行动（以下简称“专项行动”），开展“双打”工作", KNOWN) == []
    # a slogan is no campaign; a series the registry does not know is, by how the text names it
    assert find_campaigns("落实“四个最严”要求，开展“春雷”专项整治", KNOWN) == [("春雷", None)]
    assert find_campaigns("联合打击互联网领域侵权假冒“2017-云剑联盟”行动", KNOWN) == [("云剑联盟", 2017)]
