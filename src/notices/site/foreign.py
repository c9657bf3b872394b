"""The page for foreign enterprises (English first, with a Chinese counterpart): a way in by
problem (data/problems.yaml: the tasks that address each, per place, with the agencies that lead
them and each one's own contact) on the first page, then, on the pages after it, every task that
concerns them — its words hold a keyword
of data/foreign_keywords.yaml, or it is tagged with the topic foreign-enterprises (外资 may be
only in its heading). Views for overrides/sd/foreign.html."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..english import lower_first
from ..model import Task
from ..topics import problems, tasks_by_problem, topic_by_id
from .common import Link, Pager, agency_label, page_path, pager_view, paginate, place_label, rel, t
from .data import SiteData, notice_year
from .tasks import TaskRow, excerpt_text, lead_agencies, notice_ref, row_key, task_link

BASE = "foreign/index"
# Rows per page: these rows carry each lead agency's contacts, twice the bytes of other
# listings' rows; at 100 a page passed 80 KB.
ROWS = 50
# Tasks shown per problem on the first page, newest first (the full lists are the topic rows below).
PROBLEM_ROWS = 8
FOREIGN_TOPIC = "foreign-enterprises"


def foreign_tasks(data: SiteData) -> list[tuple[TaskRow, list[str]]]:
    """(task, the keywords it holds) for every task holding a keyword; sorted."""
    def make() -> list[tuple[TaskRow, list[str]]]:
        found = []
        for n in data.notices:
            for task in n.tasks:
                words = [k for k in data.foreign_keywords if k in task.text]
                if words or FOREIGN_TOPIC in task.topics:
                    found.append((TaskRow(n, task, notice_year(n)), words))
        return sorted(found, key=lambda pair: row_key(pair[0], data))

    return data.memo("foreign_tasks", make)


@dataclass(frozen=True)
class Contact:
    hotline: str | None
    website: str | None


@dataclass(frozen=True)
class Lead:
    """An agency to contact, with its own hotline or website (never another's)."""

    link: Link
    contact: Contact | None


@dataclass(frozen=True)
class ForeignTask:
    year: int | None
    notice: Link
    place: str
    where: Link
    words: str  # the start of the task (Chinese), or what it concerns (English)
    leads: list[Lead]


@dataclass(frozen=True)
class ProblemView:
    id: str
    title: str
    tasks: list[ForeignTask]
    more: int  # tasks addressing it beyond those shown


@dataclass(frozen=True)
class ForeignView:
    lang: str
    title: str
    keywords: str
    problems: list[ProblemView]  # page 1
    tasks: list[ForeignTask]  # pages 2 and after
    total: int  # tasks in all
    pager: Pager | None


def contact(data: SiteData, aid: str) -> Contact | None:
    found = data.contacts.get(aid) or {}
    if not (found.get("hotline") or found.get("website")):
        return None
    return Contact(str(found["hotline"]) if found.get("hotline") else None, found.get("website") or None)


def concerns(task: Task) -> str:
    """What a task concerns, in English (its topics)."""
    names = topic_by_id()
    shown = [lower_first(names[t].en) for t in task.topics if t in names]
    return "concerns " + ", ".join(shown) if shown else ""


def foreign_row(data: SiteData, row: TaskRow, src: str, lang: str) -> ForeignTask:
    leads = [a for a in lead_agencies(row.task) if a in data.agencies]
    return ForeignTask(
        row.year, notice_ref(row.notice, src, lang), place_label(data, row.notice.jurisdiction["id"], lang),
        task_link(row, src, lang),
        excerpt_text(row.task.text, path=row.task.path) if lang == "zh" else concerns(row.task),
        [Lead(Link(agency_label(data, a, lang), rel(src, f"agencies/{a}")), contact(data, a)) for a in leads])


def problem_views(data: SiteData, src: str, lang: str) -> list[ProblemView]:
    """For each common problem, the newest tasks that address it, by place, with whom to contact."""
    found = tasks_by_problem(data.notices)
    out = []
    for problem in problems():
        rows = sorted((TaskRow(n, task, notice_year(n)) for n, task in found[problem.id]), key=lambda r: row_key(r, data))
        out.append(ProblemView(problem.id, t(lang, problem.zh, problem.en),
                               [foreign_row(data, row, src, lang) for row in rows[:PROBLEM_ROWS]],
                               max(0, len(rows) - PROBLEM_ROWS)))
    return out


def pages(data: SiteData) -> list[list[tuple[TaskRow, list[str]]]]:
    """Page 1 is the way in by problem, whose size does not grow with the corpus; the list of
    every task follows from page 2, so that no page carries both."""
    rows = foreign_tasks(data)
    return [[]] + paginate(rows, ROWS) if rows else [[]]


def foreign_view(data: SiteData, key: str, number: int, lang: str) -> ForeignView:
    src = page_path(BASE, number)
    chunks = pages(data)
    tasks = [foreign_row(data, row, src, lang) for row, _ in chunks[number - 1]]
    return ForeignView(lang, t(lang, "外资企业关注的任务", "For foreign enterprises"), "、".join(data.foreign_keywords),
                       problem_views(data, src, lang) if number == 1 else [], tasks, len(foreign_tasks(data)),
                       pager_view(BASE, number, len(chunks)))


def stubs(data: SiteData) -> Iterator:
    """The page's pages, as pages.Stub (overrides/sd/foreign.html)."""
    from .pages import Stub

    for number in range(1, len(pages(data)) + 1):
        yield Stub(page_path(BASE, number), "foreign", "", number, ("外资企业关注的任务", "For foreign enterprises"))
