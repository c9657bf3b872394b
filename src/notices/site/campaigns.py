"""Campaign pages, one per series (剑网, 秋风, 铁拳 …): what it is, who leads it, its editions by
year, and every task that names it; plus the campaign index with the campaign × year timeline."""

from __future__ import annotations

from functools import partial

from ..render import escape
from .common import (UNOFFICIAL_NOTE, Page, agency_name, feed_href, front, link, page_path, paged_pages, pager,
                     place_name, series_name, system_name, t, table)
from .data import SiteData, notice_year
from .pictures import campaign_year_table
from .tasks import TaskRow, campaign_tasks, excerpt, lead_agencies, notice_link, task_where

INDEX = "campaigns/index"


def campaign_path(series: str) -> str:
    return f"campaigns/{series}"


def campaign_notices(data: SiteData, series: str) -> list[dict]:
    return [n for n in data.notices if any(c["series"] == series for c in n["campaigns"])]


def timeline(data: SiteData, series: str) -> dict[int, dict]:
    """year → {"edition": named as an edition that year (registry or a notice), "tasks": n,
    "notices": n}; the years of tasks without an edition year count by the notice's year."""
    years: dict[int, dict] = {}
    for y in data.campaign_series[series]["editions"]:
        years.setdefault(y, {"edition": True, "tasks": 0, "notices": set()})
    for row in campaign_tasks(data, series):
        if row.year is None:
            continue
        entry = years.setdefault(row.year, {"edition": False, "tasks": 0, "notices": set()})
        entry["tasks"] += 1
        entry["notices"].add(row.slug)
    return {y: {"edition": v["edition"], "tasks": v["tasks"], "notices": len(v["notices"])}
            for y, v in sorted(years.items())}


def render_campaign(data: SiteData, series: str, lang: str, rows: list[TaskRow], number: int, total: int) -> str:
    s = data.campaign_series[series]
    base = campaign_path(series)
    src = page_path(base, number)
    title = series_name(data, series, lang).replace(" †", "")
    heading = t(lang, f"专项行动：{title}", f"Campaign: {title}")
    lines = [front(t(lang, f"{s['zh']}专项行动", f"{(s['name_en'] or s['zh'])} campaign")).rstrip("\n"), "",
             f"# {heading}", ""]
    if lang == "en" and s["name_en"]:
        lines += [f"Chinese name: <strong>{escape(s['zh'])}</strong>" + ("" if s["name_en_official"] else
                  " (the English name is this site's unofficial translation)"), ""]
    if number > 1:
        lines += [link(t(lang, "← 本行动的概况", "← Campaign overview"), src, base), ""]
    else:
        lines += [f"## {t(lang, '简介', 'What it is')} {{ #about }}", ""]
        desc = s["description_zh"] if lang == "zh" else s["description_en"]
        lines += [escape(desc) if desc else t(lang, "本站的登记表中还没有这项行动的简介。",
                                               "The site's registry holds no description of this campaign yet."), ""]
        if s["lead_system"]:
            lead = system_name(data, s["lead_system"], lang)
            lines += [t(lang, f"牵头系统：{lead}", f"Lead system: {lead}"), ""]
        if s["lead"] and s["lead"] in data.agencies:
            lines += [t(lang, "全国牵头机关：", "National lead agency: ")
                      + link(agency_name(data, s["lead"], lang), src, f"agencies/{s['lead']}"), ""]
        lines += [f"## {t(lang, '历年开展情况', 'Editions by year')} {{ #timeline data-search-exclude }}", ""]
        years = timeline(data, series)
        if years:
            head = [t(lang, "年份", "Year"), t(lang, "登记的年度行动", "Edition on record"),
                    t(lang, "提及的文件", "Notices naming it"), t(lang, "相关任务", "Tasks")]
            lines += table(head, [[str(y), t(lang, "是", "yes") if v["edition"] else "—", str(v["notices"]),
                                   str(v["tasks"])] for y, v in years.items()])
        else:
            lines += [t(lang, "没有年度信息。", "No years on record."), ""]
        feed = feed_href(src, lang, f"campaigns/{series}.xml")
        lines += [f'<a href="{feed}">{t(lang, "订阅本行动的新文件（RSS）", "New notices naming this campaign (RSS)")}</a>', ""]
    lines += [f"## {t(lang, '各地文件中的相关任务', 'Tasks naming it in the notices')} {{ #tasks data-search-exclude }}", ""]
    if rows:
        head = [t(lang, "年份", "Year"), t(lang, "文件", "Notice"), t(lang, "地区", "Jurisdiction"),
                t(lang, "任务", "Task"), t(lang, "牵头机关", "Lead agency")]
        body = []
        for row in rows:
            leads = t(lang, "、", "; ").join(link(agency_name(data, a, lang), src, f"agencies/{a}")
                                             for a in lead_agencies(row.task) if a in data.agencies) or "—"
            where = task_where(row, src, lang) + (f" {excerpt(row.task['text'], path=row.task['path'])}" if lang == "zh" else "")
            body.append([str(row.year or "—"), notice_link(row.notice, src, lang),
                         place_name(data, row.notice["jurisdiction"]["id"], lang), where, leads])
        lines += table(head, body)
    else:
        lines += [t(lang, "本站收录的文件中没有点名这项行动的任务。", "No task in the notices on this site names it."), ""]
    lines += pager(base, number, total, lang)
    if lang == "en":
        lines += [UNOFFICIAL_NOTE + " Task links lead to the task in the authoritative Chinese text.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def campaign_pages(data: SiteData) -> list[Page]:
    pages = []
    for series in data.named_series:
        pages += paged_pages(campaign_path(series), campaign_tasks(data, series), partial(render_campaign, data, series))
    pages.append(Page(INDEX, render_index(data, "zh"), render_index(data, "en")))
    return pages


def render_index(data: SiteData, lang: str) -> str:
    src = INDEX
    lines = [front(t(lang, "专项行动", "Campaigns")).rstrip("\n"), "", f"# {t(lang, '专项行动', 'Campaigns')}", "",
             t(lang, "各地打击侵权假冒文件中点名的专项行动。每项行动的页面列出各级文件中与之相关的全部任务。",
               "The enforcement campaigns named in the notices. Each campaign's page lists every task, "
               "at every level of government, that names it."), ""]
    head = [t(lang, "行动", "Campaign"), t(lang, "牵头系统", "Lead system"), t(lang, "提及的文件数", "Notices"),
            t(lang, "任务数", "Tasks")]
    body = []
    for series in data.named_series:
        s = data.campaign_series[series]
        body.append([link(series_name(data, series, lang), src, campaign_path(series)),
                     system_name(data, s["lead_system"], lang) if s["lead_system"] else "—",
                     str(len(campaign_notices(data, series))), str(len(campaign_tasks(data, series)))])
    lines += table(head, body)
    lines += [f"## {t(lang, '行动与年份', 'Campaigns by year')} {{ #by-year }}", ""]
    lines += campaign_year_table(data, src, lang) + [""]
    if lang == "en":
        lines += [UNOFFICIAL_NOTE, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
