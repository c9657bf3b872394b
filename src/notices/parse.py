"""The pipeline from a source file to the Notice model: ingest → clean → metadata, outline,
tasks, campaigns, references → resolved against the registries."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .assign import assign, assign_in_text, first_leads_onwards
from .campaigns import find_campaigns
from .clean import Para, clean, to_simplified
from .describe import describe
from .corrections import correct_tasks
from .elements import read_elements
from .errors import NoticeError
from .ingest import read_source
from .metadata import Header, extract_header
from .locate import locate
from .model import Agency, Attachment, Block, Campaign, Elements, Notice, Task
from .outline import build_outline
from .references import find_references
from .registry import Registry
from .sidecar import Sidecar, read_sidecar, sidecar_path

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
    try:
        return parse_text(source.text, registry, slug=slug_for(path), source_file=path.name,
                          sha256=source.sha256, encoding=source.encoding, sidecar=sidecar, shown=str(path),
                          controls=source.controls, dropped=list(source.dropped))
    except NoticeError as exc:
        if source.kind in ("pdf", "docx") and exc.path == str(path):
            exc.line = None  # a line of the text taken out of a PDF or Word file is none of the file's
        raise


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
               shown: str = "notice.txt", controls: list[str] | tuple = (),
               dropped: list[str] | None = None) -> Notice:
    sidecar = sidecar or Sidecar()
    cleaned = clean(text)
    paras = cleaned.paras
    if not paras:
        raise NoticeError(shown, "去掉页面杂项后没有剩下正文", "nothing is left once page furniture is removed")
    header = extract_header(paras)
    apply_corrections(header, sidecar)
    home = locate(header, [p.text for p in paras], registry, sidecar.corrections.get("jurisdiction"))
    undetermined = [key for key in UNDETERMINED_KEYS if not getattr(header, key)]
    if home is None:  # converted all the same; the page and `notices check` say what settles it
        undetermined.insert(0, "jurisdiction")
        home = registry.undetermined()

    top = header.title_para if header.title_para is not None else -1
    front = [i for i in range(len(paras)) if i < top and i not in header.metadata_paras]
    body_index = [i for i in range(top + 1, len(paras)) if i not in header.metadata_paras]
    outline = build_outline([paras[i].text for i in body_index])
    blocks = [Block("paragraph", paras[i].text) for i in front] + outline.blocks
    traditional = any(p.text != p.orig for p in paras)
    simplified = blocks  # matched against (campaign names are simplified)
    if traditional:
        blocks = [replace(b, text=written(b.text, paras)) for b in blocks]
        # the facts as the notice writes them: 四川省人民政府辦公廳, 川辦發〔2015〕39號
        for key in ("title", "notice_title", "issuer", "doc_number"):
            if getattr(header, key):
                setattr(header, key, written_anywhere(getattr(header, key), paras))

    known = tuple(registry.campaign_names())
    campaigns: dict[str, Campaign] = {}
    agencies: dict[str, Agency] = {}
    tasks: list[Task] = []
    first_leads = False  # a parenthesis said the first name of each list leads (列首为牵头单位，下同)
    for span in outline.tasks:
        refs = (assign(span.parenthesis, registry, home, first_leads) if span.parenthesis
                else assign_in_text(span.text, registry, home))
        first_leads = first_leads or bool(span.parenthesis and first_leads_onwards(span.parenthesis))
        for ref in refs:
            if ref.id and ref.id not in agencies:
                agencies[ref.id] = replace(registry.resolve_agency(ref.name, home),
                                           name=written(ref.name, paras) if traditional else ref.name)
        if traditional:
            refs = [replace(ref, name=written(ref.name, paras)) for ref in refs]
        ids = []
        for name, year in find_campaigns(span.text, known):
            if name in registry.slogans:
                continue
            campaign = registry.resolve_campaign(name, year, span.text)
            campaigns.setdefault(campaign.id, campaign)
            ids.append(campaign.id)
        text = written(span.text, paras) if traditional else span.text
        tasks.append(Task(span.id, [m.text for m in span.path], text, refs, ids, span.section))
    tasks = correct_tasks(tasks, sidecar, registry, home, agencies)
    # campaigns named outside any task (in the title too) still belong to the notice
    for text in [to_simplified(header.title or "")] + [block.text for block in simplified]:
        for name, year in find_campaigns(text, known):
            if name in registry.slogans:
                continue
            campaign = registry.resolve_campaign(name, year, text)
            campaigns.setdefault(campaign.id, campaign)

    texts = [p.text for p in paras]
    elements = read_elements(texts, header.title_para, header.metadata_paras, header.doc_number)
    if traditional:
        elements = written_elements(elements, paras)
    notice = Notice(
        slug=slug, title=header.title or slug, notice_title=header.notice_title, doc_type=header.doc_type,
        doc_number=header.doc_number, index_number=header.index_number, issuer=header.issuer,
        issuer_agency=issuer_agency(header.issuer, registry, home),
        issued_date=header.issued_date, published_date=header.published_date, source=header.source,
        source_url=sidecar.source_url,
        jurisdiction=jurisdiction_record(home, "jurisdiction" in undetermined),
        keywords=header.keywords, topic=header.topic, validity=header.validity,
        references=find_references([texts[i] for i in front + body_index], header.title, header.doc_number),
        sections=outline.sections, tasks=tasks, agencies=list(agencies.values()),
        campaigns=list(campaigns.values()), phases=outline.phases,
        dropped=(dropped or []) + cleaned.dropped + header.dropped + (
            [f"控制字符 control characters: {', '.join(controls)}"] if controls else []), body=blocks, front_blocks=len(front), stated=sorted(set(header.stated)),
        source_file=source_file, sha256=sha256, encoding=encoding,
        summary_en=sidecar.summary_en, title_en=sidecar.title_en, obtained=sidecar.obtained,
        corrections=sorted(sidecar.corrections), correction_note=sidecar.correction_note,
        undetermined=undetermined, elements=elements)
    # ids the sidecar's English names are checked against the notice: an error points at the sidecar
    where = (sidecar.path or str(sidecar_path(Path(shown)))) if sidecar.headings_en or sidecar.tasks_en else shown
    return describe(notice, sidecar.headings_en, sidecar.tasks_en, where)


def written_elements(elements: Elements, paras: list[Para]) -> Elements:
    """The elements in the characters they were written in (found on the simplified copy)."""
    def keep(value):
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return written(value, paras)
        if isinstance(value, list):
            return [keep(v) for v in value]
        if isinstance(value, Attachment):
            return replace(value, title=written(value.title, paras))
        return value
    return replace(elements, **{name: keep(getattr(elements, name)) for name in Elements.__dataclass_fields__})


# Facts a notice should state; when the text does not, the notice converts with the field
# flagged, and `notices check` names the sidecar field that settles it.
UNDETERMINED_KEYS = ("title", "issuer", "issued_date")


# What each undetermined fact is, and the sidecar field that settles it.
UNDETERMINED_WORDS = {
    "jurisdiction": ("所属地区", "the jurisdiction", "jurisdiction: 某省某市某区", "jurisdiction: <province, city, district>"),
    "title": ("标题", "the title", "title: 文件标题", "title: <the document's title>"),
    "issuer": ("发文机关", "the issuer", "issuer: 发文机关全称", "issuer: <issuing body>"),
    "issued_date": ("成文日期", "the date of writing", "issued_date: 2024-01-31", "issued_date: YYYY-MM-DD"),
}


def undetermined_warning(path, key: str) -> str:
    """One line saying which fact could not be read and which sidecar field settles it."""
    zh, en, zh_line, en_line = UNDETERMINED_WORDS[key]
    sidecar = Path(path).name.split(".")[0] + ".meta.yml"
    return (f"{path}: 未能确定{zh}，已照常转换；请在旁注文件 {sidecar} 的 corrections 中写 {zh_line} / "
            f"{en} could not be determined and the notice was converted without it; "
            f"set it in {sidecar} under corrections: {en_line}")


def jurisdiction_record(home, undetermined: bool) -> dict:
    if undetermined:
        return {"id": home.id, "name": home.name, "level": "undetermined", "name_en": home.name_en}
    return {"id": home.id, "name": home.name, "level": home.level, "name_en": home.name_en}


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


def written_anywhere(text: str, paras: list[Para]) -> str:
    """`text` in the characters it was written in, also where it spans paragraphs (a title on two
    lines) or was normalised (a 文号's brackets, spaces): found in the simplified text with
    brackets and spaces free, and taken from the text as written; else `text` as it is."""
    hit = written(text, paras)
    if hit != text:
        return hit
    pieces = []
    for c in re.sub(r"\s+", "", text):
        pieces.append("[〔\\[［【(（]" if c == "〔" else "[〕\\]］】)）]" if c == "〕" else re.escape(c))
    simple = "".join(p.text for p in paras)
    match = re.search(r"\s*".join(pieces), simple) if pieces else None
    if match is None:
        return text
    found = re.sub(r"\s+", "", "".join(p.orig for p in paras)[match.start():match.end()])
    return re.sub(r"[\[［【(（]((?:19|20)\d\d)[\]］】)）]", r"〔\1〕", found)


def written(text: str, paras: list[Para]) -> str:
    """`text`, a piece of a simplified paragraph, in the characters it was written in."""
    for para in paras:
        at = para.text.find(text)
        if at >= 0:
            return para.orig[at:at + len(text)]
    return text
