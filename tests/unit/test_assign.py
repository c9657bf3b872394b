"""Who a task assigns, in the forms real notices write it (issue 19)."""

import pytest

from notices.assign import agencies_of, assign, first_leads_onwards, parse_parenthesis
from notices.outline import split_tasks
from notices.parse import parse_text
from notices.registry import Registry


def test_lead_with_the_words_of_the_division_of_duties_is_lead_and_not_part_of_the_name():
    # 2019 Tianjin work plan
    assert parse_parenthesis("市委政法委、市打击侵权假冒工作领导小组办公室按职责分工牵头负责") == [
        ("市委政法委", "lead"), ("市打击侵权假冒工作领导小组办公室", "lead")]
    assert parse_parenthesis("省打击侵权假冒工作领导小组办公室、工信委、公安厅按职责分别负责") == [
        ("省打击侵权假冒工作领导小组办公室", "responsible"), ("工信委", "responsible"), ("公安厅", "responsible")]


def test_a_labelled_parenthesis_closes_a_task_and_gives_its_roles():
    text = ("开展生产环节治理整顿。严厉查处无证出厂的行为。(责任单位:省质监局)"
            "开展流通环节治理整顿。打击虚假违法广告。(责任单位:省工商局、省发展改革委、商务厅。列首为牵头单位,下同)")
    assert [p for _, p in split_tasks(text)] == ["责任单位:省质监局", "责任单位:省工商局、省发展改革委、商务厅。列首为牵头单位,下同"]
    assert parse_parenthesis("责任单位:省质监局") == [("省质监局", "responsible")]
    assert parse_parenthesis("责任单位:省工商局、省发展改革委、商务厅。列首为牵头单位,下同") == [
        ("省工商局", "lead"), ("省发展改革委", "responsible"), ("商务厅", "responsible")]
    assert parse_parenthesis("牵头单位：市市场监管局；配合单位：市公安局、市文化市场综合执法总队") == [
        ("市市场监管局", "lead"), ("市公安局", "support"), ("市文化市场综合执法总队", "support")]


def test_the_note_that_the_first_name_leads_holds_onwards_when_it_says_so():
    assert first_leads_onwards("责任单位:省工商局、商务厅。列首为牵头单位,下同")
    assert not first_leads_onwards("责任单位:省工商局、商务厅。列首为牵头单位")
    assert not first_leads_onwards("省工商局负责")
    assert agencies_of("责任单位:省公安厅、省工商局", True) == (("省公安厅", "lead"), ("省工商局", "responsible"))
    assert agencies_of("省公安厅牵头，省工商局配合", True) == (("省公安厅", "lead"), ("省工商局", "support"))


def test_the_note_carries_over_to_the_next_tasks_of_the_notice():
    text = ("四川省人民政府办公厅关于做好打击侵犯知识产权和制售假冒伪劣商品工作的通知\n一、开展治理整顿\n（一）开展流通环节治理整顿。打击虚假违法广告。（责任单位：省工商局、商务厅。列首为牵头单位，下同）\n"
            "（二）开展网络商品交易秩序整顿。打击虚构市场主体的行为。（责任单位：省工商局、省通信管理局、省公安厅）\n")
    notice = parse_text(text, Registry.load(), sidecar=None)
    assert [[(a.name, a.role) for a in t.agencies] for t in notice.tasks] == [
        [("省工商局", "lead"), ("商务厅", "responsible")],
        [("省工商局", "lead"), ("省通信管理局", "responsible"), ("省公安厅", "responsible")]]


def test_a_parenthesis_of_names_alone_closing_a_sentence_names_who_does_the_work():
    # 2016 Loudi publicity plan
    pieces = split_tasks("在市和县市区主要报刊设立专版(市商务粮食局、各县市区商务粮食主管部门)。")
    assert [p for _, p in pieces] == ["市商务粮食局、各县市区商务粮食主管部门"]
    assert parse_parenthesis("市商务粮食局、各县市区商务粮食主管部门") == [
        ("市商务粮食局", "responsible"), ("各县市区商务粮食主管部门", "responsible")]


@pytest.mark.parametrize("text", [
    "请于2011年6月25前将总结报送省农委(科教处)。",          # which office of the body just named
    "加强城乡结合部市场治理(含城乡结合部)。",                  # a note, not a list of agencies
    "由市场监管部门统一管理(以下简称市场监管局)。",
    "依法取缔无证照生产经营的窝点(国务院令第370号)。",
    "开展专题宣传(市商务粮食局)活动，扩大影响。",              # not at the end of its sentence
])
def test_parentheses_that_name_no_one_for_the_work_close_no_task(text):
    assert [p for _, p in split_tasks(text) if p] == []


def test_roles_in_brackets_after_names_and_lists_joined_by_he():
    text = "加强执法协作。（责任单位：市市场监管局（牵头）、市公安局、市文化和旅游局）"
    assert [p for _, p in split_tasks(text)] == ["责任单位：市市场监管局（牵头）、市公安局、市文化和旅游局"]
    assert parse_parenthesis("责任单位：市市场监管局（牵头）、市公安局、市文化和旅游局") == [
        ("市市场监管局", "lead"), ("市公安局", "responsible"), ("市文化和旅游局", "responsible")]
    assert parse_parenthesis("市市场监管局牵头，市公安局（配合）") == [("市市场监管局", "lead"), ("市公安局", "support")]
    # 和 joins two names only where both end as names do: 工业和信息化部 is one
    assert parse_parenthesis("省经信委、湖南检验检疫局和长沙海关配合") == [
        ("省经信委", "support"), ("湖南检验检疫局", "support"), ("长沙海关", "support")]
    assert parse_parenthesis("工业和信息化部、规划和自然资源局负责") == [
        ("工业和信息化部", "responsible"), ("规划和自然资源局", "responsible")]


