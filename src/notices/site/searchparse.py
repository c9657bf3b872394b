"""mkdocs-material's search Parser, fed by a faster tokenizer.

The search plugin splits every page's HTML into sections with its `Parser`, an
html.parser.HTMLParser subclass. At 1,000 notices that was the largest single cost of a build
(about a quarter of the Chinese one), and most of it is HTMLParser's general tokenizer, written
for any HTML a browser accepts. The pages MkDocs renders for this site are well-formed: text,
start tags with quoted attribute values, end tags. `Parser` here tokenizes such HTML with a few
regular expressions and calls the same handlers (material's own, unchanged) with the same
arguments HTMLParser would; anything else in a page (comments, declarations, scripts, an
unquoted attribute, a stray `<`) sends the whole page through HTMLParser as before.
tests/test_searchparse.py compares the sections of both on every page of a built site.
"""

from __future__ import annotations

import re
from html import escape, unescape

from material.plugins.search import plugin as material_search

_NAME = r"[a-zA-Z][a-zA-Z0-9]*"
_ATTR = r"""[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))?"""
# One token: text, a start tag (attributes, optional "/"), or an end tag; `.` (anything else at
# a "<") ends the fast path.
_TOKEN = re.compile(rf"""([^<]+)|<({_NAME})((?:\s+{_ATTR})*)\s*(/?)>|</({_NAME})\s*>|(<)""")
_ATTRS = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'))?""")
# Elements whose content HTMLParser reads as raw text.
_RAW_TEXT = frozenset({"script", "style"})

Call = tuple  # ("start", tag, attrs) | ("end", tag) | ("data", text)


def _attrs(spec: str) -> list[tuple[str, str | None]]:
    out = []
    for m in _ATTRS.finditer(spec):
        name, double, single = m.groups()
        value = double if double is not None else single
        # as HTMLParser: no value → None; a value is unescaped unless empty
        out.append((name.lower(), unescape(value) if value else value))
    return out


def tokens(html: str) -> list[Call] | None:
    """The handler calls HTMLParser (convert_charrefs=True) makes for `html`; None when the HTML
    holds anything but text, simple start tags and end tags."""
    calls: list[Call] = []
    for m in _TOKEN.finditer(html):
        text, start, spec, slash, end, other = m.groups()
        if text is not None:
            calls.append(("data", unescape(text) if "&" in text else text))
        elif start is not None:
            tag = start.lower()
            if tag in _RAW_TEXT:
                return None
            calls.append(("start", tag, _attrs(spec)))
            if slash:  # <br/>: HTMLParser's handle_startendtag calls both handlers
                calls.append(("end", tag))
        elif end is not None:
            calls.append(("end", end.lower()))
        else:
            assert other is not None
            return None
    return calls


_HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_ALWAYS_SKIPPED = ("script", "style", "object")
Element, Section = material_search.Element, material_search.Section


class Parser(material_search.Parser):
    """material's Parser; `feed` tokenizes simple HTML itself (`fast` tells whether it did).

    The handlers are material's, rewritten to compare tag names where material compares its
    Element objects, whose == and hash are by tag name: its `skip` set holds, in effect, tag
    names, and `el in self.context` asks whether an element of that tag is open. Once the
    tokenizing was quick, material's handlers took most of the time."""

    fast = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skip_tags = set(_ALWAYS_SKIPPED)
        self.open_tags: list[str] = []  # the tags of self.context

    def _skipping(self) -> bool:
        skip = self.skip_tags
        return any(t in skip for t in self.open_tags)

    def _target(self) -> list:
        return self.section.title if self.section.el.tag in self.open_tags else self.section.text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        el = Element(tag, attrs)
        if tag in material_search.void:
            return
        self.context.append(el)
        self.open_tags.append(tag)
        if tag in _HEADINGS and "id" in attrs:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(el, depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        for key, value in attrs.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip_tags.add(tag)
                return
        if tag in _KEEP and not self._skipping():
            self._target().append(f"<{tag}>")

    def handle_endtag(self, tag):
        if not self.context or self.open_tags[-1] != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        self.context.pop()
        self.open_tags.pop()
        if tag in self.skip_tags:
            if tag not in _ALWAYS_SKIPPED:
                self.skip_tags.remove(tag)
            return
        if tag in _KEEP and not self._skipping():
            data = self._target()
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data):
        if self._skipping():
            return
        if "pre" not in self.open_tags:
            data = " " if data.isspace() else data.replace("\n", " ")
        if not self.section:
            self.section = Section(Element("hx"))
            self.data.append(self.section)
        if self.section.el.tag in self.open_tags:
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context):
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = self.section.text
            if not text or not text[-1].isspace() or "pre" in self.open_tags:
                text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))

    def feed(self, data: str) -> None:
        calls = tokens(data) if not self.rawdata else None
        if calls is None:
            super().feed(data)
            return
        self.fast = True
        for call in calls:
            if call[0] == "data":
                self.handle_data(call[1])
            elif call[0] == "start":
                self.handle_starttag(call[1], call[2])
            else:
                self.handle_endtag(call[1])

