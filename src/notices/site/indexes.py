"""The 信息公开 catalogue of all notices (a sortable table, paginated) and the indexes by year,
by jurisdiction (nested national → province → city → district) and by document type."""

from __future__ import annotations

from ..render import escape
from .common import (Page, doc_type_name, feed_href, file_href, front, level_name, link, page_path, pager, paginate,
                     place_name, t, table)
from .data import LEVEL_RANK, SiteData, newest_first, notice_year
from .pictures import matrix_table

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


def catalogue_table(notices: list[dict], src: str, lang: str) -> list[str]:
    """索引号, title, issuer, 成文日期, 发布日期 — sortable by the site's script (crosslinks.js)."""
    head = [t(lang, "索引号", "Index number"), t(lang, "标题", "Title"), t(lang, "发布机构", "Issuing body"),
            t(lang, "成文日期", "Date of writing"), t(lang, "发布日期", "Date published")]
    rows = [[escape(n.get("index_number") or "—"), link(escape(n["title"]) if lang == "zh" else
             escape(n.get("title_en") or n["title"]), src, f"notices/{n['slug']}"),
             escape(n.get("issuer") or "—"), n.get("issued_date") or "—", n.get("published_date") or "—"]
            for n in notices]
    return table(head, rows)


def listing_pages(base: str, notices: list[dict], title: tuple[str, str], intro: tuple[str, str],
                  back: tuple[str, str, str] | None = None, extra=None) -> list[Page]:
    """A paginated catalogue table of `notices` (newest first) at `base`."""
    chunks = paginate(newest_first(notices))
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        texts = []
        for lang in ("zh", "en"):
            src = page_path(base, number)
            heading = t(lang, *title)
            lines = [front(heading).rstrip("\n"), "", f"# {heading}", ""]
            if back:
                lines += [link(t(lang, back[1], back[2]), src, back[0]), ""]
            lines += [t(lang, *intro), ""]
            if extra and number == 1:
                lines += extra(src, lang)
            lines += ['<div class="sd-sortable">'] + catalogue_table(chunk, src, lang)[:-1] + ["</div>", ""]
            lines += pager(base, number, len(chunks), lang)
            texts.append("\n".join(lines).rstrip("\n") + "\n")
        pages.append(Page(page_path(base, number), texts[0], texts[1]))
    return pages


def catalogue_pages(data: SiteData) -> list[Page]:
    def links(src: str, lang: str) -> list[str]:
        nav = [link(t(lang, "按年份", "By year"), src, YEARS), link(t(lang, "按地区", "By jurisdiction"), src, PLACES),
               link(t(lang, "按文种", "By document type"), src, TYPES)]
        data_link = f'<a href="{file_href(src, lang, "data/notices.json")}">notices.json</a>'
        csv_link = f'<a href="{file_href(src, lang, "data/tasks.csv")}">tasks.csv</a>'
        feed = f'<a href="{feed_href(src, lang, "all.xml")}">RSS</a>'
        return [" · ".join(nav), "",
                t(lang, f"开放数据：{data_link}（全部文件；每份文件的完整记录，含全文与任务，见其 record 链接，"
                        f"为 gzip 压缩的 JSON）、{csv_link}（全部任务与机关）；订阅新文件：{feed}",
                  f"Open data: {data_link} (every notice; each notice's full record, text and tasks included, at its "
                  f"record link, as gzipped JSON), {csv_link} (every task and agency); new notices: {feed}"), ""]

    pages = listing_pages(CATALOGUE, data.notices, ("信息公开目录", "Catalogue of notices"),
                          (f"本站收录的全部 {len(data.notices)} 份文件，最新的在前。点击表头可排序。",
                           f"All {len(data.notices)} notices on this site, newest first. Click a column heading to sort."),
                          extra=links)
    pages += year_pages(data) + place_pages(data) + type_pages(data)
    return pages


def by_year(data: SiteData) -> dict[int | None, list[dict]]:
    out: dict[int | None, list[dict]] = {}
    for n in data.notices:
        out.setdefault(notice_year(n), []).append(n)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0))))


def year_pages(data: SiteData) -> list[Page]:
    years = by_year(data)
    pages = []
    for year, notices in years.items():
        shown = str(year) if year else None
        pages += listing_pages(year_path(year), notices,
                               (f"{shown}年的文件" if shown else "未注明年份的文件", f"Notices of {shown}" if shown else "Undated notices"),
                               (f"共 {len(notices)} 份。", f"{len(notices)} notices."),
                               back=(YEARS, "← 全部年份", "← All years"))
    texts = []
    for lang in ("zh", "en"):
        heading = t(lang, "按年份", "Notices by year")
        body = [[link(str(y) if y else t(lang, "未注明", "undated"), YEARS, year_path(y)), str(len(ns))] for y, ns in years.items()]
        lines = [front(heading).rstrip("\n"), "", f"# {heading}", "", link(t(lang, "← 信息公开目录", "← Catalogue"), YEARS, CATALOGUE), ""]
        lines += table([t(lang, "年份", "Year"), t(lang, "文件数", "Notices")], body)
        texts.append("\n".join(lines).rstrip("\n") + "\n")
    return pages + [Page(YEARS, *texts)]


