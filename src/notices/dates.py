"""Dates as notices write them: 2020年9月22日, 2020-09-22 09:44, 2022.7.7, 二〇二〇年九月二十二日."""

from __future__ import annotations

import re
from datetime import date

# ○ (a circle) and Ｏ/O stand for 〇 in many typed dates: 二○一二年
YEAR_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0, "０": 0, "0": 0}
CN_NUM = r"[〇零○一二三四五六七八九十]"
DATE_RE = re.compile(
    r"(?P<y>\d{4}|[〇零○ＯO０0一二三四五六七八九]{4})\s*(?:年\s*|[-./])\s*"
    r"(?P<m>\d{1,2}|" + CN_NUM + r"{1,3})\s*(?:月\s*|[-./])\s*"
    r"(?P<d>\d{1,2}|" + CN_NUM + r"{1,3})(?:\s*日)?")


def _small_numbers() -> dict[str, int]:
    """一 … 九十九 written the usual way (十二, 二十, 二十三, also 一十), by value."""
    digits = {d: i for i, d in enumerate("一二三四五六七八九", start=1)}
    table = dict(digits) | {"十": 10}
    for d, i in digits.items():
        table["十" + d] = 10 + i
        table[d + "十"] = 10 * i
        table.update({d + "十" + e: 10 * i + j for e, j in digits.items()})
    return table


SMALL_NUMBERS = _small_numbers()


def chinese_number(text: str) -> int:
    """The value of a Chinese numeral as cn2an's "smart" mode reads it, raising what it raises.

    Outline markers and dates are nearly always below a hundred: those are read from a table
    that agrees with cn2an on each of them, so that cn2an (half a second to import) is
    imported only for the rare others."""
    hit = SMALL_NUMBERS.get(text)
    if hit is not None:
        return hit
    import cn2an
    return int(cn2an.cn2an(text, "smart"))


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in YEAR_DIGITS for c in text):  # a year written digit by digit
        return int("".join(str(YEAR_DIGITS[c]) for c in text))
    return chinese_number(text.replace("〇", "零"))


def to_iso(match: re.Match) -> str | None:
    """The ISO date of a DATE_RE match, or None when it is no real date."""
    try:
        return date(_number(match["y"]), _number(match["m"]), _number(match["d"])).isoformat()
    except (ValueError, KeyError):
        return None


def parse_date(text: str) -> str | None:
    """The first real date in `text` as YYYY-MM-DD, or None."""
    for match in DATE_RE.finditer(text):
        iso = to_iso(match)
        if iso:
            return iso
    return None


def is_date_line(text: str) -> bool:
    """True when the whole line is a date (the date under a signature)."""
    match = DATE_RE.fullmatch(text.strip())
    return bool(match and to_iso(match))
