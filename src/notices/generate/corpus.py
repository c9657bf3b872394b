"""The corpus: which notices, written where, with their ground truth; and a parsed notice checked
against it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


from ..model import Jurisdiction
from ..registry import Registry
from .names import KINDS, YEARS, banks, campaign_runs, choose_issuers, rng_for, stable_int
from .compose import Truth, compose
from .formats import render_html, render_pdf_text, render_xxgk_text


# ---- the corpus --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    seed: int
    slug: str
    jurisdiction: str
    year: int
    kind: str
    n: int
    series: str | None
    format: str
    encoding: str


def plan_corpus(count: int, seed: int, registry: Registry) -> list[Spec]:
    """Which notices a corpus of `count` holds: at most one work plan per place and year, any
    number of implementation plans, a campaign notice per campaign running that year."""
    issuers = choose_issuers(registry)
    launchers = list(banks()["campaigns"]["notices"])
    weights = {"work-plan": 4.0, "implementation-plan": 1.0, "campaign-notice": 1.0}
    slots: list[tuple[float, tuple]] = []
    plans_per = 3
    while True:
        slots.clear()
        for j in issuers:
            for year in YEARS:
                cands = [("work-plan", 0, None)]
                cands += [("implementation-plan", k, None) for k in range(1, plans_per + 1)]
                cands += [("campaign-notice", k + 1, s) for k, s in enumerate(launchers) if campaign_runs(s, year)]
                for kind, n, series in cands:
                    key = rng_for("slot", seed, j.id, year, kind, n).random() ** (1 / weights[kind])
                    slots.append((key, (j.id, year, kind, n, series)))
        if len(slots) >= count:
            break
        plans_per *= 2
    slots.sort(key=lambda s: -s[0])
    specs = []
    for _, (jid, year, kind, n, series) in slots[:count]:
        slug = f"{year}-{jid}-{kind}-{n}"
        r = rng_for("format", seed, slug).random()
        fmt = "pdf-text" if r < 0.45 else "xxgk-text" if r < 0.70 else "html"
        if kind == "campaign-notice" and fmt == "pdf-text" and r < 0.2:
            fmt = "html"
        encoding = "gb18030" if fmt == "html" and rng_for("enc", seed, slug).random() < 0.4 else "utf-8"
        specs.append(Spec(seed, slug, jid, year, kind, n, series, fmt, encoding))
    return sorted(specs, key=lambda s: s.slug)


def index_number(j: Jurisdiction, spec: Spec, codes: dict[str, str]) -> str:
    kind_code = KINDS.index(spec.kind) + 1
    return f"{codes[j.id]}/{spec.year}-{kind_code}{spec.n:04d}"


def place_codes(issuers: list[Jurisdiction]) -> dict[str, str]:
    """A distinct six-digit code per issuing place, for 索引号."""
    codes: dict[str, str] = {}
    used: set[str] = set()
    for j in issuers:
        h = stable_int("code", j.id)
        code = f"{h % 900000 + 100000}"
        while code in used:
            h += 1
            code = f"{h % 900000 + 100000}"
        used.add(code)
        codes[j.id] = code
    return codes


def render(spec: Spec, registry: Registry, codes: dict[str, str]) -> tuple[bytes, Truth]:
    doc = compose(spec, registry)
    j = registry.jurisdictions[spec.jurisdiction]
    doc.truth.index_number = index_number(j, spec, codes) if spec.format != "pdf-text" else None
    rng = rng_for("render", spec.seed, spec.slug)
    if spec.format == "pdf-text":
        data = render_pdf_text(doc, rng).encode("utf-8")
        ext = "txt"
    elif spec.format == "xxgk-text":
        data = render_xxgk_text(doc, rng).encode("utf-8")
        ext = "txt"
    else:
        charset = "gb2312" if spec.encoding == "gb18030" else "utf-8"
        data = render_html(doc, rng, charset).encode(spec.encoding)
        ext = "html"
    doc.truth.file = f"{spec.slug}.{ext}"
    doc.truth.bytes = len(data)
    return data, doc.truth


def write_corpus(count: int, seed: int, out: Path, registry: Registry | None = None) -> list[dict]:
    """Write `count` notices and manifest.json into `out`; return the manifest."""
    registry = registry or Registry.load()
    out.mkdir(parents=True, exist_ok=True)
    codes = place_codes(choose_issuers(registry))
    manifest = []
    for spec in plan_corpus(count, seed, registry):
        data, truth = render(spec, registry, codes)
        path = out / truth.file
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        manifest.append(asdict(truth))
    text = json.dumps({"count": count, "seed": seed, "notices": manifest}, ensure_ascii=False, indent=1,
                      sort_keys=True) + "\n"
    (out / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


# ---- checking a parsed notice against its ground truth ------------------------------------------

def compare(truth: dict, notice) -> list[str]:
    """What the parser got wrong about a generated notice, one line each (empty when nothing)."""
    problems: list[str] = []

    def check(what: str, expected, got) -> None:
        if expected != got:
            problems.append(f"{what}: expected {expected!r}, got {got!r}")

    check("title", truth["title"], notice.title)
    check("doc_number", truth["doc_number"], notice.doc_number)
    check("doc_type", truth["doc_type"], notice.doc_type)
    check("jurisdiction", truth["jurisdiction"], notice.jurisdiction["id"])
    if truth["index_number"]:
        check("index_number", truth["index_number"], notice.index_number)
    check("task count", len(truth["tasks"]), len(notice.tasks))
    for i, (want, got) in enumerate(zip(truth["tasks"], notice.tasks)):
        expected = [(role, aid) for _, role, aid in want["agencies"]]
        parsed = [(r.role, r.id) for r in got.agencies]
        wrong = []
        if expected != parsed:
            names = [name for name, _, _ in want["agencies"]]
            wrong.append(f"agencies {names}: expected {expected}, got {parsed}")
        if sorted(want["campaigns"]) != sorted(set(got.campaigns)):
            wrong.append(f"campaigns: expected {want['campaigns']}, got {got.campaigns}")
        if wrong:  # the first wrong task only: after a lost task every later one is shifted
            problems.append(f"task {i + 1} ({got.id}) " + "; ".join(wrong) + f" — parsed text: {got.text[:80]!r}")
            break
    check("campaigns", truth["campaigns"], sorted(c.id for c in notice.campaigns))
    cited = {(r.title, r.doc_number) for r in notice.references}
    for title, number in truth["references"]:
        if (title, number) not in cited:
            problems.append(f"reference 《{title}》（{number}） not found in {sorted(cited, key=str)}")
    return problems
