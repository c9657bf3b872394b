"""Stage 3a: the 信息公开 index metadata of a notice: title, 文号, 索引号, issuer, dates, source.

Works on the cleaned paragraphs; returns the fields, which of them the text states, and which
paragraphs were metadata (shown in the metadata block rather than in the body)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .clean import MARKER_RE, Para
from .dates import is_date_line, parse_date
from .registry import DATA_DIR

DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*(\d{1,4})\s*号")
ORG_END_RE = re.compile(r"(局|委|办|办公室|小组|政府|部|院|厅|会|中心|署|分局|海关|所|队|处|科|党委)(（代）|\(代\))?$")
NOTICE_TITLE_RE = re.compile(r"^(?P<prefix>.*?)(?P<title>关于.{2,120}的(?:通知|通报|决定|意见|函|批复|公告))$")
# “…于2022年7月7日印发《…》”: the subject of an explicit 印发 sentence, and its date.
ISSUED_SENTENCE_RE = re.compile(
    r"^(?P<who>[^，,。；《]{2,60}?)(?:于(?P<when>[^，,。；《]{6,20}?))?(?:联合|正式)?印发(?:了)?《(?P<title>[^《》]{2,120})》")
QUOTED_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
SENTENCE_PUNCT = re.compile(r"[，,。；;！？]")
# a title line that carries its own 文号 at its end: 关于…的通知(黔农办发〔2011〕140号)
TRAILING_DOC_NUMBER_RE = re.compile(
    r"^(?P<title>[^，,。；;！？]{4,150}?)\s*[(（](?P<number>" + DOC_NUMBER_RE.pattern + r")[)）]$")


@dataclass
class Header:
    title: str | None = None
    notice_title: str | None = None
    doc_type: str = "notice"
    doc_number: str | None = None
    index_number: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    published_date: str | None = None
    source: str | None = None
    keywords: list[str] = field(default_factory=list)
    topic: str | None = None
    validity: str | None = None
    department: str | None = None
    issuer_table: str | None = None
    stated: list[str] = field(default_factory=list)
    metadata_paras: set[int] = field(default_factory=set)
    title_para: int | None = None
    dropped: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def label_map() -> dict[str, str]:
    data = yaml.safe_load((DATA_DIR / "metadata_labels.yaml").read_text(encoding="utf-8"))
    return {label: key for key, labels in data.items() for label in labels}


@lru_cache(maxsize=1)
def label_re() -> re.Pattern:
    labels = sorted(label_map(), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, labels)) + r")\s*[:：]")


@lru_cache(maxsize=1)
def doc_types() -> list[dict]:
    return yaml.safe_load((DATA_DIR / "doc_types.yaml").read_text(encoding="utf-8"))


def doc_type_of(title: str) -> str:
    best = ("notice", 0)
    for kind in doc_types():
        for ending in kind["endings"]:
            if title.endswith(ending) and len(ending) > best[1]:
                best = (kind["id"], len(ending))
    return best[0]


def normalise_doc_number(text: str) -> str:
    """文号 with no spaces and 〔〕 brackets: 沪长打假发 [2020] 1 号 → 沪长打假发〔2020〕1号."""
    text = re.sub(r"\s+", "", text)
    return re.sub(r"[\[［【(（](\d{4})[\]］】)）]", r"〔\1〕", text)


def table_fields(text: str) -> list[tuple[str, str]] | None:
    """(label, value) pairs of a metadata line, or None when the line is not one."""
    compact = re.sub(r"\s+", "", text)
    if "|" in compact:
        cells = [c for c in compact.split("|")]
        if not any(label_re().match(c) for c in cells):
            return None
        pairs: list[tuple[str, str]] = []
        pending: str | None = None
        for cell in cells:
            match = label_re().match(cell)
            if match:
                if pending:
                    pairs.append((pending, ""))
                rest = cell[match.end():]
                pending = None if rest else match.group(1)
                if rest:
                    pairs.append((match.group(1), rest))
            elif pending:
                pairs.append((pending, cell))
                pending = None
        if pending:
            pairs.append((pending, ""))
        return pairs
    if len(compact) > 120 or not label_re().match(compact):
        return None
    matches = list(label_re().finditer(compact))
    return [(m.group(1), compact[m.end(): matches[i + 1].start() if i + 1 < len(matches) else None])
            for i, m in enumerate(matches)]


def is_org_name(text: str) -> bool:
    return 4 <= len(text) <= 60 and not SENTENCE_PUNCT.search(text) and bool(ORG_END_RE.search(text)) \
        and "印发" not in text


def extract_header(paras: list[Para]) -> Header:
    header = Header()
    read_tables(paras, header)
    texts = [p.text for p in paras]
    split_trailing_doc_numbers(texts, header)
    find_titles(texts, header)
    find_issuer(texts, header)
    find_own_doc_number(texts, header)
    header.doc_type = doc_type_of(header.title or "")
    return header


def split_trailing_doc_numbers(texts: list[str], header: Header) -> None:
    """A title line ending in its own 文号 in brackets: the title without it, the 文号 kept
    (the first such line only; cited 文号 sit inside sentences)."""
    for index, text in enumerate(texts[:30]):
        if index in header.metadata_paras:
            continue
        match = TRAILING_DOC_NUMBER_RE.match(text)
        if match and "《" not in text[:2]:
            texts[index] = match["title"]
            if header.doc_number is None:
                header.doc_number = normalise_doc_number(match["number"])
                header.stated.append("doc_number")
            return


def read_tables(paras: list[Para], header: Header) -> None:
    for index, para in enumerate(paras):
        pairs = table_fields(para.text)
        if pairs is None:
            continue
        header.metadata_paras.add(index)
        for label, value in pairs:
            key = label_map()[label]
            value = value.strip()
            if key == "furniture":
                header.dropped.append(f"{label}:{value}")
            elif value:
                set_table_field(header, key, value)


def set_table_field(header: Header, key: str, value: str) -> None:
    if key in ("issued_date", "published_date"):
        value = parse_date(value)
    elif key == "doc_number":
        value = normalise_doc_number(value)
    elif key == "keywords":
        header.keywords = [k for k in re.split(r"[,，、;；\s]+", value) if k]
        header.stated.append("keywords")
        return
    if value and getattr(header, key, None) is None:
        setattr(header, key, value)
        header.stated.append(key)


def find_titles(texts: list[str], header: Header) -> None:
    """The document's own title, and the title of the 通知 that transmits it."""
    quoted = None
    for index, text in enumerate(texts):
        if index in header.metadata_paras:
            continue
        match = NOTICE_TITLE_RE.match(text)
        if match and not SENTENCE_PUNCT.search(text) and header.notice_title is None:
            header.notice_title = match["title"]
            inner = QUOTED_TITLE_RE.search(match["title"])
            quoted = inner.group(1) if inner else re.sub(r"^关于印发(.+)的通知$", r"\1", match["title"])
            if match["prefix"] and is_org_name(match["prefix"]):
                header.issuer = header.issuer or match["prefix"]
            continue
        sentence = ISSUED_SENTENCE_RE.match(text)
        if sentence and quoted is None:
            quoted = sentence["title"]
    candidates = [i for i, t in enumerate(texts)
                  if i not in header.metadata_paras and looks_like_title(t)]
    chosen = next((i for i in candidates if quoted and texts[i] == quoted), None)
    if chosen is None and candidates and quoted is None:
        chosen = candidates[0]
    if chosen is not None:
        header.title, header.title_para = texts[chosen], chosen
        header.stated.append("title")
    elif quoted:
        header.title = quoted
        header.stated.append("title")
    elif header.title:  # from the metadata table
        pass
    elif header.notice_title:
        header.title = header.notice_title
    if header.notice_title == header.title:
        header.notice_title = None


