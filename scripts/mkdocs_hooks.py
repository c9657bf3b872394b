"""MkDocs hooks: wiring only. The cross-link pages (campaigns, agencies, catalogue, glossary,
foreign enterprises) are generated from the notices' own data by `notices.site` at build time.

- on_pre_build: load docs/notices/*.json and the registries, write the generated pages into
  docs_dir (only files whose content changed; stale ones removed), before MkDocs collects files.
  static-i18n runs the whole build again for each language, so this runs once per language;
  it regenerates only when the notices or the registries changed since the last run.
- on_page_markdown: notice pages get linked citations and "cited by" (their front matter is
  validated first); the home page gets the newest notices and the campaigns.
- on_post_page: indentation and blank lines dropped from every page (build.compact_html).
- on_post_build (default-language build only): /data/notices.json, /data/tasks.csv and the RSS
  feeds (/feeds/…, /en/feeds/…) written into site_dir; after the other language's build, the
  Chinese 404.html written back over the English one.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from notices.site import build

_state: dict = {}


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    lang = getattr(i18n, "current_language", None) or config.theme.get("language") or "zh"
    return "en" if str(lang).startswith("en") else "zh"


def _default_build(config) -> bool:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True
    return getattr(i18n, "current_language", None) in (None, getattr(i18n, "default_language", None))


def on_pre_build(config) -> None:
    docs = Path(config.docs_dir)
    stamp = build.fingerprint(docs)
    if _state.get("stamp") == stamp:  # the other language's build: the pages are written already
        return
    try:
        data = build.load(docs)
    except Exception as exc:  # the registry names the file and line
        raise PluginError(f"notices.site: cannot load the notices or the registry: {exc}") from exc
    build.generate(docs, data)
    _state.update(data=data, links=build.Crosslinker(data), stamp=stamp)


def on_page_markdown(markdown, page, config, files):
    try:
        return _state["links"].page_markdown(markdown, page.file.src_uri, page.meta, _language(config))
    except build.FrontMatterError as exc:
        raise PluginError(str(exc)) from exc


def on_post_page(output: str, page, config) -> str:
    return build.compact_html(output)


def on_post_build(config) -> None:
    not_found = Path(config.site_dir) / "404.html"
    if _default_build(config):
        build.post_build(Path(config.site_dir), _state["data"], config.site_url or "")
        _state["404"] = not_found.read_bytes() if not_found.exists() else None
    elif _state.get("404"):  # static-i18n keeps the last language's 404 page: keep the Chinese one
        not_found.write_bytes(_state["404"])
