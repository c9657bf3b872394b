#!/usr/bin/env python3
"""Benchmark the site on generated corpora: `make bench`, or
`python scripts/bench.py --sizes 100,1000`. Prints one table and writes bench-results.json.

For each size N: generate N notices (notices.generate), convert them, build the site (ProperDocs,
both languages, the project's plugin), then measure the site (size, pages, search index), search
in headless Chromium (bytes before the first result, time to it, a later query), Pagefind on the
same site, Lighthouse on a notice page, and a PLAIN build for comparison: the same notice pages
with mkdocs-material's defaults (Chinese, automatic navigation, one language, no hooks).

A figure that cannot be measured is null, with the reason printed. Nothing here is a test."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
PY = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
NODE_BIN = REPO / "node_modules" / ".bin"
# Pages the hooks generate into docs/ (gitignored): never copied from the working tree.
GENERATED_DOCS = {"notices", "generated", "agencies", "campaigns", "catalogue", "glossary", "foreign", "topics"}
KEYS = ["notices", "convert_per_s", "build_s", "peak_mb", "site_mb", "max_page_kb", "median_page_kb",
        "index_raw_mb", "index_gz_mb", "first_query_kb", "first_result_s", "later_query_ms", "plain_build_s",
        "lighthouse"]
MB = 1024 * 1024


def note(message: str) -> None:
    print(f"  · {message}", flush=True)


# ---- running and measuring a process -----------------------------------------------------------------

def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, summed (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    return total


def measure_child(argv: list[str]) -> int:
    """--_measure mode: run a command, then report on stderr's last line the peak resident memory
    of its whole process tree (summed over the processes alive at once: the site build runs two
    MkDocs processes), sampled every 100 ms, and never less than the largest single process
    (RUSAGE_CHILDREN, which covers every descendant waited for)."""
    proc = subprocess.Popen(argv)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"@@peak_kb {max(peak, usage.ru_maxrss)}", file=sys.stderr)
    # CPU seconds of the whole tree: steadier than wall time when other work shares the machine
    print(f"@@cpu_s {usage.ru_utime + usage.ru_stime:.2f}", file=sys.stderr)
    return proc.returncode


def run(cmd: list[str], *, cwd: Path | None = None, timeout: float | None = None,
        env: dict | None = None) -> tuple[float | None, float | None, str, float | None]:
    """(seconds, peak MB, error or '', CPU seconds) of a command run through the measuring wrapper."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    start = time.perf_counter()
    try:
        proc = subprocess.run([PY, __file__, "--_measure", "--", *cmd], cwd=cwd, env=full_env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, f"timed out after {timeout:.0f} s", None
    elapsed = time.perf_counter() - start
    peak = cpu = None
    for line in proc.stderr.splitlines():
        if line.startswith("@@peak_kb "):
            peak = int(line.split()[1]) / 1024
        elif line.startswith("@@cpu_s "):
            cpu = float(line.split()[1])
    if proc.returncode != 0:
        tail = "\n".join(l for l in proc.stderr.splitlines() if not l.startswith("@@"))[-800:]
        last = [l for l in tail.splitlines() if l.strip()][-1:] or [""]
        return elapsed, peak, f"exit {proc.returncode}: {last[0].strip()}", cpu
    return elapsed, peak, "", cpu


# ---- the site on disk --------------------------------------------------------------------------------

def project_copy(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("overrides", "scripts", "data"):  # hooks read the registries relative to mkdocs.yml
        if (REPO / name).exists():
            shutil.copytree(REPO / name, dest / name, dirs_exist_ok=True)
    shutil.copytree(REPO / "docs", dest / "docs", dirs_exist_ok=True,
                    ignore=lambda d, names: [n for n in names if Path(d) == REPO / "docs" and n in GENERATED_DOCS])


PLAIN_CONFIG = """site_name: 双打通知
theme:
  name: material
  language: zh
plugins:
  - search
"""


def plain_copy(notices: Path, dest: Path) -> None:
    """The notice pages (Chinese) alone, with mkdocs-material's defaults."""
    (dest / "docs" / "notices").mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (dest / "docs" / "index.md").write_text("# 双打通知\n", encoding="utf-8")
    for md in notices.glob("*.md"):
        if not md.name.endswith(".en.md"):
            shutil.copy2(md, dest / "docs" / "notices" / md.name)


def site_part(rel: Path) -> str:
    """What a file of the built site is, for the size breakdown."""
    parts = rel.parts[1:] if rel.parts[0] == "en" else rel.parts
    if rel.suffix == ".html":
        return f"html {'en' if rel.parts[0] == 'en' else 'zh'}"
    if parts[0] == "notices":
        return "notice records and originals"
    return {"search": "search index", "feeds": "feeds", "data": "open data", "assets": "assets"}.get(parts[0], "other")


def site_metrics(site: Path) -> dict:
    total, pages, parts = 0, [], {}
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            rel = path.relative_to(site)
            part = site_part(rel)
            parts[part] = parts.get(part, 0) + size
            if path.suffix == ".html":
                pages.append((size, str(rel)))
    pages.sort()
    out = {"site_mb": round(total / MB, 1), "html_pages": len(pages),
           "site_parts_mb": {k: round(v / MB, 1) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])},
           "max_page_kb": round(pages[-1][0] / 1024, 1) if pages else None,
           "max_page": pages[-1][1] if pages else None,
           "median_page_kb": round(statistics.median(s for s, _ in pages) / 1024, 1) if pages else None,
           "pages_over_80kb": sum(1 for s, _ in pages if s >= 80 * 1024),
           "index_raw_mb": None, "index_gz_mb": None}
    # The project writes one index per language in pieces (/search/zh/ and /en/search/en/: meta.json,
    # shards of terms s/*.json, documents d/*.json, texts x/*.json.gz; a reader fetches the pieces a
    # query needs), sent gzipped by the host: each language's total is reported, and
    # index_raw/gz_mb is the larger. A build without them (the plain build) has the single
    # search_index.json of the theme's plugin, which a host would gzip.
    files: dict[str, list[Path]] = {}
    for lang, folder in (("zh", site / "search" / "zh"), ("en", site / "en" / "search" / "en")):
        if (folder / "meta.json").exists():
            files[lang] = sorted(p for p in folder.rglob("*.json*") if p.is_file())
    if not files and (site / "search" / "search_index.json").exists():
        files = {"all": [site / "search" / "search_index.json"]}
    for lang, paths in files.items():
        raw_bytes = gz_bytes = 0
        for path in paths:
            data = path.read_bytes()
            if path.suffix == ".gz":  # stored gzipped: sent as it is
                raw_bytes, gz_bytes = raw_bytes + len(gzip.decompress(data)), gz_bytes + len(data)
                continue
            raw_bytes += len(data)
            gz_bytes += len(gzip.compress(data, 6))
        raw, gz = round(raw_bytes / MB, 2), round(gz_bytes / MB, 2)
        if lang != "all":
            out[f"index_{lang}_raw_mb"], out[f"index_{lang}_gz_mb"] = raw, gz
        out["index_raw_mb"] = max(out["index_raw_mb"] or 0, raw)
        out["index_gz_mb"] = max(out["index_gz_mb"] or 0, gz)
    return out


