"""The two-language build's own steps (notices.site.split); the whole build is exercised by
every test that uses the built site (tests/conftest.py builds it this way)."""

from __future__ import annotations

import gzip

from conftest import REPO, build_site, bundled_sources
from notices.site import split

URL = """    <url>
        <loc>{loc}</loc>
        <xhtml:link rel="alternate" hreflang="{lang}" href="{loc}"/>
    </url>
"""
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def sitemap(lang: str, *locs: str) -> str:
    return HEAD + "".join(URL.format(loc=loc, lang=lang) for loc in locs) + "</urlset>\n"


def test_merge_into_moves_files_and_merges_folders(tmp_path):
    src, dest = tmp_path / "src", tmp_path / "dest"
    (src / "feeds").mkdir(parents=True)
    (src / "feeds" / "b.xml").write_text("new b")
    (src / "index.html").write_text("en home")
    (dest / "feeds").mkdir(parents=True)
    (dest / "feeds" / "a.xml").write_text("kept")
    split.merge_into(src, dest)
    assert (dest / "feeds" / "a.xml").read_text() == "kept"
    assert (dest / "feeds" / "b.xml").read_text() == "new b"
    assert (dest / "index.html").read_text() == "en home"


def test_one_sitemap_with_both_languages(tmp_path):
    base = "https://x.org/sd/"
    (tmp_path / "en").mkdir()
    (tmp_path / "sitemap.xml").write_text(sitemap("zh", base, base + "notices/a/"), encoding="utf-8")
    (tmp_path / "en" / "sitemap.xml").write_text(sitemap("en", base + "en/", base + "en/notices/a/"), encoding="utf-8")
    (tmp_path / "en" / "sitemap.xml.gz").write_bytes(b"old")
    split.merge_sitemaps(tmp_path, "en")
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert text.startswith(HEAD) and text.endswith("</urlset>\n")
    assert text.count("<url>") == 4
    assert f'hreflang="en" href="{base}en/notices/a/"' in text  # the Chinese page names its English one
    assert f'hreflang="zh" href="{base}notices/a/"' in text
    assert text.index(f"<loc>{base}notices/a/</loc>") < text.index(f"<loc>{base}en/</loc>")
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    assert not (tmp_path / "en" / "sitemap.xml").exists() and not (tmp_path / "en" / "sitemap.xml.gz").exists()


def test_site_url_is_read_from_mkdocs_yml_with_its_tags(monkeypatch):
    # mkdocs.yml holds !ENV and !!python tags: a plain YAML loader refuses it. The address is the
    # deploy workflow's (SD_SITE_URL, from GitHub Pages; without the final "/"), else the local one.
    monkeypatch.delenv("SD_SITE_URL", raising=False)
    assert split.site_url(REPO / "mkdocs.yml") == "http://127.0.0.1:8000/"
    monkeypatch.setenv("SD_SITE_URL", "https://octocat.github.io/my-repo")
    assert split.site_url(REPO / "mkdocs.yml") == "https://octocat.github.io/my-repo/"


def _cannot_write(*args) -> None:
    raise OSError("No space left on device")


def test_open_data_that_cannot_be_written_fails_the_build_in_plain_words(tmp_path, monkeypatch):
    project = build_site(tmp_path / "first", bundled_sources()[:1]).parent
    monkeypatch.setattr(split, "_site_files", _cannot_write)  # the worker is forked: it sees this
    results = split.build_site(project / "mkdocs.yml", tmp_path / "site")
    assert [(r.language, r.returncode) for r in results] == [("zh", 0), ("en", 0), ("open data", 1)]
    assert "open data and feeds not written: No space left on device" in results[-1].output
    assert not (tmp_path / "site" / "en").exists()  # the parts are not put together
