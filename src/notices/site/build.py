"""The build steps the MkDocs hook calls: generate the pages before MkDocs collects files, add
the cross-links to notice pages and the home page, write open data and feeds after the build."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..batch import write_if_changed
from ..registry import DATA_DIR, Registry
from . import agencies, campaigns, crosslinks, feeds, foreign, glossary, home, indexes, opendata, rawpage
from .common import GENERATED_DIRS, Page, notice_description, remove_stale, write_pages
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
    """What the generated pages depend on: the notices' data and the registries, by name,
    size and time of change."""
    files = sorted((Path(docs_dir) / "notices").glob("*.json")) + sorted(Path(data_dir).rglob("*.yaml"))
    return files_stamp(files)


def all_pages(data: SiteData, part: int = 0, parts: int = 1) -> list[Page]:
    return list(iter_pages(data, part, parts))


def iter_pages(data: SiteData, part: int = 0, parts: int = 1) -> Iterator[Page]:
    """Every generated page, agency by agency; or share `part` of `parts` of them, for workers
    that generate at once: every parts-th agency (most of the work), and every parts-th of the
    other kinds."""
    kinds = [agencies.index_pages, campaigns.campaign_pages, indexes.catalogue_pages, foreign.foreign_pages,
             glossary.glossary_pages]
    yield from agencies.agency_pages(data, list(data.agencies)[part::parts])
    for kind in kinds[part::parts]:
        yield from kind(data)


def generate(docs_dir: Path, data: SiteData) -> dict:
    """Write every generated page into docs_dir (only what changed; stale files removed)."""
    done = write_pages(Path(docs_dir), iter_pages(data))
    return {"written": done["written"], "removed": remove_stale(Path(docs_dir), done["wanted"])}


def generate_part(docs_dir: Path, part: int, parts: int) -> set[Path]:
    """Share `part` of `parts` of `generate`, without the removal of stale files (which needs
    every share's files): the files this share makes."""
    return write_pages(Path(docs_dir), iter_pages(load(docs_dir), part, parts))["wanted"]


def is_generated(src_uri: str) -> bool:
    return src_uri.split("/", 1)[0] in GENERATED_DIRS


def render_generated(page, config, files) -> None:
    """MkDocs' Page.render for a generated page: without Python-Markdown when notices.site.rawpage
    can render it (the site's toc settings: permalinks), as usual otherwise."""
    from mkdocs.structure.pages import Page as MkDocsPage
    from mkdocs.structure.toc import get_toc

    toc = config.mdx_configs.get("toc") or {}
    out = rawpage.render(page.markdown, toc["slugify"]) if toc.get("permalink") is True and "slugify" in toc else None
    if out is None:
        return MkDocsPage.render(page, config, files)
    page.content, page.toc = out.html, get_toc(out.toc_tokens)
    page._title_from_render = out.title
    page.present_anchor_ids = out.anchors


def pack(html: str) -> bytes:
    """A page's HTML, compressed for the time MkDocs holds it unused (fast: level 1)."""
    return zlib.compress(html.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


def toc_with_stashed(toc, stashed: rawpage.Stash):
    """A page's table of contents (MkDocs') with the headings rawpage.stash kept from
    Python-Markdown added after those it rendered."""
    from mkdocs.structure.toc import get_toc

    def tokens(links) -> list[dict]:
        return [{"level": a.level, "id": a.id, "name": a.title, "children": tokens(a.children)} for a in links]

    return get_toc(rawpage.toc_tokens(tokens(toc), stashed))


def validate_notice_meta(src_path: str, meta: dict, data: SiteData) -> str:
    """The slug of a notice page; FrontMatterError naming the file and the key when its front
    matter is wrong."""
    for key in REQUIRED_NOTICE_KEYS:
        if not meta.get(key):
            raise FrontMatterError(f"{src_path}: front matter key '{key}' is missing or empty")
    slug = str(meta["notice"])
    if slug not in data.by_slug:
        raise FrontMatterError(f"{src_path}: front matter key 'notice': no notices/{slug}.json for '{slug}'")
    if meta["jurisdiction"] != data.by_slug[slug]["jurisdiction"]["id"]:
        raise FrontMatterError(f"{src_path}: front matter key 'jurisdiction': '{meta['jurisdiction']}' differs "
                               f"from the notice's data ('{data.by_slug[slug]['jurisdiction']['id']}')")
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
