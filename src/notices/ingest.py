"""Stage 1: read a notice as obtained (bytes in any common Chinese encoding, plain text or a
saved HTML page) and return its text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

from .documents import ordinary_radicals, read_docx, read_pdf, sniff, unreadable
from .errors import NoticeError
from .safety import read_regular, strip_controls

# Files a maintainer can drop into sources/ as they are.
SOURCE_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
# Files collected too, so that each gets its line saying how to save it in a form that works.
REFUSED_SUFFIXES = (".doc", ".wps", ".ofd")
# Encodings real Chinese notices come in; GB18030 is a superset of GBK and GB2312.
CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]
MAX_BYTES = 20 * 1024 * 1024

# Page chrome of government sites: elements dropped before conversion, by tag or by a
# class/id word. Their text never reaches the page.
CHROME_TAGS = ["head", "title", "script", "style", "noscript", "iframe", "object", "embed", "form", "button",
               "input", "select", "textarea", "nav", "header", "footer", "aside", "svg",
               "canvas", "template", "link", "meta"]
CHROME_TAG_SET = frozenset(CHROME_TAGS)
CHROME_WORDS = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumb|crumb|share|bdshare|footer|foot|header|sidebar|"
    r"toolbar|print|fontsize|position|location|copyright|qrcode|related|hot)([-_ ]|$)", re.I)


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    encoding: str
    sha256: str
    kind: str  # "text", "html", "pdf" or "docx"
    controls: list[str] = field(default_factory=list)  # control characters removed (U+000B …)
    dropped: tuple[str, ...] = ()  # page furniture left out while reading (a PDF's page numbers)


def read_source(path: Path) -> Source:
    """Read and decode one source file; raise NoticeError when it cannot be used."""
    shown = str(path)
    data = read_regular(path, MAX_BYTES, shown)
    suffix = path.suffix.lower()
    document = sniff(data)
    if document in ("pdf", "docx"):
        extracted = read_pdf(data, shown) if document == "pdf" else read_docx(data, shown)
        if not extracted.text.strip():
            raise NoticeError(shown, "文件中没有可转换的文字", "the file holds no text to convert")
        text, controls = strip_controls(extracted.text)
        return Source(shown, text, document, hashlib.sha256(data).hexdigest(), document, controls,
                      tuple(extracted.dropped))
    if document is None and suffix in (".pdf", ".docx"):
        raise NoticeError(shown, f"文件名是 {suffix}，内容却不是（文件可能已损坏）；请重新取得原件",
                          f"the file is named {suffix} but is not one (it may be damaged); obtain it again")
    if document is not None or suffix in REFUSED_SUFFIXES:
        raise unreadable(shown, document or "", suffix)
    text, encoding = decode(data, shown)
    if not text.strip():
        raise NoticeError(shown, "文件为空，没有可转换的文字", "the file is empty: there is no text to convert")
    text = ordinary_radicals(text)
    kind = "html" if path.suffix.lower() in (".html", ".htm") or looks_like_html(text) else "text"
    if kind == "html":
        try:
            text = html_to_text(text)
        except RecursionError:
            raise NoticeError(shown, "网页的标签嵌套层次过深，无法读取；请复制正文另存为 .txt",
                              "the web page's tags are nested too deeply to read; copy its text into a .txt") from None
        if not text.strip():
            raise NoticeError(shown, "网页中没有找到正文文字", "the web page holds no body text")
    # after HTML conversion too: an entity such as &#11; becomes a control character there
    text, controls = strip_controls(text)
    return Source(shown, text, encoding, hashlib.sha256(data).hexdigest(), kind, controls)


def decode(data: bytes, shown: str) -> tuple[str, str]:
    """Decode bytes to text, detecting the encoding among those Chinese notices use."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise unreadable(shown, "", "")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None or best.chaos > 0.2:
        raise NoticeError(
            shown, "无法识别文件的文字编码（可能混用了多种编码）；请用 UTF-8 另存后重试",
            "the text encoding cannot be recognised (perhaps several are mixed); save the file as UTF-8 and try again")
    return str(best), best.encoding


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


class FastParentTag(Tag):
    """bs4's Tag with a direct `find_parent(name)`: markdownify asks it of every tag (is it
    inside a <pre>?), and bs4 answers through a general search that builds a filter each time.
    html.parser gives tags no namespace prefix, so a name matches exactly when equal."""

    def find_parent(self, name=None, attrs=None, **kwargs):
        if not isinstance(name, str) or ":" in name or attrs or kwargs:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None:
            if parent.name == name:
                return parent
            parent = parent.parent
        return None


class NoticeConverter(MarkdownConverter):
    """markdownify, reduced to plain text with block structure: notices have no inline
    formatting worth keeping, and links or images from a source must not become live."""

    def convert_soup(self, soup):
        # A tag goes when it is chrome, by tag name or by a class/id word; the tags inside a
        # dropped one are never looked at. Each tag is judged on its own, so the order of the
        # walk does not matter. Taken out of the tree (`extract`) rather than destroyed
        # (`decompose`, which visits every tag inside): the rest of the tree is the same.
        stack = [soup]
        while stack:
            for child in list(stack.pop().contents):  # a copy: extracting changes `contents`
                if not isinstance(child, Tag):
                    continue
                if child.name in CHROME_TAG_SET or CHROME_WORDS.search(
                        " ".join(child.get("class") or []) + " " + (child.get("id") or "")):
                    child.extract()
                else:
                    stack.append(child)
        return super().convert_soup(soup)

    def convert_a(self, el, text, parent_tags):
        return text

    def convert_img(self, el, text, parent_tags):
        return ""

    def convert_b(self, el, text, parent_tags):
        return text

    convert_strong = convert_em = convert_i = convert_u = convert_span = convert_font = convert_b

    def convert_hN(self, n, el, text, parent_tags):
        return f"\n\n{text.strip()}\n\n"

    def convert_li(self, el, text, parent_tags):
        return f"{text.strip()}\n"

    def escape(self, text, parent_tags):
        return text


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser", element_classes={Tag: FastParentTag})
    text = NoticeConverter(heading_style="ATX", bullets="", strip=[]).convert_soup(soup)
    # markdownify writes table rows as `| a | b |` and separator rows `| --- |`.
    return "\n".join(line for line in text.splitlines() if not re.fullmatch(r"\s*\|?(\s*-{3,}\s*\|)+\s*", line))