# ---- serving -----------------------------------------------------------------------------------------

class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host such as GitHub Pages does, text compressed with gzip for
    clients that accept it, and counts the bytes it sends per request."""

    COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        url = self.path.split("?")[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.endswith("/"):
            path = path / "index.html"
        if "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in self.COMPRESSED and path.is_file():
            body = gzipped(path)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.server.sent.append((url, len(body)))
            return
        super().do_GET()  # other files, and the redirect of a folder without its final slash

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        outputfile.write(data)
        self.server.sent.append((self.path.split("?")[0], len(data)))


@functools.lru_cache(maxsize=4096)
def gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), 6, mtime=0)


def sent_kb(sent: list[tuple[str, int]]) -> float:
    """KB the server sent (compressed where it compressed, as a static host does)."""
    return round(sum(size for _, size in sent) / 1024, 1)


@contextlib.contextmanager
def serve(site: Path):
    handler = functools.partial(CountingHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.sent = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---- search in the browser ---------------------------------------------------------------------------

# Types a query into mkdocs-material's search box and resolves with performance.now() once the
# result list holds results that differ from before (or rejects after the timeout).
QUERY_JS = """async ([q, timeout]) => {
  const input = document.querySelector('input.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  if (!input || !list) throw new Error('no search box on this page');
  input.focus();
  if (list.children.length) {  // clear the previous results first, so that the same results count too
    input.value = '';
    for (const type of ['input', 'keyup']) input.dispatchEvent(new Event(type, {bubbles: true}));
    for (let i = 0; i < 100 && list.children.length; i++) await new Promise(r => setTimeout(r, 10));
  }
  const before = list.innerHTML;
  const t0 = performance.now();
  input.value = q;
  for (const type of ['input', 'keyup', 'change']) input.dispatchEvent(new Event(type, {bubbles: true}));
  await new Promise((resolve, reject) => {
    const ready = () => list.children.length > 0 && list.innerHTML !== before;
    if (ready()) return resolve();
    const obs = new MutationObserver(() => { if (ready()) { obs.disconnect(); resolve(); } });
    obs.observe(list, {childList: true, subtree: true});
    setTimeout(() => { obs.disconnect(); reject(new Error('no result within ' + timeout + ' ms; meta: ' +
      (document.querySelector('.md-search-result__meta') || {}).textContent)); }, timeout);
  });
  const links = [...list.querySelectorAll('.md-search-result__item > a')].map(a => a.getAttribute('href'));
  return {t0, t1: performance.now(), links};
}"""

# The first query's time includes loading Pagefind (its script, WebAssembly and index entry).
PAGEFIND_JS = """async ([q, n, ranking]) => {
  const t0 = performance.now();
  if (!window.__pf) { window.__pf = await import('/pagefind/pagefind.js'); }
  if (ranking) await window.__pf.options({ranking});
  const search = await window.__pf.search(q);
  const data = await Promise.all(search.results.slice(0, n).map(r => r.data()));
  return {ms: performance.now() - t0, urls: data.map(d => d.url), total: search.results.length};
}"""


def found(expected: str, links: list[str]) -> bool:
    return any(expected in (link or "") for link in links)


def lunr_search(site: Path, page_path: str, queries: list[tuple[str, str]], timeout_s: float) -> dict:
    """Bytes and time to the first search result after a notice page loads, a later query, and
    the recall of the query set (expected page among the results shown)."""
    out = {"first_query_kb": None, "first_result_s": None, "later_query_ms": None,
           "recall": None, "search_kb_before_use": None, "errors": []}
    from playwright.sync_api import sync_playwright

    # A static host compresses a file once and serves that copy from its cache (GitHub Pages'
    # CDN does); this server compresses on first request, which for a 24 MB index took about
    # 0.7 s inside the timed window. Compress the index before timing, as a host would have.
    for index in (site / "search").glob("*.json"):
        gzipped(index)
    for index in [*(site / "search").glob("*/meta.json"), *(site / "en" / "search").glob("*/meta.json")]:
        gzipped(index)
    with serve(site) as (server, base), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            page = browser.new_context().new_page()
            page.goto(base + page_path, wait_until="load", timeout=120_000)
            load_end = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            # what the page fetched for search by its load event, before the reader used search
            out["search_kb_before_use"] = round(sum(size for url, size in server.sent if "search" in url) / 1024, 1)
            note(f"search KB fetched by the load event, before use: {out['search_kb_before_use']}")
            try:
                r = page.evaluate(QUERY_JS, [queries[0][0], int(timeout_s * 1000)])
                out["first_result_s"] = round((r["t1"] - load_end) / 1000, 2)
                out["first_query_kb"] = sent_kb(server.sent)
            except Exception as exc:  # noqa: BLE001 — reported, never invented
                out["errors"].append(f"first query: {str(exc).splitlines()[0][:300]}")
                return out
            later, hits = [], 0
            for q, expected in queries:
                try:
                    r = page.evaluate(QUERY_JS, [q, int(timeout_s * 1000)])
                except Exception as exc:  # noqa: BLE001
                    out["errors"].append(f"query {q!r}: {str(exc).splitlines()[0][:200]}")
                    continue
                later.append(r["t1"] - r["t0"])
                hits += found(expected, r["links"])
            if later:
                out["later_query_ms"] = round(statistics.median(later), 1)
            out["recall"] = round(hits / len(queries), 2)
        finally:
            browser.close()
    return out


# Pagefind's ranking with page length not counted (its default, 0.75, ranks the short agency and
# listing pages above the notice that holds every word of the query): also reported, as the
# ranking a site using Pagefind would set.
PAGEFIND_RANKING = {"pageLength": 0.0}


def pagefind(site: Path, page_path: str, queries: list[tuple[str, str]]) -> dict:
    out = {"index_mb": None, "first_query_kb": None, "first_query_ms": None, "later_query_kb": None,
           "later_query_ms": None, "recall": None, "recall_top50": None, "recall_page_length_0": None,
           "index_s": None, "errors": []}
    binary = NODE_BIN / "pagefind"
    if not binary.exists():
        out["errors"].append("node_modules/.bin/pagefind missing (npm ci)")
        return out
    seconds, _, error, _ = run([str(binary), "--site", str(site), "--output-subdir", "pagefind"], timeout=3600)
    if error:
        out["errors"].append(f"pagefind: {error}")
        return out
    out["index_s"] = round(seconds, 1)
    out["index_mb"] = round(sum(f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()) / MB, 2)
    from playwright.sync_api import sync_playwright

    with serve(site) as (server, base), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        try:
            page = browser.new_context().new_page()
            # Pagefind alone: the theme's own search is not loaded (it would count here)
            page.route("**/search/search_index*", lambda route: route.abort())
            page.goto(base + page_path, wait_until="load", timeout=120_000)
            page.wait_for_load_state("networkidle")
            sent = len(server.sent)
            hits, anywhere, later_kb, later_ms = 0, 0, [], []
            for i, (q, expected) in enumerate(queries):
                r = page.evaluate(PAGEFIND_JS, [q, 10, None])
                kb = sent_kb(server.sent[sent:])
                if i == 0:
                    out["first_query_kb"], out["first_query_ms"] = round(kb, 1), round(r["ms"], 1)
                else:
                    later_kb.append(kb)
                    later_ms.append(r["ms"])
                hits += found(expected, r["urls"])
                deep = page.evaluate(PAGEFIND_JS, [q, 50, None])  # after the bytes were counted
                anywhere += found(expected, deep["urls"])
                sent = len(server.sent)
            out["recall"] = round(hits / len(queries), 2)
            out["recall_top50"] = round(anywhere / len(queries), 2)
            tuned = sum(found(e, page.evaluate(PAGEFIND_JS, [q, 10, PAGEFIND_RANKING])["urls"]) for q, e in queries)
            out["recall_page_length_0"] = round(tuned / len(queries), 2)
            if later_kb:
                out["later_query_kb"] = round(statistics.median(later_kb), 1)
                out["later_query_ms"] = round(statistics.median(later_ms), 1)
        except Exception as exc:  # noqa: BLE001
            out["errors"].append(f"pagefind search: {str(exc).splitlines()[0][:300]}")
        finally:
            browser.close()
    return out


LIGHTHOUSE_RUNS = 3


def lighthouse(site: Path, page_path: str, workdir: Path) -> tuple[dict | None, str]:
    """Lighthouse's scores from the run with the median performance score of LIGHTHOUSE_RUNS
    (Lighthouse's own advice: one run varies by several points), with every run's score."""
    binary = NODE_BIN / "lighthouse"
    if not binary.exists():
        return None, "node_modules/.bin/lighthouse missing (npm ci)"
    runs = []
    with serve(site) as (_, base):
        for i in range(LIGHTHOUSE_RUNS):
            report = workdir / f"lighthouse-{i}.json"
            cmd = [str(binary), base + page_path, "--output=json", f"--output-path={report}", "--quiet",
                   "--only-categories=performance,accessibility,best-practices,seo",
                   f"--chrome-flags={' '.join(CHROME_ARGS)}"]
            # run directly (not through the wrapper): the server lives in this process
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                                      env={**os.environ, "CHROME_PATH": CHROMIUM})
            except subprocess.TimeoutExpired:
                return None, "lighthouse timed out after 600 s"
            if proc.returncode != 0 or not report.exists():
                return None, f"lighthouse exit {proc.returncode}: {proc.stderr[-500:]}"
            result = json.loads(report.read_text(encoding="utf-8"))
            cats = result["categories"]
            score = lambda k: None if cats.get(k, {}).get("score") is None else round(cats[k]["score"] * 100)  # noqa: E731
            runs.append({"performance": score("performance"), "accessibility": score("accessibility"),
                         "best_practices": score("best-practices"), "seo": score("seo"),
                         "benchmark_index": result.get("environment", {}).get("benchmarkIndex")})
    median = sorted(runs, key=lambda r: r["performance"] or 0)[len(runs) // 2]
    return {**median, "performance_runs": [r["performance"] for r in runs]}, ""


# ---- one size ----------------------------------------------------------------------------------------

def query_set(manifest: list[dict], n: int = 12) -> list[tuple[str, str]]:
    """Fixed queries: a work plan's place and year (“靖远县 2021 工作要点”) → that notice's page."""
    from notices.generate import own_name
    from notices.registry import Registry

    registry = Registry.load()
    plans = sorted((t for t in manifest if t["kind"] == "work-plan"), key=lambda t: t["slug"])
    step = max(1, len(plans) // n)
    out = []
    for t in plans[::step][:n]:
        j = registry.jurisdictions[t["jurisdiction"]]
        out.append((f"{own_name(j, registry)} {t['slug'][:4]} 工作要点", f"notices/{t['slug']}/"))
    return out


def bench_size(n: int, seed: int, work: Path, args) -> dict:
    from notices.generate import write_corpus

    print(f"\n== N = {n} ==", flush=True)
    wall = time.perf_counter()
    res: dict = {k: None for k in KEYS}
    res.update(notices=n, notes=[])

    def missing(key: str, why: str) -> None:
        res["notes"].append(f"{key}: {why}")
        note(f"{key} = null: {why}")

    corpus, proj, plain = work / "corpus", work / "project", work / "plain"
    manifest = write_corpus(n, seed, corpus)
    note(f"generated {n} notices ({sum(t['bytes'] for t in manifest) / MB:.1f} MB)")
    project_copy(proj)
    pages_dir = proj / "docs" / "notices"
    seconds, peak_convert, error, cpu = run([PY, "-m", "notices.cli", "convert", str(corpus), "--out", str(pages_dir)],
                                       timeout=args.timeout)
    if error:
        missing("convert_per_s", error)
        return res
    res["convert_s"] = round(seconds, 1)
    res["convert_cpu_s"] = cpu
    res["convert_per_s"] = round(n / seconds, 1)
    note(f"converted in {seconds:.1f} s ({n / seconds:.0f}/s, peak {peak_convert:.0f} MB)")
    site = proj / "site"
    # as `make build` does: both languages at once (notices.site.split)
    seconds, peak_build, error, build_cpu = run([PY, "-m", "notices.site.split", "-f", str(proj / "mkdocs.yml"),
                                      "-d", str(site)], cwd=proj, timeout=args.timeout)
    if error:
        missing("build_s", f"properdocs build failed: {error}")
        for key in ("peak_mb", "site_mb"):
            missing(key, "no build")
    else:
        res["mkdocs_s"] = round(seconds, 1)
        res["mkdocs_cpu_s"] = build_cpu
        res["build_s"] = round(res["convert_s"] + seconds, 1)
        res["peak_mb"] = round(max(peak_convert or 0, peak_build or 0))
        note(f"mkdocs built in {seconds:.1f} s (peak {peak_build:.0f} MB)")
        res.update(site_metrics(site))
    notice_page = f"/notices/{sorted(t['slug'] for t in manifest if t['kind'] == 'work-plan')[0]}/"
    res["page"] = notice_page
    queries = query_set(manifest)
    res["queries"] = len(queries)
    if not error and not args.no_browser:
        s = lunr_search(site, notice_page, queries, args.query_timeout)
        for key in ("first_query_kb", "first_result_s", "later_query_ms"):
            res[key] = s[key]
            if s[key] is None:
                missing(key, "; ".join(s["errors"]) or "not measured")
        res["lunr_recall"] = s["recall"]
        res["search_kb_before_use"] = s["search_kb_before_use"]
        if s["errors"]:
            res["notes"] += s["errors"]
    elif args.no_browser:
        for key in ("first_query_kb", "first_result_s", "later_query_ms"):
            missing(key, "--no-browser")
    if not error and not args.no_lighthouse:
        scores, why = lighthouse(site, notice_page, work)
        res["lighthouse"] = scores
        if scores is None:
            missing("lighthouse", why)
    elif args.no_lighthouse:
        missing("lighthouse", "--no-lighthouse")
    if not error and not args.no_pagefind:
        pf = pagefind(site, notice_page, queries)
        res["pagefind"] = pf
        for e in pf["errors"]:
            missing("pagefind", e)
    # the plain build: same notice pages, material defaults, no hooks, one language
    if not args.no_plain:
        plain_copy(pages_dir, plain)
        seconds, peak, perror, _ = run([PY, "-m", "properdocs", "build", "-q", "-f", str(plain / "mkdocs.yml"),
                                     "-d", str(plain / "site")], cwd=plain, timeout=args.timeout)
        if perror:
            missing("plain_build_s", perror)
        else:
            res["plain_build_s"] = round(seconds, 1)
            pm = {"build_s": round(seconds, 1), "peak_mb": round(peak or 0), **site_metrics(plain / "site")}
            if not args.no_browser:
                ps = lunr_search(plain / "site", notice_page, queries, args.query_timeout)
                pm.update({k: ps[k] for k in ("first_query_kb", "first_result_s", "later_query_ms")},
                          recall=ps["recall"], errors=ps["errors"])
            res["plain"] = pm
            res["ratios"] = {k: round(res[k] / pm[k], 2) if isinstance(res.get(k), (int, float))
                             and isinstance(pm.get(k), (int, float)) and pm[k] else None
                             for k in ("build_s", "peak_mb", "site_mb", "max_page_kb", "median_page_kb",
                                       "index_raw_mb", "index_gz_mb", "first_query_kb", "first_result_s",
                                       "later_query_ms")}
            note(f"plain build {seconds:.1f} s")
    res["wall_s"] = round(time.perf_counter() - wall, 1)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return res


# ---- the table ---------------------------------------------------------------------------------------

ROWS = [
    ("notices", "notices", ""), ("convert_per_s", "conversion rate", "notices/s"), ("convert_s", "conversion", "s"),
    ("convert_cpu_s", "  conversion CPU", "s"), ("mkdocs_s", "mkdocs build", "s"),
    ("mkdocs_cpu_s", "  mkdocs CPU, both processes", "s"), ("build_s", "build (convert + mkdocs)", "s"), ("peak_mb", "peak RSS", "MB"),
    ("site_mb", "site size", "MB"), ("html_pages", "HTML pages", ""), ("max_page_kb", "largest page", "KB"),
    ("median_page_kb", "median page", "KB"), ("pages_over_80kb", "pages ≥ 80 KB", ""),
    ("index_raw_mb", "search index raw", "MB"), ("index_gz_mb", "search index gzip", "MB"),
    ("first_query_kb", "bytes to first result", "KB"),
    ("first_result_s", "first result after load", "s"), ("later_query_ms", "later query", "ms"),
    ("lunr_recall", "lunr recall@10", ""), ("plain_build_s", "plain build", "s"), ("wall_s", "wall time", "s"),
]


def fmt(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 10 else f"{v:,.1f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def table(results: list[dict]) -> str:
    head = ["metric"] + [f"N={r['notices']}" for r in results]
    rows = [[f"{label} ({unit})" if unit else label] + [fmt(r.get(key)) for r in results] for key, label, unit in ROWS]
    for part in ("html zh", "html en", "notice records and originals", "search index", "open data", "feeds",
                 "assets", "other"):
        rows.append([f"  site: {part} (MB)"] + [fmt((r.get("site_parts_mb") or {}).get(part)) for r in results])
    for cat in ("performance", "accessibility", "best_practices", "seo"):
        rows.append([f"lighthouse {cat}"] + [fmt((r.get("lighthouse") or {}).get(cat)) for r in results])
    rows.append(["  performance, each run"] + ["/".join(map(str, (r.get("lighthouse") or {}).get("performance_runs") or []))
                                               or "null" for r in results])
    # Lighthouse's measure of this machine's CPU: its simulated timings scale with it
    rows.append(["  benchmark index (CPU)"] + [fmt((r.get("lighthouse") or {}).get("benchmark_index")) for r in results])
    for key in ("index_mb", "first_query_kb", "first_query_ms", "later_query_kb", "later_query_ms", "recall",
                "recall_top50", "recall_page_length_0"):
        rows.append([f"pagefind {key}"] + [fmt((r.get("pagefind") or {}).get(key)) for r in results])
    for key in ("build_s", "site_mb", "max_page_kb", "index_gz_mb", "first_query_kb", "first_result_s",
                "later_query_ms"):
        rows.append([f"project/plain {key}"] + [fmt((r.get("ratios") or {}).get(key)) for r in results])
    rows.append(["plain lunr recall"] + [fmt((r.get("plain") or {}).get("recall")) for r in results])
    widths = [max(len(str(row[i])) for row in [head] + rows) for i in range(len(head))]
    line = lambda row: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                                 for i, (c, w) in enumerate(zip(row, widths)))
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_measure"]:
        return measure_child(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES") or "100,1000,5000",
                        help="comma list of corpus sizes (env BENCH_SIZES)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=REPO / "bench-results.json")
    parser.add_argument("--workdir", type=Path, default=None, help="where to build (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites")
    parser.add_argument("--timeout", type=float, default=3600, help="per build step, seconds")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds to wait for search results")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--no-plain", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()]
    print(f"machine: {os.cpu_count()} cores, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024 ** 3:.1f} GB; python {sys.version.split()[0]}")
    results = []
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix="notices-bench-", dir=args.workdir))
    for n in sizes:
        results.append(bench_size(n, args.seed, base / f"n{n}", args))
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    print()
    print(table(results))
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
