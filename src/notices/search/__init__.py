"""Site search, built from the data: each language's index is written from the notices' records,
the agencies, campaigns and places they name and the glossary (documents.py), cut into terms
(text.py: character pairs, jieba's words, keys), and stored in pieces (index.py) that the
browser component overrides/assets/javascripts/sd-search.js fetches as a query needs them.

`write_index` is the one call the site build makes, after MkDocs has written the pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..model import Notice, from_plain
from .documents import NameForms, notice_document, page_documents, site_documents
from .index import Index, write
from .text import jieba_words, opencc_ts_characters, synonyms, t2s_table

FOLDER = "search"


def records(notices_dir: Path) -> Iterator[Notice]:
    """Each converted notice's full record (text included), one at a time, in slug order."""
    for path in sorted(Path(notices_dir).glob("*.json")):
        yield from_plain(Notice, json.loads(path.read_text(encoding="utf-8")))


def build_index(notices_dir: Path, data, registry, lang: str, words=None) -> Index:
    """The index of one language's pages. `data` is the site's SiteData, `registry` the loaded
    registries; `words` jieba's cut (None: character pairs only)."""
    index = Index(t2s_table(opencc_ts_characters()), words)
    forms = NameForms()
    for record in records(notices_dir):
        forms.add(record)
        page = Path(notices_dir) / f"{record.slug}.en.md"
        text = page.read_text(encoding="utf-8") if lang == "en" and page.exists() else ""
        index.add(notice_document(record, lang, text))
    for doc in site_documents(data, forms, registry, lang):
        index.add(doc)
    for doc in page_documents(Path(notices_dir).parent, lang):  # docs/: the hand-written pages
        index.add(doc)
    return index


def write_index(site_dir: Path, notices_dir: Path, data, registry, data_dir: Path, lang: str) -> dict:
    """Build and write `lang`'s index into `site_dir`/search/`lang`/ (a folder per language: built
    in one process, static-i18n gives both languages' pages one site_dir)."""
    syn_file = Path(data_dir) / "search" / "synonyms.yaml"
    syn = synonyms(registry, yaml.safe_load(syn_file.read_text(encoding="utf-8")) or {} if syn_file.exists() else {})
    index = build_index(notices_dir, data, registry, lang, jieba_words(registry))
    return write(index, Path(site_dir) / FOLDER / lang, syn)
