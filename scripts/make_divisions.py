"""Regenerate data/divisions.tsv, China's administrative divisions down to county level with
their former names, from the tables the jionlp package ships (Apache-2.0; its
dictionary/china_location.zip, from the official code table, and
dictionary/china_location_change.txt, the changes approved since 2002).

    pip download jionlp==1.5.31 --no-deps -d /tmp/jionlp
    python scripts/make_divisions.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

(or give the folder of an installed jionlp package). The output is sorted by code, so the same
input gives the same file."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "divisions.tsv"
LEVELS = {0: "province", 1: "prefecture", 2: "county"}
PSEUDO = "省直辖行政区划"  # counties directly under a province sit under this pseudo-prefecture


def read_member(source: Path, name: str) -> bytes:
    if source.is_dir():
        return (source / name).read_bytes()
    with zipfile.ZipFile(source) as wheel:
        return wheel.read("jionlp/" + name)


def divisions(location: str) -> list[dict]:
    rows, stack = [], []
    for line in location.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        name, code, short = (line.strip().split("\t") + ["", ""])[:3]
        del stack[depth:]
        parent = stack[-1] if stack else None
        row = {"code": code, "level": LEVELS[depth], "name": name, "short": short,
               "parent": parent["code"] if parent else "", "former": []}
        stack.append(row)
        if depth == 1 and (name == PSEUDO or name == parent["name"]):
            # a municipality's one prefecture (上海市/上海市) or the pseudo-prefecture of counties
            # directly under a province: their counties belong to the province itself
            row["skip"] = True
            row["code"] = parent["code"]
        rows.append(row)
    # 市直辖行政区划 (the towns of cities without counties) and the districts of Hong Kong and
    # Macao have no code of their own
    seen: set[str] = set()
    out = []
    for r in rows:
        if r.get("skip") or not r["code"] or r["code"] == r["parent"] or "直辖" in r["name"] or r["code"] in seen:
            continue
        seen.add(r["code"])
        out.append(r)
    return out


def add_former_names(rows: list[dict], changes: str) -> None:
    """china_location_change.txt: date, kind, old province/short, old prefecture/short,
    [old county/short] => new province, new prefecture, [new county]."""
    by_path = {}
    names = {r["code"]: r["name"] for r in rows}
    current = set(names.values())
    for r in rows:
        path = [r["name"]]
        p = r["parent"]
        while p:
            path.insert(0, names[p])
            p = next(x["parent"] for x in rows if x["code"] == p)
        by_path[tuple(path)] = r
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old = old.split("\t")[2:]
        old_names = old[0::2]  # province, prefecture, county (full names; the others are shorts)
        new_names = [n for n in new.split("\t") if n]
        if len(old_names) != len(new_names):
            continue
        target = by_path.get(tuple(n for n in new_names if n not in (PSEUDO,)))
        if target is None and len(new_names) == 3 and new_names[1] == new_names[0]:
            target = by_path.get((new_names[0], new_names[2]))
        former = old_names[-1]
        # 城区, 郊区, 矿区: too common as words, and a current name is no former one
        if (target is not None and former != new_names[-1] and former not in target["former"]
                and len(former) >= 3 and former not in current):
            target["former"].append(former)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[1])
    with zipfile.ZipFile(io.BytesIO(read_member(source, "dictionary/china_location.zip"))) as z:
        location = z.read("china_location.txt").decode("utf-8")
    rows = divisions(location)
    add_former_names(rows, read_member(source, "dictionary/china_location_change.txt").decode("utf-8"))
    rows.sort(key=lambda r: (r["code"], r["name"]))
    lines = ["# China's administrative divisions to county level, from jionlp 1.5.31 (Apache-2.0):",
             "# regenerate with scripts/make_divisions.py. Columns: code, level, name, short name,",
             "# parent code, former names (| between them).",
             "code\tlevel\tname\tshort\tparent\tformer"]
    lines += ["\t".join([r["code"], r["level"], r["name"], r["short"], r["parent"], "|".join(r["former"])])
              for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} divisions, {sum(bool(r['former']) for r in rows)} with former names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
