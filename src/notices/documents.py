"""Stage 1 for files that are not text: the text of a PDF (through its text layer, read with
pdfplumber) or a Word .docx (python-docx), one paragraph a line, and the page furniture left
out (page numbers such as `— 2 —`, lines repeated at the top or bottom of every page, a
.docx's headers and footers), each reported as dropped.

Formats no maintained library here reads (.doc, .wps, .ofd, PDFs that are scans without a
text layer) get one line saying how to save the file in a form that works."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .dates import is_date_line
from .errors import NoticeError
from .registry import DATA_DIR

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls: the old compound-file formats
# what a page number looks like on its own line: — 2 —, - 3 -, 第 2 页（共 5 页）, 2/10, 2
PAGE_NUMBER_RE = re.compile(
    r"[—–\-－―]*\s*(第\s*)?\d{1,3}\s*(页(\s*[，,]?\s*共\s*\d{1,3}\s*页)?|/\s*\d{1,3})?\s*[—–\-－―]*")
# the top and bottom of a page where running lines and page numbers sit (share of the height)
MARGIN_BAND = 0.12


@dataclass(frozen=True)
class Extracted:
    text: str  # one paragraph a line
    dropped: list[str]  # page furniture left out, as written
    kind: str  # "pdf" or "docx"


@lru_cache(maxsize=1)
def radical_table() -> dict[int, str]:
    data = yaml.safe_load((DATA_DIR / "radicals.yaml").read_text(encoding="utf-8"))
    return {ord(k): v for k, v in data["radicals"].items()}


RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def ordinary_radicals(text: str) -> str:
    """Kangxi-radical and CJK-radical-supplement code points (⼯作, ⽂件, ⽇, ⻔) as the ordinary
    characters they stand for (工作, 文件, 日, 门). PDFs made with CJK fonts carry them where the
    font maps one glyph to both. Only these two blocks: the rest of the text is left as it is
    (NFKC would also fold full-width punctuation, which notices use on purpose)."""
    if RADICAL_RE.search(text) is None:
        return text
    return text.translate(radical_table())


def sniff(data: bytes) -> str | None:
    """The kind of a document by its first bytes: "pdf", "docx", "ole2", "ofd", or None."""
    if data.startswith(PDF_MAGIC) or data[:1024].lstrip().startswith(PDF_MAGIC):
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "ole2"
    if data.startswith(ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "OFD.xml" in names:
            return "ofd"
    return None


def unreadable(shown: str, kind: str, suffix: str) -> NoticeError:
    """The one line for a file we cannot read, saying how to save it in a form that works."""
    if kind == "ole2" or suffix in (".doc", ".wps", ".et", ".xls"):
        return NoticeError(
            shown, "这是旧版 Word/WPS 文件（.doc/.wps），无法直接读取；请在 Word 或 WPS 中“另存为” .docx 或 PDF，再放入 sources/",
            "this is an old Word/WPS file (.doc/.wps), which cannot be read; open it in Word or WPS, "
            "'Save as' .docx or PDF and put that in sources/")
    if kind == "ofd" or suffix == ".ofd":
        return NoticeError(
            shown, "这是 OFD 版式文件，无法直接读取；请用 OFD 阅读器或 WPS 打开，导出为 PDF，再放入 sources/",
            "this is an OFD file, which cannot be read; open it in an OFD reader or WPS, export it as PDF "
            "and put that in sources/")
    return NoticeError(shown, "这是二进制文件，不是文字、网页、PDF 或 Word（.docx）文件；请另存为 .txt、.docx 或 PDF",
                       "this is a binary file, not text, a web page, a PDF or a Word .docx; save it as .txt, .docx or PDF")


# --- PDF -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """One line of a PDF page, where it sits (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    size: float  # font size of its first character
    page: int


def pdf_lines(data: bytes, shown: str) -> tuple[list[Line], list[float]]:
    """Every text line of every page, and each page's height."""
    import pdfplumber  # imported when first needed: most notices are text

    # pdfminer logs each font it finds odd (CJK fonts without a bounding box, say) as a warning:
    # nothing a maintainer can act on, and not one line each
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[Line] = []
    heights: list[float] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages):
                heights.append(float(page.height))
                for found in page.extract_text_lines(return_chars=True, strip=True):
                    chars = found["chars"]
                    if not found["text"].strip() or not chars:
                        continue
                    lines.append(Line(found["text"], float(found["x0"]), float(found["x1"]), float(found["top"]),
                                      round(float(chars[0]["size"]), 1), number))
    except Exception as exc:  # pdfminer and pdfplumber raise many kinds for damaged or encrypted files
        raise NoticeError(shown, "PDF 文件已损坏或加密，无法读取；请打开后“打印”为新的 PDF，或另存为 .docx",
                          "the PDF is damaged or encrypted and cannot be read; open it and print it to a new PDF, "
                          "or save it as .docx") from exc
    return lines, heights


