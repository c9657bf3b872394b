"""Stage 3e: who a task assigns: the agencies of its closing parenthesis and their roles,
牵头 lead, 负责/按职责分工负责 responsible, 配合 support."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import AgencyRef, Jurisdiction
from .outline import RUN_ON, closing_role, label_patterns, looks_like_agency, vocabulary
from .registry import Registry

CLAUSE_SPLIT_RE = re.compile(r"[，,；;]")
# Names a page set apart by ideographic spaces (市场监管局　公安局　商务局负责): a list
WIDE_GAP_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:\u3000+|\s{2,})(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=1)
def joiners_re() -> re.Pattern:
    joiners = sorted(vocabulary()["name_joiners"], key=len, reverse=True)
    return re.compile("、|" + "|".join(map(re.escape, joiners)))


def split_names(names: str) -> list[str]:
    """区司法局、区委宣传部 → two names; 市委宣传部等领导小组有关成员单位 → two names;
    湖南检验检疫局和长沙海关 → two names, but 文化和旅游局 one."""
    parts = [q for p in joiners_re().split(names) for q in split_and(p.strip())]
    return [p for p in parts if p]


def split_and(name: str) -> list[str]:
    """和/与 between two names, each ending as an agency's name does."""
    for at in (m.start() for m in re.finditer("[和与]", name)):
        left, right = name[:at], name[at + 1:]
        if looks_like_agency(left) and looks_like_agency(right):
            return [left] + split_and(right)
    return [name]


def parse_parenthesis(content: str) -> list[tuple[str, str]]:
    """(name as written, role) for each agency of a parenthesis, in order."""
    return list(agencies_of(content))


# Notices repeat the same parentheses word for word: parse each once.
@lru_cache(maxsize=16384)
def agencies_of(content: str, first_leads: bool = False) -> tuple[tuple[str, str], ...]:
    """(name, role) of each agency of a parenthesis. Labels (责任单位：, 牵头单位：) give the role of
    the names after them; a note that the first name leads (列首为牵头单位) makes it lead, as does
    `first_leads`, set when an earlier parenthesis said so for those after it (下同)."""
    content = re.sub(r"\s+", "", WIDE_GAP_RE.sub("、", content))
    # 市市场监管局（牵头）、市公安局（配合）: a role in brackets after a name closes that name
    content = re.sub(r"[（(]([^（）()]{1,20})[）)]", lambda m: m.group(1) if closing_role("某" + m.group(1)) else "", content)
    note = re.search(vocabulary()["first_leads"], content)
    if note:
        first_leads = True
        # the note is a sentence of its own: 省工商局、商务厅。列首为牵头单位，下同
        content = content[: note.start()] + content[note.end():]
        content = re.sub(vocabulary()["onwards"], "", content)
    out: list[tuple[str, str]] = []
    for label_role, part in labelled_parts(content.strip("。.，,；; ")):
        for clause in CLAUSE_SPLIT_RE.split(part.strip("。.")):
            clause = clause.strip("。.")
            if not clause:
                continue
            closing = closing_role(clause)
            if closing:
                word, role = closing
                names = clause[: -len(word)]
            else:  # every agency of a parenthesis without 牵头 is responsible (or as its label says)
                names, role = clause, label_role
            for name in split_names_or_group(names):
                # “区委宣传部牵头、领导小组有关成员单位按职责分工负责”: a role may close a single name
                own = closing_role(name)
                out.append((name[: -len(own[0])], own[1]) if own else (name, role))
    # 列首为牵头单位: the first of a list of several leads; a single name is responsible
    if first_leads and len(out) > 1 and out[0][1] == "responsible":
        out[0] = (out[0][0], "lead")
    return tuple(out)


def labelled_parts(content: str) -> list[tuple[str, str]]:
    """The content cut at its labels: （牵头单位：甲；配合单位：乙、丙） → [(lead, 甲), (support, 乙、丙)];
    text before any label (or without labels) is responsible."""
    marks = sorted((m.start(), m.end(), role) for rx, role in label_patterns() for m in rx.finditer(content))
    parts, at, role = [], 0, "responsible"
    for start, end, label_role in marks:
        if start < at:
            continue
        if content[at:start].strip("；;，,。. "):
            parts.append((role, content[at:start]))
        at, role = end, label_role
    parts.append((role, content[at:]))
    return parts


def says_first_is_lead(content: str) -> bool:
    """Whether a parenthesis holds the note 列首为牵头单位 (the first of its list leads)."""
    return bool(re.search(vocabulary()["first_leads"], re.sub(r"\s+", "", content)))


