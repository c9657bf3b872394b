"""The page for foreign enterprises (English first, with a Chinese counterpart): the tasks whose
words concern them (keywords in data/foreign_keywords.yaml), with the agency to contact."""

from __future__ import annotations

import html

from ..render import escape
from .common import Page, agency_name, front, link, page_path, pager, paginate, place_name, t, table, UNOFFICIAL_NOTE
from .data import SiteData, notice_year
from .tasks import TaskRow, excerpt, lead_agencies, notice_link, row_key, task_where

BASE = "foreign/index"


def foreign_tasks(data: SiteData) -> list[tuple[TaskRow, list[str]]]:
    """(task, the keywords it holds) for every task holding a keyword; sorted."""
    found = []
    for n in data.notices:
        for task in n["tasks"]:
            words = [k for k in data.foreign_keywords if k in task["text"]]
            if words:
                found.append((TaskRow(n, task, notice_year(n)), words))
    return sorted(found, key=lambda pair: row_key(pair[0]))


def contact_text(data: SiteData, aid: str, lang: str) -> str:
    contact = data.contacts.get(aid) or {}
    parts = []
    if contact.get("hotline"):
        parts.append(t(lang, "热线 ", "hotline ") + escape(str(contact["hotline"])))
    if contact.get("website"):
        parts.append(f'<a href="{html.escape(contact["website"], quote=True)}">{html.escape(contact["website"])}</a>')  # raw HTML cell: no Markdown autolink
    return t(lang, "；", "; ").join(parts)


def render(data: SiteData, rows: list, lang: str, number: int, total: int) -> str:
    src = page_path(BASE, number)
    heading = t(lang, "外资企业关注的任务", "For foreign enterprises")
    lines = [front(heading).rstrip("\n"), "", f"# {heading}", ""]
    keywords = escape("、".join(data.foreign_keywords))
    lines += [t(lang, f"各级文件中涉及外资企业、进出口、海外维权等的任务（关键词：{keywords}），以及可联系的牵头机关和它的热线或网站。",
                "Tasks in the notices that concern foreign-invested enterprises, imports and exports, the China "
                "International Import Expo or enforcing rights abroad, with the lead agency to contact and its "
                f"hotline or website where known. Found by these Chinese keywords: {keywords}. The Chinese "
                "text of each notice is authoritative."), ""]
    if rows:
        head = [t(lang, "文件", "Notice"), t(lang, "地区", "Jurisdiction"), t(lang, "任务", "Task"),
                t(lang, "联系机关", "Agency to contact"), t(lang, "热线 / 网站", "Hotline / website")]
        body = []
        for row, words in rows:
            leads = [a for a in lead_agencies(row.task) if a in data.agencies]
            who = t(lang, "、", "; ").join(link(agency_name(data, a, lang), src, f"agencies/{a}") for a in leads) or "—"
            how = "<br>".join(c for c in (contact_text(data, a, lang) for a in leads) if c) or "—"
            what = task_where(row, src, lang) + " " + (excerpt(row.task["text"], path=row.task["path"]) if lang == "zh" else
                                                      "(" + escape(", ".join(words)) + ")")
            body.append([f"{row.year or '—'} · {notice_link(row.notice, src, lang)}",
                         place_name(data, row.notice["jurisdiction"]["id"], lang), what, who, how])
        lines += table(head, body)
    else:
        lines += [t(lang, "本站收录的文件中暂无此类任务。", "No such task in the notices on this site yet."), ""]
    lines += pager(BASE, number, total, lang)
    if lang == "en":
        lines += [UNOFFICIAL_NOTE, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# Rows per page: these rows carry each lead agency's contacts, twice the bytes of other
# listings' rows; at 100 a page passed 80 KB.
ROWS = 50


def foreign_pages(data: SiteData) -> list[Page]:
    chunks = paginate(foreign_tasks(data), ROWS)
    return [Page(page_path(BASE, i), render(data, rows, "zh", i, len(chunks)), render(data, rows, "en", i, len(chunks)))
            for i, rows in enumerate(chunks, start=1)]
