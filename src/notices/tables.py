"""信息公开 metadata lines in every layout real pages use: label: value lines (spaced, traditional,
after a bullet), HTML tables flattened into pipes (labels with or without colons, two pairs a row),
rows flattened without colons, a law portal's 【】 fields, a page's byline and time stamp, a label
alone on its line. Pure functions over one line; metadata.py decides what the values fill."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from .registry import DATA_DIR

SENTENCE_PUNCT = re.compile(r"[，,。；;！？]")


@lru_cache(maxsize=1)
def label_map() -> dict[str, str]:
    data = yaml.safe_load((DATA_DIR / "metadata_labels.yaml").read_text(encoding="utf-8"))
    return {label: key for key, labels in data.items() for label in labels}


@lru_cache(maxsize=1)
def label_re() -> re.Pattern:
    labels = sorted(label_map(), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, labels)) + r")\s*[:：]")


# A law portal's fields: 【制定机关】…【公布日期】…【字号】… (its 字号 is the 文号, not a font size)
PORTAL_LABEL_RE = re.compile(r"【\s*([\u4e00-\u9fff\s]{2,8}?)\s*】")
# A bare date and time opening a page's byline: 2022-09-28 16:08 来源: …
BYLINE_DATE_RE = re.compile(r"^((?:19|20)\d\d[-./年]\d{1,2}[-./月]\d{1,2}日?)(?:T\d{1,2}:\d{2}(?::\d{2})?)?(?=.{0,40}(?:来源|作者|浏览|点击)[:：])")


PAGE_STAMP_RE = re.compile(
    r"^[•·\s]*(?:(?P<y>(?:19|20)\d\d)\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d\d))"
    r"\s*T?\s*\d{1,2}\s*[:时]\s*\d{2}(?:\s*[:分]\s*(?:\d{2}\s*秒?)?)?$")


def table_fields(text: str) -> list[tuple[str, str]] | None:
    """(label, value) pairs of a metadata line, or None when the line is not one.

    Labels may be spaced (索 引 号:), follow a bullet (•文号:), sit in a law portal's 【】, or be
    pipes' cells; a page's byline may open with its date (2022-09-28 16:08 来源: …)."""
    text = re.sub(r"(?<=\d)\s+(?=\d)", "T", text)  # a date and its time stay apart
    if "【" in text:
        text = PORTAL_LABEL_RE.sub(lambda m: ("文号" if re.sub(r"\s", "", m.group(1)) == "字号" else m.group(1)) + ":", text)
    spaced = spaced_fields(text)
    if spaced:
        return spaced
    stamp = PAGE_STAMP_RE.match(text.strip())
    if stamp:  # a date with its time of day is when the page went up, never a signature's date
        y, m, d = (stamp["y"], stamp["m"], stamp["d"]) if stamp["y"] else (stamp["y2"], stamp["m2"], stamp["d2"])
        return [("发布时间", f"{int(y):04d}-{int(m):02d}-{int(d):02d}")]
    compact = re.sub(r"\s+", "", text).lstrip("•·●◆■□▪-")
    byline = BYLINE_DATE_RE.match(compact)
    if byline:
        compact = "发布时间:" + compact
    if "|" in compact:
        # an HTML table's cells: <th>索引号</th><td>…</td>, two pairs a row, the label with or
        # without its colon
        cells = [c + ":" if c in label_map() else c for c in compact.split("|")]
        if not any(label_re().match(c) for c in cells):
            return None
        pairs: list[tuple[str, str]] = []
        pending: str | None = None
        for cell in cells:
            match = label_re().match(cell)
            if match:
                if pending:
                    pairs.append((pending, ""))
                rest = cell[match.end():]
                pending = None if rest else match.group(1)
                if rest:
                    pairs.append((match.group(1), rest))
            elif pending:
                pairs.append((pending, cell))
                pending = None
        if pending:
            pairs.append((pending, ""))
        return pairs
    if len(compact) > 120 or not label_re().match(compact):
        return None
    matches = list(label_re().finditer(compact))
    return [(m.group(1), compact[m.end(): matches[i + 1].start() if i + 1 < len(matches) else None])
            for i, m in enumerate(matches)]


@lru_cache(maxsize=1)
def bare_label_re() -> re.Pattern:
    labels = sorted((label for label in label_map() if len(label) >= 3), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, labels)))


def spaced_fields(text: str) -> list[tuple[str, str]] | None:
    """A table row flattened without colons: 发文字号 豫政办〔2013〕68号 发布时间 2013年08月02日 (spaces
    may be gone): a short line without sentence punctuation that opens with a label of three or
    more characters and holds at least two."""
    compact = re.sub(r"\s+", "", text)
    if len(compact) > 80 or SENTENCE_PUNCT.search(compact) or re.search(r"[:：]", compact):
        return None
    found = list(bare_label_re().finditer(compact))
    if len(found) < 2 or found[0].start() != 0:
        return None
    return [(m.group(0), compact[m.end(): found[k + 1].start() if k + 1 < len(found) else None])
            for k, m in enumerate(found)]


def label_alone(text: str) -> str | None:
    """A label on a line of its own (one field a line, a definition list's term): 成文日期, 索 引 号："""
    compact = re.sub(r"\s+", "", text).rstrip(":：")
    return compact if compact in label_map() and label_map()[compact] != "title" else None
