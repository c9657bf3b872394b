"""The one escaping rule for everything that comes from outside (a notice's text, a sidecar's
values): it is text wherever it is written. This module holds the shared pieces: control
characters removed, URLs validated, spreadsheet formulas neutralised, the English summary's
Markdown rendered without raw HTML and sanitised, and source text escaped so that it never
becomes Markdown syntax."""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .errors import NoticeError

# Characters no feed, page or spreadsheet should carry: C0 controls other than tab, line feed
# and carriage return (XML 1.0 forbids them: one VT makes a feed unreadable), DEL and C1
# controls, the bidirectional overrides and isolates (they reorder what a reader sees, e.g. a
# file name or a number), and the non-characters XML forbids.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def control_characters(text: str) -> list[str]:
    """The control characters in `text`, as `U+000B` names, each once, in order of code."""
    return [f"U+{ord(c):04X}" for c in sorted(set(CONTROL_RE.findall(text)))]


def strip_controls(text: str) -> tuple[str, list[str]]:
    """`text` without control characters, and the names of those removed (empty: unchanged)."""
    found = control_characters(text)
    return (CONTROL_RE.sub("", text), found) if found else (text, [])


# Text that looks like web code: an HTML tag, comment or declaration, a javascript: address,
# an event handler (onload=). Never live on the site (everything is escaped); `check` points
# it out, and a sidecar may not hold it (a maintainer writes text and Markdown, not HTML).
MARKUP_RE = re.compile(r"<[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>])|</[a-zA-Z]|<[!?]|javascript:|vbscript:|\bon[a-z]{3,}\s*=", re.I)


def markup_in(text: str) -> str | None:
    """The first piece of `text` that looks like web code, with a little context; None if none."""
    match = MARKUP_RE.search(text)
    if match is None:
        return None
    return text[max(0, match.start() - 10):match.end() + 20].replace("\n", " ")


# ---- files ------------------------------------------------------------------------------

def read_regular(path: Path, limit: int, shown: str) -> bytes:
    """A regular file's bytes, at most `limit`: never through a symbolic link, never a device
    or a pipe (a sidecar linked to /dev/zero would be read without end)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise NoticeError(shown, f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})")
    if stat.S_ISLNK(info.st_mode):
        raise NoticeError(shown, "这是一个符号链接，不是文件；请放入文件本身", "this is a symbolic link, not a file; put the file itself here")
    if not stat.S_ISREG(info.st_mode):
        raise NoticeError(shown, "这不是普通文件", "this is not a regular file")
    if info.st_size > limit:
        raise NoticeError(shown, f"文件过大（超过 {_size(limit)}）", f"the file is larger than {_size(limit)}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise NoticeError(shown, f"无法读取文件（{exc.strerror}）", f"cannot read the file ({exc.strerror})")
    if len(data) > limit:
        raise NoticeError(shown, f"文件过大（超过 {_size(limit)}）", f"the file is larger than {_size(limit)}")
    return data



def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


# ---- URLs ---------------------------------------------------------------------------------

# What a URL may hold as written (RFC 3986: unreserved, reserved and percent signs); anything
# else (spaces, quotes, <, >, backslashes, controls, non-ASCII) must be percent-encoded.
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def url_problem(value: str) -> tuple[str, str] | None:
    """Why `value` is not a web address a page may link to, in Chinese and English; None if it is."""
    if not value.startswith(("http://", "https://")):
        return ("应以 http:// 或 https:// 开头", "must start with http:// or https://")
    if not _URL_CHARS.fullmatch(value) or "'" in value:
        return ("含有网址中不允许的字符（空格、换行、引号、尖括号或中文字符等）；中文字符请按原网页地址栏复制",
                "holds characters a web address cannot (spaces, line breaks, quotes, angle brackets, "
                "Chinese characters); copy it from the browser's address bar")
    try:
        parts = urlsplit(value)
        port = parts.port  # raises on a malformed port
    except ValueError:
        port = None
        parts = None
    if parts is None or not parts.hostname or "." not in parts.hostname or port == 0:
        return ("不是完整的网址（缺少网站名称）", "is not a complete web address (no host name)")
    return None


# ---- CSV ----------------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by spreadsheets (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading
    apostrophe, as OWASP recommends (the csv writer quotes the rest)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


# ---- Markdown -----------------------------------------------------------------------------

# Characters that mean something to Markdown, HTML or the extensions the site uses, written
# as entities so that a notice's text always renders as the text it is.
_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>#|~^$"}
_ESCAPES["&"] = "&amp;"
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_ESCAPED_RE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# At the start of a line these begin a list, a definition, a setext heading, an admonition
# (!!!), a collapsible block (???) or a tab (===); leading spaces would begin code.
_LINE_START_RE = re.compile(r"^(?:[-+=:!?]|\d+(?=[.)])| +)", re.M)


def _entities(match: re.Match) -> str:
    return "".join(f"&#{ord(c)};" for c in match.group(0))


def md_text(text: str) -> str:
    """Text from a source written into a Markdown page: it renders as exactly this text, and
    never as Markdown syntax (headings, lists, admonitions, attribute lists, HTML)."""
    if "\r" in text:  # Markdown reads a carriage return as a line break: a line start to escape
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Most Chinese text holds none of these characters; looking is cheaper than translating.
    if _ESCAPED_RE.search(text):
        text = text.translate(_ESCAPE_TABLE)
    return _LINE_START_RE.sub(_entities, text)


# What an English summary may use: paragraphs, lists, emphasis, inline code, quotes and links
# to web pages. No images (a request would leave the site), no raw HTML, no attributes.
SUMMARY_TAGS = {"p", "ul", "ol", "li", "em", "strong", "code", "blockquote", "a", "br", "h3", "h4", "h5", "h6"}
SUMMARY_ATTRIBUTES = {"a": {"href"}, **{f"h{n}": {"id"} for n in range(3, 7)}}


@lru_cache(maxsize=1)
def _summary_markdown():
    import markdown

    from markdown.extensions.toc import TocExtension
    from pymdownx.slugs import slugify

    # Headings get ids as the page's own do, prefixed so that none can take a task's (t-3-2).
    page_slug = slugify(case="lower")
    md = markdown.Markdown(extensions=[TocExtension(slugify=lambda value, sep: "summary-" + page_slug(value, sep))],
                           output_format="html")
    # Raw HTML is text here: a summary is written in Markdown, and `<script>` in it is shown
    # as written (then escaped again by the sanitiser, should anything slip through).
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def summary_html(text: str) -> str:
    """An English summary's Markdown as HTML safe to publish: Python-Markdown with raw HTML off
    and no extensions (no attribute lists, no `markdown="1"`), then nh3 keeps only the tags and
    attributes above, links to http(s) only, marked nofollow. One line, so that the page's own
    Markdown passes it through as one raw block."""
    import nh3

    md = _summary_markdown()
    md.reset()
    rendered = md.convert(text)
    clean = nh3.clean(rendered, tags=SUMMARY_TAGS, attributes=SUMMARY_ATTRIBUTES, url_schemes={"http", "https"},
                      link_rel="nofollow noopener noreferrer", strip_comments=True)
    return " ".join(clean.split("\n")).strip()
