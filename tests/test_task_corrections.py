"""A maintainer corrects a task's agencies and roles in the sidecar: validated with file and
line, applied as the text's own agencies are, and the pages say the task was corrected."""

import subprocess
import sys
from pathlib import Path

import pytest

from notices.errors import NoticeError
from notices.parse import load_notice
from notices.render import render_en, render_zh

ROOT = Path(__file__).resolve().parents[1]
NOTICE = """苏州市打击侵权假冒工作领导小组办公室关于印发《2023年苏州市打击侵权假冒工作要点》的通知
各成员单位：
现将《2023年苏州市打击侵权假冒工作要点》印发给你们，请认真贯彻落实。
苏州市打击侵权假冒工作领导小组办公室
2023年3月15日
2023年苏州市打击侵权假冒工作要点
一、深化重点治理
1.加强专利侵权纠纷行政裁决，强化知识产权保护。（市知识产权局等部门按职责分工负责）
2.开展“剑网2023”专项行动。（市委宣传部牵头，市公安局配合）
"""
GOOD = """correction_note: 原文括号中的“等部门”指市市场监管局和市公安局（见该局网站的分工说明）。
tasks:
  t-1-1:
    agencies:
      - {name: 市知识产权局, role: lead}
      - {name: 市市场监管局, role: responsible}
      - name: 市公安局
        role: 配合
      - {name: 领导小组各成员单位, role: responsible}
"""


def write(tmp_path, sidecar: str | None) -> Path:
    source = tmp_path / "2023-jiangsu-suzhou-plan.txt"
    source.write_text(NOTICE, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / "2023-jiangsu-suzhou-plan.meta.yml").write_text(sidecar, encoding="utf-8")
    return source


def test_without_a_correction_the_generic_phrase_is_what_the_text_says(tmp_path, registry):
    task = load_notice(write(tmp_path, None), registry).tasks[0]
    assert task.id == "t-1-1" and not task.corrected
    assert [(a.name, a.role) for a in task.agencies][0] == ("市知识产权局", "responsible")


def test_a_corrected_task_has_the_maintainers_agencies_and_says_so(tmp_path, registry):
    notice = load_notice(write(tmp_path, GOOD), registry)
    task, other = notice.tasks
    assert task.corrected and not other.corrected
    assert [(a.name, a.role, a.generic) for a in task.agencies] == [
        ("市知识产权局", "lead", False), ("市市场监管局", "responsible", False), ("市公安局", "support", False),
        ("领导小组各成员单位", "responsible", True)]
    assert task.agencies[0].id and task.agencies[0].id in {a.id for a in notice.agencies}
    assert task.agencies[3].id is None  # a generic group is never an agency of its own
    assert [(a.name, a.role) for a in other.agencies] == [("市委宣传部", "lead"), ("市公安局", "support")]
    zh, en = render_zh(notice), render_en(notice)
    assert "（责任单位经人工更正）" in zh and "任务 t-1-1 的责任单位" in zh and "本页经人工更正" in zh
    assert "(agencies corrected by a maintainer)" in en and "the agencies of task t-1-1" in en
    assert notice.to_dict()["tasks"][0]["corrected"] is True


BAD = {
    "unknown task": ("correction_note: x\ntasks:\n  t-9-9:\n    agencies:\n      - {name: 市公安局, role: lead}\n",
                     3, "没有任务 t-9-9"),
    "not a task id": ("correction_note: x\ntasks:\n  第一项:\n    agencies: [{name: 市公安局}]\n", 3, "不是任务编号"),
    "bad role": ("correction_note: x\ntasks:\n  t-1-1:\n    agencies:\n      - name: 市公安局\n        role: boss\n",
                 6, "应为 lead（牵头）"),
    "unknown key in an agency": ("correction_note: x\ntasks:\n  t-1-1:\n    agencies:\n      - {name: 市公安局, rol: lead}\n",
                                 5, "未知的键“rol”"),
    "agencies not a list": ("correction_note: x\ntasks:\n  t-1-1:\n    agencies: 市公安局\n", 4, "agencies 应为机构列表"),
    "no name": ("correction_note: x\ntasks:\n  t-1-1:\n    agencies:\n      - {role: lead}\n", 5, "每个机构都要写 name"),
    "no agencies": ("correction_note: x\ntasks:\n  t-1-1:\n    agency: []\n", 4, "未知的键“agency”"),
    "no note": ("tasks:\n  t-1-1:\n    agencies: [{name: 市公安局, role: lead}]\n", 1, "correction_note"),
    "the same task twice": ("correction_note: x\ntasks:\n  t-1-1:\n    agencies: [{name: 市公安局}]\n"
                            "  t-1-1:\n    agencies: [{name: 市公安局}]\n", 5, "重复出现"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_wrong_correction_is_one_line_with_the_sidecar_and_its_line(case, tmp_path, registry):
    text, line, words = BAD[case]
    source = write(tmp_path, text)
    with pytest.raises(NoticeError) as caught:
        load_notice(source, registry)
    assert caught.value.path.endswith("2023-jiangsu-suzhou-plan.meta.yml")
    assert caught.value.line == line, str(caught.value)
    assert words in caught.value.zh


def test_check_reports_it_and_converts_nothing_half(tmp_path):
    write(tmp_path, BAD["unknown task"][0])
    result = subprocess.run([sys.executable, "-m", "notices.cli", "check", "--sources", str(tmp_path),
                             "--pages", str(tmp_path / "pages")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and f"{tmp_path}/2023-jiangsu-suzhou-plan.meta.yml:3: " in errors[0], result.stderr
