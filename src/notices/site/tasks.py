"""Tasks across all notices, as rows the pages list: which notice, where in it, who leads."""

from __future__ import annotations

from dataclasses import dataclass

from ..render import escape
from .common import file_href, link
from .data import level_rank


@dataclass(frozen=True)
class TaskRow:
    notice: dict
    task: dict
    year: int | None  # the campaign edition's year where given, else the notice's year

    @property
    def slug(self) -> str:
        return self.notice["slug"]

    @property
    def id(self) -> str:
        return self.task["id"]


def lead_agencies(task: dict) -> list[str]:
    """Ids of the agencies that lead a task; where none is marked lead, the responsible ones."""
    for role in ("lead", "responsible", "support"):
        ids = [r["id"] for r in task["agencies"] if r["role"] == role and r["id"]]
        if ids:
            return ids
    return []


def row_key(row: TaskRow) -> tuple:
    """Newest year first, then national → province → prefecture → county, notice, task order."""
    order = next((i for i, task in enumerate(row.notice["tasks"]) if task["id"] == row.id), 0)
    return (-(row.year or 0), level_rank(row.notice), row.slug, order)


def task_where(row: TaskRow, src: str, lang: str) -> str:
    """A link to the task itself: 三、（二）1. (or the task id) on the notice page."""
    shown = escape("".join(row.task["path"])) or row.id
    if lang == "en":  # tasks are anchored in the authoritative Chinese text only
        return f'<a href="{file_href(src, "en", f"notices/{row.slug}/")}#{row.id}" lang="zh">{shown}</a>'
    return link(shown, src, f"notices/{row.slug}", row.id)


def notice_link(notice: dict, src: str, lang: str) -> str:
    from .common import notice_title
    return link(notice_title(notice, lang), src, f"notices/{notice['slug']}")


def excerpt(text: str, length: int = 60, path: list[str] | None = None) -> str:
    """The start of a task's words, escaped, for listings (the full text is on the notice page);
    the outline number the text starts with (shown in the link already) left out."""
    text = " ".join(text.split())
    if path and text.startswith(path[-1]):
        text = text[len(path[-1]):].lstrip()
    return escape(text if len(text) <= length else text[:length] + "…")
