"""Agency pages, one per agency id, and the agency index: by system, each system's chain from
the national body down to the districts (via the places' parents), one page per province."""

from __future__ import annotations

import html

from collections import Counter
from collections.abc import Iterator
from functools import partial

from ..render import escape
from .common import (UNOFFICIAL_NOTE, Page, agency_name, feed_href, front, link, page_path, paged_pages, pager,
                     place_name, role_name, system_name, t, table)
from .data import LEVEL_RANK, SiteData, notice_year
from .tasks import TaskRow, excerpt, notice_link, row_key, task_where

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
    rows = [(TaskRow(notice, task, notice_year(notice)), role)
            for notice, task, role in data.agency_roles.get(aid, [])]
    return sorted(rows, key=lambda pair: row_key(pair[0]))


def partners(data: SiteData, aid: str, top: int = PARTNERS) -> list[tuple[str, int]]:
    """The agencies most often named on the same tasks, with how many tasks; ties by id."""
    counts: Counter[str] = Counter()
    for _, task, _ in data.agency_roles.get(aid, []):
        counts.update({r["id"] for r in task["agencies"] if r["id"] and r["id"] != aid})
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def system_chain(data: SiteData, aid: str) -> list[list[str]]:
    """For each place from national down to the agency's own: the agencies of the same system
    there that the notices name (the agency itself last)."""
    a = data.agencies[aid]
    chain = []
    for place in data.place_chain(a["jurisdiction_id"]):
        here = data.agencies_at.get((place.id, a["system"]), []) if a["system"] != "other" else []
        if place.id == a["jurisdiction_id"]:
            here = [aid]
        if here:
            chain.append(here)
    return chain


def agency_description(data: SiteData, aid: str, lang: str) -> str:
    """The page's own <meta name="description">, escaped for the attribute (the theme's templates
    do not escape): whose tasks, how many, from how many notices."""
    a = data.agencies[aid]
    roles = data.agency_roles.get(aid, [])
    notices = len({notice["slug"] for notice, _, _ in roles})
    if lang == "zh":
        text = (f"{a['full_name']}在本站收录的 {notices} 份通知中承担的 {len(roles)} 项打击侵权假冒任务，"
                "及其上下级和经常协同的机关。")
    else:
        text = (f"{a['name_en'] or a['full_name']}: the {len(roles)} tasks against IP infringement and counterfeiting "
                f"assigned to it in {notices} notices published here, with its chain and the agencies it works with.")
    return html.escape(text, quote=True)


