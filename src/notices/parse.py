"""The pipeline from a source file to the Notice model: ingest → clean → metadata, outline,
tasks, campaigns, references → resolved against the registries."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .assign import assign
from .campaigns import find_campaigns
from .clean import Para, clean
from .errors import NoticeError
from .ingest import read_source
from .metadata import Header, extract_header
from .model import Agency, Block, Campaign, Notice, Task
from .outline import build_outline
from .references import find_references
from .registry import Registry
from .sidecar import Sidecar, read_sidecar

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slug_for(path: Path) -> str:
    """The page name of a source: its file name, romanised where it is written in Chinese."""
    stem = path.name.split(".")[0].lower()
    if SLUG_RE.fullmatch(stem):
        return stem
    from pypinyin import lazy_pinyin  # imported when first needed: it takes half a second

    words = lazy_pinyin(stem)
    slug = re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")
    return slug or "notice"


def load_notice(path: Path, registry: Registry) -> Notice:
    """Read, parse and resolve one source file with its sidecar."""
    check_name(path)
    source = read_source(path)
    sidecar = read_sidecar(path)
    return parse_text(source.text, registry, slug=slug_for(path), source_file=path.name,
                      sha256=source.sha256, encoding=source.encoding, sidecar=sidecar, shown=str(path),
                      controls=source.controls)


# A page name becomes a file name with a suffix (.source.txt, .json.gz) and a URL: file systems
# allow 255 bytes, and a title saved as a file name (a browser's "Save as") makes far longer ones.
MAX_SLUG = 120


# Page names the site uses itself: notices/index.md would be the notices folder's own page.
RESERVED_SLUGS = {"index"}


def check_name(path: Path) -> None:
    slug = slug_for(path)
    if slug in RESERVED_SLUGS:
        raise NoticeError(str(path), f"“{slug}”是网站保留的名称，不能作为文件名；请按“年份-地区-简称”改名",
                          f"'{slug}' is a name the site reserves for itself; rename the file to year-place-short-name")
    if len(slug) > MAX_SLUG or len(path.name.encode("utf-8", "surrogateescape")) > 240:
        raise NoticeError(str(path), f"文件名过长（页面名称将有 {len(slug)} 个字符）；请按“年份-地区-简称”改短，例如 2024-jiangsu-suzhou-work-plan.txt",
                          f"the file name is too long (the page name would be {len(slug)} characters); shorten it "
                          f"to year-place-short-name, e.g. 2024-jiangsu-suzhou-work-plan.txt")


def parse_text(text: str, registry: Registry, *, slug: str = "notice", source_file: str = "notice.txt",
               sha256: str = "", encoding: str = "utf-8", sidecar: Sidecar | None = None,
               shown: str = "notice.txt", controls: list[str] | tuple = ()) -> Notice:
    sidecar = sidecar or Sidecar()
    cleaned = clean(text)
    paras = cleaned.paras
    if not paras:
        raise NoticeError(shown, "去掉页面杂项后没有剩下正文", "nothing is left once page furniture is removed")
    header = extract_header(paras)
    apply_corrections(header, sidecar)
    home = find_jurisdiction(header, registry, sidecar, paras[0].text[:60])
    if home is None:
        raise NoticeError(
            shown, "无法从发文机关或标题确定通知所属地区；请在旁注文件 corrections 中写明 jurisdiction（如 上海市长宁区）",
            "cannot tell the jurisdiction from the issuer or the title; set `jurisdiction` under corrections "
            "in the sidecar (e.g. 上海市长宁区)", paras[0].line)

    top = header.title_para if header.title_para is not None else -1
    front = [i for i in range(len(paras)) if i < top and i not in header.metadata_paras]
    body_index = [i for i in range(top + 1, len(paras)) if i not in header.metadata_paras]
    outline = build_outline([paras[i].text for i in body_index])
    blocks = [Block("paragraph", paras[i].text) for i in front] + outline.blocks
    traditional = any(p.text != p.orig for p in paras)
    if traditional:
        blocks = [replace(b, text=written(b.text, paras)) for b in blocks]

    known = tuple(registry.campaign_names())
    campaigns: dict[str, Campaign] = {}
    agencies: dict[str, Agency] = {}
    tasks: list[Task] = []
    for span in outline.tasks:
        refs = assign(span.parenthesis, registry, home) if span.parenthesis else []
        for ref in refs:
            if ref.id and ref.id not in agencies:
                agencies[ref.id] = replace(registry.resolve_agency(ref.name, home), name=ref.name)
        ids = []
        for name, year in find_campaigns(span.text, known):
            campaign = registry.resolve_campaign(name, year, span.text)
            campaigns.setdefault(campaign.id, campaign)
            ids.append(campaign.id)
        text = written(span.text, paras) if traditional else span.text
        tasks.append(Task(span.id, [m.text for m in span.path], text, refs, ids, span.section))
    for block in blocks:  # campaigns named outside any task still belong to the notice
        for name, year in find_campaigns(block.text, known):
            campaign = registry.resolve_campaign(name, year, block.text)
            campaigns.setdefault(campaign.id, campaign)

    texts = [p.text for p in paras]
    return Notice(
        slug=slug, title=header.title or slug, notice_title=header.notice_title, doc_type=header.doc_type,
        doc_number=header.doc_number, index_number=header.index_number, issuer=header.issuer,
        issuer_agency=issuer_agency(header.issuer, registry, home),
        issued_date=header.issued_date, published_date=header.published_date, source=header.source,
        source_url=sidecar.source_url,
        jurisdiction={"id": home.id, "name": home.name, "level": home.level, "name_en": home.name_en},
        keywords=header.keywords, topic=header.topic, validity=header.validity,
        references=find_references([texts[i] for i in front + body_index], header.title, header.doc_number),
        sections=outline.sections, tasks=tasks, agencies=list(agencies.values()),
        campaigns=list(campaigns.values()), phases=outline.phases,
        dropped=cleaned.dropped + header.dropped + (
            [f"控制字符 control characters: {', '.join(controls)}"] if controls else []), body=blocks, front_blocks=len(front), stated=sorted(set(header.stated)),
        source_file=source_file, sha256=sha256, encoding=encoding,
        summary_en=sidecar.summary_en, title_en=sidecar.title_en, obtained=sidecar.obtained,
        corrections=sorted(sidecar.corrections), correction_note=sidecar.correction_note)


def issuer_agency(issuer: str | None, registry: Registry, home) -> Agency | None:
    if not issuer:
        return None
    agency = registry.resolve_agency(issuer, home)
    return agency if agency.in_registry or agency.system != "other" else None


def apply_corrections(header: Header, sidecar: Sidecar) -> None:
    for key, value in sidecar.corrections.items():
        if key == "jurisdiction":
            continue
        setattr(header, key, value)
        if key in header.stated:
            header.stated.remove(key)


def find_jurisdiction(header: Header, registry: Registry, sidecar: Sidecar, opening: str):
    """The place a notice belongs to, as its issuer, title or metadata table name it; the one
    the registry knows best wins (上海市长宁区 over a bare 长宁区). The page's source and the
    start of the first line are the last resort."""
    named = sidecar.corrections.get("jurisdiction")
    if named:
        return registry.jurisdiction_in(named)
    title = re.sub(r"^\d{4}年(度)?", "", header.title or "")
    found = [registry.jurisdiction_in(t) for t in (header.issuer, title, header.issuer_table, header.department) if t]
    found = [j for j in found if j]
    if found:
        return min(found, key=lambda j: (not j.in_registry, j.parent is None))
    for text in (header.source, opening):
        if text and registry.jurisdiction_in(text):
            return registry.jurisdiction_in(text)
    return None


def written(text: str, paras: list[Para]) -> str:
    """`text`, a piece of a simplified paragraph, in the characters it was written in."""
    for para in paras:
        at = para.text.find(text)
        if at >= 0:
            return para.orig[at:at + len(text)]
    return text
