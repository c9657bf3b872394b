"""Stage 3d: the English of a parsed notice — each heading and phase by rule (english.py), each
task described from what was parsed: its headings, its run-in lead, its topics, campaigns,
and deadlines (its agencies and their roles stand beside it, linked). Text a maintainer wrote in the sidecar
(`headings_en`, `tasks_en`) takes precedence and is marked as written by a person."""

from __future__ import annotations

from dataclasses import replace

from .english import FALLBACK, RULE, SIDECAR, deadlines, heading_en, lead_en, lower_first
from .errors import NoticeError
from .model import Campaign, Notice, Phase, Section, Task
from .topics import tag, topic_by_id, topics as vocabulary


def section_number(section_id: str) -> str:
    """s-3-2 → 3.2: the place of a section in the outline, in digits."""
    return section_id.removeprefix("s-").replace("-", ".")


def fallback_heading(section: Section, topics: list[str]) -> str:
    """What a heading the table cannot read falls back to: its place and what it concerns."""
    names = topic_by_id()
    about = ", ".join(lower_first(names[t].en) for t in topics if t in names)
    return f"Section {section_number(section.id)}" + (f", on {about}" if about else " (heading not translated)")


def english_sections(sections: list[Section], written: dict[str, str]) -> list[Section]:
    out = []
    for s in sections:
        children = english_sections(s.children, written)
        if s.id in written:
            text, source = written[s.id], SIDECAR
        else:
            text, source = heading_en(s.heading), RULE
            if text is None:
                text, source = fallback_heading(s, tag("", [s.heading])), FALLBACK
        out.append(replace(s, children=children, heading_en=text, heading_en_source=source))
    return out


def section_index(sections: list[Section], parents: tuple[Section, ...] = ()) -> dict[str, tuple[Section, ...]]:
    """Each section id → the chain of sections from the top down to it."""
    out: dict[str, tuple[Section, ...]] = {}
    for s in sections:
        chain = parents + (s,)
        out[s.id] = chain
        out.update(section_index(s.children, chain))
    return out


def describe_task(task: Task, chain: tuple[Section, ...], campaigns: dict[str, Campaign]) -> str:
    """A few sentences of English saying what the task is about, made only from parsed data."""
    names = topic_by_id()
    sentences = []
    if chain:
        sentences.append("Under " + " › ".join(f"“{s.heading_en}”" for s in chain) + ".")
    else:
        sentences.append("A task outside the numbered sections.")
    lead = lead_en(task.text)
    if lead and (not chain or lead != chain[-1].heading_en):
        sentences.append(f"It begins: {lead}.")
    if task.topics:
        sentences.append("Concerns " + ", ".join(lower_first(names[t].en) for t in task.topics if t in names) + ".")
    if task.campaigns:
        named = [campaigns[c].name_en or f"an unnamed campaign ({campaigns[c].series})" for c in task.campaigns]
        sentences.append("Campaign: " + ", ".join(named) + ".")
    if task.deadlines:
        sentences.append("Deadline: " + ", ".join(task.deadlines) + ".")
    if not task.agencies:  # who is named stands in the row's own columns, with links
        sentences.append("No agency is named for it.")
    return " ".join(sentences)


def task_label(task: Task, chain: tuple[Section, ...]) -> str:
    """A short English name for a task in listings (agency, campaign, topic pages): its place in
    the outline in digits and its run-in lead, else the heading it stands under."""
    from .render import task_number  # the same numbering as the notice page's rows

    what = lead_en(task.text) or (chain[-1].heading_en if chain else None) or "task"
    return f"{task_number(task)} {what}"


def english_phase(phase: Phase) -> Phase:
    return replace(phase, name_en=heading_en(phase.name) or "Phase (name not translated)")


def describe(notice: Notice, headings_written: dict[str, str] | None = None,
             tasks_written: dict[str, str] | None = None, shown: str = "notice") -> Notice:
    """The notice with the English of its headings, phases and tasks filled in."""
    headings_written = headings_written or {}
    tasks_written = tasks_written or {}
    sections = english_sections(notice.sections, headings_written)
    chains = section_index(sections)
    task_ids = {t.id for t in notice.tasks}
    for key, known, what in ((headings_written, chains, "headings_en"), (tasks_written, task_ids, "tasks_en")):
        unknown = sorted(set(key) - set(known))
        if unknown:
            raise NoticeError(shown, f"旁注 {what} 中的编号在通知中不存在：{'、'.join(unknown)}",
                              f"{what} in the sidecar names ids the notice does not have: {', '.join(unknown)}")
    campaigns = {c.id: c for c in notice.campaigns}
    tasks = []
    for task in notice.tasks:
        chain = chains.get(task.section, ()) if task.section else ()
        topics = tag(task.text, [s.heading for s in chain])
        if task.campaigns and "campaign" not in topics:  # a named campaign is one, said or not
            topics = [t.id for t in vocabulary() if t.id in topics or t.id == "campaign"]
        task = replace(task, topics=topics, deadlines=deadlines(task.text), label_en=task_label(task, chain))
        if task.id in tasks_written:
            task = replace(task, summary_en=tasks_written[task.id], summary_en_source=SIDECAR)
        else:
            task = replace(task, summary_en=describe_task(task, chain, campaigns), summary_en_source=RULE)
        tasks.append(task)
    from .render import english_title  # the page's English title, kept in the record for the site's listings

    notice = replace(notice, sections=sections, tasks=tasks, phases=[english_phase(p) for p in notice.phases])
    return replace(notice, label_en=english_title(notice))
