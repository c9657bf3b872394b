"""The page for foreign enterprises (English first, with a Chinese counterpart): the tasks whose
words concern them (keywords in data/foreign_keywords.yaml), with the agency to contact. Views
for overrides/sd/foreign.html."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .common import Link, Pager, agency_label, page_path, pager_view, paginate, place_label, rel, t
from .data import SiteData, notice_year
from .tasks import TaskRow, excerpt_text, lead_agencies, notice_ref, row_key, task_link

BASE = "foreign/index"
# Rows per page: these rows carry each lead agency's contacts, twice the bytes of other
# listings' rows; at 100 a page passed 80 KB.
ROWS = 50


def foreign_tasks(data: SiteData) -> list[tuple[TaskRow, list[str]]]:
    """(task, the keywords it holds) for every task holding a keyword; sorted."""
    found = []
    for n in data.notices:
        for task in n["tasks"]:
            words = [k for k in data.foreign_keywords if k in task["text"]]
            if words:
                found.append((TaskRow(n, task, notice_year(n)), words))
    return sorted(found, key=lambda pair: row_key(pair[0]))


@dataclass(frozen=True)
class Contact:
    hotline: str | None
    website: str | None


@dataclass(frozen=True)
class ForeignTask:
    year: int | None
    notice: Link
    place: str
    where: Link
    words: str  # the start of the task (Chinese), or the keywords it holds (English)
    leads: list[Link]
    contacts: list[Contact]


@dataclass(frozen=True)
class ForeignView:
    lang: str
    title: str
    keywords: str
    tasks: list[ForeignTask]
    pager: Pager | None


def contact(data: SiteData, aid: str) -> Contact | None:
    found = data.contacts.get(aid) or {}
    if not (found.get("hotline") or found.get("website")):
        return None
    return Contact(str(found["hotline"]) if found.get("hotline") else None, found.get("website") or None)


def foreign_view(data: SiteData, key: str, number: int, lang: str) -> ForeignView:
    src = page_path(BASE, number)
    chunks = paginate(foreign_tasks(data), ROWS)
    tasks = []
    for row, words in chunks[number - 1]:
        leads = [a for a in lead_agencies(row.task) if a in data.agencies]
        tasks.append(ForeignTask(
            row.year, notice_ref(row.notice, src, lang), place_label(data, row.notice["jurisdiction"]["id"], lang),
            task_link(row, src, lang),
            excerpt_text(row.task["text"], path=row.task["path"]) if lang == "zh" else "(" + ", ".join(words) + ")",
            [Link(agency_label(data, a, lang), rel(src, f"agencies/{a}")) for a in leads],
            [c for c in (contact(data, a) for a in leads) if c]))
    return ForeignView(lang, t(lang, "外资企业关注的任务", "For foreign enterprises"), "、".join(data.foreign_keywords),
                       tasks, pager_view(BASE, number, len(chunks)))


def stubs(data: SiteData) -> Iterator:
    """The page's pages, as pages.Stub (overrides/sd/foreign.html)."""
    from .pages import Stub

    for number in range(1, len(paginate(foreign_tasks(data), ROWS)) + 1):
        yield Stub(page_path(BASE, number), "foreign", "", number, ("外资企业关注的任务", "For foreign enterprises"))
