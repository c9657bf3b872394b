"""The two pictures, as accessible HTML tables (a caption, header cells with scope, the numbers
as text): campaigns × years, and agencies × notices (who leads, who is responsible). The views
here are drawn by the macros timeline and matrix of overrides/sd/macros.html."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Notice
from .common import Link, agency_label, notice_label, rel, series_label, t
from .data import SiteData, newest_first, notice_year
from .tasks import campaign_tasks

MAX_COLUMNS = 12  # the timeline never grows wider than this many years
# The matrix's notices: on a phone each agency's card lists them all by title, and at 12 a
# place page passed 80 KB.
MAX_NOTICES = 8


def campaign_year_counts(data: SiteData) -> dict[str, dict[int, int]]:
    """series → year → number of tasks naming an edition of that year (or naming the series in
    a notice of that year)."""
    out: dict[str, dict[int, int]] = {}
    for series in data.named_series:
        counts: dict[int, int] = {}
        for row in campaign_tasks(data, series):
            if row.year:
                counts[row.year] = counts.get(row.year, 0) + 1
        for y in data.campaign_series[series].editions:
            counts.setdefault(y, 0)
        out[series] = dict(sorted(counts.items()))
    return out


@dataclass(frozen=True)
class YearCell:
    kind: str  # "none": not named that year; "edition": on record, no task names it; "count"
    count: int = 0


@dataclass(frozen=True)
class Timeline:
    lang: str
    caption: str
    years: list[int]
    rows: list[tuple[Link, list[YearCell]]]  # a campaign, its cells year by year


def campaign_year_view(data: SiteData, src: str, lang: str) -> Timeline | None:
    """Campaigns × years (the newest MAX_COLUMNS years); None when no year is on record."""
    counts = campaign_year_counts(data)
    years = sorted({y for c in counts.values() for y in c})[-MAX_COLUMNS:]
    if not years:
        return None
    caption = t(lang, "各专项行动按年份：数字为本站文件中点名该年度行动的任务数，“○”表示登记有该年度行动但本站文件未点名。",
                "Campaigns by year: the number of tasks in the notices on this site naming that year's edition; "
                "“○” marks an edition on record that no notice here names.")
    rows = []
    for series, by_year in counts.items():
        cells = [YearCell("none") if y not in by_year else YearCell("edition") if by_year[y] == 0
                 else YearCell("count", by_year[y]) for y in years]
        rows.append((Link(series_label(data, series, lang), rel(src, "campaigns/" + series)), cells))
    return Timeline(lang, caption, years, rows)


def responsibility(notices: list[Notice]) -> dict[str, dict[str, set[str]]]:
    """agency id → notice slug → the roles it has there (lead, responsible, support)."""
    out: dict[str, dict[str, set[str]]] = {}
    for notice in notices:
        for task in notice.tasks:
            for ref in task.agencies:
                if ref.id:
                    out.setdefault(ref.id, {}).setdefault(notice.slug, set()).add(ref.role)
    return out


ROLE_MARK = {"lead": ("●", "牵头", "lead"), "responsible": ("◐", "负责", "responsible"),
             "support": ("○", "配合", "support")}


@dataclass(frozen=True)
class MatrixCell:
    role: str | None  # lead, responsible, support; None: no task assigned
    mark: str = ""
    label: str = ""  # the role written out, for screen readers


@dataclass(frozen=True)
class Matrix:
    lang: str
    caption: str
    notices: list[tuple[Link, int | None]]  # the columns: a notice, its year
    rows: list[tuple[Link, list[MatrixCell]]]  # an agency, its cells notice by notice


def matrix_view(data: SiteData, notices: list[Notice], src: str, lang: str) -> Matrix | None:
    """Agencies (rows) × notices (columns, the newest MAX_NOTICES): ● leads at least one task,
    ◐ responsible, ○ supports; None when the notices assign no task to a named agency."""
    shown = newest_first(notices)[:MAX_NOTICES]
    grid = responsibility(shown)
    if not grid:
        return None
    some = len(shown) < len(notices)  # the caption says when the columns are the newest only
    caption = t(lang, f"机关 × {f'最近 {len(shown)} 份' if some else ''}文件的职责分工：● 牵头，◐ 负责，○ 配合；空白为未分派任务。",
                f"Agencies × {f'the newest {len(shown)} ' if some else ''}notices: ● leads, ◐ responsible, ○ supports; "
                "blank: no task assigned.")
    columns = [(Link(notice_label(n, lang), rel(src, "notices/" + n.slug)), notice_year(n)) for n in shown]
    rows = []
    for aid in sorted((a for a in grid if a in data.agencies), key=lambda a: (data.agencies[a].system, a)):
        cells = []
        for n in shown:
            roles = grid[aid].get(n.slug, set())
            role = next((r for r in ("lead", "responsible", "support") if r in roles), None)
            if role is None:
                cells.append(MatrixCell(None))
            else:
                mark, zh, en = ROLE_MARK[role]
                cells.append(MatrixCell(role, mark, t(lang, zh, en)))
        rows.append((Link(agency_label(data, aid, lang), rel(src, "agencies/" + aid)), cells))
    return Matrix(lang, caption, columns, rows)
