"""Stage 3 (beside metadata): the elements of an official document as GB/T 9704-2012 lays them
out, read where the text has them: 发文机关标志, 签发人, 主送机关, 附件说明 and each 附件 with its
own title, 发文机关署名, 成文日期, 附注 (公开方式 …), 抄送机关, 印发机关 and 印发日期.

The 文号 and 标题 are the metadata stage's; here each element is found by how the standard
sets it (a 版头 above the title, a salutation ending in a colon below it, a signature above a
date, a 版记 at the end), one small function each, on the cleaned paragraphs."""

from __future__ import annotations

import re

from .dates import is_date_line, parse_date
from .model import Attachment, Elements

# 发文机关标志: the issuer's name followed by 文件, or a bare organisation name over the 文号
MASTHEAD_RE = re.compile(r"^[\u4e00-\u9fff（）()、\s]{4,60}文件$")
SIGNER_RE = re.compile(r"签发人\s*[:：]\s*(?P<names>[\u4e00-\u9fff·]{2,6}(?:[\s、，,]+[\u4e00-\u9fff·]{2,6})*)")
# 主送机关: a salutation ending in a colon, naming bodies (各…, or ending in a kind of body)
ADDRESSEES_RE = re.compile(
    r"^(?P<to>(?:各[^。；;：:]{1,200}|[^。；;：:，,]{2,60}(?:单位|部门|政府|局|委|办|室|院|厅|处|科|会|组|司|署|所|中心|公司|机关)"
    r"(?:[，,、][^。；;：:]{1,200})?))\s*[：:]")
ATTACHMENT_NOTE_RE = re.compile(r"^附\s*件\s*[:：]\s*(?P<rest>.*)$")
ATTACHMENT_HEAD_RE = re.compile(r"^附\s*件\s*(?P<number>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*[:：]?$")
LIST_ITEM_RE = re.compile(r"^(?P<number>\d{1,2})\s*[.．、]\s*(?P<title>.+)$")
NOTE_RE = re.compile(r"^[（(](?P<note>[^（）()]{2,120})[）)]$")
DISCLOSURE_RE = re.compile(r"(此件|本件)?(主动公开|公开发布|依申请公开|不予公开|不公开|删减后公开)")
# 抄送 (GB/T 9704-2012); 抄报, 报 and 送 in the 版记 of older documents
CC_RE = re.compile(r"^(?:抄\s*送|抄\s*报|报|送)\s*[:：]\s*(?P<rest>.+)$")
RECORD_LINES = 8  # the 版记 is the last few lines of a document
PRINTED_RE = re.compile(r"^(?P<by>[^。，,；;：:]{0,60}?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$")
SENTENCE_PUNCT = re.compile(r"[，,。；;！？]")
ORG_END_RE = re.compile(r"(局|委|办|办公室|小组|政府|部|院|厅|会|中心|署|分局|海关|所|队|处|科|党委|公司|银行)$")


def read_elements(texts: list[str], title_at: int | None, skip: set[int], doc_number: str | None) -> Elements:
    """The elements of the document whose paragraphs are `texts`; `title_at` is the paragraph of
    the title (None where the text has none), `skip` the metadata table's paragraphs."""
    top = title_at if title_at is not None else 0
    heading = notice_heading(texts, skip)
    start = heading if heading is not None else top
    to_at, addressees = find_addressees(texts, start, skip)
    attachments = find_attachments(texts, skip)
    end = attachments[0][0] if attachments else len(texts)
    date_at = signature_date(texts, (to_at if to_at is not None else start) + 1, end)
    signature = signature_above(texts, date_at) if date_at is not None else []
    cc_at, cc = find_cc(texts)
    printed_by, printed_date = find_printed(texts)
    return Elements(
        masthead=find_masthead(texts, start if heading is not None or title_at is not None else min(5, len(texts)),
                               doc_number, skip),
        signer=find_signer(texts[:start + 1]),
        addressees=addressees,
        addressee_list=split_bodies(addressees) if addressees else [],
        attachment_note=attachment_note(texts, (to_at or start) + 1, end),
        attachments=[Attachment(number, title) for _, number, title in attachments],
        signature=signature,
        signed_date=parse_date(texts[date_at]) if date_at is not None else None,
        notes=notes_after(texts, date_at) if date_at is not None else [],
        disclosure=disclosure(notes_after(texts, date_at) if date_at is not None else []),
        cc=cc, printed_by=printed_by, printed_date=printed_date,
    )


def notice_heading(texts: list[str], skip: set[int]) -> int | None:
    """The paragraph of a 通知's own title (关于…的通知), where the document is sent by one."""
    for index, text in enumerate(texts[:40]):
        if index not in skip and re.search(r"关于.{2,120}的(通知|通报|决定|意见|函|批复|公告)$", text) \
                and not SENTENCE_PUNCT.search(text):
            return index
    return None


def find_masthead(texts: list[str], before: int, doc_number: str | None, skip: set[int]) -> str | None:
    """发文机关标志: `…文件` above the title, or the organisation named alone over the 文号."""
    for index in range(min(before, len(texts))):
        if index in skip:
            continue
        text = texts[index].strip()
        if MASTHEAD_RE.match(text) and not SENTENCE_PUNCT.search(text):
            return text
        if text == "文件" and index:  # the bodies of a joint mark one a line, 文件 beside them all
            bodies = [t.strip() for t in texts[:index] if ORG_END_RE.search(t.strip()) and len(t.strip()) <= 40]
            if bodies:
                return "、".join(bodies) + "文件"
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if doc_number and ORG_END_RE.search(text) and len(text) <= 40 and not SENTENCE_PUNCT.search(text) \
                and re.sub(r"\s+", "", following).startswith(doc_number[:2]) and "〔" in doc_number \
                and re.search(r"[〔\[［【(（]\d{4}", following):
            return text
    return None


