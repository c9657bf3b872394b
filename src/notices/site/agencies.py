"""Agency pages, one per agency id, and the agency index: by system, each system's chain from
the national body down to the districts (via the places' parents), one page per province."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator

from dataclasses import dataclass

from .common import (Link, Pager, agency_label, feed_rel, page_path, pager_view, paginate, place_label, rel, role_name,
                     system_label, t)
from .data import LEVEL_RANK, SiteData, notice_year
from .tasks import TaskRow, excerpt_text, notice_ref, row_key, task_link

INDEX = "agencies/index"
PARTNERS = 10


def agency_path(aid: str) -> str:
    return f"agencies/{aid}"


def system_path(system: str) -> str:
    return f"agencies/systems/{system}"


def province_path(system: str, province: str) -> str:
    return f"agencies/systems/{system}/{province}"


def agency_tasks(data: SiteData, aid: str) -> list[tuple[TaskRow, str]]:
    """(task, role) for every task that names the agency, newest notice first."""
    def make() -> list[tuple[TaskRow, str]]:
        rows = [(TaskRow(notice, task, notice_year(notice)), role)
                for notice, task, role in data.agency_roles.get(aid, [])]
        return sorted(rows, key=lambda pair: row_key(pair[0], data))

    return data.memo(("agency_tasks", aid), make)


def partners(data: SiteData, aid: str, top: int = PARTNERS) -> list[tuple[str, int]]:
    """The agencies most often named on the same tasks, with how many tasks; ties by id."""
    counts: Counter[str] = Counter()
    for _, task, _ in data.agency_roles.get(aid, []):
        counts.update({r.id for r in task.agencies if r.id and r.id != aid})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def system_chain(data: SiteData, aid: str) -> list[list[str]]:
    """For each place from national down to the agency's own: the agencies of the same system
    there that the notices name (the agency itself last)."""
    a = data.agencies[aid]
    chain = []
    for place in data.place_chain(a.jurisdiction_id):
        here = data.agencies_at.get((place.id, a.system), []) if a.system != "other" else []
        if place.id == a.jurisdiction_id:
            here = [aid]
        if here:
            chain.append(here)
    return chain


def agency_description(data: SiteData, aid: str, lang: str) -> str:
    """The page's own <meta name="description">, escaped for the attribute (the theme's templates
    do not escape): whose tasks, how many, from how many notices."""
    a = data.agencies[aid]
    roles = data.agency_roles.get(aid, [])
    notices = len({notice.slug for notice, _, _ in roles})
    if lang == "zh":
        text = (f"{a.full_name}在本站收录的 {notices} 份通知中承担的 {len(roles)} 项打击侵权假冒任务，"
                "及其上下级和经常协同的机关。")
    else:
        text = (f"{a.name_en or a.full_name}: the {len(roles)} tasks against IP infringement and counterfeiting "
                f"assigned to it in {notices} notices published here, with its chain and the agencies it works with.")
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class TaskItem:
    role: str  # its name in the page's language
    where: Link  # the task on its notice page
    excerpt: str  # the start of its words (Chinese pages only)


@dataclass(frozen=True)
class TaskGroup:
    year: int | None
    notice: Link
    items: list[TaskItem]


@dataclass(frozen=True)
class AgencyView:
    """What overrides/sd/agency.html shows: page `number` of an agency's pages."""

    lang: str
    title: str
    number: int
    full_name: str
    written_as: str | None  # the form the notices use, where it differs
    name_en: str | None
    name_en_official: bool
    place: Link | str  # a link where the catalogue has a page for the place
    system: Link
    hotline: str | None
    website: str | None
    in_registry: bool
    chain: list[list[Link]]  # the same system from the national level down (shown from 2 levels)
    partners: list[tuple[Link, int]]
    feed: str
    overview: str  # page 1, from the others
    groups: list[TaskGroup]
    pager: Pager | None


