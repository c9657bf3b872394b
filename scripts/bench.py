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
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_browser import lighthouse, note, pagefind, site_search

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
PY = sys.executable
# Pages the hooks generate into docs/ (gitignored): never copied from the working tree.
GENERATED_DOCS = {"notices", "generated", "agencies", "campaigns", "catalogue", "glossary", "foreign", "topics"}
KEYS = ["notices", "convert_per_s", "build_s", "peak_mb", "site_mb", "max_page_kb", "median_page_kb",
        "index_raw_mb", "index_gz_mb", "first_query_kb", "first_result_s", "later_query_ms", "plain_build_s",
        "lighthouse"]
MB = 1024 * 1024


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
        s = site_search(site, notice_page, queries, args.query_timeout)
        for key in ("first_query_kb", "first_result_s", "later_query_ms"):
            res[key] = s[key]
            if s[key] is None:
                missing(key, "; ".join(s["errors"]) or "not measured")
        res["search_recall"] = s["recall"]
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
                ps = site_search(plain / "site", notice_page, queries, args.query_timeout)
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
    ("search_recall", "search recall@10", ""), ("plain_build_s", "plain build", "s"), ("wall_s", "wall time", "s"),
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