def find_signer(texts: list[str]) -> str | None:
    for text in texts:
        match = SIGNER_RE.search(text)
        if match:
            return re.sub(r"[\s、，,]+", "、", match["names"])
    return None


def find_addressees(texts: list[str], start: int, skip: set[int]) -> tuple[int | None, str | None]:
    """主送机关: the salutation in the first paragraphs after the title, as written."""
    for index in [i for i in range(start + 1, len(texts)) if i not in skip][:3]:
        match = ADDRESSEES_RE.match(texts[index])
        if match and not is_date_line(texts[index]):
            return index, match["to"].strip()
    return None, None


def split_bodies(text: str) -> list[str]:
    """A list of bodies as written: split at commas and semicolons (a 、 joins kinds of one body:
    市政府各委、办、局)."""
    return [part.strip() for part in re.split(r"[，,；;]", text.rstrip("。.")) if part.strip()]


def find_attachments(texts: list[str], skip: set[int]) -> list[tuple[int, str | None, str]]:
    """Each attachment set on its own pages: a line `附件` / `附件2`, then its title."""
    found = []
    for index, text in enumerate(texts[:-1]):
        match = ATTACHMENT_HEAD_RE.match(text.strip())
        if match and index not in skip:
            title = texts[index + 1].strip()
            if title and len(title) <= 100 and not SENTENCE_PUNCT.search(title):
                found.append((index, match["number"], title))
    return found


def attachment_note(texts: list[str], start: int, end: int) -> list[str]:
    """附件说明: the titles listed after `附件：` under the body, one or numbered several."""
    for index in range(start, end):
        match = ATTACHMENT_NOTE_RE.match(texts[index].strip())
        if not match:
            continue
        rest = match["rest"].strip()
        items = [rest] if rest else []
        for text in texts[index + 1:end]:
            item = LIST_ITEM_RE.match(text.strip())
            if not item or SENTENCE_PUNCT.search(item["title"]):
                break
            items.append(text.strip())
        return [LIST_ITEM_RE.sub(r"\g<title>", item).strip() for item in items if item]
    return []


def signature_date(texts: list[str], start: int, end: int) -> int | None:
    """成文日期: the first line that is a date and nothing else, below the body."""
    for index in range(start, end):
        if is_date_line(texts[index]) and parse_date(texts[index]):
            return index
    return None


def signature_above(texts: list[str], date_at: int) -> list[str]:
    """发文机关署名: the organisation lines directly above the date, one body a line."""
    names: list[str] = []
    index = date_at - 1
    while index >= 0:
        text = texts[index].strip()
        if SENTENCE_PUNCT.search(text) or len(text) > 60 or text.startswith("附件") or not text \
                or LIST_ITEM_RE.match(text):
            break
        names.insert(0, re.sub(r"[（(]代[）)]$", "", text))
        index -= 1
    if not names or not ORG_END_RE.search(re.sub(r"\s+", "", names[-1])):
        return []
    # several bodies signing jointly are often set on one line, apart by spaces
    parts = [part for name in names for part in re.split(r"\s{2,}", name) if part]
    bodies: list[str] = []
    for part in parts:  # a long name set on two lines: the first does not end as a body's name does
        if bodies and not ORG_END_RE.search(bodies[-1]):
            bodies[-1] += part
        else:
            bodies.append(part)
    return bodies


def notes_after(texts: list[str], date_at: int) -> list[str]:
    """附注: the parenthesised lines right under the date (公开方式, 联系人 …), as written."""
    notes = []
    for text in texts[date_at + 1:date_at + 4]:
        match = NOTE_RE.match(text.strip())
        if not match:
            break
        notes.append(match["note"])
    return notes


def disclosure(notes: list[str]) -> str | None:
    """公开方式 as the 附注 states it: 此件公开发布, 此件依申请公开 …"""
    for note in notes:
        match = DISCLOSURE_RE.search(note)
        if match:
            return match.group(0)
    return None


def find_cc(texts: list[str]) -> tuple[int | None, list[str]]:
    """抄送机关 of the 版记: the bodies of its `抄送：…` lines (抄报, 报, 送 in older ones)."""
    bodies: list[str] = []
    first = None
    for index in range(max(0, len(texts) - RECORD_LINES), len(texts)):
        match = CC_RE.match(texts[index].strip())
        if match:
            first = index if first is None else first
            bodies += [p.strip() for p in re.split(r"[，,；;]", match["rest"].rstrip("。.")) if p.strip()]
    return first, bodies


def find_printed(texts: list[str]) -> tuple[str | None, str | None]:
    """印发机关 and 印发日期 of the 版记: `…办公室  2023年3月16日印发`."""
    for index in range(len(texts) - 1, max(-1, len(texts) - RECORD_LINES - 1), -1):
        match = PRINTED_RE.match(texts[index].strip())
        if match:
            by = re.sub(r"\s+", "", match["by"]) or None
            above = texts[index - 1].strip() if index else ""
            if by is None and ORG_END_RE.search(above) and not SENTENCE_PUNCT.search(above) and len(above) <= 60:
                by = above  # the body set on the line above its date
            return by, parse_date(match["date"])
    return None, None
