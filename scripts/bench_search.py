"""Search benchmark: index size and time to the first result, in headless chromium.

For the five bundled notices and a generated corpus of N notices (`notices generate`), builds the
site as `properdocs build` does (one process, both languages) in a scratch directory, serves it
on 127.0.0.1 and prints:

- the Chinese index's size (search/zh/: meta.json, shards, documents, texts), raw and gzip;
- the bytes the reader's browser downloads before the first result appears (page, assets, the
  search component, meta.json, the shards of the query's terms, the documents shown; as
  transferred by this plain server, uncompressed);
- the time from typing the query to the first result (first query after page load, index
  files fetched on the way), and the median of later queries.

scripts/bench.py measures the same with a compressing server, beside Pagefind.

Usage: .venv/bin/python scripts/bench_search.py [--count 1000] [--seed 1] [--query 市场监管局]
       [--skip-generated]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PARTS = ["mkdocs.yml", "docs", "overrides", "scripts", "data"]


def tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else name


def build(work: Path, sources: list[Path] | None, gen: tuple[int, int] | None) -> Path:
    project = work / "project"
    project.mkdir(parents=True)
    for part in PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, project / part)
    for d in ("notices", "generated"):
        shutil.rmtree(project / "docs" / d, ignore_errors=True)
    out = project / "docs" / "notices"
    if gen:
        src_dir = work / "gen-sources"
        if not src_dir.exists():
            subprocess.run([tool("notices"), "generate", "--count", str(gen[0]), "--seed", str(gen[1]),
                            "--out", str(src_dir)], check=True, cwd=REPO, capture_output=True)
        sources = sorted(p for p in src_dir.rglob("*") if p.suffix in {".txt", ".html"})
    subprocess.run([tool("notices"), "convert", *map(str, sources or []), "--out", str(out)],
                   check=True, cwd=REPO, capture_output=True)
    t = time.time()
    subprocess.run([tool("properdocs"), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                    "-d", str(project / "site")], check=True, cwd=project, capture_output=True,
                   env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    print(f"    built in {time.time() - t:.0f} s")
    return project / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


def measure(site: Path, query: str, later: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    folder = site / "search" / "zh"
    raw = gz = 0
    for path in (p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        raw += len(gzip.decompress(data)) if path.suffix == ".gz" else len(data)
        gz += len(data) if path.suffix == ".gz" else len(gzip.compress(data, 9))
    docs = __import__("json").loads((folder / "meta.json").read_text(encoding="utf-8"))["docs"]
    res = {"index_raw": raw, "index_gzip": gz, "docs": docs}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page()
            sizes: dict[str, int] = {}

            def on_finished(req):
                try:
                    r = req.response()
                    body = r.body() if r else b""
                    sizes[req.url] = len(body)
                except Exception:
                    pass

            page.on("requestfinished", on_finished)
            page.goto(base, wait_until="load")
            t0 = time.perf_counter()
            page.fill(".md-search__input", query)
            page.press(".md-search__input", "End")
            page.wait_for_selector(".md-search-result__item", timeout=120000)
            res["first_ms"] = (time.perf_counter() - t0) * 1000
            res["bytes_to_first"] = sum(sizes.values())
            times = []
            for q in later:
                page.fill(".md-search__input", "")
                page.press(".md-search__input", "End")
                page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
                empty = page.text_content(".md-search-result__meta")
                t = time.perf_counter()
                page.fill(".md-search__input", q)
                page.press(".md-search__input", "End")
                # a result, or the "no result" message
                page.wait_for_function("e => document.querySelector('.md-search-result__item') || "
                                       "document.querySelector('.md-search-result__meta').textContent !== e",
                                       arg=empty, timeout=30000)
                times.append((time.perf_counter() - t) * 1000)
                found = page.eval_on_selector_all(".md-search-result__item", "els => els.length")
                res.setdefault("found", []).append(f"{q}:{'yes' if found else 'NO'}")
            res["later_ms"] = statistics.median(times) if times else float("nan")
            res["later_max_ms"] = max(times) if times else float("nan")
            browser.close()
    finally:
        srv.shutdown()
    return res


def report(label: str, r: dict) -> None:
    print(f"  {label:9} index {r['index_raw']:>11,} B raw {r['index_gzip']:>10,} B gzip  {r['docs']:>6} docs | "
          f"downloaded before 1st result {r['bytes_to_first']:>11,} B | first result {r['first_ms']:7.0f} ms | "
          f"later queries median {r['later_ms']:5.0f} ms (max {r['later_max_ms']:.0f})\n"
          f"            found: {' '.join(r.get('found', []))}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--query", default="市场监管局")
    ap.add_argument("--skip-generated", action="store_true")
    a = ap.parse_args()
    later = ["剑网2022", "地理标志", "海关", "上海市市场监督管理局", "SAMR", "customs"]
    corpora = [("five bundled notices", sorted(p for p in (REPO / "sources").glob("*") if p.suffix in {".txt", ".html"}), None)]
    if not a.skip_generated:
        helptext = subprocess.run([tool("notices"), "--help"], capture_output=True, text=True).stdout
        if "generate" in helptext:
            corpora.append((f"generated corpus, {a.count} notices (seed {a.seed})", None, (a.count, a.seed)))
        else:
            print("`notices generate` does not exist yet: skipping the generated corpus")
    for label, sources, gen in corpora:
        print(f"{label}: query {a.query!r}")
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            work = Path(tmp)
            site = build(work, sources, gen)
            report("index", measure(site, a.query, later))


if __name__ == "__main__":
    main()
