"""What every generated page shares: the Page record, names in both languages, links, tables,
pagination, and writing the pages into docs_dir idempotently."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..batch import write_if_changed
from ..model import Notice
from ..render import escape, labels
from .data import SiteData

# Folders of docs_dir that hold nothing but generated pages (gitignored).
GENERATED_DIRS = ("agencies", "campaigns", "catalogue", "glossary", "foreign", "topics")
PAGE_SIZE = 100  # rows per page of any listing that grows with the corpus
GROUPED_PAGE_ROWS = 60  # rows (a notice's line, each of its tasks) per page of tasks grouped by notice
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Page:
    """One generated page: `path` inside docs_dir without `.md` (campaigns/jianwang); its Chinese
    Markdown goes to path.md and its English to path.en.md."""

    path: str
    zh: str
    en: str


@dataclass(frozen=True)
class Link:
    """A link as a template writes it: text and href plain (the template escapes them)."""

    text: str
    href: str
    lang: str | None = None  # the language of the page it leads to, where it differs


@dataclass(frozen=True)
class Pager:
    """Links to every page of a paginated listing; page `current` is not a link."""

    current: int
    pages: list[Link]  # text: the page's number


def pager_view(base: str, number: int, total: int) -> Pager | None:
    if total <= 1:
        return None
    here = page_path(base, number)
    return Pager(number, [Link(str(n), rel(here, page_path(base, n))) for n in range(1, total + 1)])


def t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def front(title: str, **extra) -> str:
    lines = ["---", f"title: {_yaml_str(title)}"]
    lines += [f"{k}: {_yaml_str(str(v))}" for k, v in extra.items()]
    return "\n".join(lines + ["---", ""]) + "\n"


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def link(text: str, src: str, target: str, anchor: str | None = None) -> str:
    """A link from page `src` (docs path without .md) to page `target`; `text` is already
    escaped. Raw HTML, not Markdown: generated pages are thousands, and Python-Markdown's
    inline link patterns were most of their rendering time (the built-site link check in the
    tests validates these links instead of MkDocs)."""
    return f'<a href="{href(src, target, anchor)}">{text}</a>'


def page_url(path: str) -> str:
    """The directory URL a page gets (use_directory_urls): catalogue/index → catalogue/."""
    if path == "index":
        return ""
    return (path[: -len("/index")] if path.endswith("/index") else path) + "/"


def href(src: str, target: str, anchor: str | None = None) -> str:
    """rel(), escaped for a raw-HTML attribute."""
    return html.escape(rel(src, target, anchor), quote=True)


def rel(src: str, target: str, anchor: str | None = None) -> str:
    """The URL from page `src` to page `target` (both docs paths without .md), not escaped: the
    relative path between their folders (what posixpath.relpath gives, at a fraction of its
    cost: generated pages hold tens of thousands of links)."""
    here = page_url(src).split("/")[:-1]
    there = page_url(target).split("/")[:-1]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    up = "../" * (len(here) - common) + "".join(part + "/" for part in there[common:])
    return (up or "./") + (f"#{anchor}" if anchor else "")


def file_href(src: str, lang: str, target: str) -> str:
    """file_rel(), escaped for a raw-HTML attribute."""
    return html.escape(file_rel(src, lang, target), quote=True)


def file_rel(src: str, lang: str, target: str) -> str:
    """The URL from page `src` of language `lang` to a file written into the site root
    (data/notices.json, feeds/all.xml), not escaped; the English site lives under en/."""
    depth = page_url(src).count("/") + (1 if lang == "en" else 0)
    return "../" * depth + target


def paginate(items: list, size: int = PAGE_SIZE) -> list[list]:
    """Items in pages of at most `size`; always at least one (possibly empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def paginate_groups(groups: list, rows, size: int = GROUPED_PAGE_ROWS) -> list[list]:
    """Groups (a notice and its tasks) in pages of about `size` rows, `rows(group)` each; a group
    is never split, and one larger than a page has a page of its own. Always at least one page."""
    pages: list[list] = [[]]
    filled = 0
    for group in groups:
        weight = rows(group)
        if pages[-1] and filled + weight > size:
            pages.append([])
            filled = 0
        pages[-1].append(group)
        filled += weight
    return pages


def page_path(base: str, number: int) -> str:
    """Page 1 of a listing is `base`; page n is `base/page-n` (base/index → base/page-n)."""
    if number == 1:
        return base
    folder = base[: -len("/index")] if base.endswith("/index") else base
    return f"{folder}/page-{number}"


# ---- names ---------------------------------------------------------------------------------

def agency_label(data: SiteData, aid: str, lang: str) -> str:
    """Display name of an agency (plain text); unofficial English marked with †."""
    a = data.agencies.get(aid)
    if a is None:
        return aid
    if lang == "zh":
        return a.full_name or a.name
    return (a.name_en or a.full_name) + ("" if a.name_en_official else " †")


def place_label(data: SiteData, pid: str, lang: str) -> str:
    p = data.places.get(pid)
    if p is None:
        return pid
    return p.name if lang == "zh" else p.name_en


def place_name(data: SiteData, pid: str, lang: str) -> str:
    return escape(place_label(data, pid, lang))


def system_label(data: SiteData, sid: str | None, lang: str) -> str:
    s = data.systems.get(sid or "")
    if not s:
        return sid or t(lang, "其他", "Other")
    return s["zh"] if lang == "zh" else s["en"]


def series_label(data: SiteData, sid: str, lang: str) -> str:
    s = data.campaign_series.get(sid)
    if s is None:
        return sid
    if lang == "zh":
        return s.zh
    if not s.name_en:  # a campaign the registry does not hold: its name read by rule, else its id
        from ..english import heading_en

        return (heading_en(s.zh) or f"{sid.capitalize()} (campaign not in the registry)") + " †"
    return s.name_en + ("" if s.name_en_official else " †")


def series_name(data: SiteData, sid: str, lang: str) -> str:
    return escape(series_label(data, sid, lang))


def notice_label(notice: Notice, lang: str) -> str:
    if lang == "en" and (notice.title_en or notice.label_en):
        # the sidecar's title, else the one made by rule (the Chinese title is on the notice page)
        return notice.title_en or notice.label_en
    return notice.title


def notice_title(notice: Notice, lang: str) -> str:
    return escape(notice_label(notice, lang))


def notice_description(notice: Notice, lang: str) -> str:
    """A notice page's own <meta name="description">, escaped for the attribute (the theme's
    templates do not escape): who published what, when, and that its tasks are listed. Search
    engines show it under the page's title; every page used to carry the site's description."""
    agency = notice.issuer_agency
    date = notice.published_date or notice.issued_date
    tasks = len(notice.tasks)
    if lang == "zh":
        issuer = (agency.full_name if agency else None) or notice.issuer or ""
        text = f"{issuer}{' ' + date + ' ' if date else ''}发布：{notice.title}"
        text += f"（{notice.doc_number}）。" if notice.doc_number else "。"
        text += f"本页列出其 {tasks} 项任务和承担各项任务的机关。" if tasks else ""
    else:
        issuer = (agency and (agency.name_en or agency.full_name)) or notice.issuer or ""
        text = f"{notice.title_en or notice.title}: published by {issuer}" + (f" on {date}" if date else "")
        text += f" ({notice.doc_number})." if notice.doc_number else "."
        text += f" Lists its {tasks} tasks and the agencies responsible for each." if tasks else ""
    return html.escape(" ".join(text.split()), quote=True)


def role_name(role: str, lang: str) -> str:
    return labels()["roles"].get(role, {}).get(lang, role)


def level_name(level: str, lang: str) -> str:
    return labels()["levels"].get(level, {}).get(lang, level)


# ---- writing -------------------------------------------------------------------------------

def write_pages(docs_dir: Path, pages: Iterable[Page], folders: tuple[str, ...] = GENERATED_DIRS) -> dict:
    """Write every page (zh and en) into docs_dir as it comes, only where the content changed
    (one page held at a time: at 5,000 notices all of them were a gigabyte). Returns the files
    the pages make ("wanted") and those written."""
    wanted: set[Path] = set()
    written = []
    for page in pages:
        top = page.path.split("/")[0]
        if top not in folders:
            raise ValueError(f"generated page {page.path} is outside the generated folders {folders}")
        for path, text in ((docs_dir / f"{page.path}.md", page.zh), (docs_dir / f"{page.path}.en.md", page.en)):
            if path in wanted:
                raise ValueError(f"two generated pages share a path: {path}")
            wanted.add(path)
            if write_if_changed(path, text.encode("utf-8")):
                written.append(path)
    return {"wanted": wanted, "written": sorted(written)}


def remove_stale(docs_dir: Path, wanted: set[Path], folders: tuple[str, ...] = GENERATED_DIRS) -> list[Path]:
    """Remove the files in the generated folders that no page makes any more (and empty folders)."""
    removed = []
    for folder in folders:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                removed.append(path)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed


def feed_href(src: str, lang: str, name: str) -> str:
    """feed_rel, escaped."""
    return html.escape(feed_rel(src, lang, name), quote=True)


def feed_rel(src: str, lang: str, name: str) -> str:
    """The feed of this language (feeds/x.xml for Chinese, en/feeds/x.xml for English)."""
    return file_rel(src, lang, ("en/" if lang == "en" else "") + "feeds/" + name)


