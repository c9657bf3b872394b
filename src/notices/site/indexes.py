"""The 信息公开 catalogue of all notices (a sortable table, paginated) and the indexes by year,
by jurisdiction (nested national → province → city → district, each place with its picture of
who is responsible) and by document type. Views for overrides/sd/listing.html and counts.html."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..model import Notice
from ..render import doc_type_names
from .common import (Link, Pager, feed_rel, file_rel, level_name, notice_label, page_path, pager_view, paginate,
                     place_label, rel, t)
from .data import LEVEL_RANK, SiteData, newest_first, notice_year
from .pictures import Matrix, matrix_view

CATALOGUE = "catalogue/index"
YEARS = "catalogue/years/index"
PLACES = "catalogue/places/index"
TYPES = "catalogue/types/index"


def year_path(year: int | None) -> str:
    return f"catalogue/years/{year or 'undated'}"


def place_path(pid: str) -> str:
    return f"catalogue/places/{pid}"


def type_path(doc_type: str) -> str:
    return f"catalogue/types/{doc_type}"


def doc_type_label(doc_type: str, lang: str) -> str:
    return doc_type_names().get(doc_type, {}).get(lang) or doc_type


@dataclass(frozen=True)
class CatalogueRow:
    """索引号, title, issuer, 成文日期, 发布日期 (sortable by the site's script, crosslinks.js)."""

    index_number: str
    title: Link
    issuer: str
    issued: str
    published: str
    issuer_zh: str = ""  # on English pages: the issuer as written, shown marked as Chinese beside its English


def issuer_cells(n: Notice, lang: str) -> tuple[str, str]:
    """(issuer, issuer as written): on Chinese pages the issuer as written; on English pages its
    English name where the registry resolves it, with the name as written kept beside it."""
    written = n.issuer or "—"
    if lang == "zh":
        return written, ""
    return (n.issuer_agency.name_en if n.issuer_agency else None) or "—", written if written != "—" else ""


@dataclass(frozen=True)
class ListingView:
    """A page of notices, newest first: the catalogue, a year's, a place's or a type's."""

    lang: str
    title: str
    intro: str
    rows: list[CatalogueRow]
    pager: Pager | None
    back: Link | None = None
    nav: list[Link] = field(default_factory=list)  # the catalogue's first page: the other indexes
    open_data: dict[str, str] | None = None  # the catalogue's first page: notices, tasks, feed
    level: str | None = None  # a place's first page: its level, the places below, its picture
    below: list[tuple[Link, int]] = field(default_factory=list)
    matrix: Matrix | None = None
    own_notices: bool = False


def by_year(data: SiteData) -> dict[int | None, list[Notice]]:
    def make() -> dict[int | None, list[Notice]]:
        out: dict[int | None, list[Notice]] = {}
        for n in newest(data):
            out.setdefault(notice_year(n), []).append(n)
        return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0))))

    return data.memo("by_year", make)


def by_type(data: SiteData) -> dict[str, list[Notice]]:
    def make() -> dict[str, list[Notice]]:
        kinds: dict[str, list[Notice]] = {}
        for n in newest(data):
            kinds.setdefault(n.doc_type, []).append(n)
        return dict(sorted(kinds.items()))

    return data.memo("by_type", make)


def by_place(data: SiteData) -> tuple[dict[str, list[Notice]], dict[str, int]]:
    """The notices each place issued itself, and how many it and the places below it issued."""
    def make() -> tuple[dict[str, list[Notice]], dict[str, int]]:
        own: dict[str, list[Notice]] = {}
        below: dict[str, int] = {}
        for n in newest(data):
            own.setdefault(n.jurisdiction["id"], []).append(n)
            for p in data.place_chain(n.jurisdiction["id"]):
                below[p.id] = below.get(p.id, 0) + 1
        return own, below

    return data.memo("by_place", make)


def newest(data: SiteData) -> list[Notice]:
    """Every notice, newest first (and so every listing made from it)."""
    return data.memo("newest", lambda: newest_first(data.notices))


def listings(data: SiteData) -> list[tuple[str, str, list[Notice]]]:
    """Every listing: (base path, key for listing_view, its notices)."""
    out = [(CATALOGUE, "catalogue", data.notices)]
    out += [(year_path(y), f"year:{y or ''}", ns) for y, ns in by_year(data).items()]
    own, _ = by_place(data)
    out += [(place_path(p), f"place:{p}", own.get(p, [])) for p in sorted(data.places_with_notices)]
    out += [(type_path(k), f"type:{k}", ns) for k, ns in by_type(data).items()]
    return out


def listing_titles(data: SiteData, key: str) -> tuple[str, str]:
    kind, _, value = key.partition(":")
    if kind == "year":
        return (f"{value}年的文件", f"Notices of {value}") if value else ("未注明年份的文件", "Undated notices")
    if kind == "place":
        place = data.places[value]
        return f"{place.name}的文件", f"Notices of {place.name_en}"
    if kind == "type":
        return f"文种：{doc_type_label(value, 'zh')}", f"Document type: {doc_type_label(value, 'en')}"
    return "信息公开目录", "Catalogue of notices"


