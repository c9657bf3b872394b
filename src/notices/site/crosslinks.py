"""What a notice page gains at build time: the documents it cites link to their page where the
site holds them (matched on 文号, else on title), and "cited by" lists the notices that cite it,
national → province → prefecture → county."""

from __future__ import annotations

import re

import html
from pathlib import Path

import yaml

from ..model import Reference, Section
from ..render import escape
from ..safety import url_problem
from .common import agency_label, notice_title, place_name, t
from .data import SiteData, level_rank, notice_date

REFERENCES_RE = re.compile(r"^## 引用文件 \{ #references \}\n.*?(?=^## |^\?\?\? |^!!! |\Z)", re.M | re.S)
_DROP = str.maketrans({"（": "(", "）": ")", "〔": "[", "〕": "]", "［": "[", "］": "]", "—": "-", "－": "-",
                       "《": None, "》": None, "“": None, "”": None, "\"": None})


def normalise(text: str | None) -> str:
    return re.sub(r"\s+", "", (text or "").translate(_DROP))


CITED_FILE = "cited_documents.yaml"


def official_pages(data_dir: Path) -> dict[str, str]:
    """data/cited_documents.yaml: normalised 文号 and title → the official page's address. A
    ValueError names the file and the entry when an entry is not usable."""
    path = Path(data_dir) / CITED_FILE
    if not path.exists():
        return {}
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("documents") or []
    out: dict[str, str] = {}
    for number, entry in enumerate(entries, 1):
        url = str((entry or {}).get("url") or "")
        problem = url_problem(url) if url else ("缺少 url", "no url")
        if problem or not (entry.get("title") or entry.get("doc_number")):
            zh, en = problem or ("缺少 title 或 doc_number", "no title or doc_number")
            raise ValueError(f"{path}: 第 {number} 项 url：{zh} / entry {number}: {en}")
        for key in (entry.get("doc_number"), entry.get("title")):
            if key:
                out.setdefault(normalise(str(key)), url)
    return out


def official_page(ref: Reference, pages: dict[str, str]) -> str | None:
    for key in (ref.doc_number, ref.title):
        if key and normalise(key) in pages:
            return pages[normalise(key)]
    return None


def wrapped_title(title: str) -> str | None:
    """关于印发《X》的通知 / 关于印发X的通知 → X."""
    match = re.fullmatch(r"(?:.*?)关于印发(.+?)的通知", title)
    return match.group(1) if match else None


def reference_index(data: SiteData) -> tuple[dict[str, str], dict[str, str]]:
    """(文号 → slug, title → slug) over the notices the site holds."""
    numbers, titles = {}, {}
    for n in data.notices:
        if n.doc_number:
            numbers.setdefault(normalise(n.doc_number), n.slug)
        for title in (n.title, n.notice_title):
            if title:
                titles.setdefault(normalise(title), n.slug)
                inner = wrapped_title(normalise(title))
                if inner:
                    titles.setdefault(inner, n.slug)
    return numbers, titles


def resolve(ref: Reference, numbers: dict[str, str], titles: dict[str, str]) -> str | None:
    if ref.doc_number and normalise(ref.doc_number) in numbers:
        return numbers[normalise(ref.doc_number)]
    title = normalise(ref.title)
    return titles.get(title) or titles.get(wrapped_title(title) or "\0")


def citations(data: SiteData) -> dict[str, list[tuple[Reference, str | None]]]:
    """slug → its references, each with the slug of the page the site holds for it (or None)."""
    numbers, titles = reference_index(data)
    out = {}
    for n in data.notices:
        found = []
        for ref in n.references:
            target = resolve(ref, numbers, titles)
            found.append((ref, target if target != n.slug else None))
        out[n.slug] = found
    return out


def cited_by(data: SiteData) -> dict[str, list[str]]:
    """slug → slugs of the notices citing it: national first, then province, prefecture,
    county; within a level by date, then slug."""
    out: dict[str, set[str]] = {}
    for slug, refs in citations(data).items():
        for _, target in refs:
            if target:
                out.setdefault(target, set()).add(slug)
    return {target: sorted(slugs, key=lambda s: (level_rank(data.by_slug[s]), notice_date(data.by_slug[s]), s))
            for target, slugs in sorted(out.items())}


