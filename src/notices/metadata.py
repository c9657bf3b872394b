"""Stage 3a: the 信息公开 index metadata of a notice: title, 文号, 索引号, issuer, dates, source.

Works on the cleaned paragraphs; returns the fields, which of them the text states, and which
paragraphs were metadata (shown in the metadata block rather than in the body)."""

from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .clean import MARKER_RE, Para
from .dates import DATE_RE, is_date_line, parse_date
from .tables import label_alone, label_map, table_fields
from .registry import DATA_DIR

DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]?\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*第?\s*(\d{1,4})\s*号")
ORG_END_RE = re.compile(r"(局|委|办|办公室|小组|政府|部|院|厅|会|中心|署|分局|海关|所|队|处|科|党委)(（代）|\(代\))?$")
NOTICE_TITLE_RE = re.compile(r"^(?P<prefix>.*?)(?P<title>关于.{2,120}(?:的|的实施|实施|指导)(?:通知|通报|决定|意见|函|批复|公告)"
                             r"|关于(?:印发|转发).{4,120}(?:要点|方案|安排|意见|办法|计划|规定|细则))$")
# “…于2022年7月7日印发《…》”: the subject of an explicit 印发 sentence, and its date.
ISSUED_SENTENCE_RE = re.compile(
    r"^(?P<who>[^，,。；《]{2,60}?)(?:于(?P<when>[^，,。；《]{6,20}?))?(?:联合|正式)?印发(?:了)?《(?P<title>[^《》]{2,120})》")
QUOTED_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
SENTENCE_PUNCT = re.compile(r"[，,。；;！？]")
# a title line that carries its own 文号 at its end: 关于…的通知(黔农办发〔2011〕140号)
TRAILING_DOC_NUMBER_RE = re.compile(
    r"^(?P<title>[^，,。；;！？]{4,150})\s*(?:[(（](?P<number>" + DOC_NUMBER_RE.pattern + r")[)）]"
    r"|(?<=要点|方案|意见|通知|安排|办法|决定)(?P<glued>" + DOC_NUMBER_RE.pattern.replace("(?P<", "(?P<g_").replace("((?:19", "((?:19") + r"))$")


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
    # the words of a title it is glued to are no part of it: …的通知国办发〔2012〕30号
    text = re.sub(r"^.*(?:通知|意见|方案|要点|的|》|\)|）)(?=[\u4e00-\u9fff]{1,12}[〔\[［【(（]?(?:19|20)\d\d)", "", text)
    return re.sub(r"[〔\[［【(（]?((?:19|20)\d{2})[\]］】)）〕]", r"〔\1〕", text, count=1)


def is_org_name(text: str) -> bool:
    return 4 <= len(text) <= 60 and not SENTENCE_PUNCT.search(text) and bool(ORG_END_RE.search(text)) \
        and "印发" not in text


def extract_header(paras: list[Para]) -> Header:
    header = Header()
    read_tables(paras, header)
    texts = [p.text for p in paras]
    split_trailing_doc_numbers(texts, header)
    join_title_lines(texts, header)
    find_titles(texts, header)
    find_issuer(texts, header)
    find_own_doc_number(texts, header)
    header.doc_type = doc_type_of(header.title or "")
    return header


TITLE_LINE_END_RE = re.compile(r"(要点|要點|方案|通知|意见|办法|计划|规定|细则|决定|通报|安排|函|公告)$")
HEAD_LIMIT = 40  # paragraphs in which the title, 文号 and issuer are looked for


def title_fragment(text: str) -> bool:
    """A line that may be one of the lines a title is printed on: short, no sentence or label
    punctuation, no date, 文号, signature or page furniture (【…】, •, (此件公开发布))."""
    return 3 <= len(text) <= 40 and not SENTENCE_PUNCT.search(text) and not DOC_NUMBER_RE.search(text) \
        and not re.search(r"[:：【】•|]|^[(（]|[.…]{2,}$", text) and not DATE_RE.search(text) \
        and not MARKER_RE.match(text) and not ORG_END_RE.search(text) and not text.endswith("文件") \
        and len(re.findall(r"[\u4e00-\u9fff]", text)) >= 3