def listing_view(data: SiteData, key: str, number: int, lang: str) -> ListingView:
    kind, _, value = key.partition(":")
    if kind == "year":
        base, notices = year_path(int(value) if value else None), by_year(data)[int(value) if value else None]
        back = (YEARS, "← 全部年份", "← All years")
        intro = t(lang, f"共 {len(notices)} 份。", f"{len(notices)} notices.")
    elif kind == "type":
        base, notices = type_path(value), by_type(data)[value]
        back = (TYPES, "← 全部文种", "← All document types")
        intro = t(lang, f"共 {len(notices)} 份。", f"{len(notices)} notices.")
    elif kind == "place":
        own, below = by_place(data)
        base, notices, place = place_path(value), own.get(value, []), data.places[value]
        back = (PLACES, "← 全部地区", "← All jurisdictions")
        intro = t(lang, f"{place.name}本级发布的文件 {len(notices)} 份；含下级地区共 {below.get(value, 0)} 份。",
                  f"{len(notices)} notices issued at this level; {below.get(value, 0)} including the places below.")
    else:
        base, notices, back = CATALOGUE, newest(data), None
        intro = t(lang, f"本站收录的全部 {len(notices)} 份文件，最新的在前。点击表头可排序。",
                  f"All {len(notices)} notices on this site, newest first. Click a column heading to sort.")
    src = page_path(base, number)
    chunks = paginate(notices)  # newest first already
    rows = [CatalogueRow(n.index_number or "—",
                         Link(notice_label(n, lang), rel(src, f"notices/{n.slug}")),
                         issuer_cells(n, lang)[0], n.issued_date or "—", n.published_date or "—",
                         issuer_cells(n, lang)[1])
            for n in chunks[number - 1]]
    view = ListingView(lang, t(lang, *listing_titles(data, key)), intro, rows, pager_view(base, number, len(chunks)),
                       back=Link(t(lang, back[1], back[2]), rel(src, back[0])) if back else None)
    if number > 1:
        return view
    if kind == "catalogue":
        view = replace(view, nav=[
            Link(t(lang, "按年份", "By year"), rel(src, YEARS)), Link(t(lang, "按地区", "By jurisdiction"), rel(src, PLACES)),
            Link(t(lang, "按文种", "By document type"), rel(src, TYPES))], open_data={
            "notices": file_rel(src, lang, "data/notices.json"), "tasks": file_rel(src, lang, "data/tasks.csv"),
            "feed": feed_rel(src, lang, "all.xml")})
    elif kind == "place":
        _, below = by_place(data)
        subs = sorted(c for c in data.places_with_notices if data.places[c].parent == value)
        view = replace(view, level=level_name(data.places[value].level, lang),
                       below=[(Link(place_label(data, c, lang), rel(src, place_path(c))), below.get(c, 0)) for c in subs],
                       matrix=matrix_view(data, notices, src, lang) if notices else None, own_notices=bool(notices))
    return view


@dataclass(frozen=True)
class PlaceCount:
    link: Link
    count: int  # notices of the place and the places below it
    children: list["PlaceCount"]


@dataclass(frozen=True)
class CountsView:
    """overrides/sd/counts.html: the indexes by year, by document type, by jurisdiction."""

    lang: str
    title: str
    back: Link
    head: tuple[str, str] | None = None  # the table's columns (years, types)
    counts: list[tuple[Link, int]] = field(default_factory=list)
    places: list[PlaceCount] = field(default_factory=list)  # the places' tree


def counts_view(data: SiteData, key: str, number: int, lang: str) -> CountsView:
    if key == "years":
        src = YEARS
        return CountsView(lang, t(lang, "按年份", "Notices by year"), Link(t(lang, "← 信息公开目录", "← Catalogue"), rel(src, CATALOGUE)),
                          (t(lang, "年份", "Year"), t(lang, "文件数", "Notices")),
                          [(Link(str(y) if y else t(lang, "未注明", "undated"), rel(src, year_path(y))), len(ns))
                           for y, ns in by_year(data).items()])
    if key == "types":
        src = TYPES
        return CountsView(lang, t(lang, "按文种", "Notices by document type"), Link(t(lang, "← 信息公开目录", "← Catalogue"), rel(src, CATALOGUE)),
                          (t(lang, "文种", "Type"), t(lang, "文件数", "Notices")),
                          [(Link(doc_type_label(k, lang), rel(src, type_path(k))), len(ns)) for k, ns in by_type(data).items()])
    src, shown = PLACES, data.places_with_notices
    _, below = by_place(data)

    def walk(parent: str | None) -> list[PlaceCount]:
        kids = sorted((p for p in shown if data.places[p].parent == parent
                       or (parent is None and data.places[p].parent not in shown)),
                      key=lambda p: (LEVEL_RANK.get(data.places[p].level, 9), p))
        return [PlaceCount(Link(place_label(data, p, lang), rel(src, place_path(p))), below.get(p, 0), walk(p)) for p in kids]

    return CountsView(lang, t(lang, "按地区", "Notices by jurisdiction"), Link(t(lang, "← 信息公开目录", "← Catalogue"), rel(src, CATALOGUE)),
                      places=walk(None))


def stubs(data: SiteData) -> Iterator:
    """The catalogue's pages, as pages.Stub (overrides/sd/listing.html and counts.html)."""
    from .pages import Stub

    for base, key, notices in listings(data):
        titles = listing_titles(data, key)
        for number in range(1, len(paginate(notices)) + 1):
            yield Stub(page_path(base, number), "listing", key, number, titles)
    yield Stub(YEARS, "counts", "years", 1, ("按年份", "Notices by year"))
    yield Stub(PLACES, "counts", "places", 1, ("按地区", "Notices by jurisdiction"))
    yield Stub(TYPES, "counts", "types", 1, ("按文种", "Notices by document type"))
