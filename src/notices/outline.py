"""Stage 3b: the outline (一、（一）1.（1）) of a notice's body, its blocks in reading order, and
the spans of its tasks: text closed by a parenthesis of responsible agencies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .clean import MARKER_RE
from .dates import DATE_RE, chinese_number, to_iso
from .model import Block, Phase, Section
from .registry import DATA_DIR

SENTENCE_END = "。！？!?"
# A parenthesis, with at most short ones inside it: （责任单位：市市场监管局（牵头）、市公安局）
PAREN_RE = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]{1,20}[）)]){1,400})[）)]")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return yaml.safe_load((DATA_DIR / "outline.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def role_patterns() -> list[tuple[re.Pattern, str]]:
    """(closing pattern, role) in the order the data file gives them."""
    return [(re.compile(f"(?:{p})$"), role) for role, patterns in vocabulary()["roles"].items() for p in patterns]


# The same parentheses and agency names recur in notice after notice: cache by content.
@lru_cache(maxsize=65536)
def closing_role(content: str) -> tuple[str, str] | None:
    """(closing words, role) when a parenthesis or a name ends as an agency list does:
    …牵头, …按职责分工分别负责, …配合."""
    content = content.rstrip("。.；; ")
    for pattern, role in role_patterns():
        match = pattern.search(content)
        if match and match.start() > 0:
            return match.group(0), role
    return None


@lru_cache(maxsize=1)
def agency_name_re() -> re.Pattern:
    suffixes = sorted(vocabulary()["agency_suffixes"], key=len, reverse=True)
    return re.compile(r"[\u4e00-\u9fff]{1,30}(?:" + "|".join(map(re.escape, suffixes)) + ")")


def looks_like_agency(name: str) -> bool:
    """Whether `name` is written as an agency's name is: Chinese ending as one does (…局, …委, …海关)."""
    return bool(agency_name_re().fullmatch(name))


def ends_in_agency_name(text: str) -> bool:
    """Whether `text` ends as an agency's name does (报送省农委)."""
    suffixes = vocabulary()["agency_suffixes"]
    return any(text.endswith(suffix) for suffix in suffixes)


@lru_cache(maxsize=1)
def label_patterns() -> list[tuple[re.Pattern, str]]:
    """(label pattern, role) for the labels that open a parenthesis: 责任单位：…"""
    return [(re.compile(f"(?:{p})[：:]"), role) for role, patterns in vocabulary()["role_labels"].items()
            for p in patterns]


def agency_line(text: str) -> bool:
    """A line of labelled agencies under an item (牵头单位：市市场监管局；配合单位：市公安局)."""
    return labelled(text) and len(text) <= 300 and not re.search("[。！？]", text.rstrip("。"))


def labelled(content: str) -> bool:
    """（责任单位：省质监局）, （牵头单位：市市场监管局；配合单位：市公安局）"""
    return any(rx.match(content) for rx, _ in label_patterns())


NAME_SPLIT_RE = re.compile(r"[、，,；;和及]|以及")


def bare_names(content: str) -> bool:
    """A parenthesis of agency names alone: （市商务粮食局）, （市商务粮食局、各县市区商务粮食主管部门）."""
    if re.match(vocabulary()["not_agency_lists"], content):
        return False
    names = [n.removesuffix("等") for n in NAME_SPLIT_RE.split(re.sub(r"\u3000+|\s{2,}", "、", content.strip()))
             if n.strip()]
    names = [re.sub(r"\s+", "", n) for n in names]
    agencies = [n for n in names if looks_like_agency(n)]
    return bool(agencies) and all(n in agencies or GROUP_RE.search(n) for n in names)


# A generic group beside agencies: 各县市区商务粮食主管部门, 有关单位.
GROUP_RE = re.compile(r"^(各|有关|相关|其他|其它)|(部门|单位|机构)$")


def is_agency_parenthesis(content: str) -> bool:
    if re.search(r"[《》“”]", content):
        return False
    if labelled(content):
        return True
    closing = closing_role(content) if "。" not in content else None
    # （确保政策落实）closes as （市公安局落实） does: someone must be named
    return closing is not None and names_someone(content.rstrip("。.；; ")[: -len(closing[0])])


def names_someone(names: str) -> bool:
    """Whether a list of names before a role holds an agency or a group of them."""
    parts = [n for n in NAME_SPLIT_RE.split(re.sub(r"[\s（）()]+", "", names)) if n]
    return any(looks_like_agency(n) or GROUP_RE.search(n) or closing_role(n) for n in parts)