def join_title_lines(texts: list[str], header: Header) -> None:
    """A title printed on two or three lines (…打击侵犯知识产权 / 和制售假冒伪劣商品工作要点):
    the lines joined into the first, the others kept out of the body as part of the title."""
    i = 0
    while i < min(len(texts), HEAD_LIMIT) - 1:
        if i in header.metadata_paras or not title_fragment(texts[i]) or TITLE_LINE_END_RE.search(texts[i]):
            i += 1
            continue
        j = i + 1
        # a line that is a whole title of its own (四川省人民政府关于…的通知) starts a new one
        while j < min(len(texts), i + 3) and title_fragment(texts[j]) and not TITLE_LINE_END_RE.search(texts[j - 1]) \
                and not NOTICE_TITLE_RE.match(texts[j]) and ("关于" not in texts[j] or "关于" in texts[i]):
            j += 1
        joined = "".join(texts[i:j])
        if j - i >= 2 and TITLE_LINE_END_RE.search(joined) and len(joined) <= 120:
            texts[i] = joined
            for k in range(i + 1, j):
                texts[k] = ""
                header.metadata_paras.add(k)
            i = j
        else:
            i += 1


PART_NUMBER_RE = re.compile(r"[(（]\d{1,2}[)）]$")


def split_trailing_doc_numbers(texts: list[str], header: Header) -> None:
    """A title line ending in its own 文号 in brackets: the title without it, the 文号 kept
    (the first such line only; cited 文号 sit inside sentences)."""
    for index, text in enumerate(texts[:30]):
        if index in header.metadata_paras:
            continue
        # a portal quoting the title: 《黑龙江省人民政府办公厅关于印发…的通知》
        if text.startswith("《") and text.endswith("》") and text.count("《") == 1 and NOTICE_TITLE_RE.match(text[1:-1]):
            texts[index] = text = text[1:-1]
        # a portal's part number after a title: …工作要点的通知(4)
        part = PART_NUMBER_RE.search(text)
        if part and NOTICE_TITLE_RE.match(text[:part.start()]):
            texts[index] = text = text[:part.start()]
        match = TRAILING_DOC_NUMBER_RE.match(text)
        if match and "《" not in text[:2]:
            texts[index] = match["title"]
            if header.doc_number is None:
                header.doc_number = normalise_doc_number(match["number"] or match["glued"])
                header.stated.append("doc_number")
            return


def read_tables(paras: list[Para], header: Header) -> None:
    skip = -1
    for index, para in enumerate(paras):
        if index == skip:
            continue
        label = label_alone(para.text)
        following = paras[index + 1].text if index + 1 < len(paras) else ""
        if label and following and len(following) <= 80 and not label_alone(following) \
                and table_fields(following) is None:
            # its value on the next line (a definition list's ":   value" too)
            pairs = [(label, following.lstrip(":： "))]
            header.metadata_paras.add(index + 1)
            skip = index + 1
        else:
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
    # a portal's placeholder (信息补充中, 暂无) states nothing
    if value and re.fullmatch(r"(信息补充中|暂无|无|不详|未知|空|-+|—+)", value):
        return
    if value and getattr(header, key, None) is None:
        setattr(header, key, value)
        header.stated.append(key)


TRANSMITS_RE = re.compile(r"^关于(?:印发|转发|下发|颁发|发布)")


def issued_sentence(text: str):
    """“…于2022年7月7日印发《…》”, where its subject is a body (not an item: 2.印发《…》)."""
    match = ISSUED_SENTENCE_RE.match(text)
    if match and not MARKER_RE.match(text) and ORG_END_RE.search(re.sub(r"(联合|已经|已)$", "", match["who"])):
        return match
    return None


