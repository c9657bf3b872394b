"""The site's one ProperDocs plugin, `notices` (an entry point of pyproject.toml). Wiring only:
every step is a function of notices.site, called from a documented build event.

- on_config: a language built alone (`language`, set with static-i18n's `build_only_locale`)
  other than the default one lives under /<lang>/ of the site: its site_url says so.
- on_pre_build: the site data (site.data.SiteData, from docs/notices/*.json and data/*.yaml);
  the generated pages' Markdown files written into docs_dir when the data changed (each is
  front matter only: its title, description and `template:`, see site/pages.py).
- on_files: the notices' records (notices/<slug>.json) are not copied (published gzipped by
  on_post_build); a language built alone keeps its own pages only.
- on_env: `sd_once` (overrides/partials/nav.html), UTF-8 JSON in the theme's __config.
- on_page_markdown: notice pages get linked citations and "cited by", the home page the newest
  notices and the campaigns (site/build.py Crosslinker).
- on_page_context: a generated page's template gets its typed view as `sd` (site/pages.py Views: the view of the page kind's module, agencies.py …).
- on_post_page / on_post_template: indentation dropped, the theme's icons taken from one sprite;
  every plain table's cells labelled with their column's heading, read as cards on a phone
  (site/cards.py).
- on_post_build: the sprite; in the default language's build, open data and feeds.
  Then the language's search index, written from the data (notices.search.write_index) into
  site_dir/search/<lang>/.
"""

from __future__ import annotations

from pathlib import Path

from properdocs.config import config_options as c
from properdocs.config.base import Config
from properdocs.exceptions import PluginError
from properdocs.plugins import BasePlugin

from .. import search
from ..registry import Registry
from . import build, cards, icons, pages


class SiteConfig(Config):
    # The registries, relative to mkdocs.yml.
    data_dir = c.Type(str, default="data")
    # The language this process builds alone (set beside static-i18n's build_only_locale), or
    # None when it builds every language.
    language = c.Optional(c.Choice(("zh", "en")))
    # The site's languages (static-i18n's locales), the default one first: it is built at the
    # site's root, and its build writes the open data and feeds.
    languages = c.ListOfItems(c.Choice(("zh", "en")), default=["zh", "en"])


class NoticesSite(BasePlugin[SiteConfig]):
    def __init__(self) -> None:
        self.data: build.SiteData | None = None
        self.links: build.Crosslinker | None = None
        self.views: pages.Views | None = None
        self.stamp: tuple | None = None
        self.icons: dict[str, tuple[str, str]] = {}
        self.site_url = ""
        self.not_found: str | None = None  # the default language's 404 page
        self.registry: Registry | None = None  # loaded once, for the search index

    # -- helpers ------------------------------------------------------------------------------

    def _lang(self, config) -> str:
        """The language of the build running now: static-i18n sets the theme's language to it."""
        return "en" if str(config.theme["language"]).startswith("en") else "zh"

    def _data_dir(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    # -- events -------------------------------------------------------------------------------

    def on_config(self, config):
        self.site_url = self.site_url or config.site_url or ""
        lang = self.config.language
        if lang and lang != self.config.languages[0] and config.site_url:
            config.site_url = config.site_url.rstrip("/") + f"/{lang}/"
        return config

    def on_pre_build(self, config) -> None:
        docs, data_dir = Path(config.docs_dir), self._data_dir(config)
        stamp = build.fingerprint(docs, data_dir)
        if stamp == self.stamp:  # static-i18n's next language, or a serve rebuild of a page
            return
        try:
            self.data = build.load(docs, data_dir)
        except Exception as exc:  # the registry names the file and line
            raise PluginError(f"notices: cannot load the notices or the registry: {exc}") from exc
        pages.write(docs, self.data, stamp)
        self.links, self.views, self.stamp = build.Crosslinker(self.data), pages.Views(self.data), stamp

    def on_files(self, files, config):
        """The records are published gzipped (on_post_build). Built alone, another language than
        the default keeps its own pages: static-i18n would take x.md for it where x.en.md exists
        (it runs later, at priority -100); the notices' originals are published by the default
        language's build, at the root, and so are the open data's schemas (docs/data/)."""
        lang = self.config.language
        alone = bool(lang) and lang != self.config.languages[0]
        names = {f.src_uri for f in files}
        for f in list(files):
            uri = f.src_uri
            if uri.startswith(("notices/", "data/")) and not uri.endswith(".md"):
                drop = alone or (uri.startswith("notices/") and uri.endswith(".json"))
            else:
                drop = (alone and uri.endswith(".md") and not uri.endswith(f".{lang}.md")
                        and uri[:-3] + f".{lang}.md" in names)
            if drop:
                files.remove(f)
        return files

    def on_env(self, env, config, files):
        cache: dict = {}  # one per build: `properdocs serve` rebuilds with changed pages

        def sd_once(*key, caller):
            if key not in cache:
                cache[key] = caller()
            return cache[key]

        env.globals["sd_once"] = sd_once
        # For overrides/sitemap.xml: the site's root URL, and its languages.
        env.globals["sd_site_url"] = self.site_url.rstrip("/") + "/" if self.site_url else "/"
        env.globals["sd_languages"] = list(self.config.languages)
        # The theme's __config on every page: Chinese as UTF-8, not \uXXXX escapes (half the
        # bytes); tojson still escapes <, >, & and ' for the script element.
        env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
        return env

    def on_page_markdown(self, markdown, page, config, files):
        try:
            return self.links.page_markdown(markdown, page.file.src_uri, page.meta, self._lang(config))
        except build.FrontMatterError as exc:
            raise PluginError(str(exc)) from exc

    def on_page_context(self, context, page, config, nav):
        view = self.views.for_page(page.meta, self._lang(config))
        if view is not None:
            context["sd"] = view
        return context

    def on_post_page(self, output: str, page, config) -> str:
        return cards.label_tables(icons.use_sprite(build.compact_html(output), self.icons))

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """The theme's own HTML pages (404.html) get the same treatment as the pages. Both
        languages built in one process, static-i18n writes each language's 404.html at the
        root, the last one's staying: the default language's is written again."""
        if not template_name.endswith(".html"):
            return output
        output = icons.use_sprite(build.compact_html(output), self.icons)
        if template_name == "404.html" and self.config.language is None:
            if self._lang(config) == self.config.languages[0]:
                self.not_found = output
            return self.not_found or output
        return output

    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        if self.icons:
            (site / icons.SPRITE).write_text(icons.sprite(self.icons), encoding="utf-8")
        if self._lang(config) == self.config.languages[0]:
            try:
                build.post_build(site, Path(config.docs_dir), self.data, self.site_url)
            except OSError as exc:
                raise PluginError(f"开放数据和订阅源未能写出 / open data and feeds not written: {exc}") from exc
        # The search index of the language just built, written from the data (notices.search).
        if self.registry is None:
            self.registry = Registry.load(self._data_dir(config))
        search.write_index(site, Path(config.docs_dir) / "notices", self.data, self.registry,
                           self._data_dir(config), self._lang(config))
