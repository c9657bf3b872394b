"""How many outline headings get an English form from data/headings.yaml and its rules.

    .venv/bin/python scripts/heading_coverage.py [DIR_OR_FILE ...] [--top N]

Reads every notice (.txt, .html) under the paths given (default: corpus/real/, sources/ and
tests/fixtures/notices/ where they exist), parses it as `notices convert` does, and prints the share
of headings read by rule, then the commonest headings that fall back, with what they fall back to.
A notice that cannot be converted is listed and left out; a file found twice counts once."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from notices.describe import fallback_heading  # noqa: E402
from notices.english import heading_en  # noqa: E402
from notices.errors import NoticeError  # noqa: E402
from notices.parse import load_notice  # noqa: E402
from notices.registry import Registry  # noqa: E402
from notices.topics import tag  # noqa: E402

DEFAULT = [ROOT / "corpus" / "real", ROOT / "sources", ROOT / "tests" / "fixtures" / "notices"]


def sources(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.suffix in (".txt", ".html", ".htm") and f.is_file())
        elif p.is_file():
            out.append(p)
    return out


def walk(sections):
    for s in sections:
        yield s
        yield from walk(s.children)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)
    files = sources(args.paths or [p for p in DEFAULT if p.exists()])
    registry = Registry.load()
    total = ruled = notices = 0
    distinct: dict[str, bool] = {}
    fallbacks: Counter[str] = Counter()
    shown: dict[str, str] = {}
    seen: set[str] = set()
    for path in files:
        try:
            notice = load_notice(path, registry)
        except NoticeError as e:
            print(f"skipped: {e}", file=sys.stderr)
            continue
        if notice.sha256 in seen:  # the same file in two folders (a corpus and its merged copy) counts once
            continue
        seen.add(notice.sha256)
        notices += 1
        for s in walk(notice.sections):
            total += 1
            heading = "".join(s.heading.split())
            ok = heading_en(heading) is not None
            ruled += ok
            distinct[heading] = ok
            if not ok:
                fallbacks[heading] += 1
                shown.setdefault(heading, fallback_heading(s, tag("", [s.heading])))
    if not total:
        print("no headings found")
        return 1
    share = 100 * ruled / total
    unique = 100 * sum(distinct.values()) / len(distinct)
    print(f"{notices} notices, {total} headings: {ruled} ({share:.1f} %) get an English form by rule; "
          f"{len(distinct)} distinct headings: {unique:.1f} %")
    if fallbacks:
        print(f"\nCommonest headings that fall back (of {sum(fallbacks.values())}):")
        for heading, count in fallbacks.most_common(args.top):
            print(f"{count:4d}  {heading}  →  {shown[heading]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
