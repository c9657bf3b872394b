"""Pages turned into HTML without Python-Markdown, wholly or in part.

The cross-link pages (agencies, listings) are thousands, and notices.site writes them in a small
subset of Markdown: ATX headings with an attribute list, raw HTML blocks, paragraphs of text and
inline HTML, and `- ` lists of such. Python-Markdown spent about 12 ms on each (its raw-HTML
parser and inline patterns over text that has nothing for them), a fifth of a build.

`render` gives for that subset the HTML, table of contents and anchors Python-Markdown (with the
site's toc and attr_list settings) gives; tests/test_rawpage.py compares the two on every
generated page. Anything outside the subset gives None, and MkDocs renders the page as usual.

Notice pages are Markdown proper, but most of their blocks are headings with an id, plain
paragraphs (a task's with an attribute list), raw HTML and a table of plain cells, which
Python-Markdown only copies, after running its block parser, raw-HTML parser, inline patterns,
toc and serializer over them. `stash` replaces each run of such blocks with one placeholder
holding their HTML (and the plain lines of other blocks with one each) before Python-Markdown
sees the page; `restore` puts them back into its HTML and `toc_tokens` the stashed headings into
its table of contents. The same HTML and table of contents (the tests compare them on every
notice page) in about a sixth of the time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

from markdown.extensions.toc import nest_toc_tokens
from markdown.util import BLOCK_LEVEL_ELEMENTS

_BLANK = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"(#{1,6}) +(.*?)(?: +\{([^{}]*)\})? *")
_ATTR = re.compile(r"(#|\.)?([\w-]+)(?:=([\w./:-]+))?")
# A paragraph's closing attribute list line (attr_list: `{: #id .class }`, the colon optional).
_ATTR_LINE = re.compile(r"\{:? *([^{}\n]*?) *\}")
_TAG = re.compile(r"<[a-zA-Z/][^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);")
_BLOCK_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
# Line starts that begin or continue other Markdown blocks (lists, quotes, tables, code, setext).
_MARKDOWN_LINE = re.compile(r"[ \t]|[-+*>=|#]|\d+[.)] ")
_ID = re.compile(r'\bid="([^"]*)"')
# Characters that mean something to Python-Markdown's inline patterns (or its escaping) in text.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>]|&|  $", re.M)


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_tokens: list[dict]
    title: str | None
    anchors: set[str]


def _plain_inline(text: str) -> bool:
    """Text with inline HTML tags and entities only: nothing Python-Markdown would change."""
    bare = _ENTITY.sub("", _TAG.sub("", text))
    return not _INLINE_SYNTAX.search(bare)


def _raw_block(line: str) -> bool:
    """A line that starts a raw HTML block: a block-level tag (an inline one starts a paragraph)."""
    m = _BLOCK_START.match(line)
    return bool(m) and m.group(1).lower() in BLOCK_LEVEL_ELEMENTS


def _raw_html(lines: list[str]) -> str | None:
    """A raw HTML block (its first line starts one) as Python-Markdown passes it through: every
    line a tag-bounded line, no markdown= attribute; None for any other."""
    if any("markdown=" in line or not (line.startswith("<") and line.rstrip().endswith(">")) for line in lines):
        return None
    return "\n".join(lines) + "\n"  # Python-Markdown leaves a blank line after a raw block


def _attrs(spec: str | None) -> list[tuple[str, str | None]] | None:
    """An attribute list `#id .class key=value key` as (name, value) pairs; None when it holds
    anything else."""
    if not spec:
        return []
    out, classes = [], []
    for token in spec.split():
        m = _ATTR.fullmatch(token)
        if not m:
            return None
        kind, name, value = m.groups()
        if kind == "#" and value is None:
            out.append(("id", name))
        elif kind == "." and value is None:
            classes.append(name)
        elif kind is None:
            out.append((name, value))
        else:
            return None
    if classes:
        out.append(("class", " ".join(classes)))
    return out


def _heading_html(level: int, text: str, anchor: str, attrs: list[tuple[str, str | None]]) -> str:
    """A heading as Python-Markdown writes it with the toc extension's permalink."""
    attr_html = "".join(f" {k}" if v is None else f' {k}="{html.escape(v)}"'
                        for k, v in sorted(attrs + [("id", anchor)]))
    return (f'<h{level}{attr_html}>{text}<a class="headerlink" href="#{html.escape(anchor)}" '
            f'title="Permanent link">&para;</a></h{level}>')