def first_leads_onwards(content: str) -> bool:
    """Whether a parenthesis says the first name leads in those after it too (列首为牵头单位，下同)."""
    content = re.sub(r"\s+", "", content)
    note = re.search(vocabulary()["first_leads"], content)
    return bool(note and re.search(vocabulary()["onwards"], content[note.end():]))


def split_names_or_group(names: str) -> list[str]:
    # “各省、自治区、直辖市和新疆生产建设兵团打击侵权假冒工作领导小组” is one group, not four names.
    return [names] if names.startswith("各") else split_names(names)


# Where no parenthesis assigns a task, its sentences may: 由省商务厅牵头成立…, 省商务厅牵头并协调
# 省经信委、公安厅和长沙海关等部门…. A list of names, each ending as an agency's name does.
_NAME = r"(?!由)[\u4e00-\u9fff]{1,20}?(?:%s)"
# words no agency's name holds: a phrase before 配合 (积极与海关配合) is not a name
_NOT_NAME_RE = re.compile(r"[的与要将并在对把从向由]|积极|加强|进一步|开展|组织|推进|统筹|指导|督促")


@lru_cache(maxsize=1)
def in_text_patterns() -> list[tuple[re.Pattern, str]]:
    suffixes = "|".join(map(re.escape, sorted(vocabulary()["agency_suffixes"], key=len, reverse=True)))
    name = _NAME % suffixes
    names = f"({name}(?:[、和及]{name})*)"
    return [(re.compile(f"(?:由|^|[。；;，,：:]){names}(?:分别|共同)?(?:牵头|会同)"), "lead"),
            (re.compile(f"(?:由|^|[。；;，,：:]){names}(?:按职责分工|按照职责分工)?(?:分别|共同)?负责"), "responsible"),
            (re.compile(f"(?:协调|会同){names}(?:等(?:有关|相关)?(?:成员单位|部门|单位)|(?=[，,。；;]|共同|开展|做好|加强|推进|形成|建立))"),
             "support"),
            (re.compile(f"(?:由|^|[。；;，,：:]){names}(?:积极)?(?:配合|参与|协助)"), "support")]


@lru_cache(maxsize=16384)
def agencies_in_text(text: str) -> tuple[tuple[str, str], ...]:
    """(name, role) for the agencies a task's own sentences name with a role, in reading order."""
    from .outline import parse_marker  # the item's number is no part of a name

    _, rest = parse_marker(re.sub(r"\s+", "", text))
    found: list[tuple[int, str, str]] = []
    for pattern, role in in_text_patterns():
        for match in pattern.finditer(rest):
            at = match.start(1)
            for name in split_names(match.group(1)):
                if looks_like_agency(name) and not _NOT_NAME_RE.search(name):
                    found.append((at, name, role))
                at += len(name) + 1
    out: list[tuple[str, str]] = []
    for _, name, role in sorted(found, key=lambda f: f[0]):
        if not any(name == n for n, _ in out):
            out.append((name, role))
    return tuple(out)


def assign_in_text(text: str, registry: Registry, home: Jurisdiction) -> list[AgencyRef]:
    """The agencies of a task without a parenthesis, as its sentences name them."""
    return refs_of(agencies_in_text(text), registry, home)


def known_tail(name: str, registry: Registry, home: Jurisdiction) -> str | None:
    """A name run on from the sentence before it (…违法行为市场监管局, where the page lost the
    opening bracket): the shortest end of it the registry knows, with a place prefix (市/区/县/省)
    written before it; None when no end of it is an agency the registry knows."""
    for start in range(len(name) - 2, 0, -1):
        if registry.resolve_agency(name[start:], home).system != "other":
            if start > 0 and name[start - 1] in "市区县省" and \
                    registry.resolve_agency(name[start - 1:], home).system != "other":
                start -= 1
            return name[start:]
    return None


def assign(content: str, registry: Registry, home: Jurisdiction, first_leads: bool = False) -> list[AgencyRef]:
    return refs_of(agencies_of(content, first_leads), registry, home)


def refs_of(named, registry: Registry, home: Jurisdiction) -> list[AgencyRef]:
    refs: list[AgencyRef] = []
    for name, role in named:
        if name.startswith(RUN_ON):
            name = known_tail(name[len(RUN_ON):], registry, home)
            if name is None:
                continue
        if registry.is_generic(name):
            refs.append(AgencyRef(None, name, role, generic=True))
        else:
            refs.append(AgencyRef(registry.resolve_agency(name, home).id, name, role))
    return refs