def furniture(lines: list[Line], heights: list[float]) -> set[int]:
    """Indexes of lines that are page furniture: page numbers in a page's top or bottom band, and
    lines repeated in that band on several pages (running heads, a file name, a URL)."""

    def in_band(line: Line) -> bool:
        height = heights[line.page]
        return line.top < height * MARGIN_BAND or line.top > height * (1 - MARGIN_BAND)

    def shape(text: str) -> str:  # the same running line, whatever its page number or date
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    repeated = Counter(shape(line.text) for line in lines if in_band(line))
    pages = len(heights)
    out = set()
    for index, line in enumerate(lines):
        if not in_band(line):
            continue
        if PAGE_NUMBER_RE.fullmatch(line.text.strip()) or (pages > 1 and repeated[shape(line.text)] >= 2):
            out.add(index)
    return out


TERMINAL = ("。", "：", ":", "！", "？", "；")


@dataclass(frozen=True)
class Box:
    """The text block of a page: where its lines start and end."""

    left: float
    right: float
    indents: bool = False  # the document starts its paragraphs indented (GB/T 9704: two characters)


def text_box(lines: list[Line], size: float) -> Box:
    """The leftmost start and the rightmost end that several lines of the body's size share (a
    single line further out is a heading or a stray mark, not the margin)."""
    starts = Counter(round(line.x0) for line in lines if line.size == size) or Counter(round(l.x0) for l in lines)
    ends = Counter(round(line.x1) for line in lines if line.size == size) or Counter(round(l.x1) for l in lines)
    return Box(min((x for x, n in starts.items() if n >= 2), default=min(starts)),
               max((x for x, n in ends.items() if n >= 2), default=max(ends)))


def paragraphs(lines: list[Line]) -> list[str]:
    """Lines joined into paragraphs by where they sit: a paragraph goes on while each line fills
    the text's width and the next starts no further right; a centred title or a right-aligned
    signature set on two lines is one paragraph. A page set otherwise (a landscape table) has
    its own text block."""
    if not lines:
        return []
    em = Counter(line.size for line in lines).most_common(1)[0][0]  # the body's size
    whole = text_box(lines, em)
    indented = sum(1 for line in lines if line.size == em and em < line.x0 - whole.left < 3 * em)
    whole = Box(whole.left, whole.right, indented >= 3)
    boxes = {}
    for page in {line.page for line in lines}:
        own = [line for line in lines if line.page == page and line.size == em]
        box = text_box(own, em) if len(own) >= 6 else whole
        # only a page set otherwise (landscape, other margins) has a block of its own: on the
        # others a page of few full lines would mistake its indented lines for the margin
        boxes[page] = Box(box.left, box.right, whole.indents) \
            if abs((box.right - box.left) - (whole.right - whole.left)) > 4 * em else whole
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        if previous is not None and continues(previous, line, boxes[previous.page], boxes[line.page], em):
            out[-1] = join(out[-1], line.text)
        else:
            out.append(line.text)
        previous = line
    return out


