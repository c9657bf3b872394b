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
PAREN_RE = re.compile(r"[（(]([^（）()]{1,400})[）)]")


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
def first_is_lead_re() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in vocabulary()["first_is_lead"]))


@lru_cache(maxsize=1)
def role_label_re() -> re.Pattern:
    """（责任单位：…）: the label that opens a parenthesis or a clause of one, and its role."""
    labels = sorted(((label, role) for role, ls in vocabulary()["role_labels"].items() for label in ls),
                    key=lambda t: -len(t[0]))
    return re.compile("(" + "|".join(re.escape(label) for label, _ in labels) + r")\s*[:：]")


@lru_cache(maxsize=1)
def label_roles() -> dict[str, str]:
    return {label: role for role, ls in vocabulary()["role_labels"].items() for label in ls}


def is_agency_parenthesis(content: str) -> bool:
    if re.search(r"[《》“”]", content):
        return False
    if role_label_re().match(content.strip()):
        return True
    return "。" not in content and closing_role(content) is not None


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


@dataclass
class Item:
    """A numbered paragraph: its outline path, whole text, run-in heading and first block."""

    path: list[Marker]
    text: str
    heading: str | None
    section: str | None
    block: int


@dataclass
class Outline:
    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tasks: list[TaskSpan] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)


def numbers_id(prefix: str, path: list[Marker]) -> str:
    return prefix + "-".join(str(m.number) for m in path)


@dataclass
class Open:
    """The numbered item being read: what it holds so far, to decide at its end whether it is a
    task of its own (a leaf item carrying work that no parenthesis of agencies divides)."""

    marker: Marker
    path: list[Marker]
    heading: str | None
    section: str | None
    texts: list[str] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    has_task: bool = False
    run_in: bool = False  # heading and text in one paragraph: （一）加强执法。围绕…


def build_outline(paras: list[str]) -> Outline:
    """Sections, body blocks and task spans of the body paragraphs."""
    out = Outline()
    path: list[Marker] = []
    open_sections: list[Section] = []
    numbered_items: list[Item] = []
    task_ids: dict[str, int] = {}
    item: Open | None = None
    for index, text in enumerate(paras):
        marker, rest = parse_marker(text)
        heading = None
        if marker:
            if item is not None:
                close_item(item, marker, out)
            path = [m for m in path if m.level < marker.level] + [marker]
            heading, rest = split_heading(rest)
            if heading:
                section = Section(numbers_id("s-", path), marker.text, heading, marker.level)
                while open_sections and open_sections[-1].level >= marker.level:
                    open_sections.pop()
                (open_sections[-1].children if open_sections else out.sections).append(section)
                open_sections.append(section)
                out.blocks.append(Block("heading", f"{marker.text}{heading}", section.id, marker.level))
            elif rest:
                rest = marker.text + rest
            item = Open(marker, list(path), heading, open_sections[-1].id if open_sections else None,
                        blocks=[len(out.blocks) - 1] if heading else [], run_in=bool(heading and rest))
        section_id = open_sections[-1].id if open_sections else None
        if not rest:
            continue
        following = paras[index + 1] if index + 1 < len(paras) else ""
        if item is not None and not marker and closes_items(rest, following):
            close_item(item, None, out)
            item = None
        if marker:
            whole = f"{marker.text}{heading}。{rest}" if heading else rest
            numbered_items.append(Item(list(path), whole, heading, section_id, len(out.blocks)))
        spans = split_tasks(rest)
        if item is not None:
            item.texts.append(rest)
        if not any(paren for _, paren in spans):
            if item is not None:
                item.blocks.append(len(out.blocks))
            out.blocks.append(Block("paragraph", rest))
            continue
        if item is not None:
            item.has_task = True
        for piece, paren in spans:
            if paren is None:
                out.blocks.append(Block("paragraph", piece))
                continue
            base = numbers_id("t-", path) if path else "t-0"
            count = task_ids.get(base, 0)
            task_ids[base] = count + 1
            task_id = base if count == 0 else f"{base}-{suffix(count)}"
            out.tasks.append(TaskSpan(task_id, list(path), piece, paren, section_id))
            out.blocks.append(Block("task", piece, task_id))
    if item is not None:
        close_item(item, None, out)
    excluded = sections_headed(out.sections, vocabulary()["not_task_headings"] + vocabulary()["phase_headings"])
    out.tasks = [t for t in out.tasks if t.parenthesis is not None or not excluded_item(t, excluded)]
    out.blocks = [b if b.kind != "task" or b.id in {t.id for t in out.tasks} else untask(b) for b in out.blocks]
    out.phases = find_phases(numbered_items, out.sections)
    return out


