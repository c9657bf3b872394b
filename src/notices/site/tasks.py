"""Tasks across all notices, as rows the pages list: which notice, where in it, who leads."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Campaign, Notice, Task
from .common import Link, notice_label, rel
from .data import SiteData, level_rank, notice_year


@dataclass(frozen=True)
class TaskRow:
    notice: Notice
    task: Task
    year: int | None  # the campaign edition's year where given, else the notice's year

    @property
    def slug(self) -> str:
        return self.notice.slug

    @property
    def id(self) -> str:
        return self.task.id


def lead_agencies(task: Task) -> list[str]:
    """Ids of the agencies that lead a task; where none is marked lead, the responsible ones."""
    for role in ("lead", "responsible", "support"):
        ids = [r.id for r in task.agencies if r.role == role and r.id]
        if ids:
            return ids
    return []


def row_key(row: TaskRow, data: SiteData) -> tuple:
    """Newest year first, then national → province → prefecture → county, notice, task order."""
    return (-(row.year or 0), level_rank(row.notice), row.slug, data.task_order.get((row.slug, row.id), 0))


def excerpt_text(text: str, length: int = 60, path: list[str] | None = None) -> str:
    """The start of a task's words (plain text), for listings (the full text is on the notice
    page); the outline number the text starts with (shown in the link already) left out."""
    text = " ".join(text.split())
    if path and text.startswith(path[-1]):
        text = text[len(path[-1]):].lstrip()
    return text if len(text) <= length else text[:length] + "…"


def task_link(row: TaskRow, src: str, lang: str) -> Link:
    """A link to the task itself: 三、（二）1. (or the task id) on the notice page; English pages
    link the authoritative Chinese text, where tasks are anchored."""
    shown = "".join(row.task.path) or row.id
    if lang == "en":  # the task's English name, on the English notice page where its row says more
        return Link(row.task.label_en or f"Task {row.id}", rel(src, f"notices/{row.slug}", row.id))
    return Link(shown, rel(src, f"notices/{row.slug}", row.id))


def notice_ref(notice: Notice, src: str, lang: str) -> Link:
    return Link(notice_label(notice, lang), rel(src, f"notices/{notice.slug}"))


def campaign_tasks(data: SiteData, series: str) -> list[TaskRow]:
    """Every task, across all notices, that names a campaign of this series; sorted."""
    return _tasks_by_series(data).get(series, [])


def _tasks_by_series(data: SiteData) -> dict[str, list[TaskRow]]:
    """campaign_tasks of every series, found in one pass over the tasks."""
    def make() -> dict[str, list[TaskRow]]:
        found: dict[str, list[TaskRow]] = {}
        for notice in data.notices:
            editions = {c.id: c for c in notice.campaigns}
            for task in notice.tasks:
                named: dict[str, list[Campaign]] = {}
                for c in task.campaigns:
                    if c in editions:
                        named.setdefault(editions[c].series, []).append(editions[c])
                for series, cs in named.items():
                    year = next((c.year for c in cs if c.year), None)
                    found.setdefault(series, []).append(TaskRow(notice, task, year or notice_year(notice)))
        return {s: sorted(rows, key=lambda r: row_key(r, data)) for s, rows in found.items()}

    return data.memo("tasks_by_series", make)