@dataclass(frozen=True)
class Marker:
    text: str  # as written: （二）
    level: int
    number: int


def parse_marker(text: str) -> tuple[Marker | None, str]:
    """The outline marker a paragraph starts with, and the rest of it."""
    match = MARKER_RE.match(text)
    if not match:
        return None, text
    marker = marker_of(match.group(0))
    if marker is None:
        return None, text
    return marker, text[match.end():]


@lru_cache(maxsize=4096)
def marker_of(raw: str) -> Marker | None:
    """The marker a matched marker text means (None when it is no number), cached: a corpus
    uses a few dozen markers."""
    core = raw.strip("（）()、.．")
    chinese = not core.isdigit()
    bracketed = raw[0] in "（("
    level = {(True, False): 1, (True, True): 2, (False, False): 3, (False, True): 4}[(chinese, bracketed)]
    try:
        number = int(core) if core.isdigit() else chinese_number(core)
    except ValueError:
        return None
    return Marker(raw, level, number)


def split_heading(rest: str) -> tuple[str | None, str]:
    """A heading at the start of a numbered paragraph, and the text that follows it.

    “加强重点商品执法。围绕…” runs its heading into the paragraph; a whole short line without
    sentence punctuation is a heading alone; “以驰名商标、…为重点，加强…” has none."""
    if not rest:
        return None, ""
    if len(rest) <= 40 and not re.search(r"[；;。]", rest.rstrip("。")):
        return rest.rstrip("。"), ""
    match = re.match(r"([^，,；;。、：:（(]{2,30})。", rest)
    following = PAREN_RE.match(rest[match.end():]) if match else None
    # “1.建立健全重点市场名录。（…负责）”: a sentence closed by its agencies is a task, not a heading
    if match and not (following and is_agency_parenthesis(following.group(1))):
        return match.group(1), rest[match.end():]
    return None, rest


def run_in_lead(text: str) -> str | None:
    """An unnumbered run-in heading: “互联网领域侵权假冒治理。以食品…” → 互联网领域侵权假冒治理。"""
    match = re.match(r"([^，,；;。、：:（(“”《》]{4,20}。)(?=.)", text)
    return match.group(1) if match else None


@dataclass
class TaskSpan:
    id: str
    path: list[Marker]
    text: str
    parenthesis: str | None  # the content of the closing parenthesis of agencies
    section: str | None
    block: int = -1  # the index of its block: tasks are kept in reading order


@dataclass
class Item:
    """A numbered paragraph: its outline path, whole text, run-in heading, its first block and
    the blocks of the unnumbered paragraphs that follow it (its body, up to the next number)."""

    path: list[Marker]
    text: str
    heading: str | None
    section: str | None
    block: int
    has_rest: bool = True  # text follows the number (or the heading) in the same paragraph
    heading_block: int | None = None
    body: list[int] = field(default_factory=list)  # paragraph blocks, in order
    has_task: bool = False  # a parenthesis of agencies closes work within it
    agencies: list[str] = field(default_factory=list)  # lines of labelled agencies under it
    leaf: bool = True  # no numbered item below it

    @property
    def level(self) -> int:
        return self.path[-1].level


@dataclass
class Outline:
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tasks: list[TaskSpan] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)


def numbers_id(prefix: str, path: list[Marker]) -> str:
    return prefix + "-".join(str(m.number) for m in path)


