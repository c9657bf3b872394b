"""Shared fixtures: build the site once, serve it on 127.0.0.1, drive Debian's chromium.

- `build_site(tmp_path, sources)` builds a site from any list of source files and
  returns the site directory; the session fixture `built_site` builds the bundled
  `sources/` once.
- `site_server` serves `built_site`; `serve(site_dir)` serves any other build.
- `browser` is Python Playwright driving /usr/bin/chromium (never `playwright install`).
- `site_pages` lists the pages of `built_site` from its sitemap.xml, so notice,
  campaign and agency pages are covered as soon as the build produces them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
# What the project copies into a scratch project to build it: everything mkdocs.yml,
# the theme overrides and the plugin and hooks may read.
PROJECT_PARTS = ["mkdocs.yml", "docs", "overrides", "scripts", "data"]
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def bundled_sources() -> list[Path]:
    return sorted(p for p in (REPO / "sources").glob("*") if p.suffix in {".txt", ".html"})


def _tool(name: str) -> str:
    exe = BIN / name
    return str(exe) if exe.exists() else name


def _run(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,),
         extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, **(extra_env or {})) if extra_env else None
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode not in ok:
        raise RuntimeError(
            f"command failed ({proc.returncode}): {' '.join(cmd)}\n"
            f"--- stdout ---\n{proc.stdout}\n--- stderr ---\n{proc.stderr}"
        )
    return proc


def build_site(tmp_path: Path, sources: list[Path], refused: list[str] | None = None,
               env: dict[str, str] | None = None) -> Path:
    """Build the site from `sources` in a scratch copy of the project under tmp_path.

    Copies mkdocs.yml, docs/, overrides/, scripts/ and data/ to tmp_path/project,
    drops the generated folders of docs/ left in the copy, converts `sources`
    into its docs/notices with `notices convert`, then builds it as `make build` does
    (notices.site.split: both languages at once, `properdocs build --strict` each). Returns the site directory (tmp_path/project/site).
    With `refused` (a list), sources that `convert` refuses are allowed: its error lines are
    appended to the list and the rest is built.
    `env` adds to the build's environment (SD_SITE_URL, SD_REPO_URL: the deploy workflow's addresses).
    """
    project = tmp_path / "project"
    project.mkdir(parents=True, exist_ok=False)
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, project / part)
    for generated in ("notices", "agencies", "campaigns", "catalogue", "glossary", "foreign"):
        shutil.rmtree(project / "docs" / generated, ignore_errors=True)
    notices_dir = project / "docs" / "notices"
    if sources:
        notices_dir.mkdir(parents=True)
        proc = _run([_tool("notices"), "convert", *map(str, sources), "--out", str(notices_dir)], cwd=REPO,
                    ok=(0,) if refused is None else (0, 1))
        if refused is not None:
            refused.extend(proc.stderr.splitlines())
    site = project / "site"
    _run(
        [_tool("python"), "-m", "notices.site.split", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        extra_env=env,
    )
    return site


@pytest.fixture(scope="session")
def registry():
    """The registries of data/, loaded once per session."""
    from notices.registry import Registry

    return Registry.load()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session from the bundled sources/."""
    return build_site(tmp_path_factory.mktemp("built"), bundled_sources())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(site_dir: Path, handler_class: type = _QuietHandler) -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 and a free port in a thread; yield the base URL."""
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site served on 127.0.0.1."""
    with serve(built_site) as base_url:
        yield base_url


def site_url_path(site_dir: Path | None = None) -> str:
    """The path part of the site's address ("/" for a local build, "/repo/" on GitHub Pages):
    a built site's, from its sitemap (the home page is its shortest address); else mkdocs.yml's
    for this environment."""
    if site_dir is not None and (site_dir / "sitemap.xml").exists():
        root = ET.parse(site_dir / "sitemap.xml").getroot()
        locs = [u.findtext("sm:loc", "", SITEMAP_NS).strip() for u in root.findall("sm:url", SITEMAP_NS)]
        url = min(locs, key=len) if locs else "/"
    else:  # mkdocs.yml read with ProperDocs' own loader: site_url is !ENV
        from properdocs.utils.yaml import yaml_load

        with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
            url = str((yaml_load(handle) or {}).get("site_url") or "/")
    path = urlsplit(url).path
    return path if path.endswith("/") else path + "/"


@dataclass(frozen=True)
class SitePage:
    path: str  # relative to the site root: "", "about/", "en/notices/x/"
    lang: str  # "zh" or "en"
    alternates: dict[str, str]  # hreflang -> relative path of that language's page


def _relative(url: str, prefix: str) -> str:
    path = urlsplit(url).path
    return path[len(prefix) :] if path.startswith(prefix) else path.lstrip("/")


def read_sitemap(site_dir: Path) -> list[SitePage]:
    """Every page of a built site, from sitemap.xml (written by static-i18n)."""
    prefix = site_url_path(site_dir)
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    pages = []
    for url in root.findall("sm:url", SITEMAP_NS):
        path = _relative(url.findtext("sm:loc", "", SITEMAP_NS).strip(), prefix)
        alternates = {
            link.get("hreflang"): _relative(link.get("href"), prefix)
            for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        lang = "en" if path.startswith("en/") or path == "en" else "zh"
        pages.append(SitePage(path=path, lang=lang, alternates=alternates))
    return pages


@pytest.fixture(scope="session")
def site_pages(built_site: Path) -> list[SitePage]:
    """Every page of `built_site` (checks that read files cover all of them)."""
    pages = read_sitemap(built_site)
    assert pages, "sitemap.xml lists no page"
    return pages


def page_kind(page: SitePage) -> str:
    """The section a page belongs to: "home", "about", "notices", "agencies", ..."""
    path = page.path[3:] if page.lang == "en" else page.path
    return path.split("/", 1)[0] or "home"


def sample_pages(site_dir: Path, pages: list[SitePage], per_kind: int = 2) -> list[SitePage]:
    """A few pages of each (language, section): the first by path and the largest
    (the hardest to lay out), then the next ones by path. Browser checks that load
    pages one by one use this, so their time stays flat as the site grows."""
    groups: dict[tuple[str, str], list[SitePage]] = {}
    for page in sorted(pages, key=lambda p: p.path):
        groups.setdefault((page.lang, page_kind(page)), []).append(page)
    chosen: list[SitePage] = []
    for group in groups.values():
        size = lambda p: (site_dir / p.path / "index.html").stat().st_size  # noqa: E731
        picks = [group[0], max(group, key=size), *group[1:]]
        unique: list[SitePage] = []
        for pick in picks:
            if pick.path not in {u.path for u in unique}:
                unique.append(pick)
        chosen.extend(unique[:per_kind])
    return chosen


@pytest.fixture(scope="session")
def sampled_pages(built_site: Path, site_pages: list[SitePage]) -> list[SitePage]:
    """Up to two pages of each section in each language, for checks in the browser."""
    return sample_pages(built_site, site_pages, per_kind=2)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    """Debian's chromium driven by Python Playwright. `make test` installs it when missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it apt-installs chromium)")
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `make test` (it runs `npm ci`)")
    return AXE_JS.read_text(encoding="utf-8")


def plain_file_mode(folder: Path) -> int:
    """The permission bits this process gives a file it creates with open() (in `folder`)."""
    probe = folder / "probe"
    probe.write_bytes(b"")
    return probe.stat().st_mode & 0o777
