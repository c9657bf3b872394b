"""The glossary, Chinese ↔ English, from Registry.glossary(): terms on the main page, the other
kinds (agencies, campaigns, places, systems) one page each so no page grows without bound.
Views for overrides/sd/glossary.html."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .common import Link, Pager, page_path, pager_view, paginate, rel, t
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


@dataclass(frozen=True)
class Entry:
    zh: str
    en: str
    official: bool


@dataclass(frozen=True)
class GlossaryView:
    """The glossary's page (its terms, links to the other kinds) or a page of one kind."""

    lang: str
    title: str
    entries: list[Entry]
    back: Link | None = None  # a kind's page
    others: list[tuple[Link, int]] | None = None  # the glossary's page
    pager: Pager | None = None


def _entries(items: list[dict]) -> list[Entry]:
    return [Entry(e["zh"], e["en"] or "—", bool(e.get("official"))) for e in items]


def kind_title(kind: str, lang: str) -> str:
    zh, en = KINDS.get(kind, (kind, kind))
    return t(lang, f"术语表：{zh}", f"Glossary: {en}")


def glossary_view(data: SiteData, kind: str, number: int, lang: str) -> GlossaryView:
    kinds = entries(data)
    if not kind:
        return GlossaryView(lang, t(lang, "中英术语表", "Chinese–English glossary"), _entries(kinds.get("term", [])),
                            others=[(Link(t(lang, *KINDS.get(k, (k, k))), rel(INDEX, kind_path(k))), len(v))
                                    for k, v in kinds.items() if k != "term"])
    src = page_path(kind_path(kind), number)
    chunks = paginate(kinds[kind])
    return GlossaryView(lang, kind_title(kind, lang), _entries(chunks[number - 1]),
                        back=Link(t(lang, "← 术语表", "← Glossary"), rel(src, INDEX)),
                        pager=pager_view(kind_path(kind), number, len(chunks)))


def stubs(data: SiteData) -> Iterator:
    """The glossary's pages, as pages.Stub (overrides/sd/glossary.html)."""
    from .pages import Stub

    for kind, items in entries(data).items():
        if kind != "term":
            for number in range(1, len(paginate(items)) + 1):
                yield Stub(page_path(kind_path(kind), number), "glossary", kind, number,
                           (kind_title(kind, "zh"), kind_title(kind, "en")))
    yield Stub(INDEX, "glossary", "", 1, ("中英术语表", "Chinese–English glossary"))
