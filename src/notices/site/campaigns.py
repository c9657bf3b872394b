"""Campaign pages, one per series (剑网, 秋风, 铁拳 …): what it is, who leads it, its editions by
year, and every notice that names or implements it with the tasks in it that name it, in pages;
plus the campaign index with the campaign × year timeline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Notice, Task
from .common import (Link, Pager, agency_label, feed_rel, page_path, pager_view, paginate_groups, place_label,
                     rel, role_name, series_label, system_label, t)
from .data import SiteData, newest_first
from .pictures import Timeline, campaign_year_view
from .tasks import TaskRow, campaign_tasks, excerpt_text, notice_ref, task_link

INDEX = "campaigns/index"


def campaign_path(series: str) -> str:
    return f"campaigns/{series}"


def campaign_notices(data: SiteData, series: str) -> list[Notice]:
    return [n for n in data.notices if any(c.series == series for c in n.campaigns)]


def timeline(data: SiteData, series: str) -> dict[int, dict]:
    """year → {"edition": named as an edition that year (registry or a notice), "tasks": n,
    "notices": n}; the years of tasks without an edition year count by the notice's year."""
    years: dict[int, dict] = {}
    for y in data.campaign_series[series].editions:
        years.setdefault(y, {"edition": True, "tasks": 0, "notices": set()})
    for row in campaign_tasks(data, series):
        if row.year is None:
            continue
        entry = years.setdefault(row.year, {"edition": False, "tasks": 0, "notices": set()})
        entry["tasks"] += 1
        entry["notices"].add(row.slug)
    return {y: {"edition": v["edition"], "tasks": v["tasks"], "notices": len(v["notices"])}
            for y, v in sorted(years.items())}


@dataclass(frozen=True)
class Edition:
    year: int
    on_record: bool  # the registry (or a notice) names an edition that year
    notices: int
    tasks: int


@dataclass(frozen=True)
class CampaignTask:
    year: int | None
    notice: Link
    place: str
    where: Link  # the task on its notice page
    excerpt: str  # the start of its words (Chinese pages only)
    leads: list[Link]  # only the agencies the text says lead it (牵头)
    others: list[tuple[Link, str]]  # the other agencies it names, each with its role in words


@dataclass(frozen=True)
class CampaignNotice:
    """A notice that names or implements the campaign, with the editions it names and its dates."""

    notice: Link
    place: str
    editions: list[str]  # the names of the editions as the notice writes them
    date: str | None  # its date of writing, else of publication
    phases: list[tuple[str, str]]  # an implementation plan's stages and their periods, as written


@dataclass(frozen=True)
class CampaignGroup:
    """A notice that names or implements the campaign, and the tasks in it that name it."""

    notice: CampaignNotice
    tasks: list[CampaignTask]


@dataclass(frozen=True)
class CampaignView:
    """What overrides/sd/campaign.html shows: page `number` of a campaign series' pages."""

    lang: str
    heading: str
    number: int
    chinese_name: str | None  # on English pages, with the English name's standing
    name_en_official: bool
    overview: str  # page 1, from the others
    description: str | None
    lead_system: str | None
    lead: Link | None
    editions: list[Edition]
    feed: str
    groups: list[CampaignGroup]  # this page's notices, newest first, each with its tasks
    pager: Pager | None

    @property
    def notices(self) -> list[CampaignNotice]:
        return [g.notice for g in self.groups]

    @property
    def tasks(self) -> list[CampaignTask]:
        return [task for g in self.groups for task in g.tasks]


def campaign_title(zh: str) -> str:
    """The series' name as a page title: 打击侵犯知识产权犯罪专项治理 is not made "…专项治理专项行动"."""
    return zh if zh.endswith(("行动", "治理", "专项", "整治")) else f"{zh}专项行动"


def task_agencies(data: SiteData, task: Task, src: str, lang: str) -> tuple[list[Link], list[tuple[Link, str]]]:
    """A task's agencies with the roles exactly as the text gives them: those it says lead (牵头),
    and the others with their role (负责, 配合); none is made a lead the text does not name."""
    leads, others = [], []
    for ref in task.agencies:
        if not ref.id or ref.id not in data.agencies:
            continue
        found = Link(agency_label(data, ref.id, lang), rel(src, f"agencies/{ref.id}"))
        if ref.role == "lead":
            leads.append(found)
        else:
            others.append((found, role_name(ref.role, lang)))
    return leads, others