def _toc_token(level: int, text: str, anchor: str) -> dict:
    return {"level": level, "id": anchor, "name": _TAG.sub("", text), "html": text, "data-toc-label": ""}


def render(markdown: str, slugify: Callable[[str, str], str]) -> Rendered | None:
    """HTML for a page written in the subset; None when the page uses anything else."""
    blocks = [b for b in _BLANK.split(markdown.replace("\r\n", "\n").strip("\n")) if b.strip()]
    out: list[str] = []
    tokens: list[dict] = []
    ids: set[str] = set()
    title = None
    for block in blocks:
        lines = block.split("\n")
        first = lines[0]
        if first.startswith("#"):
            m = _HEADING.fullmatch(first)
            attrs = _attrs(m.group(3)) if m and len(lines) == 1 else None
            if attrs is None or not _plain_inline(m.group(2)) or m.group(2).endswith("#"):
                return None
            level, text = len(m.group(1)), m.group(2)
            name = _TAG.sub("", text)
            given = dict(attrs).get("id")
            anchor = given or slugify(html.unescape(name), "-")
            if not anchor or anchor in ids:
                return None  # Python-Markdown would number a repeated slug; not worth copying
            ids.add(anchor)
            attrs = [(k, v) for k, v in attrs if k != "id"]
            out.append(_heading_html(level, text, anchor, attrs))
            tokens.append(_toc_token(level, text, anchor))
            if level == 1 and title is None:
                title = html.unescape(name)
        elif _raw_block(first):
            raw = _raw_html(lines)
            if raw is None:
                return None
            out.append(raw)
        elif all(line.startswith("- ") for line in lines):
            if not all(_plain_inline(line[2:]) for line in lines):
                return None
            out.append("<ul>\n" + "".join(f"<li>{line[2:].strip()}</li>\n" for line in lines) + "</ul>")
        elif any(_MARKDOWN_LINE.match(line) or _ATTR_LINE.fullmatch(line) for line in lines) \
                or not _plain_inline(block):
            return None  # lists, quotes, tables, setext headings, code: Markdown proper
        else:
            out.append(f"<p>{block.strip()}</p>")
    anchors = ids | {a for b in out for a in _ID.findall(b)}
    return Rendered("\n".join(out).strip("\n"), nest_toc_tokens(tokens), title, anchors)


# ---- notice pages: plain lines stashed ------------------------------------------------------------

_STASHED_BLOCK = re.compile(r"<p>SDRAWB(\d+)X</p>")
_STASHED_LINE = re.compile(r"SDRAWL(\d+)X")
_SETEXT = re.compile(r"(?m)^[=-]+[ \t]*$")
# Lines starting with ASCII punctuation may be Markdown syntax (admonitions, attribute lists,
# definitions…); `<` may start inline HTML, which is checked apart.
_PUNCTUATION_START = frozenset("!\"#$%&'()*+,-./:;=>?@[\\]^_`{|}~")


def _plain_line(line: str) -> bool:
    return (bool(line) and line[0] not in _PUNCTUATION_START and line == line.strip()
            and not _MARKDOWN_LINE.match(line) and not _raw_block(line)
            and not any(c in line for c in "|{}") and _plain_inline(line))


_TABLE_RULE = re.compile(r"\|(?: *-{3,} *\|)+")


def _cells(line: str) -> list[str] | None:
    if not (line.startswith("|") and line.endswith("|")) or "\\" in line or "`" in line:
        return None
    return [c.strip() for c in line[1:-1].split("|")]


def _table_html(lines: list[str]) -> str | None:
    """A pipe table as Python-Markdown's tables extension writes it, for a table of plain cells
    with no column alignment; None for any other block."""
    if len(lines) < 2 or not _TABLE_RULE.fullmatch(lines[1]):
        return None
    rows = [_cells(line) for line in lines[:1] + lines[2:]]
    width = len(rows[0]) if rows[0] else 0
    if not width or lines[1].count("|") != width + 1 \
            or any(r is None or len(r) != width or not all(map(_plain_inline, r)) for r in rows):
        return None
    head = "<tr>\n" + "".join(f"<th>{c}</th>\n" for c in rows[0]) + "</tr>"
    body = "".join("<tr>\n" + "".join(f"<td>{c}</td>\n" for c in r) + "</tr>\n" for r in rows[1:])
    return f"<table>\n<thead>\n{head}\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def _block_html(lines: list[str]) -> str | None:
    """The HTML Python-Markdown makes of a whole block that needs none of its work: a raw HTML
    block, a paragraph of plain lines (with a closing attribute list line), a table of plain
    cells; None for anything else."""
    if _raw_block(lines[0]):
        return _raw_html(lines)
    if lines[0].startswith("|"):
        return _table_html(lines)
    attrs: list[tuple[str, str | None]] | None = []
    m = _ATTR_LINE.fullmatch(lines[-1])
    if m and len(lines) > 1:
        attrs = _attrs(m.group(1))
        lines = lines[:-1]
    if attrs is None or not all(map(_plain_line, lines)):
        return None
    attr_html = "".join(f" {k}" if v is None else f' {k}="{v}"' for k, v in sorted(attrs))
    return f"<p{attr_html}>" + "\n".join(lines) + "</p>"


