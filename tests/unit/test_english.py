"""English by rule: headings from the phrase table, topics, deadlines, and each task's description
on the English page of the launch notices, with and without their sidecars."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notices.describe import fallback_heading
from notices.english import deadlines, heading_en, lead_en, load_table
from notices.errors import NoticeError
from notices.ingest import read_source
from notices.model import Section
from notices.parse import load_notice, parse_text
from notices.registry import DATA_DIR
from notices.render import render_en
from notices.topics import load_topics, tag

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = sorted((ROOT / "sources").glob("*.txt"))


# ---- headings, as real notices write them ----

@pytest.mark.parametrize("heading, english", [
    ("加大商标权保护力度", "Step up protection of trademark rights"),
    ("深化重点领域治理", "Deepen action in key areas"),
    ("加大地理标志、奥林匹克标志、特殊标志保护力度",
     "Step up protection of geographical indications, Olympic symbols and special marks"),
    ("加强外资企业权益保护", "Strengthen protection of the rights and interests of foreign-invested enterprises"),
    ("推进进出口侵权假冒治理", "Advance action against infringement and counterfeiting in import and export"),
    ("持续推进软件正版化", "Continue to advance software legalisation"),
    ("加大刑事打击力度", "Step up criminal crackdown"),
    ("推进信用体系建设", "Advance building of the credit system"),
    ("推进完善两法衔接", "Advance and improve linkage between administrative enforcement and criminal justice"),
    ("全力服务保障第五届进博会", "Spare no effort to serve and safeguard the 5th China International Import Expo"),
    ("坚持多点发力,加大行政保护力度", "Act on several fronts at once; step up administrative protection"),
    ("安排部署阶段", "Planning and deployment phase"),
    ("工作要求和措施", "Requirements and measures"),
    # from the real-notice corpus: pinyin after characters and quotation marks are reading aids
    ("加强互联(lián)网(wǎng)领(lǐng)域侵权假冒治理",
     "Strengthen action against infringement and counterfeiting on the internet"),
    ("加强“两法衔接”工作", "Strengthen linkage between administrative enforcement and criminal justice"),
    ("打击侵犯商标权违法行为", "Crack down on infringement of trademark rights"),
    ("针对重点领域加大治理力度", "Step up action, focusing on key areas"),
    ("农村地区和城乡结合部侵权假冒治理",
     "Action against infringement and counterfeiting in rural areas and in urban-rural fringe areas"),
])
def test_headings_by_rule(heading, english):
    assert heading_en(heading) == english


@pytest.mark.parametrize("heading", ["知识产权创造实现高质量", "各区局要高度重视，于2024年5月31日前将工作方案报送市局", "以"])
def test_a_heading_with_an_unknown_part_falls_back(heading):
    assert heading_en(heading) is None
    section = Section("s-2-4", "（四）", heading, 2)
    assert fallback_heading(section, []) == "Section 2.4 (heading not translated)"
    assert fallback_heading(section, ["trademark", "online"]) == "Section 2.4, on trademarks, online and e-commerce"


def test_run_in_lead_of_a_task():
    assert lead_en("2.打击网络侵权盗版,开展“剑网2022”专项行动,严厉打击…") == "Crack down on online infringement and piracy"
    assert lead_en("1.以食品、药品、医疗器械、防疫物资、农药、化妆品、儿童用品等为重点,强化线上线下一体化监管打击。") is None


def test_deadlines_are_dates_followed_by_before():
    assert deadlines("各区局要高度重视，于2024年5月31日前将工作方案报送市局") == ["2024-05-31"]
    assert deadlines("2022年7月中旬至11月，各地持续推进") == []


def test_phrase_table_errors_name_file_and_line(tmp_path):
    text = (DATA_DIR / "headings.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "headings.yaml"
    bad.write_text(text.replace('{en: regulation, kind: head, prep: of}', '{en: regulation, control, kind: head, prep: of}', 1),
                   encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        load_table(bad)
    assert e.value.line == next(i for i, l in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1)
                                if "regulation, control" in l)
    bad.write_text(text.replace('prep: "on"}', "prep: on}", 1), encoding="utf-8")
    with pytest.raises(NoticeError, match="quote"):
        load_table(bad)


# ---- topics ----

def test_topics_from_the_text_of_real_tasks():
    text = ("以驰名商标、中华老字号、涉外高知名度商标等为重点,加强线索排摸,严厉打击商标侵权等违法行为。"
            "(市市场监管局、市知识产权局按职责分工负责)")
    assert "trademark" in tag(text, [])
    online = "打击网络侵权盗版,开展“剑网2022”专项行动,严厉打击视听作品、电商平台、社交媒体、在线教育等领域存在的侵权盗版行为"
    assert {"copyright", "online", "campaign"} <= set(tag(online, []))
    assert "farm-inputs" in tag("加强春耕备耕时节农资打假，严查假种子、假农药、假化肥。", [])


def test_topics_from_the_headings_above_a_task():
    # the national task most relevant to foreign enterprises says 外资 only in its heading
    text = "做好外商投资企业投诉工作,依法保护外商投资企业合法权益。(商务部负责)"
    assert "foreign-enterprises" in tag("依法平等保护各类市场主体合法权益。(商务部负责)", ["加强外资企业权益保护"])
    assert "foreign-enterprises" in tag(text, [])


def test_the_parenthesis_of_agencies_is_no_topic():
    # 公安 and 检察 in agency names say who acts, not what the task is about
    assert "criminal-justice" not in tag("加强网站备案管理。(市公安局、市检察院按职责分工负责)", [])


def test_topic_vocabulary_checks_its_values(tmp_path):
    text = (DATA_DIR / "topics.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "topics.yaml"
    bad.write_text(text.replace("group: product, zh: 食品", "group: products, zh: 食品"), encoding="utf-8")
    with pytest.raises(NoticeError, match="group"):
        load_topics(bad)


# ---- the English notice page: five English words of its own for every task ----

TASK_ROW = re.compile(r"<tr><td>(.*?)</td>")
LINK = re.compile(r"<a [^>]*>.*?</a>")
ZH_MARKED = re.compile(r'<(span|p) lang="zh-Hans">.*?</\1>')
TAGS = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
HAN = re.compile(r"[\u3400-\u9fff]")


def own_words(cell: str) -> list[str]:
    """The English words of a task cell outside links and marked Chinese."""
    text = TAGS.sub(" ", ZH_MARKED.sub(" ", LINK.sub(" ", cell)))
    return WORD.findall(text.replace("generated by rule", "").replace("written by a person", ""))


def task_cells(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return TASK_ROW.findall(body)


def without_sidecar(path: Path, registry):
    source = read_source(path)
    return parse_text(source.text, registry, slug=path.stem, source_file=path.name, sha256=source.sha256)


@pytest.mark.parametrize("source", LAUNCH, ids=lambda p: p.stem)
@pytest.mark.parametrize("sidecar", [True, False], ids=["sidecar", "no-sidecar"])
def test_every_task_has_five_english_words_of_its_own(source, sidecar, registry):
    notice = load_notice(source, registry) if sidecar else without_sidecar(source, registry)
    page = render_en(notice)
    cells = task_cells(page)
    assert len(cells) == len(notice.tasks) > 0
    for task, cell in zip(notice.tasks, cells):
        assert len(own_words(cell)) >= 5, (task.id, cell[:300])
        # the Chinese original one click away: the task's number links its words in the Chinese text
        assert f'<a id="{task.id}" href="../../../notices/{notice.slug}/#{task.id}">' in cell


@pytest.mark.parametrize("source", LAUNCH, ids=lambda p: p.stem)
def test_chinese_on_the_english_page_only_where_marked(source, registry):
    page = render_en(without_sidecar(source, registry))
    body = page.split("---\n", 2)[2]  # the front matter is data, not text on the page
    unmarked = HAN.findall(ZH_MARKED.sub("", body))
    assert len(unmarked) <= 0.02 * len(body), "".join(unmarked)[:200]


# ---- ways in by problem ----

def test_problems_find_the_tasks_that_address_them(registry):
    from notices.topics import addresses, problems

    national = load_notice(ROOT / "sources" / "2021-national-work-plan.txt", registry)
    tasks = {t.id: t for t in national.tasks}
    by_id = {p.id: p for p in problems()}
    # (六)加强外资企业权益保护: 外资 only in the heading
    assert addresses(by_id["foreign-enterprise-rights"], tasks["t-1-6"].topics)
    assert addresses(by_id["pirated-software"], tasks["t-1-5"].topics)
    assert not addresses(by_id["patent-trade-fair"], tasks["t-1-5"].topics)


def test_problems_name_only_known_topics(tmp_path):
    from notices.topics import load_problems

    bad = tmp_path / "problems.yaml"
    bad.write_text("problems:\n  - {id: x, zh: 某, en: Something, topics: [trademarks]}\n", encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        load_problems(bad)
    assert e.value.line == 2 and "topic ids" in e.value.en


# ---- English written by a person in the sidecar ----

def test_sidecar_english_for_headings_and_tasks_wins_and_says_so(tmp_path, registry):
    source = ROOT / "sources" / "2022-henan-xuchang-ip-crime-plan.txt"
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    copy.with_name(copy.stem + ".meta.yml").write_text(
        "headings_en:\n  s-2-1: Enforcement on key goods\n"
        "tasks_en:\n  t-2-1: Market regulators target fakes of protective gear, food and auto parts.\n",
        encoding="utf-8")
    notice = load_notice(copy, registry)
    task = next(t for t in notice.tasks if t.id == "t-2-1")
    assert (task.summary_en_source, task.summary_en) == ("sidecar", "Market regulators target fakes of protective gear, food and auto parts.")
    section = notice.sections[1].children[0]
    assert (section.heading_en, section.heading_en_source) == ("Enforcement on key goods", "sidecar")
    assert "written by a person" in render_en(notice)
    assert next(t for t in notice.tasks if t.id == "t-2-2").summary_en_source == "rule"


def test_sidecar_english_for_an_unknown_task_is_an_error(tmp_path, registry):
    source = ROOT / "sources" / "2022-henan-xuchang-ip-crime-plan.txt"
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    copy.with_name(copy.stem + ".meta.yml").write_text("tasks_en:\n  t-9-9: Nothing.\n", encoding="utf-8")
    with pytest.raises(NoticeError, match="t-9-9") as e:
        load_notice(copy, registry)
    assert e.value.path.endswith(".meta.yml")
    copy.with_name(copy.stem + ".meta.yml").write_text("tasks_en:\n  s-1: Not a task.\n", encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        load_notice(copy, registry)
    assert e.value.line == 2


@pytest.mark.parametrize("group, english", [
    ("领导小组有关成员单位", "the member units of the leading group concerned"),
    ("各区局", "every district bureau"),
    ("省打击侵权假冒工作领导小组〔以下简称省领导小组〕有关成员单位", "the member units of the provincial leading group concerned"),
    ("某某某", "the other bodies concerned"),
])
def test_groups_named_instead_of_an_agency(group, english):
    from notices.english import group_en
    assert group_en(group) == english


def test_tasks_by_topic_and_problem_over_the_json_records(registry):
    import json

    from notices.model import Notice, from_plain
    from notices.render import render_json
    from notices.topics import tasks_by_problem, tasks_by_topic

    records = [from_plain(Notice, json.loads(render_json(load_notice(p, registry)))) for p in LAUNCH]
    by_topic = tasks_by_topic(records)
    assert sum(len(v) for v in by_topic.values()) == sum(len(t.topics) for r in records for t in r.tasks)
    assert any(r.slug == "2021-national-work-plan" and t.id == "t-1-6" for r, t in by_topic["foreign-enterprises"])
    by_problem = tasks_by_problem(records)
    assert all("software" in t.topics for _, t in by_problem["pirated-software"]) and by_problem["pirated-software"]
