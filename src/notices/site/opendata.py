"""Open data written into the built site: /data/notices.json (the catalogue: every notice as
`notices inspect` prints it, without its text, plus the URL of its page and of its full record,
each agency and campaign with the URL of theirs), /data/tasks.csv (one row per task, with its
text and its agencies by role, for spreadsheets) and /data/task-agencies.csv (one row per task and
agency, by id, for programs). The full record, text and tasks included, is
/notices/<slug>.json.gz beside the page: the converter's record as it is, gzipped (a sixth of the
size: the records were the largest part of the site after its pages); the catalogue does not
repeat it, so it stays small as the archive grows. Each file has a JSON Schema describing every
field beside it (docs/data/*.schema.json, published as /data/…), and the licence is stated in
notices.json and the schemas.

URLs are absolute, from site_url (the address the site is published at, with its base path:
SD_SITE_URL in the deploy workflow), so they work under a Pages path and in a spreadsheet.
The CSV files start with a UTF-8 byte-order mark: Excel on a Chinese Windows reads them as UTF-8
(without it, as GBK: garbled). Deterministic: sorted keys and rows, no timestamps (not in the
gzip header either)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ..model import AgencyRef, plain
from ..safety import csv_cell
from .common import page_url
from .data import SiteData

# The text and its structure: in the full record only.
FULL_RECORD_ONLY = ("body", "front_blocks", "sections", "phases", "tasks")
TASK_COLUMNS = ["notice", "task", "path", "text", "lead", "responsible", "support", "campaigns", "url"]
CSV_COLUMNS = ["notice", "task", "path", "role", "agency", "agency_name", "campaigns", "url"]
BOM = "\ufeff"
ROLES = ("lead", "responsible", "support")

# What may be done with the files (also in docs/data/*.schema.json and on the about page).
LICENCE = {
    "data": "CC0-1.0",
    "data_url": "https://creativecommons.org/publicdomain/zero/1.0/",
    "statement_zh": "本站整理的结构化数据（元数据、任务拆分、机关与职责、专项行动、本站译名与译文）以 CC0 1.0 "
                    "放弃权利，可自由使用。通知原文是发布机关的公文，依《著作权法》第五条不适用著作权保护；"
                    "以发布机关公布的原文为准。本站英文译名和译文为非官方译文。",
    "statement_en": "The structured data this site makes (metadata, tasks, agencies and roles, campaigns, this "
                    "site's English names and translations) is dedicated to the public domain under CC0 1.0. The "
                    "notices' text is the issuing authorities' official documents, which Article 5 of the "
                    "Copyright Law of the PRC excludes from copyright; the original as the authority published "
                    "it is authoritative. English names and translations made by this site are unofficial.",
}


def url(site_url: str, path: str) -> str:
    """The absolute address of a page of the site, under its base path."""
    return file_url(site_url, page_url(path))


def file_url(site_url: str, rel: str) -> str:
    """The absolute address of a file of the site (`rel` from the site root), under its base path."""
    return (site_url or "/").rstrip("/") + "/" + rel


def notices_json(data: SiteData, site_url: str) -> str:
    notices = []
    for n in data.notices:
        # plain() makes new dicts and lists: the shared notices are not changed by what is added
        item = {k: plain(getattr(n, k)) for k in n.__dataclass_fields__ if k not in FULL_RECORD_ONLY}
        item["url"] = url(site_url, f"notices/{n.slug}")
        item["url_en"] = url(site_url, f"en/notices/{n.slug}")
        item["record"] = file_url(site_url, f"notices/{n.slug}.json.gz")
        item["original"] = file_url(site_url, f"notices/{n.slug}.source.txt")
        item["task_count"] = len(n.tasks)
        for a in item["agencies"]:
            a["url"] = url(site_url, f"agencies/{a['id']}")
        for c in item["campaigns"]:
            c["url"] = url(site_url, f"campaigns/{c['series']}")
        notices.append(item)
    body = {"licence": LICENCE, "schema": file_url(site_url, "data/notices.schema.json"), "notices": notices}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def _writer() -> tuple[io.StringIO, csv.writer]:
    out = io.StringIO()
    out.write(BOM)
    return out, csv.writer(out, lineterminator="\r\n")  # RFC 4180's line ends, as spreadsheets write them


def tasks_csv(data: SiteData, site_url: str) -> str:
    """One row per task, in the notice's order, with its text and the names of its agencies by
    role as the text writes them ("、" between two); made a notice at a time."""
    out, writer = _writer()
    writer.writerow(TASK_COLUMNS)
    for n in sorted(data.notices, key=lambda n: n.slug):
        for task in n.tasks:
            names = {role: "、".join(r.name for r in task.agencies if r.role == role) for role in ROLES}
            row = (n.slug, task.id, "".join(task.path), " ".join(task.text.split()),
                   *(names[role] for role in ROLES), " ".join(task.campaigns),
                   url(site_url, f"notices/{n.slug}") + "#" + task.id)
            # every cell through csv_cell: a name such as =1+1 must not run as a formula
            writer.writerow([csv_cell(str(c)) for c in row])
    return out.getvalue()


def task_agencies_csv(data: SiteData, site_url: str) -> str:
    """Rows by notice (slug), task order, agency, role, name; made a notice at a time, not held
    all at once (750,000 rows at 5,000 notices)."""
    out, writer = _writer()
    writer.writerow(CSV_COLUMNS)
    for n in sorted(data.notices, key=lambda n: n.slug):
        rows = []
        for order, task in enumerate(n.tasks):
            for ref in task.agencies or [AgencyRef(None, "", "")]:  # a task without agencies: one row
                rows.append((order, task.id, "".join(task.path), ref.role, ref.id or "", ref.name,
                             " ".join(task.campaigns), url(site_url, f"notices/{n.slug}") + "#" + task.id))
        rows.sort(key=lambda r: (r[0], r[4], r[3], r[5]))
        writer.writerows([csv_cell(str(c)) for c in (n.slug, *r[1:])] for r in rows)
    return out.getvalue()


def records(data: SiteData, notices_dir: Path) -> Iterator[tuple[str, bytes]]:
    """Each notice's record file (notices_dir/<slug>.json, as converted), gzipped, with its path in the site."""
    for n in data.notices:
        yield f"notices/{n.slug}.json.gz", gzip.compress((notices_dir / f"{n.slug}.json").read_bytes(), 6, mtime=0)