def agency_view(data: SiteData, aid: str, number: int, lang: str) -> AgencyView:
    a = data.agencies[aid]
    base = agency_path(aid)
    src = page_path(base, number)
    chunks = paginate(agency_tasks(data, aid))
    rows = chunks[number - 1]

    def agency_link(b: str) -> Link:
        return Link(agency_label(data, b, lang), rel(src, agency_path(b)))

    groups: list[TaskGroup] = []
    for row, role in rows:
        if not groups or groups[-1].notice.href != rel(src, f"notices/{row.slug}"):
            groups.append(TaskGroup(row.year, notice_ref(row.notice, src, lang), []))
        text = excerpt_text(row.task.text, path=row.task.path) if lang == "zh" else ""
        groups[-1].items.append(TaskItem(role_name(role, lang), task_link(row, src, lang), text))
    place = place_label(data, a.jurisdiction_id, lang)
    contact = data.contacts.get(aid) or {}
    chain = system_chain(data, aid)
    return AgencyView(
        lang=lang, title=a.full_name if lang == "zh" else (a.name_en or a.full_name), number=number,
        full_name=a.full_name, written_as=a.name if a.name != a.full_name else None,
        name_en=a.name_en, name_en_official=bool(a.name_en_official),
        place=Link(place, rel(src, f"catalogue/places/{a.jurisdiction_id}"))
        if a.jurisdiction_id in data.places_with_notices else place,
        system=Link(system_label(data, a.system, lang), rel(src, system_path(a.system))),
        hotline=str(contact["hotline"]) if contact.get("hotline") else None, website=contact.get("website") or None,
        in_registry=a.in_registry,
        chain=[[agency_link(b) for b in level] for level in chain] if len(chain) > 1 else [],
        partners=[(agency_link(b), n) for b, n in partners(data, aid) if b in data.agencies],
        feed=feed_rel(src, lang, f"agencies/{aid}.xml"), overview=rel(src, base), groups=groups,
        pager=pager_view(base, number, len(chunks)))


def stubs(data: SiteData) -> Iterator:
    """The agency pages and the index pages, as pages.Stub (rendered by overrides/sd/agency*.html)."""
    from .pages import Stub

    for aid, a in data.agencies.items():
        total = len(paginate(agency_tasks(data, aid)))
        titles = (a.full_name, a.name_en or a.full_name)
        descriptions = (agency_description(data, aid, "zh"), agency_description(data, aid, "en"))
        for number in range(1, total + 1):
            yield Stub(page_path(agency_path(aid), number), "agency", aid, number, titles, descriptions)
    yield Stub(INDEX, "agency-index", "", 1, ("机关", "Agencies"))
    for system, provinces in systems_by_province(data).items():
        name = (system_label(data, system, "zh"), system_label(data, system, "en"))
        yield Stub(system_path(system), "agency-system", system, 1, (f"机关：{name[0]}", f"Agencies: {name[1]}"))
        for province in sorted(p for p in provinces if p):
            place = (place_label(data, province, "zh"), place_label(data, province, "en"))
            yield Stub(province_path(system, province), "agency-province", f"{system}/{province}", 1,
                       (f"{place[0]}：{name[0]}", f"{name[1]}: {place[1]}"))


# ---- the index: systems, and each system from the national body down --------------------------

def by_system(data: SiteData) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for aid, a in data.agencies.items():
        out.setdefault(a.system, []).append(aid)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] == "other", kv[0])))


def province_of(data: SiteData, place_id: str) -> str | None:
    """The province-level place of a place (None for national)."""
    for place in data.place_chain(place_id):
        if place.level == "province":
            return place.id
    chain = data.place_chain(place_id)
    return chain[1].id if len(chain) > 1 else (None if not chain or chain[0].level == "national" else place_id)


