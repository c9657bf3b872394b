"""The documents of the search index, one per page, made from the data the pages are made from
(each notice's record, the agencies, campaigns and places the notices name, the glossary): the
generator knows what each page is, so nothing is read back from the rendered HTML.

A document has the page's URL (relative to its language's site root), its kind, the title and a
line shown in the results, its names (the title field: every form of the name, ranked by how
much of the name the query covers), its other text, and its keys (whole names and numbers,
matched against the whole query written without separators). Listing pages (catalogue, years,
systems, the foreign-enterprise page) are not documents: they only list what the documents hold.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Notice
from ..site.agencies import agency_path
from ..site.campaigns import campaign_path
from ..site.common import PAGE_SIZE, page_path, page_url
from ..site.data import SiteData
from ..site.glossary import KINDS, entries, kind_path
from ..site.indexes import place_path

# Rank among equal matches: a place's page is about the place, a campaign's about the campaign;
# a notice above the agency pages that only name what it asks; the glossary last.
BOOST = {"place": 5.0, "campaign": 3.0, "notice": 2.0, "agency": 1.5, "page": 1.0, "glossary": 0.5}
PLACE_PARTS = re.compile(r".+?(?:省|自治区|市|州|盟|区|县|旗)|.+$")


@dataclass
class Document:
    url: str
    kind: str
    title: str
    line: str = ""
    names: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    boost: float = 1.0


def _clean(values: Iterable) -> list[str]:
    return [str(v) for v in values if v]


def place_keys(place: str | None) -> list[str]:
    """上海市长宁区 → 上海市长宁区, 长宁区: a notice is about its place, at every level."""
    if not place:
        return []
    parts = PLACE_PARTS.findall(place)
    return ["".join(parts[i:]) for i in range(len(parts))]


def notice_document(record: Notice, lang: str, page: str = "") -> Document:
    """A notice's page. Chinese: the whole text as converted (every block, the phases, the
    documents it cites) and every field of its 信息公开 table. English: what its English page
    says (title, summary, the agencies' and campaigns' English names, the Chinese title) and
    `page`, the text of the English Markdown the converter wrote (its outline, task table and
    elements in English, made by rules the index does not repeat)."""
    slug = record.slug
    agencies = record.agencies
    campaigns = record.campaigns
    place = record.jurisdiction or {}
    keys = _clean([record.doc_number, record.index_number, *place_keys(place.get("name"))])
    meta = _clean([record.doc_number, record.index_number, record.issuer, record.source,
                   record.topic, *record.keywords])
    date = record.published_date or record.issued_date or ""
    if lang == "zh":
        text = [b.text for b in record.body]
        text += [f"{p.name} {p.period or ''} {p.text or ''}" for p in record.phases]
        text += [f"{r.title or ''} {r.doc_number or ''}" for r in record.references]
        text += [place.get("name")] + [a.full_name for a in agencies] + [c.name for c in campaigns]
        line = " · ".join(_clean([record.issuer, date, record.doc_number]))
        return Document(f"notices/{slug}/", "notice", record.title, line,
                        _clean([record.title, record.notice_title]), _clean(meta + text), keys,
                        BOOST["notice"])
    issuer_en = record.issuer_agency.name_en if record.issuer_agency else None
    text = [record.summary_en, place.get("name_en"), issuer_en]
    text += [a.name_en for a in agencies] + [c.name_en for c in campaigns]
    text += [c.name for c in campaigns] + [a.full_name for a in agencies]
    text += markdown_text(page)
    title = record.title_en or record.title
    line = " · ".join(_clean([issuer_en or record.issuer, date, record.doc_number]))
    return Document(f"notices/{slug}/", "notice", title, line, _clean([title, record.title]),
                    _clean(meta + text), keys, BOOST["notice"])


@dataclass
class NameForms:
    """What the notices show of each agency: every form its name is written in, and how many
    notices name it (an agency more notices name ranks first among equal matches)."""

    written: dict[str, set[str]] = field(default_factory=dict)
    notices: dict[str, int] = field(default_factory=dict)

    def add(self, record: Notice) -> None:
        seen = set()
        for task in record.tasks:
            for ref in task.agencies:
                if ref.id:
                    self.written.setdefault(ref.id, set()).add(ref.name)
                    seen.add(ref.id)
        for a in record.agencies:
            self.written.setdefault(a.id, set()).add(a.name)
            seen.add(a.id)
        for aid in seen:
            self.notices[aid] = self.notices.get(aid, 0) + 1


def agency_documents(data: SiteData, forms: NameForms, registry, lang: str) -> Iterator[Document]:
    for aid, a in data.agencies.items():
        entry = registry.agency_entry(aid) or {} if registry else {}
        zh_names = _clean([a.full_name, *sorted(forms.written.get(aid, ())), *(entry.get("aliases") or [])])
        abbr = _clean([entry.get("abbr")])
        boost = BOOST["agency"] + 0.1 * math.log2(1 + forms.notices.get(aid, 0))
        # the line under the title: the other forms of its name, so the result shows what matched
        others = " · ".join(_clean([*zh_names[1:4], *abbr]))
        if lang == "zh":
            yield Document(page_url(agency_path(aid)), "agency", a.full_name,
                           " · ".join(_clean([others, a.name_en])), zh_names,
                           _clean([a.name_en, *abbr, a.jurisdiction]), zh_names + abbr, boost)
        else:
            title = a.name_en or a.full_name
            yield Document(page_url(agency_path(aid)), "agency", title, " · ".join(_clean([a.full_name, others])),
                           _clean([title, *zh_names, *abbr]), _clean([a.jurisdiction]), zh_names + abbr + [title],
                           boost)


def campaign_documents(data: SiteData, registry, lang: str) -> Iterator[Document]:
    for sid in data.named_series:
        s = data.campaign_series[sid]
        names = _clean([s.zh, *(getattr(registry.series.get(sid), "names", ()) if registry else ())])
        years = [str(y) for y in s.editions]
        keys = names + [f"{s.zh}{y}" for y in years]
        if lang == "zh":
            yield Document(page_url(campaign_path(sid)), "campaign", s.zh, s.name_en or "", names,
                           _clean([s.name_en, s.description_zh, *years]), keys, BOOST["campaign"])
        else:
            title = s.name_en or s.zh
            yield Document(page_url(campaign_path(sid)), "campaign", title, s.zh, _clean([title, *names]),
                           _clean([s.description_en, *years]), keys + [title], BOOST["campaign"])


def place_documents(data: SiteData, registry, lang: str) -> Iterator[Document]:
    for pid in sorted(data.places_with_notices):
        p = data.places[pid]
        j = registry.jurisdictions.get(pid) if registry else None
        names = _clean(dict.fromkeys([p.name, getattr(j, "short", None), *place_keys(p.name)[1:]]))
        title, line = (p.name, p.name_en) if lang == "zh" else (p.name_en, p.name)
        yield Document(page_url(place_path(pid)), "place", title, line, _clean([title, *names]), [], names + [title],
                       BOOST["place"])


def glossary_documents(data: SiteData, registry, lang: str) -> Iterator[Document]:
    """One document per glossary page, with the terms it lists (the terms are on the glossary's
    first page, each other kind on pages of its own); an agency's entry with the other names the
    registry knows it by (工商总局 for 国家工商行政管理总局, no longer in the notices)."""
    aliases: dict[str, list[str]] = {}
    for aid, agency in (registry.agencies.items() if registry else ()):
        aliases[agency.full_name] = list((registry.agency_entry(aid) or {}).get("aliases") or [])
    for kind, items in entries(data).items():
        zh, en = KINDS.get(kind, (kind, kind))
        chunks = [items] if kind == "term" else [items[i:i + PAGE_SIZE] for i in range(0, len(items), PAGE_SIZE)]
        for number, chunk in enumerate(chunks, start=1):
            url = "glossary/" if kind == "term" else page_url(page_path(kind_path(kind), number))
            title = f"术语表：{zh}" if lang == "zh" else f"Glossary: {en}"
            text = [" ".join(_clean([e["zh"], e.get("en"), *aliases.get(e["zh"], ())])) for e in chunk]
            yield Document(url, "glossary", title, "", [title], text, [], BOOST["glossary"])


_MARKUP = re.compile(r"<[^>]+>|\]\([^)]*\)|\{\s*[:#.][^}]*\}|^\s*(?:#+|[-*>|]|!!!|\?\?\?)|[*_`\[\]|]", re.M)


def markdown_text(source: str) -> list[str]:
    """The lines of a Markdown page's text: front matter, tags, link targets, attribute lists
    and Markdown's marks left out."""
    if source.startswith("---\n"):
        source = source.split("\n---\n", 1)[-1]
    lines = (" ".join(html.unescape(_MARKUP.sub(" ", line)).split()) for line in source.splitlines())
    return [line for line in lines if line]


def page_documents(docs_dir: Path, lang: str) -> Iterator[Document]:
    """The hand-written pages (docs/*.md: home, about; docs/*.en.md in English), their text
    without Markdown's marks."""
    for path in sorted(Path(docs_dir).glob("*.md")):
        if path.name.endswith(".en.md") != (lang == "en"):
            continue
        source = path.read_text(encoding="utf-8")
        if source.startswith("---\n"):
            source = source.split("\n---\n", 1)[-1]
        heading = re.search(r"^#\s+(.+)$", source, re.M)
        title = _MARKUP.sub("", heading.group(1)).strip() if heading else path.stem
        stem = path.name.split(".")[0]
        text = markdown_text(source)
        yield Document(page_url(stem), "page", title, "", [title], text, [], BOOST["page"])


def site_documents(data: SiteData, forms: NameForms, registry, lang: str) -> Iterator[Document]:
    """Every document but the notices' (those come one record at a time, `notice_document`)."""
    yield from agency_documents(data, forms, registry, lang)
    yield from campaign_documents(data, registry, lang)
    yield from place_documents(data, registry, lang)
    yield from glossary_documents(data, registry, lang)