def build_outline(paras: list[str]) -> Outline:
    """Sections, body blocks and task spans of the body paragraphs."""
    out = Outline()
    path: list[Marker] = []
    open_sections: list[Section] = []
    items: list[Item] = []
    task_ids: dict[str, int] = {}
    item: Item | None = None  # the numbered item being read: unnumbered paragraphs belong to it
    listing = False  # reading the list of a 附件 line: 附件：1.…方案 / 2.…名单
    for index, text in enumerate(paras):
        marker, rest = parse_marker(text)
        if listing and marker and marker.level == 3 and len(rest) <= 60 and not re.search("[。；;]", rest):
            marker, rest = None, text  # the next attachment's title, not an item
        else:
            listing = bool(ATTACHMENT_RE.match(text))
        heading = None
        heading_block = None
        if marker:
            path = [m for m in path if m.level < marker.level] + [marker]
            heading, rest = split_heading(rest)
            if heading:
                section = Section(numbers_id("s-", path), marker.text, heading, marker.level)
                while open_sections and open_sections[-1].level >= marker.level:
                    open_sections.pop()
                (open_sections[-1].children if open_sections else out.sections).append(section)
                open_sections.append(section)
                heading_block = len(out.blocks)
                out.blocks.append(Block("heading", f"{marker.text}{heading}", section.id, marker.level))
            elif rest:
                rest = marker.text + rest
        section_id = open_sections[-1].id if open_sections else None
        if marker:
            whole = (f"{marker.text}{heading}。{rest}" if rest else heading) if heading else rest
            item = Item(list(path), whole, heading, section_id, len(out.blocks), bool(rest), heading_block)
            items.append(item)
        elif item is not None and closes_items(rest, paras[index + 1] if index + 1 < len(paras) else ""):
            item = None
        if not rest:
            continue
        if item is not None and not marker and agency_line(rest):
            item.agencies.append(rest.rstrip("。.；; "))  # 牵头单位：市市场监管局 under the item's text
            out.blocks.append(Block("paragraph", rest))
            continue
        spans = split_tasks(rest)
        if not any(paren for _, paren in spans):
            if item is not None:
                item.body.append(len(out.blocks))
            out.blocks.append(Block("paragraph", rest))
            continue
        if item is not None:
            item.has_task = True
        for piece, paren in spans:
            if paren is None:
                out.blocks.append(Block("paragraph", piece))
                continue
            task_id = unique_id(numbers_id("t-", path) if path else "t-0", task_ids)
            out.tasks.append(TaskSpan(task_id, list(path), piece, paren, section_id, len(out.blocks)))
            out.blocks.append(Block("task", piece, task_id))
    for item, following in zip(items, items[1:]):
        item.leaf = following.level <= item.level
    items_as_tasks(items, out, task_ids)
    out.phases = find_phases([i for i in items if i.has_rest], out.sections)
    return out


def unique_id(base: str, task_ids: dict[str, int]) -> str:
    """`base`, or `base-b`, `base-c` … when the item already has tasks."""
    count = task_ids.get(base, 0)
    task_ids[base] = count + 1
    return base if count == 0 else f"{base}-{suffix(count)}"


SIGNED_RE = re.compile(r"^[^，,。；;：:]{0,40}?" + DATE_RE.pattern + r"$")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]?")


def closes_items(text: str, following: str) -> bool:
    """A signature and date (深圳市市场监督管理局 / 2024年4月12日), or an attachment line: the end
    of the last item, which they are no part of."""
    if SIGNED_RE.match(text.strip()) or ATTACHMENT_RE.match(text):
        return True
    return len(text) <= 40 and not re.search(r"[，,。；;：:]", text) and bool(SIGNED_RE.match(following.strip()))


def suffix(count: int) -> str:
    """The id suffix of the (count+1)-th task of one item: b, c, … z, then 27, 28 …"""
    return chr(ord("a") + count) if count < 26 else str(count + 1)


def split_tasks(text: str) -> list[tuple[str, str | None]]:
    """Pieces of a paragraph, each closed by its parenthesis of agencies (or trailing text)."""
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for end, content in closings(text):
        # keep the full stop after a parenthesis with its task
        while end < len(text) and text[end] in "。；;.，,":
            end += 1
        pieces.append((text[start:end], content))
        start = end
    if start < len(text):
        tail = text[start:]
        if pieces and not tail.strip("。；;.，, "):
            pieces[-1] = (pieces[-1][0] + tail, pieces[-1][1])
        else:
            pieces.append((tail, None))
    return pieces


def closings(text: str) -> list[tuple[int, str]]:
    """(end, content) of each parenthesis of agencies in a paragraph, in order; with the lists
    whose opening bracket the page lost (…违法行为市场监管局、武汉海关按职责分工分别负责）)."""
    found: list[tuple[int, str]] = []
    inside: list[tuple[int, int]] = []
    for match in PAREN_RE.finditer(text):
        inside.append(match.span())
        content = match.group(1)
        end = match.end()
        closes = end == len(text) or text[end] in "。；;"
        # 报送省农委(科教处): a parenthesis right after a name says which part of it, not who works
        after_name = ends_in_agency_name(text[:match.start()])
        if is_agency_parenthesis(content) or (closes and not after_name and bare_names(content)):
            found.append((end, content))
    for close in re.finditer(r"[）)]", text):
        if any(a <= close.start() < b for a, b in inside):
            continue
        content = unopened_list(text[:close.start()])
        if content:
            found.append((close.end(), content))
    return sorted(found)


# Marks the first name of a list whose opening bracket was lost: it runs on from the sentence.
RUN_ON = "…"


