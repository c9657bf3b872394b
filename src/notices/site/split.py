"""`make build`: the site's two languages built by two ProperDocs processes at once.

static-i18n builds its languages one after the other in one process, so a build on a machine
with two cores used one. Here each language is a `properdocs build` of its own, chosen with
static-i18n's documented `build_only_locale` option (and the notices plugin's `language`):
mkdocs.yml sets both from SD_LANGUAGE. Chinese is built into the site directory, English into
a scratch directory whose contents then move under site/en/. Nothing else differs from
`properdocs build` (both languages in one process) or `properdocs serve`: the same plugin does
the same steps in each.

- The generated pages are written once before the two builds start, so that the two never
  write the same file (each build's plugin then finds them written: pages.write's stamp).
- The English build's site_url gets "en/" (the plugin's on_config); each language links each
  page to its other language itself (overrides/partials/alternate.html) and lists its pages in
  its own sitemap; the Chinese one lists every page in both languages (overrides/sitemap.xml).
- Open data, records and feeds are written by the Chinese build (plugin on_post_build); the
  notices' originals are published once, by the Chinese build, at the root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import build, pages

LANGUAGES = ("zh", "en")  # the default language first: it is built into the site root


@dataclass(frozen=True)
class Result:
    language: str
    returncode: int
    output: str


def built_alone(config) -> str | None:
    """The language a build makes alone (SD_LANGUAGE in mkdocs.yml), or None: the notices
    plugin's own `language` option."""
    plugin = config.plugins.get("notices")
    return getattr(getattr(plugin, "config", None), "language", None)


def command(config_file: Path, site_dir: Path, strict: bool) -> list[str]:
    cmd = [sys.executable, "-m", "properdocs", "build", "-q", "-f", str(config_file), "-d", str(site_dir)]
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


def write_pages(docs_dir: Path, data_dir: Path) -> None:
    """The generated pages, as each build's plugin would write them."""
    pages.write(docs_dir, build.load(docs_dir, data_dir), build.fingerprint(docs_dir, data_dir))


def build_site(config_file: Path, site_dir: Path, strict: bool = False) -> list[Result]:
    """Build both languages into site_dir; the results of the two builds, Chinese first.
    site_dir is complete only when both return codes are 0."""
    config_file = Path(config_file).resolve()
    site_dir = Path(site_dir).resolve()
    root = config_file.parent
    # In a process of its own: the memory it takes is given back before the builds start.
    with ProcessPoolExecutor(max_workers=1) as pool:
        pool.submit(write_pages, root / "docs", root / "data").result()
    scratch = Path(tempfile.mkdtemp(prefix=".site-en-", dir=site_dir.parent))
    try:
        dirs = {"zh": site_dir, "en": scratch / "site"}
        procs, logs = {}, {}
        for lang in LANGUAGES:
            logs[lang] = scratch / f"{lang}.log"  # a file, not a pipe: a long log cannot block the build
            with logs[lang].open("w", encoding="utf-8") as log:
                procs[lang] = subprocess.Popen(command(config_file, dirs[lang], strict), cwd=root,
                                               env={**os.environ, "SD_LANGUAGE": lang}, stdout=log,
                                               stderr=subprocess.STDOUT)
        results = [Result(lang, procs[lang].wait(), logs[lang].read_text(encoding="utf-8", errors="replace"))
                   for lang in LANGUAGES]
        if all(r.returncode == 0 for r in results):
            merge_into(dirs["en"], site_dir / "en")
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
    try:
        results = build_site(args.config_file, args.site_dir, args.strict)
    except Exception as exc:  # the registry or a notice's record names the file and line
        print(f"网站构建失败 / The site build failed: {exc}", file=sys.stderr)
        return 1
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
