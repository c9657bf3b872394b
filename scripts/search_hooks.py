"""MkDocs hooks for search (wiring only; the logic is notices.search).

- on_post_page: every page's __config names the search worker sd-search.js (our wrapper around
  material's own worker, overrides/assets/javascripts/workers/sd-search.js) with the reader's
  language and the stock worker's file name as URL parameters, so results in the reader's
  language come first.
- on_post_build: site/search/search_index.json, as the search plugin wrote it, is reworked by
  notices.search.rework_index (dedupe, exclusions, jieba + two-character pieces, keys, boosts,
  traditional→simplified table and synonyms for the worker). static-i18n runs on_post_build once
  per language, then writes the index of all languages at priority -100; this hook runs after it
  (-110) and skips the nested language builds. The rework is skipped when already done.
"""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

from notices import search as sd
from notices.registry import Registry

log = logging.getLogger("mkdocs.hooks.search")
_state: dict = {}
_WORKER = re.compile(r'("search":\s*")([^"]*?)(search\.[0-9a-f]+\.min\.js)(")')
_HTML_LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def _data_dir(config) -> Path:
    return Path(config.config_file_path).parent / "data"


def _tokenizer(config):
    if "cut" not in _state:
        import jieba

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


def on_post_page(output: str, page, config) -> str:
    m = _HTML_LANG.search(output)
    lang = "en" if m and m.group(1).lower().startswith("en") else "zh"
    return _WORKER.sub(lambda w: f'{w.group(1)}{w.group(2)}sd-search.js?lang={lang}&amp;w={w.group(3)}{w.group(4)}'
                       .replace("&amp;", "&"), output, count=1)


def _notices(docs_dir: Path) -> list[dict]:
    out = []
    for p in sorted((docs_dir / "notices").glob("*.json")):
        try:
            out.append(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return out


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
    cut, dict2 = _tokenizer(config)
    reg = _state["reg"]
    notices = _notices(Path(config.docs_dir))
    years: dict[str, set] = {}
    for n in notices:
        for c in n.get("campaigns") or []:
            if c.get("series") and c.get("year") and c["series"] in reg.series:
                years.setdefault(c["series"], set()).add(c["year"])
    campaigns = [{"slug": sid, "zh": reg.series[sid].zh, "years": sorted(ys)} for sid, ys in years.items()]
    syn_file = _data_dir(config) / "search" / "synonyms.yaml"
    syn_data = yaml.safe_load(syn_file.read_text(encoding="utf-8")) if syn_file.exists() else {}
    out = sd.rework_index(index, cut, dict2, keys=sd.page_keys(notices, campaigns), syn=sd.synonyms(reg, syn_data or {}))
    out["config"]["sd"]["t2s"] = "".join(
        f"{k}{v}" for k, v in sorted(sd.t2s_table(sd.index_chars(out), sd.opencc_ts_characters()).items()))
    before = path.stat().st_size
    path.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    log.info("search index reworked: %d → %d bytes, %d → %d documents",
             before, path.stat().st_size, len(index.get("docs", [])), len(out["docs"]))