def unopened_list(before: str) -> str | None:
    """The agency list a stray closing bracket ends, from the clause before it: the names back
    from the closing words, each ending as an agency's does (short runs that do not, such as
    经济和信息化公安商务, are dropped), to the first long one, which runs on from the sentence
    (…违法行为市场监管局): marked with RUN_ON for the registry to cut (assign.known_tail)."""
    clause = re.split(r"[。；;！？!?（(，,]", before)[-1]
    closing = closing_role(clause)
    if not closing or "、" not in clause:
        return None
    names: list[str] = []
    for name in reversed(clause[: -len(closing[0])].split("、")):
        if len(name) > 12:
            if agency_name_re().search(name) and looks_like_agency(name):
                names.insert(0, RUN_ON + name)
            break
        if looks_like_agency(name):
            names.insert(0, name)
    return "、".join(names) + closing[0] if names else None


def sections_headed(sections: list[Section], words: list[str]) -> set[str]:
    """Ids of the sections whose heading holds one of `words` (each id as `all_sections` keeps it)."""
    return {sid for sid, section in all_sections(sections).items() if any(w in section.heading for w in words)}


def heading_matches(headed: set[str], path: list[Marker]) -> bool:
    """Whether a section above the item of `path` (not the item itself) is one of `headed`."""
    return any(numbers_id("s-", path[:depth]) in headed for depth in range(1, len(path)))


def under_or_at(headed: set[str], path: list[Marker]) -> bool:
    """Whether the item of `path` or a section above it is one of `headed`."""
    return any(numbers_id("s-", path[:depth]) in headed for depth in range(1, len(path) + 1))


def all_sections(sections: list[Section]) -> dict[str, Section]:
    found: dict[str, Section] = {}
    for section in sections:
        found[section.id] = section
        found.update(all_sections(section.children))
    return found


def items_as_tasks(items: list[Item], out: Outline, task_ids: dict[str, int]) -> None:
    """Numbered items that carry work but no parenthesis of agencies are tasks too, as a reader
    counts them: each item at the lowest level (no numbered item below it) that no parenthesis
    divides into tasks, whether the notice assigns agencies or not, and whether an excerpt cut it
    short before its parenthesis. Never aims, principles or stages (指导思想, 工作目标, 基本原则,
    实施步骤): items under such a heading, or headed by one, are none."""
    vocab = vocabulary()
    skipped = sections_headed(out.sections, vocab["not_task_headings"] + vocab["phase_headings"])
    for item in items:
        if not item.leaf or item.has_task or under_or_at(skipped, item.path):
            continue
        if item.has_rest:
            at, text = item.block, item.text
        elif item.body:
            at = item.body[0]
            text = out.blocks[at].text
        elif item.heading_block is not None:  # a number and a heading alone, cut off after it
            at, text = item.heading_block, out.blocks[item.heading_block].text
            drop_section(out.sections, out.blocks[at].id)
        else:
            continue
        section = item.section
        if out.blocks[at].kind == "heading":  # its section is gone: it sits in the one above
            known = all_sections(out.sections)
            section = next((numbers_id("s-", item.path[:d]) for d in range(len(item.path) - 1, 0, -1)
                            if numbers_id("s-", item.path[:d]) in known), None)
        task_id = unique_id(numbers_id("t-", item.path), task_ids)
        out.tasks.append(TaskSpan(task_id, item.path, text, "；".join(item.agencies) or None, section, at))
        out.blocks[at] = Block("task", out.blocks[at].text, task_id)
    out.tasks.sort(key=lambda t: t.block)


def drop_section(sections: list[Section], sid: str) -> bool:
    """Take the section `sid` out of the tree (its heading became a task)."""
    for index, section in enumerate(sections):
        if section.id == sid:
            del sections[index]
            return True
        if drop_section(section.children, sid):
            return True
    return False


def find_phases(items: list[Item], sections: list[Section]) -> list[Phase]:
    """The stages of an implementation plan, with the deadline where the text gives a date."""
    headed = sections_headed(sections, vocabulary()["phase_headings"])
    phases = []
    for item in items:
        if not heading_matches(headed, item.path):
            continue
        text, heading = item.text, item.heading
        body = text.split("。", 1)[1] if heading else text
        period = re.match(r"([^，,。]{2,30}?)(?:[，,]|$)", body)
        deadline = None
        for match in DATE_RE.finditer(body):
            if re.match(r"\s*(日?前|之前|以前)", body[match.end():]):
                deadline = to_iso(match)
                break
        phases.append(Phase(heading or text[:20], period.group(1) if period else None, deadline, text))
    return phases
