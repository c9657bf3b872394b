"""Stage 3e: who a task assigns: the agencies of its closing parenthesis and their roles,
牵头 lead, 负责/按职责分工负责 responsible, 配合 support."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import AgencyRef, Jurisdiction
from .outline import closing_role, first_is_lead_re, label_roles, role_label_re, vocabulary
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


def says_first_is_lead(content: str) -> bool:
    """Whether a parenthesis holds the note 列首为牵头单位 (the first of each list leads)."""
    return bool(first_is_lead_re().search(re.sub(r"\s+", "", content)))


# Notices repeat the same parentheses word for word: parse each once.
@lru_cache(maxsize=16384)
def agencies_of(content: str, first_leads: bool = False) -> tuple[tuple[str, str], ...]:
    content = first_is_lead_re().sub("", re.sub(r"\s+", "", content)).rstrip("。.")
    if role_label_re().match(content):
        return labelled(content, first_leads)
    out: list[tuple[str, str]] = []
    for clause in CLAUSE_SPLIT_RE.split(content):
        if not clause:
            continue
        closing = closing_role(clause)
        if closing:
            word, role = closing
            names = clause[: -len(word)]
        else:  # every agency of a parenthesis without 牵头 is responsible
            names, role = clause, "responsible"
        for name in split_names_or_group(names):
            # “区委宣传部牵头、领导小组有关成员单位按职责分工负责”: a role may close a single name
            own = closing_role(name)
            out.append((name[: -len(own[0])], own[1]) if own else (name, role))
    return tuple(out)


def labelled(content: str, first_leads: bool) -> tuple[tuple[str, str], ...]:
    """（牵头单位：省工商局；配合单位：省公安厅、省质监局）: each label gives its names' role; with
    列首为牵头单位 the first name of a 责任单位 list leads."""
    out: list[tuple[str, str]] = []
    labels = list(role_label_re().finditer(content))
    for i, match in enumerate(labels):
        role = label_roles()[match.group(1)]
        names = content[match.end(): labels[i + 1].start() if i + 1 < len(labels) else None].strip("；;。.，, ")
        listed = split_names_or_group(names)
        for k, name in enumerate(listed):
            # 列首为牵头单位: the first of a list of several leads; a single name is responsible
            out.append((name, "lead" if first_leads and k == 0 and len(listed) > 1 and role == "responsible" else role))
    return tuple(out)


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
