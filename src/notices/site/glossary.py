"""The glossary, Chinese ↔ English, from Registry.glossary(): terms on the main page, the other
kinds (agencies, campaigns, places, systems) one page each so no page grows without bound."""

from __future__ import annotations

from ..render import escape
from .common import Page, front, link, page_path, pager, paginate, t, table
from .data import SiteData

INDEX = "glossary/index"
KINDS = {"term": ("术语", "Terms"), "campaign": ("专项行动", "Campaigns"), "system": ("系统", "Systems"),
         "agency": ("机关", "Agencies"), "agency-pattern": ("机关名称模式", "Agency name patterns"),
         "place": ("地名", "Places")}


def kind_path(kind: str) -> str:
    return f"glossary/{kind}"


def entries(data: SiteData) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    seen = set()
    for e in data.glossary:
        key = (e["kind"], e["zh"], e["en"])
        if key in seen:
            continue
        seen.add(key)
        out.setdefault(e["kind"], []).append(e)
    order = list(KINDS)
    return {k: sorted(v, key=lambda e: (e["zh"], e["en"]))
            for k, v in sorted(out.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0]))}


def rows(items: list[dict], lang: str) -> list[str]:
    head = [t(lang, "中文", "Chinese"), t(lang, "英文", "English"), t(lang, "官方译名", "Official")]
    body = [[escape(e["zh"]), escape(e["en"] or "—"), t(lang, "是", "yes") if e.get("official") else t(lang, "否", "no")]
            for e in items]
    return table(head, body)


def glossary_pages(data: SiteData) -> list[Page]:
    kinds = entries(data)
    pages = []
    for kind, items in kinds.items():
        if kind == "term":
            continue
        zh, en = KINDS.get(kind, (kind, kind))
        chunks = paginate(items)
        for number, chunk in enumerate(chunks, start=1):
            texts = []
            for lang in ("zh", "en"):
                src = page_path(kind_path(kind), number)
                heading = t(lang, f"术语表：{zh}", f"Glossary: {en}")
                lines = [front(heading).rstrip("\n"), "", f"# {heading}", "", link(t(lang, "← 术语表", "← Glossary"), src, INDEX), ""]
                lines += rows(chunk, lang) + pager(kind_path(kind), number, len(chunks), lang)
                texts.append("\n".join(lines).rstrip("\n") + "\n")
            pages.append(Page(src, *texts))
    texts = []
    for lang in ("zh", "en"):
        heading = t(lang, "中英术语表", "Chinese–English glossary")
        lines = [front(heading).rstrip("\n"), "", f"# {heading}", "",
                 t(lang, "“官方译名”为“是”的英文取自官方文件；其余为通行或本站建议的译法。",
                   "English marked official is taken from official sources; the rest is the conventional "
                   "rendering or this site's suggestion."), ""]
        others = [link(t(lang, *KINDS.get(k, (k, k))), INDEX, kind_path(k)) + f" ({len(v)})" for k, v in kinds.items() if k != "term"]
        if others:
            lines += [t(lang, "其他：", "More: ") + " · ".join(others), ""]
        lines += [f"## {t(lang, '术语', 'Terms')} {{ #terms }}", ""] + rows(kinds.get("term", []), lang)
        texts.append("\n".join(lines).rstrip("\n") + "\n")
    pages.append(Page(INDEX, *texts))
    return pages
