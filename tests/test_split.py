"""The two-language build's own steps (notices.site.split); the whole build is exercised by
every test that uses the built site (tests/conftest.py builds it this way)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import SITEMAP_NS
from notices.site import split


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


def test_each_build_is_properdocs():
    cmd = split.command("mkdocs.yml", "site", strict=True)
    assert cmd[1:4] == ["-m", "properdocs", "build"] and "--strict" in cmd


def test_the_root_sitemap_lists_every_page_in_both_languages(built_site):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    urls = root.findall("sm:url", SITEMAP_NS)
    locs = [u.findtext("sm:loc", "", SITEMAP_NS) for u in urls]
    base = min(locs, key=len)  # the home page: the site's URL
    zh = [loc for loc in locs if not loc.startswith(base + "en/")]
    assert len(zh) * 2 == len(locs) and {base + "en/" + loc[len(base):] for loc in zh} == set(locs) - set(zh)
    for url in urls:
        loc = url.findtext("sm:loc", "", SITEMAP_NS)
        path = loc[len(base) + 3:] if loc.startswith(base + "en/") else loc[len(base):]
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("xhtml:link", SITEMAP_NS)}
        assert alternates == {"zh": base + path, "en": base + "en/" + path}, loc
        page = built_site / (loc[len(base):] or ".") / "index.html"
        assert page.exists(), loc
