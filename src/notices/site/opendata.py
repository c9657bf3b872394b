"""Open data written into the built site: /data/notices.json (the catalogue: every notice as
`notices inspect` prints it, without its text, plus the URL of its page and of its full record,
each agency and campaign with the URL of theirs) and /data/tasks.csv (one row per task and
agency). The full record, text and tasks included, is /notices/<slug>.json.gz beside the page:
the converter's record as it is, gzipped (a sixth of the size: the records were the largest
part of the site after its pages); the catalogue does not repeat it, so it stays small as the
archive grows. URLs are root-relative to the site ("/notices/x/"), whatever site_url is.
Deterministic: sorted keys and rows, no timestamps (not in the gzip header either)."""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ..safety import csv_cell
from .common import page_url
from .data import SiteData

# The text and its structure: in the full record only.
FULL_RECORD_ONLY = ("body", "sections", "phases", "tasks")
CSV_COLUMNS = ["notice", "task", "path", "role", "agency", "agency_name", "campaigns", "url"]


def url(path: str) -> str:
    return "/" + page_url(path)


def notices_json(data: SiteData) -> str:
    notices = []
    for n in data.notices:
        item = copy.deepcopy({k: v for k, v in n.items() if k not in FULL_RECORD_ONLY})
        item["url"] = url(f"notices/{n['slug']}")
        item["url_en"] = "/en" + item["url"]
        item["record"] = f"/notices/{n['slug']}.json.gz"
        item["task_count"] = len(n["tasks"])
        for a in item["agencies"]:
            a["url"] = url(f"agencies/{a['id']}")
        for c in item["campaigns"]:
            c["url"] = url(f"campaigns/{c['series']}")
        notices.append(item)
    return json.dumps({"notices": notices}, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def tasks_csv(data: SiteData) -> str:
    """Rows by notice (slug), task order, agency, role, name; made a notice at a time, not held
    all at once (750,000 rows at 5,000 notices)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for n in sorted(data.notices, key=lambda n: n["slug"]):
        rows = []
        for order, task in enumerate(n["tasks"]):
            for ref in task["agencies"] or [{"id": None, "name": "", "role": ""}]:
                rows.append((order, task["id"], "".join(task["path"]), ref["role"], ref["id"] or "", ref["name"],
                             " ".join(task["campaigns"]), url(f"notices/{n['slug']}") + "#" + task["id"]))
        rows.sort(key=lambda r: (r[0], r[4], r[3], r[5]))
        # every cell through csv_cell: an agency name such as =1+1 must not run as a formula
        writer.writerows([csv_cell(str(c)) for c in (n["slug"], *r[1:])] for r in rows)
    return out.getvalue()


def records(data: SiteData, notices_dir: Path) -> Iterator[tuple[str, bytes]]:
    """Each notice's record file (notices_dir/<slug>.json, as converted), gzipped, with its path in the site."""
    for n in data.notices:
        yield f"notices/{n['slug']}.json.gz", gzip.compress((notices_dir / f"{n['slug']}.json").read_bytes(), 6, mtime=0)