def render_agency(data: SiteData, aid: str, lang: str, rows: list[tuple[TaskRow, str]], number: int, total: int) -> str:
    a = data.agencies[aid]
    base = agency_path(aid)
    src = page_path(base, number)
    title_text = a["full_name"] if lang == "zh" else (a["name_en"] or a["full_name"])
    lines = [front(title_text, description=agency_description(data, aid, lang)).rstrip("\n"), "",
             f"# {escape(title_text)}", ""]
    if number == 1:
        info = [[t(lang, "全称", "Full name (Chinese)"), escape(a["full_name"])],
                [t(lang, "英文名称", "English name"), escape(a["name_en"] or "—") + (
                    "" if a["name_en_official"] else t(lang, "（本站非官方译名）", " (unofficial translation by this site)"))],
                [t(lang, "所属地区", "Jurisdiction"), link(place_name(data, a["jurisdiction_id"], lang), src,
                                                         f"catalogue/places/{a['jurisdiction_id']}")
                 if a["jurisdiction_id"] in data.places_with_notices else place_name(data, a["jurisdiction_id"], lang)],
                [t(lang, "系统", "System"), link(system_name(data, a["system"], lang), src, system_path(a["system"]))]]
        if a["name"] != a["full_name"]:
            info.insert(1, [t(lang, "文件中的写法", "As written in the notices"), escape(a["name"])])
        contact = data.contacts.get(aid)
        if contact:
            parts = []
            if contact.get("hotline"):
                parts.append(t(lang, "热线 ", "hotline ") + escape(contact["hotline"]))
            if contact.get("website"):
                parts.append(f'<a href="{html.escape(contact["website"], quote=True)}">{html.escape(contact["website"])}</a>')  # raw HTML cell: no Markdown autolink
            info.append([t(lang, "联系方式", "Contact"), t(lang, "；", "; ").join(parts)])
        if not a.get("in_registry", True):
            info.append([t(lang, "说明", "Note"), t(lang, "本站登记表中没有此机关，名称由转换程序推定。",
                                                   "Not in the site's registry; the name was inferred by the converter.")])
        lines += table([t(lang, "项目", "Field"), t(lang, "内容", "Value")], info)
        chain = system_chain(data, aid)
        if len(chain) > 1:
            steps = [t(lang, "、", "; ").join(link(agency_name(data, b, lang), src, agency_path(b)) for b in level)
                     for level in chain]
            lines += [f"## {t(lang, '上下级（同一系统）', 'Chain of the same system')} {{ #chain data-search-exclude }}", "",
                      " → ".join(steps), ""]
        lines += [f"## {t(lang, '经常协同的机关', 'Works most often with')} {{ #partners data-search-exclude }}", ""]
        found = partners(data, aid)
        if found:
            lines += table([t(lang, "机关", "Agency"), t(lang, "共同任务数", "Shared tasks")],
                           [[link(agency_name(data, b, lang), src, agency_path(b)), str(n)] for b, n in found
                            if b in data.agencies])
        else:
            lines += [t(lang, "没有与其他机关共同承担的任务。", "No task shared with another agency."), ""]
        feed = feed_href(src, lang, f"agencies/{aid}.xml")
        lines += [f'<a href="{feed}">{t(lang, "订阅涉及本机关的新文件（RSS）", "New notices naming this agency (RSS)")}</a>', ""]
    else:
        lines += [link(t(lang, "← 本机关概况", "← Agency overview"), src, base), ""]
    lines += [f"## {t(lang, '承担的任务', 'Tasks assigned to it')} {{ #tasks data-search-exclude }}", ""]
    if not rows:
        lines += [t(lang, "没有分派给本机关的任务。", "No task is assigned to it."), ""]
    groups: list[tuple[TaskRow, list[tuple[TaskRow, str]]]] = []
    for row, role in rows:
        if not groups or groups[-1][0].slug != row.slug:
            groups.append((row, []))
        groups[-1][1].append((row, role))
    # One raw HTML block (no blank line inside): Markdown passes it through untouched.
    for first, items in groups:
        year = first.year or t(lang, "年份不详", "year unknown")
        lines += [f'<h3 class="sd-group">{year} · {notice_link(first.notice, src, lang)}</h3>', "<ul>"]
        for row, role in items:
            text = excerpt(row.task["text"], path=row.task["path"]) if lang == "zh" else ""
            lines.append(f"<li><strong>{role_name(role, lang)}</strong> — {task_where(row, src, lang)} {text}".rstrip()
                         + "</li>")
        lines.append("</ul>")
    if groups:
        lines.append("")
    lines += pager(base, number, total, lang)
    if lang == "en":
        lines += [UNOFFICIAL_NOTE + " Task links lead to the task in the authoritative Chinese text.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def agency_pages(data: SiteData, aids: list[str] | None = None) -> Iterator[Page]:
    """Each agency's pages (of `aids`, or of every agency), one agency at a time; the index
    pages are index_pages."""
    for aid in data.agencies if aids is None else aids:
        yield from paged_pages(agency_path(aid), agency_tasks(data, aid), partial(render_agency, data, aid))


# ---- the index: systems, and each system from the national body down --------------------------

def by_system(data: SiteData) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for aid, a in data.agencies.items():
        out.setdefault(a["system"], []).append(aid)
    return dict(sorted(out.items(), key=lambda kv: (kv[0] == "other", kv[0])))


def province_of(data: SiteData, place_id: str) -> str | None:
    """The province-level place of a place (None for national)."""
    for place in data.place_chain(place_id):
        if place.level == "province":
            return place.id
    chain = data.place_chain(place_id)
    return chain[1].id if len(chain) > 1 else (None if not chain or chain[0].level == "national" else place_id)


def tree_lines(data: SiteData, aids: list[str], src: str, lang: str) -> list[str]:
    """Nested list, in raw HTML like the other listings: place by place from the top of the chain,
    the system's agencies at each."""
    at: dict[str, list[str]] = {}
    for aid in aids:
        at.setdefault(data.agencies[aid]["jurisdiction_id"], []).append(aid)
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

    lines = ["<ul>"]

    def walk(parent: str | None) -> None:
        for pid in sorted(children.get(parent, ()), key=order):
            names = t(lang, "、", "; ").join(link(agency_name(data, a, lang), src, agency_path(a)) for a in sorted(at.get(pid, [])))
            item = f"<li>{place_name(data, pid, lang)}" + (f"{t(lang, '：', ': ')}{names}" if names else "")
            if pid in children:
                lines.append(item + "<ul>")
                walk(pid)
                lines.append("</ul></li>")
            else:
                lines.append(item + "</li>")

    walk(None)
    return lines + ["</ul>", ""]


def index_pages(data: SiteData) -> list[Page]:
    systems = by_system(data)
    pages = [Page(INDEX, render_index(data, systems, "zh"), render_index(data, systems, "en"))]
    for system, aids in systems.items():
        provinces: dict[str | None, list[str]] = {}
        for aid in aids:
            provinces.setdefault(province_of(data, data.agencies[aid]["jurisdiction_id"]), []).append(aid)
        pages.append(Page(system_path(system), render_system(data, system, provinces, "zh"),
                          render_system(data, system, provinces, "en")))
        for province, members in sorted((p, m) for p, m in provinces.items() if p):
            pages.append(Page(province_path(system, province),
                              render_province(data, system, province, members, "zh"),
                              render_province(data, system, province, members, "en")))
    return pages


def render_index(data: SiteData, systems: dict[str, list[str]], lang: str) -> str:
    lines = [front(t(lang, "机关", "Agencies")).rstrip("\n"), "", f"# {t(lang, '机关', 'Agencies')}", "",
             t(lang, "文件中承担任务的各级机关，按系统（条线）分列。每个系统的页面从国家机关起，按地区逐级列出。",
               "The agencies the notices assign tasks to, by system (line of authority). Each system's page "
               "lists its agencies from the national body down, place by place."), ""]
    body = [[link(system_name(data, s, lang), INDEX, system_path(s)), str(len(aids))] for s, aids in systems.items()]
    lines += table([t(lang, "系统", "System"), t(lang, "机关数", "Agencies")], body)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_system(data: SiteData, system: str, provinces: dict, lang: str) -> str:
    src = system_path(system)
    name = system_name(data, system, lang)
    # front matter holds text (the theme escapes it); `name` is escaped for the page already
    lines = [front(html.unescape(t(lang, f"机关：{name}", f"Agencies: {name}"))).rstrip("\n"), "", f"# {name}", "",
             link(t(lang, "← 全部系统", "← All systems"), src, INDEX), ""]
    hotline = data.systems.get(system, {}).get("hotline")
    if hotline:
        lines += [t(lang, f"本系统全国统一热线：{escape(str(hotline))}", f"Nationwide hotline of this system: {escape(str(hotline))}"), ""]
    national = provinces.get(None, [])
    if national:
        lines += [f"## {t(lang, '国家机关', 'National')} {{ #national }}", ""]
        lines += [f"- {link(agency_name(data, a, lang), src, agency_path(a))}" for a in sorted(national)] + [""]
    rest = sorted(p for p in provinces if p)
    if rest:
        lines += [f"## {t(lang, '各省级地区', 'By province')} {{ #provinces }}", ""]
        lines += [f"- {link(place_name(data, p, lang), src, province_path(system, p))}"
                  f"（{len(provinces[p])}）" if lang == "zh" else
                  f"- {link(place_name(data, p, lang), src, province_path(system, p))} ({len(provinces[p])})"
                  for p in rest] + [""]
    if lang == "en":
        lines += [UNOFFICIAL_NOTE, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_province(data: SiteData, system: str, province: str, aids: list[str], lang: str) -> str:
    src = province_path(system, province)
    name, place = system_name(data, system, lang), place_name(data, province, lang)
    lines = [front(html.unescape(t(lang, f"{place}：{name}", f"{name}: {place}"))).rstrip("\n"), "", f"# {place} · {name}", "",
             link(t(lang, f"← {name}（全国）", f"← {name} (all places)"), src, system_path(system)), ""]
    national = [a for a, info in data.agencies.items() if info["system"] == system and info["jurisdiction_id"] == "national"]
    lines += tree_lines(data, sorted(national) + sorted(aids), src, lang)
    if lang == "en":
        lines += [UNOFFICIAL_NOTE, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