def continues(before: Line, line: Line, box_before: Box, box: Box, em: float) -> bool:
    """Whether `line` goes on the paragraph whose last line was `before` (`box_before` and `box`
    the text blocks of their pages)."""
    if abs(before.size - line.size) > 0.5:
        return False
    left, right = box.left, box.right
    near = before.page == line.page and 0 < line.top - before.top < 2.2 * line.size
    if near and centred(before, left, right, em) and centred(line, left, right, em):
        return True  # a title centred on two lines
    if near and before.x0 > left + 2 and line.x0 > before.x0 + 2 * em and abs(before.x1 - line.x1) < em / 2 \
            and not is_date_line(line.text) and not is_date_line(before.text):
        return True  # a signature set right on two lines: the second shorter, ending where the first does
    if before.x0 > box_before.left + 2.5 * em:
        return False  # the line before is no line of running text (a date, a short line set right)
    # how far the line before ends from the right edge: a line set flush left ends up to two
    # characters short when the next would have begun with a comma or a closing mark, more when
    # a number or a quoted word is kept whole; where paragraphs start indented, a line at the
    # margin after one that ends no sentence goes on it all the same
    short = box_before.right - before.x1
    ends = before.text.rstrip().endswith(TERMINAL)
    at_left = line.x0 <= left + em / 2
    if short > (6 if box.indents and at_left and not ends else 2.5) * em:
        return False  # the line before ended short: a paragraph's last line
    if short > 0.8 * em and (ends or not at_left):
        return False  # nearly full, but it ends a sentence, or the next line is indented
    if line.x0 - left > before.x0 - box_before.left + em / 2:
        return False  # further in than the line before: a new, indented paragraph
    if line.x0 > left + em and before.text.rstrip().endswith(("。", "：", ":")):
        return False  # an indented paragraph after one whose last line happened to be full
    return True


def centred(line: Line, left: float, right: float, em: float) -> bool:
    margin_left, margin_right = line.x0 - left, right - line.x1
    return margin_left > 2 and margin_right > 2 and abs(margin_left - margin_right) < em / 2


def join(before: str, after: str) -> str:
    # words of Latin script broken at a line end keep a space between them; CJK text does not
    if before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum():
        return f"{before} {after}"
    return before + after


CID_RE = re.compile(r"\(cid:\d+\)")


def unmapped(lines: list[Line]) -> bool:
    """Whether most of the text is pdfminer's `(cid:123)`: glyphs of a font without a map to
    characters (a PDF made that way has no text to read, only shapes)."""
    text = "".join(line.text for line in lines)
    return len("".join(CID_RE.findall(text))) > 0.3 * len(text)


def read_pdf(data: bytes, shown: str) -> Extracted:
    lines, heights = pdf_lines(data, shown)
    if not lines:
        raise NoticeError(
            shown, "这个 PDF 没有文字层（是扫描图片），无法读取文字；请找原文网页或 Word 版，或用文字识别（OCR）软件识别后存为 .docx 或 .txt",
            "this PDF has no text layer (it is a scanned image); find the notice's web page or Word file, or run "
            "OCR on it and save the result as .docx or .txt")
    if unmapped(lines):
        raise NoticeError(
            shown, "这个 PDF 的字体没有文字映射，取出的只是字形编号；请找原文网页或 Word 版，或用文字识别（OCR）软件识别后存为 .docx 或 .txt",
            "this PDF's fonts map no glyph to a character, so only glyph numbers come out; find the notice's web "
            "page or Word file, or run OCR on it and save the result as .docx or .txt")
    dropped_at = furniture(lines, heights)
    kept = [line for index, line in enumerate(lines) if index not in dropped_at]
    dropped = [ordinary_radicals(lines[i].text) for i in sorted(dropped_at)]
    return Extracted("\n".join(ordinary_radicals(p) for p in paragraphs(kept)), dropped, "pdf")


# --- Word .docx ----------------------------------------------------------------------------

def read_docx(data: bytes, shown: str) -> Extracted:
    """The body's paragraphs and tables in order (a table row as `| a | b |`, as an HTML page's
    table is read); the headers and footers, where page numbers and running lines sit, dropped."""
    import docx  # imported when first needed
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NoticeError(shown, "Word 文件已损坏，无法读取；请在 Word 或 WPS 中打开后重新“另存为” .docx",
                          "the Word file is damaged and cannot be read; open it in Word or WPS and save it as .docx again") from exc
    lines: list[str] = []
    label = Numbering(document)
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines += text_boxes(block._p)
            text = label(block) + block.text
            lines += [part for part in text.split("\n") if part.strip()]
        elif isinstance(block, Table):
            lines += table_rows(block)
    dropped: list[str] = []
    seen: set[str] = set()
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            if part.is_linked_to_previous and section is not document.sections[0]:
                continue
            for paragraph in part.paragraphs:
                text = paragraph.text.strip()
                if text and text not in seen:
                    seen.add(text)
                    dropped.append(ordinary_radicals(text))
    return Extracted("\n".join(ordinary_radicals(line) for line in lines), dropped, "docx")


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def text_boxes(paragraph) -> list[str]:
    """The lines of the text boxes anchored in a paragraph (a red 发文机关标志 is often one); they
    are in no paragraph's text. A box Word also writes as an older fallback is read once."""
    lines = []
    for box in paragraph.iter(f"{W}txbxContent"):
        if any(ancestor.tag == MC_FALLBACK for ancestor in box.iterancestors()):
            continue
        for inner in box.iter(f"{W}p"):
            text = "".join(node.text or "" for node in inner.iter(f"{W}t"))
            if text.strip():
                lines.append(text)
    return lines