def find_titles(texts: list[str], header: Header) -> None:
    """The document's own title, and the title of the 通知 that transmits it.

    A 通知 that transmits a document (关于印发《…》的通知) has the document's title as the title;
    one that is itself the document (关于做好…的通知, …的实施意见) is titled as printed, its
    issuer included (四川省人民政府办公厅关于…的通知), whether on the same line or the line above."""
    quoted = None
    own = None  # (index, full title) of a 关于… document that transmits nothing
    # a portal prints the title several times (breadcrumb, heading, the document's own line):
    # the line that carries its issuer is the document's own
    lines = [i for i, t in enumerate(texts[:HEAD_LIMIT]) if i not in header.metadata_paras and t
             and not SENTENCE_PUNCT.search(t) and NOTICE_TITLE_RE.match(t)]
    best = next((i for i in lines if is_org_name(OWN_DOC_NUMBER_RE.sub("", NOTICE_TITLE_RE.match(texts[i])["prefix"] or "", count=1))),
                lines[0] if lines else None)
    for index, text in enumerate(texts):
        if index in header.metadata_paras or not text:
            continue
        match = NOTICE_TITLE_RE.match(text)
        if match and best is not None and index in lines and index != best:
            continue
        if match and not SENTENCE_PUNCT.search(text) and header.notice_title is None:
            header.notice_title = match["title"]
            prefix = OWN_DOC_NUMBER_RE.sub("", match["prefix"] or "", count=1)
            prefix = prefix if prefix and is_org_name(prefix) else None
            above = previous_text(texts, index, header)
            if prefix is None and above and is_org_name(above) and not DOC_NUMBER_RE.search(above):
                prefix = above
            if prefix:
                header.issuer = header.issuer or prefix
            if TRANSMITS_RE.match(match["title"]):
                inner = QUOTED_TITLE_RE.search(match["title"])
                quoted = inner.group(1) if inner else re.sub(
                    r"^关于(?:印发|转发|下发|颁发|发布)(.+?)(?:的通知)?$", r"\1", match["title"])
            else:
                # titled as printed: its issuer or place before 关于 (天津市关于…的实施意见)
                printed = OWN_DOC_NUMBER_RE.sub("", match["prefix"] or "", count=1)
                printed = printed if re.fullmatch(r"[\u4e00-\u9fff（）()]{2,40}", printed) else ""
                own = (index, (prefix if prefix and not printed.endswith(prefix) else printed or prefix or "")
                       + match["title"])
            continue
        sentence = issued_sentence(text)
        if sentence and quoted is None and own is None:
            quoted = sentence["title"]
    candidates = [i for i, t in enumerate(texts)
                  if i not in header.metadata_paras and looks_like_title(t)]
    # the document's own title line, which may add the place the 通知's title leaves out
    # (关于印发国家…建设方案的通知 → 西安市国家…建设方案)
    chosen = next((i for i in candidates if quoted and texts[i] == quoted), None)
    if chosen is None and quoted:
        chosen = next((i for i in candidates if texts[i].endswith(quoted) and len(texts[i]) - len(quoted) <= 12), None)
    if chosen is None and candidates and quoted is None and own is None:
        chosen = candidates[0]
    if chosen is not None:
        header.title, header.title_para = texts[chosen], chosen
        header.stated.append("title")
    elif own is not None:
        header.title, header.title_para = own[1], own[0]
        header.notice_title = None
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


def previous_text(texts: list[str], index: int, header: Header) -> str | None:
    """The nearest non-empty paragraph above `index` that is not metadata."""
    for i in range(index - 1, -1, -1):
        if texts[i] and i not in header.metadata_paras:
            return texts[i]
    return None


def looks_like_title(text: str) -> bool:
    if len(text) > 80 or SENTENCE_PUNCT.search(text) or MARKER_RE.match(text) or "印发" in text:
        return False
    return doc_type_of(text) != "notice" and not text.startswith("关于")


def find_issuer(texts: list[str], header: Header) -> None:
    """版头 or 发文机关, else the 落款 signature, else an explicit 印发 sentence, else the table."""
    top = header.title_para if header.title_para is not None else len(texts)
    front = [i for i in range(top) if i not in header.metadata_paras]
    masthead = next((texts[i][:-2] for i in front if texts[i].endswith("文件") and is_org_name(texts[i][:-2])), None)
    if header.issuer is None and masthead:  # the 发文机关标志 of a 版头: 全国打击…工作领导小组文件
        header.issuer = masthead
    if header.issuer is None:
        for i in front:
            # the 发文机关标志 of a 版头 ends in 文件: 全国打击…工作领导小组文件
            name = texts[i][:-2] if texts[i].endswith("文件") else texts[i]
            if is_org_name(name) and not is_date_line(name):
                header.issuer = strip_deputy(name)
                break
            if NOTICE_TITLE_RE.match(texts[i]) or header.notice_title is None:
                break
    signature, signed = signature_before_date(texts, front)
    if signature is None and header.title_para is not None:
        # a notice that is itself the document is signed at its end
        rest = [i for i in range(len(texts) - 1, header.title_para, -1) if i not in header.metadata_paras]
        signature, signed = signature_before_date(texts, rest)
    if signature and (header.issuer is None or not signature.startswith(("附件", "抄送"))):
        # the 发文机关署名 names the issuer as the document signs itself
        header.issuer = signature
    if signed and header.issued_date is None:
        header.issued_date = signed
        header.stated.append("issued_date")
    for text in texts:
        match = issued_sentence(text)
        if match and (header.title is None or match["title"] == header.title):
            if header.issuer is None:
                header.issuer = match["who"]
            when = parse_date(match["when"] or "")
            if when and header.issued_date is None:
                header.issued_date = when
                header.stated.append("issued_date")
            break
    if header.issued_date is None:
        # a date alone on its line, its signature left out by the page it came from
        for i, text in enumerate(texts):
            if i not in header.metadata_paras and is_date_line(text.strip("（）() ")):
                header.issued_date = parse_date(text.strip("（）() "))
                header.stated.append("issued_date")
                break
    if header.issuer is None and header.issuer_table:
        header.issuer = header.issuer_table
    if header.issuer:
        header.issuer = re.sub(r"\s+", "", header.issuer)
        header.stated.append("issuer")