def place_pages(data: SiteData) -> list[Page]:
    shown = data.places_with_notices
    own: dict[str, list[dict]] = {}
    for n in data.notices:
        own.setdefault(n["jurisdiction"]["id"], []).append(n)
    below: dict[str, int] = {}
    for n in data.notices:
        for p in data.place_chain(n["jurisdiction"]["id"]):
            below[p.id] = below.get(p.id, 0) + 1
    pages = []
    for pid in sorted(shown):
        notices = own.get(pid, [])
        place = data.places[pid]

        def extra(src: str, lang: str, pid=pid, notices=notices) -> list[str]:
            out = [t(lang, "级别：", "Level: ") + level_name(data.places[pid].level, lang), ""]
            subs = sorted(c for c in shown if data.places[c].parent == pid)
            if subs:
                out += [t(lang, "下级地区：", "Places below: ") + t(lang, "、", ", ").join(
                    link(place_name(data, c, lang), src, place_path(c)) + f" ({below.get(c, 0)})" for c in subs), ""]
            if notices:
                out += [f"## {t(lang, '职责分工图', 'Who is responsible')} {{ #matrix data-search-exclude }}", ""]
                out += matrix_table(data, notices, src, lang) + [""]
                out += [f"## {t(lang, '本地区文件', 'Notices of this place')} {{ #notices }}", ""]
            return out

        pages += listing_pages(place_path(pid), notices,
                               (f"{place.name}的文件", f"Notices of {place.name_en}"),
                               (f"{place.name}本级发布的文件 {len(notices)} 份；含下级地区共 {below.get(pid, 0)} 份。",
                                f"{len(notices)} notices issued at this level; {below.get(pid, 0)} including the places below."),
                               back=(PLACES, "← 全部地区", "← All jurisdictions"), extra=extra)
    texts = []
    for lang in ("zh", "en"):
        heading = t(lang, "按地区", "Notices by jurisdiction")
        lines = [front(heading).rstrip("\n"), "", f"# {heading}", "", link(t(lang, "← 信息公开目录", "← Catalogue"), PLACES, CATALOGUE), "",
                 t(lang, "从国家到省、市、区县逐级列出，括号内为含下级地区的文件数。",
                   "From the national level down to provinces, cities and districts; in brackets the number of "
                   "notices including the places below."), ""]

        def walk(parent: str | None, depth: int) -> None:
            kids = sorted((p for p in shown if data.places[p].parent == parent or (parent is None and data.places[p].parent not in shown)),
                          key=lambda p: (LEVEL_RANK.get(data.places[p].level, 9), p))
            for p in kids:
                lines.append("    " * depth + f"- {link(place_name(data, p, lang), PLACES, place_path(p))} ({below.get(p, 0)})")
                walk(p, depth + 1)

        walk(None, 0)
        lines.append("")
        texts.append("\n".join(lines).rstrip("\n") + "\n")
    return pages + [Page(PLACES, *texts)]


def type_pages(data: SiteData) -> list[Page]:
    kinds: dict[str, list[dict]] = {}
    for n in data.notices:
        kinds.setdefault(n["doc_type"], []).append(n)
    pages = []
    for kind, notices in sorted(kinds.items()):
        pages += listing_pages(type_path(kind), notices,
                               (f"文种：{doc_type_name(kind, 'zh')}", f"Document type: {doc_type_name(kind, 'en')}"),
                               (f"共 {len(notices)} 份。", f"{len(notices)} notices."),
                               back=(TYPES, "← 全部文种", "← All document types"))
    texts = []
    for lang in ("zh", "en"):
        heading = t(lang, "按文种", "Notices by document type")
        body = [[link(doc_type_name(k, lang), TYPES, type_path(k)), str(len(ns))] for k, ns in sorted(kinds.items())]
        lines = [front(heading).rstrip("\n"), "", f"# {heading}", "", link(t(lang, "← 信息公开目录", "← Catalogue"), TYPES, CATALOGUE), ""]
        lines += table([t(lang, "文种", "Type"), t(lang, "文件数", "Notices")], body)
        texts.append("\n".join(lines).rstrip("\n") + "\n")
    return pages + [Page(TYPES, *texts)]
