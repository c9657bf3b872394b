"""MkDocs hooks for search (wiring only; the logic is notices.search).

- on_config: the search plugin's own jieba segmentation is switched off (its module-level
  `jieba` set to None): rework_index segments every kept text again with the registry names,
  so the plugin's pass over every page was thrown away (about a quarter of the build).
- on_config: the search plugin's Parser is notices.site.searchparse.Parser (the same section
  splitting, a faster tokenizer).
- on_page_markdown / on_page_context: pages of which the index keeps the first section only
  (notices.search.first_section_only: agency pages) are excluded from the search plugin, which
  would parse their whole HTML; on_page_context (before the plugin's, which strips the
  data-search-* attributes) adds that section itself, parsed from the start of the page
  (first_section_html) by the plugin's own parser and entry code, so the entry is the same.
- on_post_page: every page's __config names the search worker sd-search.js (our wrapper around
  material's own worker, overrides/assets/javascripts/workers/sd-search.js) with the reader's
  language and the stock worker's file name as URL parameters.
- on_post_build: site/search/search_index.json, as the search plugin wrote it, is reworked by
  notices.search.rework_index (dedupe, exclusions, jieba + two-character pieces, keys, boosts,
  traditional→simplified table and synonyms for the worker) and split by language into
  search/search_index.<lang>.json.gz (gzip: a tenth of the size on the host, decompressed by the
  worker); search_index.json itself becomes a config-only stub (the
  page fetches it on first use, the worker fetches its language's index from the search/ folder
  next to its own assets/). Each language built alone (notices.site.split, static-i18n's
  build_only_locale): that language's index, in its own site (/search/ or, once merged,
  /en/search/). Both built in one process (`mkdocs build`, `mkdocs serve`): static-i18n runs
  on_post_build once per language, then writes the index of all languages at priority -100;
  this hook runs after it (-110), skips the nested language builds and writes both files at
  /search/ (English pages there use the root's assets). The rework is skipped when already done.
"""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import yaml
from material.plugins.search import plugin as material_search
from mkdocs.plugins import event_priority

from notices import search as sd
from notices.registry import Registry
from notices.site import searchparse, split
from notices.site.data import load_notices

log = logging.getLogger("mkdocs.hooks.search")
_state: dict = {}
_WORKER = re.compile(r'("search":\s*")([^"]*?)(search\.[0-9a-f]+\.min\.js)(")')
_HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def _data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def _tokenizer(config):
    if "cut" not in _state:
        import jieba

        jieba.setLogLevel(logging.WARNING)  # its start-up messages would reach every build's output
        reg = Registry.load(_data_dir(config))
        words = sd.dictionary_words(reg)
        base = jieba.Tokenizer()
        base.initialize()
        tk = jieba.Tokenizer()
        tk.initialize()
        tk.load_userdict(io.StringIO(sd.user_dictionary(words)))
        dict2 = sd.two_char_words(base.FREQ, (w for w in words if len(w) == 2))
        _state["reg"] = reg
        _state["cut"] = sd.make_cut(lambda s: tk.cut(s, HMM=False), lambda s: base.cut(s, HMM=False), set(words))
        _state["dict2"] = dict2
    return _state["cut"], _state["dict2"]


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def on_config(config):
    # The plugin segments every page's Chinese text with jieba when it can import it; the
    # index it writes is segmented again by rework_index (with the registry's names), so
    # that pass only cost build time. Runs for every language build (static-i18n).
    material_search.jieba = None
    # The plugin's Parser, with a faster tokenizer for the well-formed HTML of these pages.
    material_search.Parser = searchparse.Parser
    _state["first_only"] = set()
    return config


def on_page_markdown(markdown: str, page, config, files):
    if sd.first_section_only(page.url):
        search = dict(page.meta.get("search") or {})
        search["exclude"] = True  # the search plugin skips the page; on_page_context adds its entry
        page.meta["search"] = search
        _state.setdefault("first_only", set()).add(page.url)
    return markdown


@event_priority(50)  # before the search plugin's, which removes the data-search-exclude marks
def on_page_context(context, page, config, nav):
    if page.url not in _state.get("first_only", ()):
        return context
    plugin = _search_plugin(config)
    index = getattr(plugin, "search_index", None)
    if index is None or not getattr(plugin.config, "enabled", True):
        return context
    parser = material_search.Parser()
    parser.feed(sd.first_section_html(page.content or ""))
    parser.close()
    if parser.data and not parser.data[0].is_excluded():
        index.create_entry_for_section(parser.data[0], page.toc, page.url, page)
    return context


def on_post_page(output: str, page, config) -> str:
    m = _HTML_LANG.search(output)
    lang = "en" if m and m.group(1).lower().startswith("en") else "zh"
    return _WORKER.sub(lambda w: f'{w.group(1)}{w.group(2)}sd-search.js?lang={lang}&amp;w={w.group(3)}{w.group(4)}'
                       .replace("&amp;", "&"), output, count=1)


def _release_plugin_entries(config) -> None:
    """The search plugin keeps every entry it wrote until the next build; this build reads them
    back from its file, so a plain build lets them go (a dirty reload of `mkdocs serve` merges
    them into its next index: kept)."""
    plugin = _search_plugin(config)
    index = getattr(plugin, "search_index", None)
    if index is not None and not getattr(plugin, "is_dirty", False):
        index.entries = []


@event_priority(-110)  # after static-i18n (-100), which writes the final index for all languages
def on_post_build(config) -> None:
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):  # a language build nested in static-i18n's own
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    if "sd" in index.get("config", {}):
        return
    _release_plugin_entries(config)
    cut, dict2 = _tokenizer(config)
    reg = _state["reg"]
    notices = load_notices(Path(config.docs_dir) / "notices")
    years: dict[str, set] = {}
    for n in notices:
        for c in n.get("campaigns") or []:
            if c.get("series") and c.get("year") and c["series"] in reg.series:
                years.setdefault(c["series"], set()).add(c["year"])
    campaigns = [{"slug": sid, "zh": reg.series[sid].zh, "years": sorted(ys)} for sid, ys in years.items()]
    syn_file = _data_dir(config) / "search" / "synonyms.yaml"
    syn_data = yaml.safe_load(syn_file.read_text(encoding="utf-8")) if syn_file.exists() else {}
    out = sd.rework_index(index, cut, dict2, keys=sd.page_keys(notices, campaigns), syn=sd.synonyms(reg, syn_data or {}))
    documents = len(index.get("docs", []))
    del index  # the plugin's documents, no longer needed: memory for what follows
    ts = sd.opencc_ts_characters()
    before = path.stat().st_size
    only = split.built_alone(config)
    for lang, part in sd.split_languages(out, only="en" if str(only).startswith("en") else "zh" if only else None).items():
        part["config"]["sd"]["t2s"] = "".join(f"{k}{v}" for k, v in sorted(sd.t2s_table(sd.index_chars(part), ts).items()))
        target = path.with_name(f"search_index.{lang}.json.gz")
        with target.open("wb") as raw, sd.gzip_text(raw) as handle:  # streamed: no copy of the whole text
            sd.dump(part, handle)
        log.info("search index %s: %d documents, %d bytes", target.name, len(part["docs"]), target.stat().st_size)
    path.write_text(sd.dumps(sd.stub_index(out)), encoding="utf-8")
    log.info("search index reworked: %d bytes, %d → %d documents, split by language",
             before, documents, len(out["docs"]))
