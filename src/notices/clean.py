"""Stage 2: turn decoded text into paragraphs, undoing what copying from web pages and PDFs
does to a notice (page markers, page breaks inside sentences, stray spaces, one-line bodies),
and report every string dropped as page furniture."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

from .registry import DATA_DIR

CJK = r"\u2018-\u201f\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# Outline markers: 一、 / （一） / 1. / （1）. Shared with the outline stage.
MARKER = (r"(?:[一二三四五六七八九十百]{1,4}、|[（(][一二三四五六七八九十百]{1,5}[）)]"
          r"|\d{1,3}[.．、](?![\d.．])|[（(]\d{1,3}[）)])")
MARKER_RE = re.compile(MARKER)
# A line holding a whole body: split it before a marker that follows white space.
INLINE_MARKER_RE = re.compile(r"\s+(?=" + MARKER + ")")
SPACE_NEAR_CJK_RE = re.compile(rf"(?<=[{CJK}])[ \t]+|[ \t]+(?=[{CJK}])")
AGENCY_PAREN_START_RE = re.compile(r"^[（(][^（）()]{1,300}?(负责|牵头|配合|协助|参与)[）)]")
# a parenthesis opened and not closed on its line: an agency list that a hard wrap split
OPEN_PAREN_LINE_RE = re.compile(r"^[（(][^（）()]*$")
TERMINAL = "。！？；：”」』）)》!?;:"
CONTINUES = "，,、（(《“‘"
TRAILING_PIPES_RE = re.compile(r"(\s*\|)+\s*$")
# Pinyin ruby that mirrors of old pages leak after characters: 产(chǎn), 发(fā). A reading
# carries a tone mark (or ü), which no word of a notice in brackets does.
TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_RUBY_RE = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*([a-z{TONES}]*[{TONES}][a-z{TONES}]*)\s*[)）]")
SENTENCE_RE = re.compile(r"[，,。；;：:]")
# how a centred line ends when it is whole: a 文号, a date, an organisation, a document title
DATE_LINE_RE = re.compile(r"[〇零○一二三四五六七八九\d]{4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日")
# a field of a page's byline or 信息公开 table: 作者:…, 发布日期:…, 索 引 号:…
FIELD_LINE_RE = re.compile(r"^[•·]?\s*(?:[\u4e00-\u9fff]\s*){2,6}[:：]")
TITLE_END_RE = re.compile(r"(要点|方案|通知|意见|办法|计划|规定|细则|决定|通报|安排)$")
COMPLETE_LINE_RE = re.compile(r"(号|日|文件|局|委|办|室|组|院|部|厅|会|署|政府|要点|方案|通知|意见|办法|计划|规定|细则|决定|通报)$")


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


@lru_cache(maxsize=1)
def furniture_re() -> re.Pattern | None:
    """The furniture patterns as one alternation: a line fully matches it exactly when it fully
    matches one of them, and one regex call per line is much cheaper than eleven. None when a
    pattern refers back to a group, which joining them could renumber."""
    patterns = [p.pattern for p in furniture_patterns()]
    if any(re.search(r"\\[1-9]|\(\?P=", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:  # e.g. a group name used twice, or a flag that must come first
        return None


def is_furniture(line: str) -> bool:
    joined = furniture_re()
    if joined is not None:
        return joined.fullmatch(line) is not None
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
        # a character that maps to itself changes nothing; left out, it does not make a
        # simplified text look traditional (and translated for nothing)
        if len(source) == 1 and len(target) == 1 and source != target:
            table[ord(source)] = target
    return table


ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def traditional_chars() -> tuple[re.Pattern, frozenset[str]]:
    """The traditional characters of the table: those of the Basic Multilingual Plane as a
    regex class, the others as a set (a class holding characters beyond the plane is scanned
    entry by entry, a hundred times slower)."""
    chars = [chr(c) for c in sorted(simplified_table())]
    bmp = re.compile("[" + "".join(re.escape(c) for c in chars if c <= "\uffff") + "]")
    return bmp, frozenset(c for c in chars if c > "\uffff")


def has_traditional(text: str) -> bool:
    bmp, astral = traditional_chars()
    return bmp.search(text) is not None or any(c in astral for c in ASTRAL_RE.findall(text))


def to_simplified(text: str) -> str:
    # Most notices are written in simplified characters: one regex scan is far cheaper than a
    # translation that looks every character up in a dict.
    if not has_traditional(text):
        return text
    return text.translate(simplified_table())


def drop_spaces_near_cjk(text: str) -> str:
    return SPACE_NEAR_CJK_RE.sub("", text) if " " in text or "\t" in text else text


@dataclass(frozen=True)
class Piece:
    """One physical line (or a part of one) before paragraphs are joined."""

    para: Para
    indent: int  # leading spaces of the line as copied
    width: int  # characters on the line, its indentation included


@dataclass(frozen=True)
class Layout:
    """What the copied text says about its own layout."""

    wrap: int | None  # width of hard-wrapped lines, where the text was copied from a PDF
    indented_paragraphs: bool  # paragraphs start indented, continuation lines do not


def clean(text: str) -> Cleaned:
    """Paragraphs of the notice in reading order, and the furniture dropped.

    Every decision is taken on a simplified copy and applied to the text as written alike;
    the two stay the same length because the conversion maps one character to one."""
    dropped: list[str] = []
    pieces: list[Piece] = []
    text = normalise_spaces(text)
    if "(" in text or "（" in text:
        text, ruby = remove_pinyin_ruby(text)
        if ruby:
            dropped.append(ruby)
    simplified = to_simplified(text)
    # Most notices are simplified already: then the text as written is the same string, and
    # each step is taken on it once instead of twice.
    same = simplified is text
    lines = simplified.split("\n")
    for number, (raw, orig) in enumerate(zip(lines, lines if same else text.split("\n")), start=1):
        line = raw.strip()
        if not line:
            continue
        orig = line if same else orig.strip()
        if is_furniture(line):
            dropped.append(orig)
            continue
        indent = len(raw) - len(raw.lstrip())
        # Flattened tables end rows with pipes; the pipes are layout, not words.
        stripped = TRAILING_PIPES_RE.sub("", line) if "|" in line else line
        if stripped != line and not stripped.count("|"):
            dropped.append(orig[len(stripped):].strip())
            line, orig = stripped, orig[:len(stripped)]
        # A marker is split off only after white space: a line without any needs no search
        # (str.split and the regex's \s agree on what white space is).
        inline = INLINE_MARKER_RE.finditer(line) if len(line.split(None, 1)) > 1 else ()
        start = 0
        for match in [*inline, None]:
            end = match.start() if match else len(line)
            part = drop_spaces_near_cjk(line[start:end].strip())
            part_orig = part if same else drop_spaces_near_cjk(orig[start:end].strip())
            if part:
                pieces.append(Piece(Para(part, part_orig, number), indent if start == 0 else 0, indent + len(line)))
            start = match.end() if match else end
    return Cleaned(join_page_breaks(pieces, layout_of(pieces)), dropped)


def remove_pinyin_ruby(text: str) -> tuple[str, str | None]:
    """The text without pinyin readings after its characters, and a note of what was removed
    (each reading once, with how many there were), or None when there were none."""
    found = PINYIN_RUBY_RE.findall(text)
    if not found:
        return text, None
    readings = "".join(f"({r})" for r in dict.fromkeys(found))
    return PINYIN_RUBY_RE.sub("", text), f"拼音注音 pinyin readings ×{len(found)}: {readings}"


def layout_of(pieces: list[Piece]) -> Layout:
    widths = [p.width for p in pieces if p.width >= 16]
    wrap = None
    if len(widths) >= 6:
        # hard-wrapped lines share one width (give or take a half-width character)
        count = Counter(widths)

        def near(w: int) -> int:  # lines within one character of width w
            return count[w - 1] + count[w] + count[w + 1]

        best = max(set(widths), key=near)
        if near(best) >= max(3, len(widths) // 4):
            wrap = best
    indented = sum(1 for p in pieces if p.indent >= 2)
    return Layout(wrap, 0 < indented < len(pieces) * 0.8 and wrap is not None)


def join_page_breaks(pieces: list[Piece], layout: Layout) -> list[Para]:
    """Join paragraphs that a page break or a hard wrap split in two."""
    out: list[Para] = []
    previous: Piece | None = None
    for piece in pieces:
        if out and previous and continues_into(out[-1].text, previous, piece, layout):
            out[-1] = Para(out[-1].text + piece.para.text, out[-1].orig + piece.para.orig, out[-1].line)
        else:
            out.append(piece.para)
        previous = piece
    return out


def unbalanced(text: str) -> bool:
    return text.count("《") > text.count("》") or \
        text.count("（") + text.count("(") > text.count("）") + text.count(")")


def continues_into(before: str, last: Piece, piece: Piece, layout: Layout) -> bool:
    """Whether `piece` goes on the paragraph `before`, whose last line was `last`."""
    after = piece.para.text
    if "|" in before or "|" in after:
        return False
    if AGENCY_PAREN_START_RE.match(after) or (layout.wrap and OPEN_PAREN_LINE_RE.match(after)):
        return True
    if MARKER_RE.match(after) or FIELD_LINE_RE.match(after):
        return False
    if before[-1] in CONTINUES or unbalanced(before):
        return True
    # a date under a signature, or the list of attachments, starts nothing that goes on
    if (len(before) <= 20 and DATE_LINE_RE.fullmatch(before)) or re.match(r"附\s*件", before):
        return False
    # a whole title (…工作方案, …的通知) is no sentence that a wrap split
    if TITLE_END_RE.search(before) and not SENTENCE_RE.search(before) and len(before) >= 8:
        return False
    # a title or a signature centred on two lines: 号, 日, 局, 通知 … end such lines whole
    if last.indent >= 4 and piece.indent >= 4 and not SENTENCE_RE.search(before + after) \
            and not COMPLETE_LINE_RE.search(before):
        return True
    # a centred line may be as wide, but it is no hard wrap
    full_width = layout.wrap is not None and last.width >= layout.wrap - 1 and last.indent <= 2
    # where paragraphs start indented, a full line followed by one that is not indented goes on,
    # even after a full stop: a hard wrap fell between two sentences
    if full_width and layout.indented_paragraphs:
        return piece.indent < 2
    if before[-1] in TERMINAL:
        return False
    # a line as wide as the text's hard wrap goes on
    if full_width:
        return True
    # A heading or a title does not end in punctuation either: only running text is joined.
    if MARKER_RE.match(before) and "。" not in before:
        return False
    return len(before) >= 20 and bool(re.search(r"[，。；]", before))
