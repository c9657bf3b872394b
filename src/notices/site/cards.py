"""Tables that read on a phone: each data cell gets its column's heading as `data-label`, and the
table is marked `data-sd-cards`, so that below a tablet's width the site's stylesheet shows each
row as a card, label and value together (docs/assets/css/site.css), instead of columns squeezed
to a few characters or a table scrolled sideways.

It works on a page's HTML as ProperDocs renders it (the plugin's on_post_page), so every table gets
it the same way: the notices' own (Markdown tables and the converter's raw HTML) and the
generated pages'. The responsibility matrix (agencies × notices) becomes a card per agency, each
notice's mark with its title, and the timeline (campaigns × years) a card per campaign, each
year with its count. Empty cells (a notice the agency has no task in) get no label: a card
leaves them out, and in the matrix they were half a place page's bytes. Tables without a head
row are left as they are.
"""

from __future__ import annotations

import html
import itertools
import re

_TABLE = re.compile(r'<table( class="sd-(?:matrix|timeline)")?>(.*?)</table>', re.S)  # plain, and pictures
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<t([dh])\b(?=[^>]*>(\s*</t[dh]>)?)")  # group 2: the cell is empty
_TAG = re.compile(r"<[^>]+>")


def _label(cell_html: str) -> str:
    """A heading as attribute text: its words without markup, escaped for a double-quoted value."""
    text = " ".join(html.unescape(_TAG.sub("", cell_html)).split())
    return html.escape(text, quote=True)


def _label_rows(body: str, labels: list[str]) -> str:
    def row(match: re.Match) -> str:
        count = itertools.count()  # the cell's column; cells past the head's get no label

        def cell(found: re.Match) -> str:
            i = next(count)
            # a row's own heading, or an empty cell (a card leaves it out: no label to carry)
            if found.group(1) == "h" or found.group(2) is not None or i >= len(labels) or not labels[i]:
                return found.group(0)
            return f'<td data-label="{labels[i]}"'

        return _CELL.sub(cell, match.group(0))

    return _ROW.sub(row, body)


def _table(match: re.Match) -> str:
    inner = match.group(2)
    head = _HEAD.search(inner)
    if not head or "<table" in inner or "data-label=" in inner:
        return match.group(0)
    labels = [_label(h) for h in _TH.findall(head.group(1))]
    if not labels:
        return match.group(0)
    inner = _BODY.sub(lambda b: "<tbody>" + _label_rows(b.group(1), labels) + "</tbody>", inner, count=1)
    return f"<table{match.group(1) or ''} data-sd-cards>{inner}</table>"


def label_tables(page_html: str) -> str:
    """The page's HTML with every plain table marked for cards and its cells labelled."""
    if "<table" not in page_html:
        return page_html
    return _TABLE.sub(_table, page_html)