@dataclass(frozen=True)
class Stash:
    markdown: str        # what Python-Markdown is given
    pieces: list[str]    # the HTML of each placeholder
    headings: list[dict]  # toc tokens of the headings in `pieces`, in order, not nested


def _stashed_heading(lines: list[str]) -> tuple[str, dict] | None:
    """A heading below h1 with an explicit id and plain text, as HTML and its toc token."""
    m = _HEADING.fullmatch(lines[0]) if len(lines) == 1 else None
    if not m or len(m.group(1)) < 2 or m.group(2).endswith("#") or not _plain_inline(m.group(2)):
        return None
    attrs = _attrs(m.group(3))
    if attrs is None or [k for k, _ in attrs] != ["id"]:
        return None
    level, text, anchor = len(m.group(1)), m.group(2), attrs[0][1]
    return _heading_html(level, text, anchor, []), _toc_token(level, text, anchor)


def stash(markdown: str, headings: bool = True) -> Stash | None:
    """The page with what Python-Markdown would only copy replaced by placeholders: each run of
    whole blocks it needs not parse (raw HTML, paragraphs of plain lines, plain tables, headings
    below h1 with an id) by one placeholder holding their HTML, and the plain lines (text and
    inline HTML) of other blocks by one placeholder each. Headings are stashed only when every
    heading but a leading h1 can be, so that the table of contents is Python-Markdown's (the
    h1, which also gives the page its title) followed by `headings`. None for a page this does
    not handle (fenced code, setext headings, the placeholder word itself)."""
    if "SDRAW" in markdown or "```" in markdown or "~~~" in markdown or _SETEXT.search(markdown):
        return None
    pieces: list[str] = []
    tokens: list[dict] = []
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            pieces.append("\n".join(run))
            out.append(f"SDRAWB{len(pieces) - 1}X")
            run.clear()

    for block in _BLANK.split(markdown):
        lines = block.split("\n")
        whole = block.strip("\n").split("\n")
        if headings and whole[0].startswith("#"):
            heading = _stashed_heading(whole)
            if heading is not None:
                run.append(heading[0])
                tokens.append(heading[1])
                continue
            if tokens or not whole[0].startswith("# "):
                return stash(markdown, headings=False)  # Python-Markdown would not see them in order
        done = _block_html(whole) if block.strip() else None
        if done is not None:
            run.append(done)
            continue
        flush()
        for i, line in enumerate(lines):
            if _plain_line(line):
                pieces.append(line)
                lines[i] = f"SDRAWL{len(pieces) - 1}X"
        out.append("\n".join(lines))
    flush()
    return Stash("\n\n".join(out), pieces, tokens)


def toc_tokens(rendered: list[dict], stashed: Stash) -> list[dict]:
    """The page's table of contents (nested tokens): Python-Markdown's, of what it rendered,
    then the stashed headings."""
    def flat(tokens: list[dict]) -> list[dict]:
        return [t for token in tokens for t in [{k: v for k, v in token.items() if k != "children"},
                                                 *flat(token.get("children") or [])]]
    return nest_toc_tokens(flat(rendered) + [dict(t) for t in stashed.headings])


def restore(html: str, stashed: Stash) -> str:
    html = _STASHED_BLOCK.sub(lambda m: stashed.pieces[int(m.group(1))], html)
    return _STASHED_LINE.sub(lambda m: stashed.pieces[int(m.group(1))], html)


def stashed_ids(stashed: Stash) -> set[str]:
    """The anchors in the stashed HTML, which MkDocs would have collected from the raw HTML."""
    return {a for piece in stashed.pieces if "id=" in piece for a in _ID.findall(piece)}
