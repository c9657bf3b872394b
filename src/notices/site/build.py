"""The build steps the plugin (site/plugin.py) calls: load the data, add the cross-links to
notice pages and the home page, compact each page's HTML, write open data and feeds after the
build."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..batch import write_if_changed
from ..registry import DATA_DIR, Registry
from . import crosslinks, feeds, home, opendata
from .common import notice_description
from .data import SiteData, files_stamp, from_registry, load_notices

REQUIRED_NOTICE_KEYS = ("title", "notice", "doc_type", "jurisdiction")


# Lines' leading indentation and blank lines, outside <pre> and <textarea> (where whitespace is content).
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact_html(page: str) -> str:
    """The theme's templates indent every line of every page: a third of a small page's bytes.
    Leading whitespace and blank lines are dropped; each line break is kept, so text and inline
    spacing render the same."""
    parts = _VERBATIM.split(page)
    out = []
    for i, part in enumerate(parts):
        kind = i % 3  # split with two groups: text, verbatim element, its tag name
        if kind == 0:
            out.append(_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


class FrontMatterError(ValueError):
    pass


def load(docs_dir: Path, data_dir: Path = DATA_DIR) -> SiteData:
    notices = load_notices(Path(docs_dir) / "notices")
    return from_registry(notices, Registry.load(data_dir), data_dir)


def fingerprint(docs_dir: Path, data_dir: Path = DATA_DIR) -> tuple:
    """What the generated pages depend on: the notices' data, the registries and this package's
    code, by name, size and time of change."""
    files = (sorted((Path(docs_dir) / "notices").glob("*.json")) + sorted(Path(data_dir).rglob("*.yaml"))
             + sorted(Path(__file__).parent.glob("*.py")))
    return files_stamp(files)


def validate_notice_meta(src_path: str, meta: dict, data: SiteData) -> str:
    """The slug of a notice page; FrontMatterError naming the file and the key when its front
    matter is wrong."""
    for key in REQUIRED_NOTICE_KEYS:
        if not meta.get(key):
            raise FrontMatterError(f"{src_path}: front matter key '{key}' is missing or empty")
    slug = str(meta["notice"])
    if slug not in data.by_slug:
        raise FrontMatterError(f"{src_path}: front matter key 'notice': no notices/{slug}.json for '{slug}'")
    if meta["jurisdiction"] != data.by_slug[slug].jurisdiction["id"]:
        raise FrontMatterError(f"{src_path}: front matter key 'jurisdiction': '{meta['jurisdiction']}' differs "
                               f"from the notice's data ('{data.by_slug[slug].jurisdiction['id']}')")
    return slug


class Crosslinker:
    """Citations computed once per build, applied to each page's Markdown."""

    def __init__(self, data: SiteData):
        self.data = data
        self.cites = crosslinks.citations(data)
        self.citers = crosslinks.cited_by(data)

    def page_markdown(self, markdown: str, src_uri: str, meta: dict, lang: str) -> str:
        if src_uri in ("index.md", "index.en.md"):
            return markdown.rstrip("\n") + "\n\n" + home.home_section(self.data, lang) + "\n"
        if src_uri.startswith("notices/") and src_uri.endswith(".md"):
            slug = validate_notice_meta(src_uri, meta, self.data)
            meta["description"] = notice_description(self.data.by_slug[slug], lang)
            markdown = crosslinks.with_glance(markdown, crosslinks.glance(self.data, slug, lang))
            return crosslinks.inject(markdown, crosslinks.sections(self.data, slug, lang, self.cites, self.citers))
        return markdown


def post_build(site_dir: Path, docs_dir: Path, data: SiteData, site_url: str) -> list[Path]:
    """Open data (the catalogue, the tasks, each notice's record) and feeds into the built site,
    each kind written as soon as it is made: the worker that writes them beside the builds took
    875 MiB at 5,000 notices holding them all, 663 MiB this way."""
    def blobs() -> Iterator[tuple[str, bytes]]:
        yield "data/notices.json", opendata.notices_json(data, site_url).encode("utf-8")
        yield "data/tasks.csv", opendata.tasks_csv(data, site_url).encode("utf-8")
        yield "data/task-agencies.csv", opendata.task_agencies_csv(data, site_url).encode("utf-8")
        for rel, text in feeds.feeds(data, site_url):
            yield rel, text.encode("utf-8")
        yield from opendata.records(data, Path(docs_dir) / "notices")

    written = []
    for rel, blob in blobs():
        path = Path(site_dir) / rel
        write_if_changed(path, blob)
        written.append(path)
    return sorted(written)
