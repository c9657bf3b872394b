"""Tasks across all notices, as rows the pages list: which notice, where in it, who leads."""

from __future__ import annotations

from dataclasses import dataclass

from ..render import escape
from .common import agency_name, file_href, link, role_name, t
from .data import SiteData, level_rank, notice_year


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


def all_rows(data: SiteData) -> list[TaskRow]:
    return [TaskRow(n, task, notice_year(n)) for n in data.notices for task in n["tasks"]]


def task_where(row: TaskRow, src: str, lang: str) -> str:
    """A link to the task itself: 三、（二）1. (or the task id) on the notice page."""
    shown = escape("".join(row.task["path"])) or row.id
    if lang == "en":  # tasks are anchored in the authoritative Chinese text only
        return f'<a href="{file_href(src, "en", f"notices/{row.slug}/")}#{row.id}" lang="zh">{shown}</a>'
    return link(shown, src, f"notices/{row.slug}", row.id)


def notice_link(notice: dict, src: str, lang: str) -> str:
    from .common import notice_title
    return link(notice_title(notice, lang), src, f"notices/{notice['slug']}")


def agencies_cell(data: SiteData, task: dict, src: str, lang: str, roles=("lead", "responsible", "support")) -> str:
    parts = []
    for role in roles:
        names = [link(agency_name(data, r["id"], lang), src, f"agencies/{r['id']}")
                 for r in task["agencies"] if r["role"] == role and r["id"] and r["id"] in data.agencies]
        names += [escape(r["name"]) for r in task["agencies"] if r["role"] == role and not r["id"]]
        if names:
            parts.append(f"{role_name(role, lang)}{t(lang, '：', ': ')}{t(lang, '、', '; ').join(names)}")
    return "<br>".join(parts) or "—"


def excerpt(text: str, length: int = 60, path: list[str] | None = None) -> str:
    """The start of a task's words, escaped, for listings (the full text is on the notice page);
    the outline number the text starts with (shown in the link already) left out."""
    text = " ".join(text.split())
    if path and text.startswith(path[-1]):
        text = text[len(path[-1]):].lstrip()
    return escape(text if len(text) <= length else text[:length] + "…")