def systems_by_province(data: SiteData) -> dict[str, dict[str | None, list[str]]]:
    """system → province (None: national) → its agencies."""
    def make() -> dict[str, dict[str | None, list[str]]]:
        out: dict[str, dict[str | None, list[str]]] = {}
        for system, aids in by_system(data).items():
            provinces: dict[str | None, list[str]] = {}
            for aid in aids:
                provinces.setdefault(province_of(data, data.agencies[aid].jurisdiction_id), []).append(aid)
            out[system] = provinces
        return out

    return data.memo("systems_by_province", make)


@dataclass(frozen=True)
class PlaceNode:
    """A place of an agency tree: its agencies, and the places below it."""

    name: str
    agencies: list[Link]
    children: list["PlaceNode"]


@dataclass(frozen=True)
class AgencyIndexView:
    """overrides/sd/agency-index.html, -system.html and -province.html: the agency index, one
    system's page and one system's page for a province."""

    lang: str
    title: str
    back: Link | None = None
    systems: list[tuple[Link, int]] | None = None  # the index: each system, how many agencies
    hotline: str | None = None  # a system's page
    national: list[Link] | None = None
    provinces: list[tuple[Link, int]] | None = None
    tree: list[PlaceNode] | None = None  # a province's page


def index_view(data: SiteData, key: str, number: int, lang: str) -> AgencyIndexView:
    systems = by_system(data)
    return AgencyIndexView(lang, t(lang, "机关", "Agencies"), systems=[
        (Link(system_label(data, s, lang), rel(INDEX, system_path(s))), len(aids)) for s, aids in systems.items()])


def system_view(data: SiteData, system: str, number: int, lang: str) -> AgencyIndexView:
    src = system_path(system)
    provinces = systems_by_province(data)[system]
    hotline = data.systems.get(system, {}).get("hotline")
    return AgencyIndexView(
        lang, system_label(data, system, lang), back=Link(t(lang, "← 全部系统", "← All systems"), rel(src, INDEX)),
        hotline=str(hotline) if hotline else None,
        national=[Link(agency_label(data, a, lang), rel(src, agency_path(a))) for a in sorted(provinces.get(None, []))],
        provinces=[(Link(place_label(data, p, lang), rel(src, province_path(system, p))), len(provinces[p]))
                   for p in sorted(p for p in provinces if p)])


def province_view(data: SiteData, key: str, number: int, lang: str) -> AgencyIndexView:
    system, province = key.split("/", 1)
    src = province_path(system, province)
    name = system_label(data, system, lang)
    members = systems_by_province(data)[system][province]
    national = data.agencies_at.get(("national", system), [])
    return AgencyIndexView(
        lang, f"{place_label(data, province, lang)} · {name}",
        back=Link(t(lang, f"← {name}（全国）", f"← {name} (all places)"), rel(src, system_path(system))),
        tree=agency_tree(data, sorted(national) + sorted(members), src, lang))


def agency_tree(data: SiteData, aids: list[str], src: str, lang: str) -> list[PlaceNode]:
    """Place by place from the top of the chain, the system's agencies at each."""
    at: dict[str, list[str]] = {}
    for aid in aids:
        at.setdefault(data.agencies[aid].jurisdiction_id, []).append(aid)
    children: dict[str | None, set[str]] = {}
    for pid in at:
        chain = data.place_chain(pid) or []
        parent = None
        for place in chain:
            children.setdefault(parent, set()).add(place.id)
            parent = place.id
        if not chain:
            children.setdefault(None, set()).add(pid)

    def order(pid: str) -> tuple:
        p = data.places.get(pid)
        return (LEVEL_RANK.get(p.level, 9) if p else 9, pid)

    def walk(parent: str | None) -> list[PlaceNode]:
        return [PlaceNode(place_label(data, pid, lang),
                          [Link(agency_label(data, a, lang), rel(src, agency_path(a))) for a in sorted(at.get(pid, []))],
                          walk(pid) if pid in children else [])
                for pid in sorted(children.get(parent, ()), key=order)]

    return walk(None)
