"""The shortcuts taken for speed give exactly what the plain way gives."""

import itertools
import json
import random
from pathlib import Path

import cn2an
import pytest

from notices.campaigns import find_campaigns
from notices.clean import furniture_patterns, is_furniture, simplified_table, to_simplified
from notices.dates import chinese_number
from notices.parse import load_notice
from notices.render import escape, render_json
from notices.safety import _ESCAPE_TABLE, _LINE_START_RE

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "sources").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "notices").iterdir())


def outcome(read, text):
    try:
        return int(read(text))
    except Exception as exc:  # cn2an raises ValueError or KeyError for what it cannot read
        return type(exc)


def test_chinese_numbers_read_as_cn2an_reads_them():
    for n in (1, 2, 3):
        for chars in itertools.product("零一二三四五六七八九十百", repeat=n):
            text = "".join(chars)
            assert outcome(chinese_number, text) == outcome(lambda t: cn2an.cn2an(t, "smart"), text), text


def test_simplified_text_is_left_alone_and_traditional_text_converted():
    assert to_simplified("上海市长宁区") == "上海市长宁区"
    assert to_simplified("上海市長寧區") == "上海市长宁区"
    table = simplified_table()
    beyond_bmp = next(chr(c) for c in table if c > 0xFFFF)
    assert to_simplified(f"一{beyond_bmp}") == f"一{table[ord(beyond_bmp)]}"


def test_furniture_joined_pattern_agrees_with_each_pattern():
    lines = ["— 2 —", "第 3 页 共 9 页", "12/40", "7", "| | |", "阅读次数：123", "【打印本页】【关闭窗口】",
             "分享到：微信", "当前位置：首页 > 通知", "一、总体要求", "（一）加强执法。（区市场监管局负责）", "2020年9月22日"]
    for source in SOURCES:
        lines += source.read_text(encoding="utf-8", errors="replace").splitlines()[:80]
    for line in lines:
        line = line.strip()
        assert is_furniture(line) == any(p.fullmatch(line) for p in furniture_patterns()), line


def test_quick_campaign_check_misses_nothing():
    known = ("剑网", "龙腾", "净网")
    assert find_campaigns("开展“剑网2021”专项行动", known) == [("剑网", 2021)]
    assert find_campaigns("开展剑网2021专项行动", known) == [("剑网", 2021)]
    assert find_campaigns("加强知识产权保护。", known) == []


def test_escape_agrees_with_translating_every_text():
    def plain_escape(text):
        text = text.translate(_ESCAPE_TABLE)
        return _LINE_START_RE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)

    alphabet = list("\\`*_{}[]<>#|~^$&-+=:.)0123456789 \n中文ab!?")
    rng = random.Random(1)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert escape(text) == plain_escape(text), text


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_json_is_the_notice_as_a_dict(source, registry):
    notice = load_notice(source, registry)
    assert render_json(notice) == json.dumps(notice.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
