"""Who a task assigns, in the forms real notices write it (issue 19)."""

import pytest

from notices.assign import agencies_of, first_leads_onwards, parse_parenthesis
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
