"""What a notice page gains at build time: the documents it cites link to their page where the
site holds them (matched on 文号, else on title), and "cited by" lists the notices that cite it,
national → province → prefecture → county."""

from __future__ import annotations

import re

from ..render import escape
from .common import notice_title, place_name, t
from .data import SiteData, level_rank, notice_date

REFERENCES_RE = re.compile(r"^## 引用文件 \{ #references \}\n.*?(?=^## |^\?\?\? |^!!! |\Z)", re.M | re.S)
_DROP = str.maketrans({"（": "(", "）": ")", "〔": "[", "〕": "]", "［": "[", "］": "]", "—": "-", "－": "-",
                       "《": None, "》": None, "“": None, "”": None, "\"": None})


def normalise(text: str | None) -> str:
    return re.sub(r"\s+", "", (text or "").translate(_DROP))


def wrapped_title(title: str) -> str | None:
    """关于印发《X》的通知 / 关于印发X的通知 → X."""
    match = re.fullmatch(r"(?:.*?)关于印发(.+?)的通知", title)
    return match.group(1) if match else None


def reference_index(data: SiteData) -> tuple[dict[str, str], dict[str, str]]:
    """(文号 → slug, title → slug) over the notices the site holds."""
    numbers, titles = {}, {}
    for n in data.notices:
        if n.get("doc_number"):
            numbers.setdefault(normalise(n["doc_number"]), n["slug"])
        for title in (n.get("title"), n.get("notice_title")):
            if title:
                titles.setdefault(normalise(title), n["slug"])
                inner = wrapped_title(normalise(title))
                if inner:
                    titles.setdefault(inner, n["slug"])
    return numbers, titles


def resolve(ref: dict, numbers: dict[str, str], titles: dict[str, str]) -> str | None:
    if ref.get("doc_number") and normalise(ref["doc_number"]) in numbers:
        return numbers[normalise(ref["doc_number"])]
    title = normalise(ref.get("title"))
    return titles.get(title) or titles.get(wrapped_title(title) or "\0")


def citations(data: SiteData) -> dict[str, list[tuple[dict, str | None]]]:
    """slug → its references, each with the slug of the page the site holds for it (or None)."""
    numbers, titles = reference_index(data)
    out = {}
    for n in data.notices:
        found = []
        for ref in n["references"]:
            target = resolve(ref, numbers, titles)
            found.append((ref, target if target != n["slug"] else None))
        out[n["slug"]] = found
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
            shown = f"《{escape(ref.get('title') or '')}》" + (f"（{escape(ref['doc_number'])}）" if ref.get("doc_number") else "")
            if target:
                other = data.by_slug[target]
                label = t(lang, "本站收录", "on this site")
                lines.append(f"- [{shown}]({target}.md) — {label}: {place_name(data, other['jurisdiction']['id'], lang)}")
            else:
                lines.append(f"- {shown}")
        lines.append("")
    by = citers.get(slug, [])
    lines += [f"## {t(lang, '被以下文件引用', 'Cited by')} {{ #cited-by }}", ""]
    if by:
        for other in by:
            n = data.by_slug[other]
            lines.append(f"- [{notice_title(n, lang)}]({other}.md)（{place_name(data, n['jurisdiction']['id'], lang)}）"
                         if lang == "zh" else
                         f"- [{notice_title(n, lang)}]({other}.md) ({place_name(data, n['jurisdiction']['id'], lang)})")
    else:
        lines.append(t(lang, "本站收录的文件中还没有引用本文件的。", "No notice on this site cites this one yet."))
    return "\n".join(lines) + "\n"


def inject(markdown: str, addition: str) -> str:
    """The notice page with its plain 引用文件 section replaced by `addition` (or `addition`
    appended where it has none)."""
    if REFERENCES_RE.search(markdown):
        return REFERENCES_RE.sub(lambda _: addition + "\n", markdown, count=1)
    return markdown.rstrip("\n") + "\n\n" + addition