def campaign_notice(data: SiteData, notice: Notice, series: str, src: str, lang: str) -> CampaignNotice:
    """The notice with the editions of the series it names and its dates as it gives them."""
    editions = [c.name for c in notice.campaigns if c.series == series]
    phases = [(p.name, p.period or (p.deadline or "")) for p in notice.phases]
    return CampaignNotice(notice_ref(notice, src, lang), place_label(data, notice.jurisdiction["id"], lang),
                          editions, notice.issued_date or notice.published_date, phases)


def campaign_pages(data: SiteData, series: str) -> list[list[tuple[Notice, list[TaskRow]]]]:
    """Every notice that names or implements the campaign (in its title, its text or a task),
    newest first, each with its tasks that name it in the notice's order; in pages."""
    def make() -> dict[str, list]:
        pages = {}
        for s in data.named_series:
            by_notice: dict[str, list[TaskRow]] = {}
            for row in campaign_tasks(data, s):
                by_notice.setdefault(row.slug, []).append(row)
            groups = [(n, sorted(by_notice.get(n.slug, []), key=lambda r: data.task_order.get((r.slug, r.id), 0)))
                      for n in newest_first(campaign_notices(data, s))]
            pages[s] = paginate_groups(groups, lambda g: 1 + len(g[1]))
        return pages

    return data.memo("campaign_pages", make).get(series, [[]])


def campaign_view(data: SiteData, series: str, number: int, lang: str) -> CampaignView:
    s = data.campaign_series[series]
    base = campaign_path(series)
    src = page_path(base, number)
    pages = campaign_pages(data, series)
    title = series_label(data, series, lang).replace(" †", "")
    groups = [CampaignGroup(campaign_notice(data, notice, series, src, lang),
                            [CampaignTask(row.year, notice_ref(row.notice, src, lang),
                                          place_label(data, row.notice.jurisdiction["id"], lang),
                                          task_link(row, src, lang),
                                          excerpt_text(row.task.text, path=row.task.path) if lang == "zh" else "",
                                          *task_agencies(data, row.task, src, lang)) for row in rows])
              for notice, rows in pages[number - 1]]
    return CampaignView(
        lang=lang, heading=t(lang, f"专项行动：{title}", f"Campaign: {title}"), number=number,
        chinese_name=s.zh if lang == "en" and s.name_en else None, name_en_official=s.name_en_official,
        overview=rel(src, base), description=s.description_zh if lang == "zh" else s.description_en,
        lead_system=system_label(data, s.lead_system, lang) if s.lead_system else None,
        lead=Link(agency_label(data, s.lead, lang), rel(src, f"agencies/{s.lead}"))
        if s.lead and s.lead in data.agencies else None,
        editions=[Edition(y, v["edition"], v["notices"], v["tasks"]) for y, v in timeline(data, series).items()],
        feed=feed_rel(src, lang, f"campaigns/{series}.xml"), groups=groups,
        pager=pager_view(base, number, len(pages)))


def stubs(data: SiteData) -> Iterator:
    """Each campaign series' pages, as pages.Stub (rendered by overrides/sd/campaign.html)."""
    from .pages import Stub

    for series in data.named_series:
        s = data.campaign_series[series]
        titles = (campaign_title(s.zh), f"{s.name_en or s.zh} campaign")
        for number in range(1, len(campaign_pages(data, series)) + 1):
            yield Stub(page_path(campaign_path(series), number), "campaign", series, number, titles)
    yield Stub(INDEX, "campaign-index", "", 1, ("专项行动", "Campaigns"))


@dataclass(frozen=True)
class CampaignIndexView:
    """overrides/sd/campaign-index.html: every campaign the notices name, and the timeline."""

    lang: str
    title: str
    campaigns: list[tuple[Link, str | None, int, int]]  # the campaign, its lead system, notices, tasks
    timeline: Timeline | None


def index_view(data: SiteData, key: str, number: int, lang: str) -> CampaignIndexView:
    rows = []
    for series in data.named_series:
        s = data.campaign_series[series]
        rows.append((Link(series_label(data, series, lang), rel(INDEX, campaign_path(series))),
                     system_label(data, s.lead_system, lang) if s.lead_system else None,
                     len(campaign_notices(data, series)), len(campaign_tasks(data, series))))
    return CampaignIndexView(lang, t(lang, "专项行动", "Campaigns"), rows, campaign_year_view(data, INDEX, lang))
