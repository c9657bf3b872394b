"""MkDocs hooks: wiring only. The cross-link pages (campaigns, agencies, catalogue, glossary,
foreign enterprises) are generated from the notices' own data by `notices.site` at build time.

- on_config: a language built on its own under /<lang>/ (notices.site.split) gets that site_url.
- on_files: the notices' records are left to on_post_build; a language built on its own keeps
  its own pages only (see on_files).
- on_pre_build: load docs/notices/*.json and the registries, write the generated pages into
  docs_dir (only files whose content changed; stale ones removed), before MkDocs collects files.
  static-i18n runs the whole build again for each language, so this runs once per language;
  it regenerates only when the notices or the registries changed since the last run.
- on_env: `sd_once`, a Jinja call block rendered once per key (overrides/partials/nav.html);
  tojson writes UTF-8.
- on_pre_page: generated pages are rendered without Python-Markdown where they can be
  (build.render_generated).
- on_page_markdown: notice pages get linked citations and "cited by" (their front matter is
  validated first); the home page gets the newest notices and the campaigns. Then a notice
  page's headings, plain paragraphs, tables and raw HTML are stashed away from Python-Markdown
  (rawpage.stash), and on_page_content puts them back into its HTML and table of contents (and
  lets go of the page's Markdown).
- on_page_content / on_page_context: each page's HTML is kept compressed between the two, while
  MkDocs renders every other page (build.pack).
- on_post_page: indentation and blank lines dropped from every page (build.compact_html), the
  theme's inline icons replaced by references to one sprite (icons.use_sprite); the page's HTML
  let go. on_post_template: the same for the theme's 404.html.
- on_post_build: the sprite of the icons the pages used, assets/icons.svg (icons.sprite), and
  the language's search index, written from the data (notices.search.write_index) into
  site_dir/search/.
- on_post_build (Chinese build only, not under notices.site.split, which writes them itself):
  /data/notices.json, /data/tasks.csv and the RSS feeds (/feeds/…, /en/feeds/…) written into
  site_dir; when static-i18n builds both languages in one process, the Chinese 404.html is
  written back over the English one after the English build.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from notices import search
from notices.registry import DATA_DIR, Registry
from notices.site import build, icons, rawpage, split

_state: dict = {}
_DEFAULT = "zh"  # the site's default language: built at the root; its build writes open data and feeds


def _split() -> bool:
    """Built by notices.site.split, which writes the generated pages before the builds and the
    open data and feeds beside them."""
    return bool(os.environ.get("SD_SPLIT"))


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or config.theme.get("language") or "zh"
    return "en" if str(lang).startswith("en") else "zh"


def on_config(config):
    """A language built on its own (notices.site.split, SD_LANGUAGE) other than the default one
    lives under /<lang>/ of the site: its canonical URLs and sitemap say so."""
    only = split.built_alone(config)
    if only and only != _DEFAULT and config.site_url:
        config.site_url = config.site_url.rstrip("/") + f"/{only}/"
    return config


def on_files(files, config):
    """The notices' records (notices/<slug>.json) are not copied: the site publishes them
    gzipped, with the open data (build.post_build). Building another language than the default
    alone, static-i18n takes it for the default and prefers x.md (Chinese) over x.en.md: the
    Chinese pages that have a translation are dropped here, before it sees them (it runs later,
    at priority -100). So are the notices' originals, which the Chinese build publishes at the root."""
    lang = split.built_alone(config)
    alone = bool(lang) and lang != _DEFAULT
    names = {f.src_uri for f in files}
    for f in list(files):
        uri = f.src_uri
        if uri.startswith("notices/") and not uri.endswith(".md"):
            drop = alone or uri.endswith(".json")
        else:
            drop = alone and uri.endswith(".md") and not uri.endswith(f".{lang}.md") and uri[:-3] + f".{lang}.md" in names
        if drop:
            files.remove(f)
    return files