def looks_like_title(text: str) -> bool:
    if len(text) > 80 or SENTENCE_PUNCT.search(text) or MARKER_RE.match(text) or "印发" in text:
        return False
    return doc_type_of(text) != "notice" and not text.startswith("关于")


def find_issuer(texts: list[str], header: Header) -> None:
    """版头 or 发文机关, else the 落款 signature, else an explicit 印发 sentence, else the table."""
    top = header.title_para if header.title_para is not None else len(texts)
    front = [i for i in range(top) if i not in header.metadata_paras]
    if header.issuer is None:
        for i in front:
            if is_org_name(texts[i]) and not is_date_line(texts[i]):
                header.issuer = strip_deputy(texts[i])
                break
            if NOTICE_TITLE_RE.match(texts[i]) or header.notice_title is None:
                break
    signature, signed = signature_before_date(texts, front)
    if header.issuer is None and signature:
        header.issuer = signature
    if signed and header.issued_date is None:
        header.issued_date = signed
        header.stated.append("issued_date")
    for text in texts:
        match = ISSUED_SENTENCE_RE.match(text)
        if match and (header.title is None or match["title"] == header.title):
            if header.issuer is None:
                header.issuer = match["who"]
            when = parse_date(match["when"] or "")
            if when and header.issued_date is None:
                header.issued_date = when
                header.stated.append("issued_date")
            break
    if header.issuer is None and header.issuer_table:
        header.issuer = header.issuer_table
    if header.issuer:
        header.issuer = re.sub(r"\s+", "", header.issuer)
        header.stated.append("issuer")


def strip_deputy(name: str) -> str:
    return re.sub(r"[（(]代[）)]$", "", name)


def signature_before_date(texts: list[str], front: list[int]) -> tuple[str | None, str | None]:
    """The 落款: organisation lines directly above a date line, and that date."""
    for i in front:
        if not is_date_line(texts[i]):
            continue
        names: list[str] = []
        j = i - 1
        # the 附件说明 above a signature is no part of it
        while j >= 0 and j in front and not SENTENCE_PUNCT.search(texts[j]) and len(texts[j]) <= 40 \
                and not texts[j].startswith("附件"):
            names.insert(0, texts[j])
            j -= 1
        joined = "".join(names)
        if joined and ORG_END_RE.search(joined):
            return strip_deputy(joined), parse_date(texts[i])
    return None, None


def find_own_doc_number(texts: list[str], header: Header) -> None:
    if header.doc_number:
        return
    top = header.title_para if header.title_para is not None else len(texts)
    for i in range(min(top, len(texts))):
        match = DOC_NUMBER_RE.fullmatch(texts[i].strip())
        if match:
            header.doc_number = normalise_doc_number(texts[i])
            header.stated.append("doc_number")
            return
