"""The two pictures, as accessible HTML tables (a caption, header cells with scope, the numbers
as text): campaigns × years, and agencies × notices (who leads, who is responsible)."""

from __future__ import annotations

from .common import agency_name, href, notice_title, series_name, t
from .data import SiteData, newest_first, notice_year
from .tasks import campaign_tasks

MAX_COLUMNS = 12  # a picture never grows wider than this many years or notices


def campaign_year_counts(data: SiteData) -> dict[str, dict[int, int]]:
    """series → year → number of tasks naming an edition of that year (or naming the series in
    a notice of that year)."""
    out: dict[str, dict[int, int]] = {}
    for series in data.named_series:
        counts: dict[int, int] = {}
        for row in campaign_tasks(data, series):
            if row.year:
                counts[row.year] = counts.get(row.year, 0) + 1
        for y in data.campaign_series[series]["editions"]:
            counts.setdefault(y, 0)
        out[series] = dict(sorted(counts.items()))
    return out


def campaign_year_table(data: SiteData, src: str, lang: str) -> list[str]:
    counts = campaign_year_counts(data)
    years = sorted({y for c in counts.values() for y in c})[-MAX_COLUMNS:]
    if not years:
        return [t(lang, "没有年度信息。", "No years on record.")]
    caption = t(lang, "各专项行动按年份：数字为本站文件中点名该年度行动的任务数，“○”表示登记有该年度行动但本站文件未点名。",
                "Campaigns by year: the number of tasks in the notices on this site naming that year's edition; "
                "“○” marks an edition on record that no notice here names.")
    out = ['<div class="sd-picture">', '<table class="sd-timeline">', f"<caption>{caption}</caption>",
           "<thead><tr>", f'<th scope="col">{t(lang, "行动", "Campaign")}</th>']
    out += [f'<th scope="col">{y}</th>' for y in years]
    out += ["</tr></thead>", "<tbody>"]
    for series, by_year in counts.items():
        cells = []
        for y in years:
            if y not in by_year:
                cells.append('<td class="sd-none"><span class="sd-sr">—</span></td>')
            elif by_year[y] == 0:
                cells.append(f'<td class="sd-edition" title="{t(lang, "登记有该年度行动", "edition on record")}">○</td>')
            else:
                cells.append(f'<td class="sd-count">{by_year[y]}</td>')
        name = series_name(data, series, lang)
        out.append(f'<tr><th scope="row"><a href="{href(src, "campaigns/" + series)}">{name}</a></th>{"".join(cells)}</tr>')
    out += ["</tbody>", "</table>", "</div>"]
    return out


def responsibility(notices: list[dict]) -> dict[str, dict[str, set[str]]]:
    """agency id → notice slug → the roles it has there (lead, responsible, support)."""
    out: dict[str, dict[str, set[str]]] = {}
    for notice in notices:
        for task in notice["tasks"]:
            for ref in task["agencies"]:
                if ref["id"]:
                    out.setdefault(ref["id"], {}).setdefault(notice["slug"], set()).add(ref["role"])
    return out


ROLE_MARK = {"lead": ("●", "牵头", "lead"), "responsible": ("◐", "负责", "responsible"),
             "support": ("○", "配合", "support")}


def matrix_table(data: SiteData, notices: list[dict], src: str, lang: str) -> list[str]:
    """Agencies (rows) × notices (columns, newest MAX_COLUMNS): ● leads at least one task,
    ◐ responsible, ○ supports; every mark is written out for screen readers."""
    notices = newest_first(notices)[:MAX_COLUMNS]
    grid = responsibility(notices)
    if not grid:
        return [t(lang, "这些文件没有把任务分派给具体机关。", "These notices assign no task to a named agency.")]
    caption = t(lang, "机关 × 文件的职责分工：● 牵头，◐ 负责，○ 配合；空白为未分派任务。",
                "Agencies × notices: ● leads, ◐ responsible, ○ supports; blank: no task assigned.")
    out = ['<div class="sd-picture">', '<table class="sd-matrix">', f"<caption>{caption}</caption>",
           "<thead><tr>", f'<th scope="col">{t(lang, "机关", "Agency")}</th>']
    for n in notices:
        year = notice_year(n) or ""
        out.append(f'<th scope="col"><a href="{href(src, "notices/" + n["slug"])}">{notice_title(n, lang)}</a>'
                   f'<span class="sd-year"> {year}</span></th>')
    out += ["</tr></thead>", "<tbody>"]
    for aid in sorted(grid, key=lambda a: (data.agencies.get(a, {}).get("system", ""), a)):
        if aid not in data.agencies:
            continue
        cells = []
        for n in notices:
            roles = grid[aid].get(n["slug"], set())
            role = next((r for r in ("lead", "responsible", "support") if r in roles), None)
            if role is None:
                cells.append('<td class="sd-none"></td>')
            else:
                mark, zh, en = ROLE_MARK[role]
                cells.append(f'<td class="sd-{role}"><span aria-hidden="true">{mark}</span>'
                             f'<span class="sd-sr">{t(lang, zh, en)}</span></td>')
        out.append(f'<tr><th scope="row"><a href="{href(src, "agencies/" + aid)}">{agency_name(data, aid, lang)}</a></th>'
                   f'{"".join(cells)}</tr>')
    out += ["</tbody>", "</table>", "</div>"]
    return out