def test_more_ways_of_saying_who_leads_and_who_carries_it_out():
    assert parse_parenthesis("市公安局为牵头单位，市场监管局为配合单位") == [("市公安局", "lead"), ("市场监管局", "support")]
    assert parse_parenthesis("区市场监管局、区公安分局按职责分工落实") == [
        ("区市场监管局", "responsible"), ("区公安分局", "responsible")]
    # 知识产权局等部门: 部门 is kept as written, and the registry calls it a generic group
    assert parse_parenthesis("市知识产权局等部门按职责分工负责") == [("市知识产权局", "responsible"), ("部门", "responsible")]
    assert Registry.load().is_generic("部门")


@pytest.mark.parametrize("text", ["要确保各项政策措施落到实处(确保政策落实)。", "完善长效机制(逐步落实)。"])
def test_a_closing_word_with_no_one_before_it_closes_no_task(text):
    assert [p for _, p in split_tasks(text) if p] == []


def test_a_task_without_a_parenthesis_names_its_agencies_in_its_sentences():
    from notices.assign import agencies_in_text
    # 2011 Hunan forwarding notice (对非洲打假保知专项治理)
    assert agencies_in_text("一、我省在专项行动领导小组下,由省商务厅牵头成立对非洲打假保知专项治理机构。"
                            "省商务厅组织制定我省实施方案。") == (("省商务厅", "lead"),)
    assert agencies_in_text("二、省商务厅牵头并协调省经信委、公安厅、湖南检验检疫局和长沙海关等部门共同形成齐抓共管的工作机制。") == (
        ("省商务厅", "lead"), ("省经信委", "support"), ("公安厅", "support"), ("湖南检验检疫局", "support"),
        ("长沙海关", "support"))
    assert agencies_in_text("由市场监管局会同市公安局开展联合执法。") == (("市场监管局", "lead"), ("市公安局", "support"))
    assert agencies_in_text("（三）加强组织领导。市场监管局负责统筹，公安局、税务局积极配合。") == (
        ("市场监管局", "responsible"), ("公安局", "support"), ("税务局", "support"))


@pytest.mark.parametrize("text", [
    "三、各有关部门要加强执法检查，积极与海关配合。",      # a phrase, not a name, before 配合
    "协调各部门加强执法，会同有关部门开展整治。",          # groups, no agency
    "联合执法检查站开展检查。",
    "（二）开展版权保护专项整治。加强印刷复制企业监管，严肃查处非法生产、印刷、复制软件行为。",
])
def test_sentences_that_name_no_agency_with_a_role_give_none(text):
    from notices.assign import agencies_in_text
    assert agencies_in_text(text) == ()


def test_a_list_whose_opening_bracket_the_page_lost_still_names_its_agencies():
    # 2019 Wuhan work plan, flattened by the page: no （ before the list, a run of three names glued
    text = ("1.强化网络市场监管严格贯彻落实《电子商务法》有关规定,着力规范电子商务主体资格,严厉打击网上销售假冒伪劣产品、"
            "不安全食品假药劣药不正当竞争网络交易违法行为市场监管局、经济和信息化公安商务、武汉海关、市园林和林业局、"
            "市委网信办、邮政管理局按职责分工分别负责)2.加强网络侵权盗版治理")
    pieces = split_tasks(text)
    assert len(pieces) == 2 and pieces[0][0].endswith("分别负责)") and pieces[1] == ("2.加强网络侵权盗版治理", None)
    registry = Registry.load()
    home = registry.jurisdiction_in("武汉市")
    refs = assign(pieces[0][1], registry, home)
    assert [(r.name, r.role) for r in refs] == [
        ("市场监管局", "responsible"), ("武汉海关", "responsible"), ("市园林和林业局", "responsible"),
        ("市委网信办", "responsible"), ("邮政管理局", "responsible")]


def test_a_closing_bracket_after_ordinary_words_closes_no_task():
    assert [p for _, p in split_tasks("加强监管、严格执法)。开展宣传。") if p] == []
    assert [p for _, p in split_tasks("强化部门协作，市场监管局、公安局按职责分工负责。") if p] == []


def test_short_labels_and_each_ones_own_duties():
    assert parse_parenthesis("牵头：市市场监管局；配合：市公安局") == [("市市场监管局", "lead"), ("市公安局", "support")]
    assert parse_parenthesis("市场监管局、公安局按照各自职责负责") == [("市场监管局", "responsible"), ("公安局", "responsible")]
    assert parse_parenthesis("市场监管局负责，公安局等配合") == [("市场监管局", "responsible"), ("公安局", "support")]
    assert parse_parenthesis("市双打办牵头抓总，各成员单位按职责分工负责") == [
        ("市双打办", "lead"), ("各成员单位", "responsible")]
    assert [p for _, p in split_tasks("开展宣传(市市场监管局等)。")] == ["市市场监管局等"]


def test_names_set_apart_by_ideographic_spaces_are_a_list():
    assert parse_parenthesis("市场监管局\u3000公安局\u3000\u3000商务局按职责分工负责") == [
        ("市场监管局", "responsible"), ("公安局", "responsible"), ("商务局", "responsible")]
    assert parse_parenthesis("区委 宣传部负责") == [("区委宣传部", "responsible")]  # a space a PDF left in a name