def close_item(item: Open, following: Marker | None, out: Outline) -> None:
    """A leaf item (no deeper item follows) that carries work and holds no task of a parenthesis
    is a task: 1. / （一） / 一、 at the lowest level, as a reader counts them."""
    if item.has_task or (following is not None and following.level > item.marker.level):
        return
    if not item.texts and not item.heading:
        return
    task_id = numbers_id("t-", item.path)
    text = "".join(item.texts) or f"{item.marker.text}{item.heading}"
    if item.run_in:
        text = f"{item.marker.text}{item.heading}。{text}"
    own_section = numbers_id("s-", item.path) if item.heading else item.section
    out.tasks.append(TaskSpan(task_id, item.path, text, label_parenthesis(text), own_section))
    block = next((i for i in item.blocks if out.blocks[i].kind == "paragraph"), item.blocks[0] if item.blocks else None)
    if block is not None:
        out.blocks[block] = Block("task", out.blocks[block].text, task_id, out.blocks[block].level)


SIGNED_RE = re.compile(r"^[^，,。；;：:]{0,40}?" + DATE_RE.pattern + r"$")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[:：]?")


def closes_items(text: str, following: str) -> bool:
    """A signature and date (深圳市市场监督管理局 / 2024年4月12日), or an attachment line: the end
    of the last item."""
    if SIGNED_RE.match(text.strip()) or ATTACHMENT_RE.match(text):
        return True
    return len(text) <= 40 and not re.search(r"[，,。；;：:]", text) and bool(SIGNED_RE.match(following.strip()))


def untask(block: Block) -> Block:
    """A block made a task for an item that turned out not to be one, as it was."""
    if block.level:
        return Block("heading", block.text, "s-" + block.id[2:], block.level)
    return Block("paragraph", block.text)


def excluded_item(task: TaskSpan, excluded: set[str]) -> bool:
    """Items under 指导思想, 工作目标, 基本原则 … or the stages of a plan are no tasks."""
    return any(numbers_id("s-", task.path[:depth]) in excluded for depth in range(1, len(task.path) + 1))


def label_parenthesis(text: str) -> str | None:
    """The content of a labelled parenthesis of agencies in an item's text (（责任单位：…）), if any."""
    for match in PAREN_RE.finditer(text):
        if is_agency_parenthesis(match.group(1)):
            return match.group(1)
    return None


def suffix(count: int) -> str:
    """The id suffix of the (count+1)-th task of one item: b, c, … z, then 27, 28 …"""
    return chr(ord("a") + count) if count < 26 else str(count + 1)


def split_tasks(text: str) -> list[tuple[str, str | None]]:
    """Pieces of a paragraph, each closed by its parenthesis of agencies (or trailing text)."""
    pieces: list[tuple[str, str | None]] = []
    start = 0
    for match in PAREN_RE.finditer(text):
        if not is_agency_parenthesis(match.group(1)):
            continue
        end = match.end()
        # keep the full stop after a parenthesis with its task
        while end < len(text) and text[end] in "。；;.，,":
            end += 1
        pieces.append((text[start:end], match.group(1)))
        start = end
    if start < len(text):
        tail = text[start:]
        if pieces and not tail.strip("。；;.，, "):
            pieces[-1] = (pieces[-1][0] + tail, pieces[-1][1])
        else:
            pieces.append((tail, None))
    return pieces


def sections_headed(sections: list[Section], words: list[str]) -> set[str]:
    """Ids of the sections whose heading holds one of `words` (each id as `all_sections` keeps it)."""
    return {sid for sid, section in all_sections(sections).items() if any(w in section.heading for w in words)}


def heading_matches(headed: set[str], path: list[Marker]) -> bool:
    """Whether a section above the item of `path` (not the item itself) is one of `headed`."""
    return any(numbers_id("s-", path[:depth]) in headed for depth in range(1, len(path)))


def all_sections(sections: list[Section]) -> dict[str, Section]:
    found: dict[str, Section] = {}
    for section in sections:
        found[section.id] = section
        found.update(all_sections(section.children))
    return found


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
