"""The generated pages as ProperDocs sees them.

Each page rendered from data through a template is a Markdown file of front matter only, in a
generated folder of docs_dir: its title, description, `template:` (overrides/sd/<kind>.html,
which extends the theme's main.html) and `sd: {kind, key, page}`. The plugin's on_page_context
gives the template the page's view (`sd`): a dataclass built from SiteData by the page kind's
module (agencies.py, campaigns.py, indexes.py, glossary.py, foreign.py, topicpages.py).

The files are written only when the notices or registries changed (a stamp file,
.generated-stamp, records for which data they were written): the two language builds of
`make build` and every rebuild of `properdocs serve` find them written already.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..batch import write_if_changed
from . import agencies, campaigns, foreign, glossary, indexes, topicpages
from .common import Page, front, remove_stale, write_pages
from .data import SiteData

STAMP = ".generated-stamp"  # a dotfile: ProperDocs leaves it out of the site


@dataclass(frozen=True)
class Stub:
    """A page rendered by a template: where it goes, which template, which data."""

    path: str  # inside docs_dir, without .md
    kind: str  # the template: overrides/sd/<kind>.html; the view: VIEWS[kind]
    key: str  # what the page is about (an agency id …), for the view
    number: int  # page of a paginated listing, from 1
    title: tuple[str, str]  # zh, en
    description: tuple[str, str] | None = None  # zh, en; escaped for the attribute (the theme does not escape)


# kind → view(data, key, number, lang): the dataclass the template renders.
VIEWS: dict[str, Callable] = {
    "agency": agencies.agency_view,
    "agency-index": agencies.index_view,
    "agency-system": agencies.system_view,
    "agency-province": agencies.province_view,
    "campaign": campaigns.campaign_view,
    "campaign-index": campaigns.index_view,
    "listing": indexes.listing_view,
    "counts": indexes.counts_view,
    "glossary": glossary.glossary_view,
    "foreign": foreign.foreign_view,
    "topic": topicpages.topic_view,
    "topic-index": topicpages.index_view,
}


def stub_markdown(stub: Stub, lang: str) -> str:
    i = 0 if lang == "zh" else 1
    extra = {"description": stub.description[i]} if stub.description else {}
    text = front(stub.title[i], template=f"sd/{stub.kind}.html", **extra)
    spec = json.dumps({"kind": stub.kind, "key": stub.key, "page": stub.number}, ensure_ascii=False)
    return text.replace("\n---\n", f"\nsd: {spec}\n---\n", 1)


def all_pages(data: SiteData) -> Iterator[Page]:
    """Every generated page, zh and en."""
    for kind in (agencies, campaigns, indexes, foreign, glossary, topicpages):
        for stub in kind.stubs(data):
            yield Page(stub.path, stub_markdown(stub, "zh"), stub_markdown(stub, "en"))


def write(docs_dir: Path, data: SiteData, stamp: tuple) -> bool:
    """Write every generated page into docs_dir unless the stamp says they were written from
    this data already; stale ones removed. True when it wrote."""
    docs_dir = Path(docs_dir)
    mark = docs_dir / STAMP
    text = json.dumps(stamp, ensure_ascii=False)
    if mark.exists() and mark.read_text(encoding="utf-8") == text:
        return False
    done = write_pages(docs_dir, all_pages(data))
    remove_stale(docs_dir, done["wanted"])
    write_if_changed(mark, text.encode("utf-8"))
    return True


class Views:
    """The view of each page rendered by a template, from its front matter (`sd`)."""

    def __init__(self, data: SiteData):
        self.data = data

    def for_page(self, meta: dict, lang: str):
        spec = meta.get("sd")
        if not isinstance(spec, dict) or spec.get("kind") not in VIEWS:
            return None
        return VIEWS[spec["kind"]](self.data, str(spec.get("key") or ""), int(spec.get("page") or 1), lang)
