"""Stage 3e: who a task assigns: the agencies of its closing parenthesis and their roles,
牵头 lead, 负责/按职责分工负责 responsible, 配合 support."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import AgencyRef, Jurisdiction
from .outline import closing_role, label_patterns, vocabulary
from .registry import Registry

CLAUSE_SPLIT_RE = re.compile(r"[，,；;]")


@lru_cache(maxsize=1)
def joiners_re() -> re.Pattern:
    joiners = sorted(vocabulary()["name_joiners"], key=len, reverse=True)
    return re.compile("、|" + "|".join(map(re.escape, joiners)))


def split_names(names: str) -> list[str]:
    """区司法局、区委宣传部 → two names; 市委宣传部等领导小组有关成员单位 → two names."""
    parts = joiners_re().split(names)
    return [p.strip() for p in parts if p.strip()]


def parse_parenthesis(content: str) -> list[tuple[str, str]]:
    """(name as written, role) for each agency of a parenthesis, in order."""
    return list(agencies_of(content))


# Notices repeat the same parentheses word for word: parse each once.
@lru_cache(maxsize=16384)
def agencies_of(content: str, first_leads: bool = False) -> tuple[tuple[str, str], ...]:
    """(name, role) of each agency of a parenthesis. Labels (责任单位：, 牵头单位：) give the role of
    the names after them; a note that the first name leads (列首为牵头单位) makes it lead, as does
    `first_leads`, set when an earlier parenthesis said so for those after it (下同)."""
    content = re.sub(r"\s+", "", content)
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
    if first_leads and out and out[0][1] == "responsible":
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


def first_leads_onwards(content: str) -> bool:
    """Whether a parenthesis says the first name leads in those after it too (列首为牵头单位，下同)."""
    content = re.sub(r"\s+", "", content)
    note = re.search(vocabulary()["first_leads"], content)
    return bool(note and re.search(vocabulary()["onwards"], content[note.end():]))


def split_names_or_group(names: str) -> list[str]:
    # “各省、自治区、直辖市和新疆生产建设兵团打击侵权假冒工作领导小组” is one group, not four names.
    return [names] if names.startswith("各") else split_names(names)


def assign(content: str, registry: Registry, home: Jurisdiction, first_leads: bool = False) -> list[AgencyRef]:
    refs: list[AgencyRef] = []
    for name, role in agencies_of(content, first_leads):
        if registry.is_generic(name):
            refs.append(AgencyRef(None, name, role, generic=True))
        else:
            refs.append(AgencyRef(registry.resolve_agency(name, home).id, name, role))
    return refs