def table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = re.sub(r"\s*\n\s*", " ", cell.text).strip()
            if not cells or cells[-1] != text:  # a merged cell is returned once for each column it spans
                cells.append(text)
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows


# --- Word's automatic numbering ------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def number_in(fmt: str, n: int) -> str:
    """A list number in one of Word's formats (w:numFmt) that Chinese documents use."""
    import cn2an  # imported when first needed

    if fmt.startswith(("chineseCounting", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return cn2an.an2cn(str(n))
    if fmt == "chineseLegalSimplified":
        return cn2an.an2cn(str(n), "up")
    if fmt == "decimalFullWidth":
        return str(n).translate(FULL_WIDTH_DIGITS)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = "".join(sym * (n // val) for val, sym in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")))
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)  # decimal and the formats we do not know


class Numbering:
    """The numbers Word puts before paragraphs of its automatic lists (一、 （一） 1.): they are
    not in the paragraph's text, and without them a notice's outline is lost. Counted as Word
    counts them, per list, a level's count going back to its start when a higher level moves on."""

    def __init__(self, document):
        # numId → ilvl → (format, text, start, restart): restart is the level (1-based) after which
        # the count starts again, 0 for never, None for after any higher level (Word's default)
        self.levels: dict[str, dict[int, tuple]] = {}
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{W}abstractNum"):
            abstract[node.get(f"{W}abstractNumId")] = self.read_levels(node)
        for node in root.iter(f"{W}num"):
            ref = node.find(f"{W}abstractNumId")
            if ref is not None and ref.get(f"{W}val") in abstract:
                levels = dict(abstract[ref.get(f"{W}val")])
                for override in node.iter(f"{W}lvlOverride"):
                    start = override.find(f"{W}startOverride")
                    ilvl = int(override.get(f"{W}ilvl", "0"))
                    if start is not None and ilvl in levels:
                        fmt, text, _, restart = levels[ilvl]
                        levels[ilvl] = (fmt, text, int(start.get(f"{W}val", "1")), restart)
                self.levels[node.get(f"{W}numId")] = levels

    @staticmethod
    def read_levels(node) -> dict[int, tuple]:
        levels = {}
        for level in node.iter(f"{W}lvl"):
            def value(tag: str, default: str) -> str:
                found = level.find(f"{W}{tag}")
                return found.get(f"{W}val", default) if found is not None else default
            restart = value("lvlRestart", "")
            levels[int(level.get(f"{W}ilvl", "0"))] = (value("numFmt", "decimal"), value("lvlText", ""),
                                                        int(value("start", "1")), int(restart) if restart else None)
        return levels

    def __call__(self, paragraph) -> str:
        num_id, ilvl = self.reference(paragraph)
        levels = self.levels.get(num_id) if num_id else None
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else levels[ilvl][2]
        for deeper in [lvl for lvl in counts if lvl > ilvl]:
            restart = levels[deeper][3] if deeper in levels else None
            if restart is None or (restart and ilvl <= restart - 1):
                del counts[deeper]
        fmt, text = levels[ilvl][:2]
        if fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match) -> str:
            lvl = int(match.group(1)) - 1
            if lvl not in levels:
                return ""
            return number_in(levels[lvl][0] if lvl != ilvl else fmt, counts.get(lvl, levels[lvl][2]))
        return re.sub(r"%([1-9])", number, text)

    @staticmethod
    def reference(paragraph) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph's list, set on the paragraph or on its style."""
        for holder in (paragraph._p, getattr(paragraph.style, "element", None)):
            ppr = holder.find(f"{W}pPr") if holder is not None else None
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            if num is not None:
                num_id, ilvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
                return (num_id.get(f"{W}val") if num_id is not None else None,
                        int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)
        return None, 0