def strip_deputy(name: str) -> str:
    return re.sub(r"[（(]代[）)]$", "", name)


def signature_before_date(texts: list[str], where: list[int]) -> tuple[str | None, str | None]:
    """The 落款: organisation lines directly above a date line (the first in `where`), and that
    date; also both on one line (深圳市市场监督管理局2024年4月12日)."""
    allowed = set(where)
    for i in where:
        one_line = SIGNED_LINE_RE.match(texts[i])
        if one_line and ORG_END_RE.search(one_line["org"]) and parse_date(one_line["date"]):
            return strip_deputy(one_line["org"]), parse_date(one_line["date"])
        # a date the page garbled (2019年82) still marks the signature above it, with no date read;
        # one that lost its separators (2022921) is read when only one month and day fit
        packed = packed_date(texts[i])
        garbled = not is_date_line(texts[i]) and not packed and bool(
            re.fullmatch(r"(?:19|20)\d\d年[\d一二三四五六七八九十〇○月日]{0,6}", texts[i]))
        if not is_date_line(texts[i]) and not garbled and not packed:
            continue
        names: list[str] = []
        j = i - 1
        # the 附件说明 above a signature is no part of it
        while j >= 0 and j in allowed and len(names) < 3 and texts[j] and not SENTENCE_PUNCT.search(texts[j]) \
                and len(texts[j]) <= 40 and not re.match(r"附\s*件|[(（]", texts[j]):
            names.insert(0, texts[j])
            j -= 1
        joined = "".join(names)
        if joined and ORG_END_RE.search(joined):
            return strip_deputy(joined), None if garbled else packed or parse_date(texts[i])
    return None, None


def packed_date(text: str) -> str | None:
    """2022921 → 2022-09-21: a signature's date printed without separators, when exactly one
    split into a month and a day is a date."""
    if not re.fullmatch(r"(?:19|20)\d{4,6}", text):
        return None
    year, rest = int(text[:4]), text[4:]
    found = set()
    for k in range(1, len(rest)):
        month, day = rest[:k], rest[k:]
        if len(month) > 2 or len(day) > 2:
            continue
        try:
            found.add(date(year, int(month), int(day)).isoformat())
        except ValueError:
            continue
    return found.pop() if len(found) == 1 else None


SIGNED_LINE_RE = re.compile(r"^(?P<org>[^，,。；;：:\s]{4,40}?)(?P<date>" + DATE_RE.pattern + r")$")


def find_own_doc_number(texts: list[str], header: Header) -> None:
    """The notice's own 文号: on a line of its own or opening a line (国办发〔2012〕30号,
    •川办发[2013]43号, 川办发〔2012〕46号二○一二年七月二十五日) in the head of the notice, before
    its salutation or body; a 文号 cited in a sentence or after 《…》 is another document's."""
    if header.doc_number:
        return
    top = header.title_para if header.title_para is not None else len(texts)
    for i in range(min(len(texts), HEAD_LIMIT)):
        text = texts[i].strip()
        if i > top and (text.startswith("各") or MARKER_RE.match(text) or len(text) > 80):
            break  # the salutation or the body: what follows is cited
        match = OWN_DOC_NUMBER_RE.match(text)
        if match is None:
            continue
        after = text[match.end():]
        # 川办发〔2012〕46号二○一二年七月二十五日: the date of writing may follow on the line
        dated = DATE_RE.match(after)
        if len(text) <= 40 or i < top or dated or after[:1] in "(（":
            header.doc_number = normalise_doc_number(match.group("number"))
            header.stated.append("doc_number")
            if dated and header.issued_date is None and parse_date(dated.group(0)):
                header.issued_date = parse_date(dated.group(0))
                header.stated.append("issued_date")
            return


OWN_DOC_NUMBER_RE = re.compile(r"^[•·\s]*(?:(?:文\s*号|发文字号|字号)\s*[:：]?\s*)?(?P<number>" + DOC_NUMBER_RE.pattern + ")")
