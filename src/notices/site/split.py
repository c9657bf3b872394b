"""Build the two languages of the site in two MkDocs processes at once, then put them together.

static-i18n builds its languages one after the other in one process, so a build on a machine
with two cores used one. Here each language is a build of its own, with static-i18n's
`build_only_locale` (mkdocs.yml reads it from SD_LANGUAGE): Chinese into the site directory,
English into a scratch directory whose contents then move under site/en/. Before they start,
the cross-link pages are generated once (two workers, half the pages each), so the two builds
never write the same file.

What differs from static-i18n's single build, and where it is handled:
- the language switcher links each page to its other language itself (overrides/partials/
  alternate.html), instead of relying on the alternates static-i18n computes across languages;
- each language has its own search index (/search/… and /en/search/…); their sitemaps are
  merged into one, each page naming its other language (merge_sitemaps);
- the English build's site_url gets "en/" (scripts/mkdocs_hooks.py), so canonical URLs are right;
- open data, each notice's gzipped record and feeds (notices.site.build.post_build) are written
  by neither build: a worker writes them while the longer build (the Chinese one) is still
  running, once the other one has ended and left a core free;
- each notice's original is published once, by the Chinese build, at the root (the English
  build leaves it out: scripts/mkdocs_hooks.py on_files).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import build
from .common import remove_stale

LANGUAGES = ("zh", "en")  # the default language first: it is built into the site root


@dataclass(frozen=True)
class Result:
    language: str
    returncode: int
    output: str


def built_alone(config) -> str | None:
    """The language a MkDocs process builds alone (SD_LANGUAGE, static-i18n's
    build_only_locale), or None when it builds every language."""
    i18n = config.plugins.get("i18n")
    return getattr(getattr(i18n, "config", None), "build_only_locale", None)


def command(config_file: Path, site_dir: Path, strict: bool) -> list[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
    return cmd + (["--strict"] if strict else [])


def merge_into(src: Path, dest: Path) -> None:
    """Move the contents of `src` into `dest`, folder into folder; a file of `src` replaces one
    of `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for entry in sorted(src.iterdir()):
        target = dest / entry.name
        if entry.is_dir() and target.is_dir():
            merge_into(entry, target)
        else:
            if target.is_dir():
                shutil.rmtree(target)
            os.replace(entry, target)


_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def _with_alternate(block: str, lang: str, href: str) -> str:
    link = f'<xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>'
    return re.sub(r"(\s*)(</url>)", lambda m: f"{m.group(1)}    {link}{m.group(1)}{m.group(2)}", block, count=1)


def merge_sitemaps(site_dir: Path, lang: str) -> None:
    """One sitemap for the site: the pages of site_dir/<lang>/sitemap.xml join the root's, and
    every page names its other-language version (each page exists in both)."""
    root_map, lang_map = site_dir / "sitemap.xml", site_dir / lang / "sitemap.xml"
    if not (root_map.exists() and lang_map.exists()):
        return
    text = root_map.read_text(encoding="utf-8")
    own = _URL.findall(text)
    others = _URL.findall(lang_map.read_text(encoding="utf-8"))
    base = min((_LOC.search(b).group(1) for b in own), key=len)  # the home page: the site's URL
    blocks = [_with_alternate(b, lang, base + f"{lang}/" + _LOC.search(b).group(1)[len(base):]) for b in own]
    blocks += [_with_alternate(b, LANGUAGES[0], base + _LOC.search(b).group(1)[len(base) + len(lang) + 1:])
               for b in others]
    head = text[: text.index("<url>")].rstrip(" \t")
    merged = head + "".join(blocks) + "</urlset>\n"
    root_map.write_text(merged, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(merged.encode("utf-8"), mtime=0))
    lang_map.unlink()
    (site_dir / lang / "sitemap.xml.gz").unlink(missing_ok=True)


def _site_files(docs_dir: Path, dest: Path, site_url: str) -> None:
    build.post_build(dest, docs_dir, build.load(docs_dir), site_url)


def site_url(config_file: Path) -> str:
    """mkdocs.yml's site_url, read with MkDocs' own YAML loader (it has !ENV and Python tags: the
    address comes from SD_SITE_URL, or is the local one), ending in "/" as MkDocs makes it."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as handle:
        url = str((yaml_load(handle) or {}).get("site_url") or "")
    return url if not url or url.endswith("/") else url + "/"


def _wait_first(procs: dict[str, subprocess.Popen]) -> None:
    while all(p.poll() is None for p in procs.values()):
        time.sleep(0.1)


def build_site(config_file: Path, site_dir: Path, strict: bool = False) -> list[Result]:
    """Build both languages into site_dir; the results of the two MkDocs runs, Chinese first
    (and a third, failed, when the open data and feeds could not be written). site_dir is
    complete only when every return code is 0."""
    config_file = Path(config_file).resolve()
    site_dir = Path(site_dir).resolve()
    docs_dir = config_file.parent / "docs"
    # In two processes of their own, each half the pages: in half the time, and the memory the
    # generation takes (every page of both languages: a gigabyte at 5,000 notices) is given back
    # before the two builds start.
    with ProcessPoolExecutor(max_workers=2) as pool:
        shares = list(pool.map(build.generate_part, [docs_dir] * 2, [0, 1], [2] * 2))
    if shares[0] & shares[1]:
        raise ValueError("two generated pages share a path")
    remove_stale(docs_dir, shares[0] | shares[1])
    scratch = Path(tempfile.mkdtemp(prefix=".site-en-", dir=site_dir.parent))
    try:
        dirs = {"zh": site_dir, "en": scratch / "site"}
        procs, logs = {}, {}
        for lang in LANGUAGES:
            env = {**os.environ, "SD_LANGUAGE": lang, "SD_SPLIT": "1", "NO_MKDOCS_2_WARNING": "1"}
            logs[lang] = scratch / f"{lang}.log"  # a file, not a pipe: a long log cannot block the build
            with logs[lang].open("w", encoding="utf-8") as log:
                procs[lang] = subprocess.Popen(command(config_file, dirs[lang], strict), cwd=config_file.parent,
                                               env=env, stdout=log, stderr=subprocess.STDOUT)
        # The open data and feeds are written once the first build has ended (the English one: a
        # third less work), on the core it leaves free, while the other still runs; into a folder
        # of their own, because MkDocs empties its site directory when it starts.
        _wait_first(procs)
        failed = []
        with ProcessPoolExecutor(max_workers=1) as pool:  # left before the wait below: its memory goes
            try:
                pool.submit(_site_files, docs_dir, scratch / "root", site_url(config_file)).result()
            except Exception as exc:  # reported like a build's failure, without a traceback
                failed.append(Result("open data", 1, f"开放数据和订阅源未能写出 / open data and feeds not written: {exc}"))
        results = [Result(lang, procs[lang].wait(), logs[lang].read_text(encoding="utf-8", errors="replace"))
                   for lang in LANGUAGES] + failed
        if all(r.returncode == 0 for r in results):
            merge_into(dirs["en"], site_dir / "en")
            merge_into(scratch / "root", site_dir)
            merge_sitemaps(site_dir, "en")
        return results
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build the site, both languages at once.")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    results = build_site(args.config_file, args.site_dir, args.strict)
    for r in results:
        if r.output.strip():
            print(f"[{r.language}] " + r.output.strip().replace("\n", f"\n[{r.language}] "), file=sys.stderr)
    failed = [r.language for r in results if r.returncode]
    if failed:
        print(f"网站构建失败（{'、'.join(failed)}），见上方信息 / The site build failed ({', '.join(failed)}): "
              "see the messages above", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
