"""MkDocs hooks: wiring only. The cross-link pages (campaigns, agencies, catalogue, glossary,
foreign enterprises) are generated from the notices' own data by `notices.site` at build time.

- on_pre_build: load docs/notices/*.json and the registries, write the generated pages into
  docs_dir (only files whose content changed; stale ones removed), before MkDocs collects files.
  static-i18n runs the whole build again for each language, so this runs once per language
  and is idempotent.
- on_page_markdown: notice pages get linked citations and "cited by" (their front matter is
  validated first); the home page gets the newest notices and the campaigns.
- on_post_build (default-language build only): /data/notices.json, /data/tasks.csv and the RSS
  feeds (/feeds/…, /en/feeds/…) written into site_dir.
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
    try:
        data = build.load(Path(config.docs_dir))
    except Exception as exc:  # the registry names the file and line
        raise PluginError(f"notices.site: cannot load the notices or the registry: {exc}") from exc
    build.generate(Path(config.docs_dir), data)
    _state["data"] = data
    _state["links"] = build.Crosslinker(data)


def on_page_markdown(markdown, page, config, files):
    try:
        return _state["links"].page_markdown(markdown, page.file.src_uri, page.meta, _language(config))
    except build.FrontMatterError as exc:
        raise PluginError(str(exc)) from exc


def on_post_build(config) -> None:
    if _default_build(config):
        build.post_build(Path(config.site_dir), _state["data"], config.site_url or "")