def sections(data: SiteData, slug: str, lang: str, cites=None, citers=None) -> str:
    """Markdown for the notice page: 引用文件 (linked where held) and 被以下文件引用."""
    cites = citations(data) if cites is None else cites
    citers = cited_by(data) if citers is None else citers
    lines: list[str] = []
    refs = cites.get(slug, [])
    if refs:
        lines += [f"## {t(lang, '引用文件', 'Documents cited')} {{ #references }}", ""]
        for ref, target in refs:
            shown = f"《{escape(ref.title or '')}》" + (f"（{escape(ref.doc_number)}）" if ref.doc_number else "")
            if target:
                other = data.by_slug[target]
                label = t(lang, "本站收录", "on this site")
                lines.append(f"- [{shown}]({target}.md) — {label}: {place_name(data, other.jurisdiction['id'], lang)}")
            elif official_page(ref, data.official_pages):
                url = html.escape(official_page(ref, data.official_pages), quote=True)
                label = t(lang, "发布机关网页", "on the issuing authority's site")
                lines.append(f'- <a href="{url}">{shown}</a> — {label}')
            else:
                lines.append(f"- {shown}")
        lines.append("")
    by = citers.get(slug, [])
    lines += [f"## {t(lang, '被以下文件引用', 'Cited by')} {{ #cited-by }}", ""]
    if by:
        for other in by:
            n = data.by_slug[other]
            lines.append(f"- [{notice_title(n, lang)}]({other}.md)（{place_name(data, n.jurisdiction['id'], lang)}）"
                         if lang == "zh" else
                         f"- [{notice_title(n, lang)}]({other}.md) ({place_name(data, n.jurisdiction['id'], lang)})")
    else:
        lines.append(t(lang, "本站收录的文件中还没有引用本文件的。", "No notice on this site cites this one yet."))
    return "\n".join(lines) + "\n"


def inject(markdown: str, addition: str) -> str:
    """The notice page with its plain 引用文件 section replaced by `addition` (or `addition`
    appended where it has none)."""
    if REFERENCES_RE.search(markdown):
        return REFERENCES_RE.sub(lambda _: addition + "\n", markdown, count=1)
    return markdown.rstrip("\n") + "\n\n" + addition


ROLES = ("lead", "responsible", "support")


def glance(data: SiteData, slug: str, lang: str) -> str:
    """The top of a notice page, for a phone as for a desktop: its outline (headings of the first
    two levels, Chinese page) and who does what (each agency the tasks name × lead, responsible,
    support, with how many tasks, each count linking the first of them; the agency's page lists
    them all), both folded. Raw HTML: Python-Markdown passes it through."""
    n = data.by_slug[slug]
    zh = lang == "zh"
    up = "../../" if zh else "../../../"  # the site root from the page
    out = ['<div class="sd-glance">']
    if zh and n.sections:
        def items(sections: list[Section], depth: int) -> list[str]:
            lines = ["<ol>"]
            for s in sections:
                kids = items(s.children, depth + 1) if depth < 2 and s.children else []
                lines.append(f'<li><a href="#{s.id}">{html.escape(s.number + s.heading)}</a>' + "".join(kids) + "</li>")
            return lines + ["</ol>"]
        out += [f'<details class="sd-outline"><summary>本文目录（{len(n.sections)} 部分）</summary>',
                *items(n.sections, 1), "</details>"]
    counts: dict[str, dict[str, list[str]]] = {}
    for task in n.tasks:
        for ref in task.agencies:
            if ref.id in data.agencies:
                counts.setdefault(ref.id, {}).setdefault(ref.role, []).append(task.id)
    if counts:
        head = [t(lang, "机关", "Agency")] + [t(lang, *{"lead": ("牵头", "Leads"), "responsible": ("负责", "Responsible"),
                                                           "support": ("配合", "Supports")}[r]) for r in ROLES]
        summary = t(lang, f"谁负责什么（{len(counts)} 个机关）", f"Who does what ({len(counts)} agencies)")
        out += [f'<details class="sd-who"><summary>{summary}</summary>',
                "<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>", "<tbody>"]
        order = sorted(counts, key=lambda a: (-sum(len(v) for v in counts[a].values()), a))
        for aid in order:
            cells = [f'<a href="{up}agencies/{aid}/">{html.escape(agency_label(data, aid, lang))}</a>']
            for role in ROLES:
                ids = counts[aid].get(role, [])
                cells.append(f'<a href="#{ids[0]}">{len(ids)}</a>' if ids else "—")  # rows of both pages carry the ids
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        out += ["</tbody>", "</table>", "</details>"]
    out.append("</div>")
    return "\n".join(out) + "\n" if len(out) > 2 else ""


def with_glance(markdown: str, addition: str) -> str:
    """`addition` before the page's first section heading (after the title, the metadata and
    the source box)."""
    if not addition:
        return markdown
    at = markdown.find("\n## ")
    return markdown + "\n" + addition if at < 0 else markdown[:at + 1] + addition + "\n" + markdown[at + 1:]
