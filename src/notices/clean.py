"""Stage 2: turn decoded text into paragraphs, undoing what copying from web pages and PDFs
does to a notice (page markers, page breaks inside sentences, stray spaces, one-line bodies),
and report every string dropped as page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

from .registry import DATA_DIR

CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# Outline markers: 一、 / （一） / 1. / （1）. Shared with the outline stage.
MARKER = (r"(?:[一二三四五六七八九十百]{1,4}、|[（(][一二三四五六七八九十百]{1,5}[）)]"
          r"|\d{1,3}[.．、](?![\d.．])|[（(]\d{1,3}[）)])")
MARKER_RE = re.compile(MARKER)
# A line holding a whole body: split it before a marker that follows white space.
INLINE_MARKER_RE = re.compile(r"\s+(?=" + MARKER + ")")
SPACE_NEAR_CJK_RE = re.compile(rf"(?<=[{CJK}])[ \t]+|[ \t]+(?=[{CJK}])")
AGENCY_PAREN_START_RE = re.compile(r"^[（(][^（）()]{1,300}?(负责|牵头|配合|协助|参与)[）)]")
TERMINAL = "。！？；：”」』）)》!?;:"
CONTINUES = "，,、（(《“‘"


@dataclass(frozen=True)
class Para:
    text: str  # simplified characters, for matching
    orig: str  # the same paragraph as written (traditional characters kept)
    line: int  # 1-based line of the source where it starts


@dataclass(frozen=True)
class Cleaned:
    paras: list[Para]
    dropped: list[str]


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[re.Pattern, ...]:
    data = yaml.safe_load((DATA_DIR / "furniture.yaml").read_text(encoding="utf-8"))
    return tuple(re.compile(p) for p in data["lines"])


def is_furniture(line: str) -> bool:
    return any(p.fullmatch(line) for p in furniture_patterns())


def normalise_spaces(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text)
    return re.sub(r"[\u3000\xa0\t]", " ", text)


@lru_cache(maxsize=1)
def simplified_table() -> dict[int, str]:
    """Traditional → simplified, one character for one, from OpenCC's character table, so
    that a simplified copy lines up with the text as written."""
    table: dict[int, str] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for row in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = row.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1:
            table[ord(source)] = target
    return table


def to_simplified(text: str) -> str:
    return text.translate(simplified_table())


def clean(text: str) -> Cleaned:
    """Paragraphs of the notice in reading order, and the furniture dropped.

    Every decision is taken on a simplified copy and applied to the text as written alike;
    the two stay the same length because the conversion maps one character to one."""
    dropped: list[str] = []
    pieces: list[Para] = []
    text = normalise_spaces(text)
    for number, (raw, orig) in enumerate(zip(to_simplified(text).split("\n"), text.split("\n")), start=1):
        line, orig = raw.strip(), orig.strip()
        if not line:
            continue
        if is_furniture(line):
            dropped.append(orig)
            continue
        # Flattened tables end rows with pipes; the pipes are layout, not words.
        stripped = re.sub(r"(\s*\|)+\s*$", "", line)
        if stripped != line and not stripped.count("|"):
            dropped.append(orig[len(stripped):].strip())
            line, orig = stripped, orig[:len(stripped)]
        start = 0
        for match in [*INLINE_MARKER_RE.finditer(line), None]:
            end = match.start() if match else len(line)
            part, part_orig = line[start:end], orig[start:end]
            start = match.end() if match else end
            part, part_orig = SPACE_NEAR_CJK_RE.sub("", part.strip()), SPACE_NEAR_CJK_RE.sub("", part_orig.strip())
            if part:
                pieces.append(Para(part, part_orig, number))
    return Cleaned(join_page_breaks(pieces), dropped)


def join_page_breaks(pieces: list[Para]) -> list[Para]:
    """Join paragraphs that a page break or a hard wrap split in two."""
    out: list[Para] = []
    for piece in pieces:
        if out and continues_into(out[-1].text, piece.text):
            out[-1] = Para(out[-1].text + piece.text, out[-1].orig + piece.orig, out[-1].line)
        else:
            out.append(piece)
    return out


def continues_into(before: str, after: str) -> bool:
    if "|" in before or "|" in after:
        return False
    if AGENCY_PAREN_START_RE.match(after):
        return True
    if MARKER_RE.match(after):
        return False
    if before[-1] in CONTINUES:
        return True
    if before[-1] in TERMINAL:
        return False
    # A heading or a title does not end in punctuation either: only running text is joined.
    if MARKER_RE.match(before) and "。" not in before:
        return False
    return len(before) >= 20 and bool(re.search(r"[，。；]", before))
