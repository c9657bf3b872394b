"""`notices score`: the comparison of facts with the converter's reading, on a made-up facts file
for a test fixture (right facts score, wrong ones are listed, refusals and bad files fail)."""

import io
import shutil
from pathlib import Path

import pytest

from notices.cli import main
from notices.registry import Registry
from notices.score import campaign_key, norm, run, same_place, score_folder

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "notices" / "2018-sichuan-liangshan-zhaojue-work-plan.txt"

FACTS = """\
obtained_from: {kind: page, url: "http://example.org/made-up"}
region: 四川省
level: county
year: 2018
format: txt-from-pdf
facts:
  title: "2018年昭觉县打击侵犯知识产权和制售假冒伪劣商品工作要点"
  notice_title: "关于印发《2018年昭觉县打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知"
  doc_number: "昭打假办[2018]3号"
  index_number: null
  issuer: "昭觉县打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"
  issued_date: 2018-05-10
  jurisdiction: {name: 昭觉, level: county}
  task_count: null
  tasks:
    - contains: "加强农村市场治理"
      agencies:
        - {name: 县市场监管局, role: lead}
        - {name: 县农牧局, role: responsible}
        - {name: 县公安局, role: responsible}
    - contains: "加强农资打假"
      agencies:
        - {name: 县农牧局, role: ROLE}
  campaigns: [CAMPAIGNS]
"""


@pytest.fixture(scope="module")
def registry():
    return Registry.load()


def corpus(tmp_path: Path, role="responsible", campaigns="剑网, “昆仑”行动") -> Path:
    shutil.copy(FIXTURE, tmp_path / FIXTURE.name)
    facts = FACTS.replace("ROLE", role).replace("CAMPAIGNS", campaigns)
    (tmp_path / FIXTURE.name.replace(".txt", ".facts.yaml")).write_text(facts, encoding="utf-8")
    return tmp_path


def test_right_facts_score_every_one(tmp_path, registry):
    report = score_folder(corpus(tmp_path), registry)
    (notice,) = report.notices
    assert notice.wrong == [] and report.errors == []
    # 8 keys (task_count null is not scored) + 2 sampled tasks
    assert (report.correct, report.facts) == (10, 10)
    assert report.field_totals()["tasks"] == (2, 2)


def test_wrong_facts_are_listed_and_fail(tmp_path, registry):
    folder = corpus(tmp_path, role="lead", campaigns="剑网, 铁拳")
    out, err = io.StringIO(), io.StringIO()
    assert run(folder, 0.95, registry, out, err) == 1
    report = score_folder(folder, registry)
    assert (report.correct, report.facts) == (8, 10)
    wrong = {w.field: w for w in report.notices[0].wrong}
    assert wrong["tasks「加强农资打假」"].expected == ["县农牧局:lead"]
    assert wrong["tasks「加强农资打假」"].got == ["县农牧局:responsible"]
    assert wrong["campaigns"].expected == ["剑网", "铁拳"]
    assert "campaigns: 应为 expected [剑网, 铁拳]" in out.getvalue()
    assert "8/10 = 80.0%" in out.getvalue() and "below the minimum" in err.getvalue()
    assert run(folder, 0.8, registry, io.StringIO(), io.StringIO()) == 0


def test_a_missing_task_and_a_wrong_title_are_wrong(tmp_path, registry):
    folder = corpus(tmp_path)
    facts = folder / FIXTURE.name.replace(".txt", ".facts.yaml")
    text = facts.read_text(encoding="utf-8").replace('contains: "加强农资打假"', 'contains: "没有这样的任务"')
    facts.write_text(text.replace("工作要点\"\n  notice_title", "工作方案\"\n  notice_title"), encoding="utf-8")
    wrong = {w.field: w for w in score_folder(folder, registry).notices[0].wrong}
    assert set(wrong) == {"title", "tasks「没有这样的任务」"}


def test_a_refused_notice_fails_and_scores_nothing(tmp_path, registry):
    folder = corpus(tmp_path)
    (folder / "2019-nowhere-empty.txt").write_text("", encoding="utf-8")
    (folder / "2019-nowhere-empty.facts.yaml").write_text(
        "facts:\n  title: 某某\n  doc_number: null\n  tasks:\n    - {contains: 某, agencies: []}\n", encoding="utf-8")
    err = io.StringIO()
    assert run(folder, 0.0, registry, io.StringIO(), err) == 1
    report = score_folder(folder, registry)
    (refused,) = report.refused
    assert refused.facts == 3 and refused.correct == 0
    assert "2019-nowhere-empty.txt" in err.getvalue() and "Traceback" not in err.getvalue()


def test_bad_corpus_files_are_one_line_errors(tmp_path, registry, capsys):
    folder = corpus(tmp_path)
    (folder / "2020-x-no-facts.txt").write_text("通知", encoding="utf-8")
    (folder / FIXTURE.name.replace(".txt", ".facts.yaml")).write_text("facts:\n  title: [\n", encoding="utf-8")
    assert main(["score", str(folder), "--min", "0"]) == 1
    err = capsys.readouterr().err
    assert "2020-x-no-facts.txt: 缺少事实文件" in err
    assert ".facts.yaml:3: YAML 格式错误" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("expected, got, same", [
    ({"name": "长宁区", "level": "county"}, {"name": "上海市长宁区", "level": "county"}, True),
    ({"name": "北京", "level": "province"}, {"name": "北京市", "level": "province"}, True),
    ({"name": "内蒙古", "level": "province"}, {"name": "内蒙古自治区", "level": "province"}, True),
    ({"name": "全国", "level": "national"}, {"name": "全国", "level": "national"}, True),
    ({"name": "吉林市", "level": "prefecture"}, {"name": "吉林省", "level": "province"}, False),
    ({"name": "西湖区", "level": "county"}, {"name": "杭州市", "level": "prefecture"}, False),
    ({"name": "宁波市", "level": "prefecture"}, {"name": "浙江省杭州市", "level": "prefecture"}, False),
])
def test_places(expected, got, same):
    assert same_place(expected, got) is same


def test_normalisation():
    assert norm("沪打假发[2020] 1号") == norm("沪打假发〔2020〕1号") == norm("沪打假发【2020】1号")
    assert norm("（县农牧局）\u3000") == norm("(县农牧局)")
    assert norm("全國打擊侵犯知識產權") == norm("全国打击侵犯知识产权")
    assert norm("工作要点") != norm("⼯作要点")  # Kangxi radicals are the converter's to fix
    assert campaign_key("“铁拳”行动") == campaign_key("铁拳2021") == "铁拳"


def test_a_notice_title_with_or_without_its_issuer(tmp_path, registry):
    folder = corpus(tmp_path)
    facts = folder / FIXTURE.name.replace(".txt", ".facts.yaml")
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace('notice_title: "关于', 'notice_title: "昭觉县打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室关于'),
                     encoding="utf-8")
    assert score_folder(folder, registry).notices[0].wrong == []
    facts.write_text(text.replace('notice_title: "关于印发', 'notice_title: "关于转发'), encoding="utf-8")
    assert [w.field for w in score_folder(folder, registry).notices[0].wrong] == ["notice_title"]


def test_issuer_with_or_without_its_place():
    from notices.score import same_but_place
    assert same_but_place("天津市河东区人民政府办公室", "河东区人民政府办公室")
    assert same_but_place("河东区人民政府办公室", "天津市河东区人民政府办公室")
    assert not same_but_place("河东区人民政府办公室", "河东区人民政府")
    assert not same_but_place("区人民政府办公室", "河东区人民政府办公室x")
