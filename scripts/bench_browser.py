"""The browser half of scripts/bench.py: a local server that compresses as a static host does and
counts what it sends, the site's search measured in headless Chromium (bytes and time to the
first result, later queries, recall), Pagefind on the same site, and Lighthouse."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync"]
NODE_BIN = REPO / "node_modules" / ".bin"
MB = 1024 * 1024


def note(message: str) -> None:
    print(f"  · {message}", flush=True)


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


def site_search(site: Path, page_path: str, queries: list[tuple[str, str]], timeout_s: float) -> dict:
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
    start = time.perf_counter()
    try:
        proc = subprocess.run([str(binary), "--site", str(site), "--output-subdir", "pagefind"],
                              capture_output=True, text=True, timeout=3600)
    except subprocess.TimeoutExpired:
        out["errors"].append("pagefind: timed out after 3600 s")
        return out
    if proc.returncode != 0:
        out["errors"].append(f"pagefind: exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
        return out
    out["index_s"] = round(time.perf_counter() - start, 1)
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