def on_pre_build(config) -> None:
    docs = Path(config.docs_dir)
    stamp = build.fingerprint(docs)
    if _state.get("stamp") == stamp:  # the other language's build: the pages are written already
        return
    try:
        data = build.load(docs)
    except Exception as exc:  # the registry names the file and line
        raise PluginError(f"notices.site: cannot load the notices or the registry: {exc}") from exc
    if not _split():  # notices.site.split writes them once for both languages
        build.generate(docs, data)
    _state.update(data=data, links=build.Crosslinker(data), stamp=stamp)


def on_env(env, config, files):
    cache: dict = {}  # one per build: `mkdocs serve` rebuilds with changed pages

    def sd_once(*key, caller):
        if key not in cache:
            cache[key] = caller()
        return cache[key]

    env.globals["sd_once"] = sd_once
    # The theme's __config on every page: Chinese as UTF-8, not \uXXXX escapes (half the bytes);
    # tojson still escapes <, >, & and ' for the script element.
    env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
    return env


def on_pre_page(page, config, files):
    if build.is_generated(page.file.src_uri):
        page.render = functools.partial(build.render_generated, page)
    return page


def on_page_markdown(markdown, page, config, files):
    try:
        markdown = _state["links"].page_markdown(markdown, page.file.src_uri, page.meta, _language(config))
    except build.FrontMatterError as exc:
        raise PluginError(str(exc)) from exc
    if page.file.src_uri.startswith("notices/"):
        stashed = rawpage.stash(markdown)
        if stashed:
            markdown = stashed.markdown
            _state.setdefault("stashed", {})[page.file.src_uri] = stashed
    return markdown


@event_priority(100)  # before anything else reads the page's HTML (no plugin of the site does)
def on_page_content(html, page, config, files):
    # MkDocs renders every page before it writes any, holding their Markdown all the while;
    # nothing reads it after this (an empty string, not None: Page.title treats None as unread).
    page.markdown = ""
    stashed = _state.get("stashed", {}).pop(page.file.src_uri, None)
    if stashed is not None:
        page.present_anchor_ids = (page.present_anchor_ids or set()) | rawpage.stashed_ids(stashed)
        if stashed.headings:
            page.toc = build.toc_with_stashed(page.toc, stashed)
        html = rawpage.restore(html, stashed)
    # ... and every page's HTML, until it writes the page: kept compressed until then (at 5,000
    # notices, about 470 MB per language process as text), unpacked by on_page_context.
    page.sd_packed_content = build.pack(html)
    return ""


@event_priority(1000)  # before anything reads the page's HTML: the search plugin, the template
def on_page_context(context, page, config, nav):
    packed = getattr(page, "sd_packed_content", None)
    if packed is not None:
        page.content = build.unpack(packed)
        del page.sd_packed_content
    return context


def _finish_html(output: str) -> str:
    """A page as written: compacted, its icons taken from the sprite (collected for on_post_build)."""
    return icons.use_sprite(build.compact_html(output), _state.setdefault("icons", {}))


def on_post_page(output: str, page, config) -> str:
    page.content = ""  # written out: nothing reads it again, and the search index is yet to be made
    return _finish_html(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's own HTML pages (404.html) are not pages of the site: the same treatment."""
    return _finish_html(output) if template_name.endswith(".html") else output


def on_post_build(config) -> None:
    if _state.get("icons"):
        (Path(config.site_dir) / icons.SPRITE).write_text(icons.sprite(_state["icons"]), encoding="utf-8")
    if "registry" not in _state:
        _state["registry"] = Registry.load(DATA_DIR)
    search.write_index(Path(config.site_dir), Path(config.docs_dir) / "notices", _state["data"], _state["registry"],
                       DATA_DIR, _language(config))
    not_found = Path(config.site_dir) / "404.html"
    if _language(config) == _DEFAULT:
        if not _split():  # notices.site.split writes them itself, beside the builds
            build.post_build(Path(config.site_dir), Path(config.docs_dir), _state["data"], config.site_url or "")
        _state["404"] = not_found.read_bytes() if not_found.exists() else None
    elif _state.get("404"):  # static-i18n keeps the last language's 404 page: keep the Chinese one
        not_found.write_bytes(_state["404"])
