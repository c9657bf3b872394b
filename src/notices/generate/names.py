"""The generator's vocabulary: phrase banks, places and their names, 文号 and dates, agencies
named in task parentheses, campaigns."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..model import Jurisdiction
from ..registry import DATA_DIR, Registry

GEN_DIR = DATA_DIR / "generator"
YEARS = range(2012, 2026)
KINDS = ("work-plan", "implementation-plan", "campaign-notice")
FORMATS = ("pdf-text", "xxgk-text", "html")
LEADING_GROUP = "打击侵犯知识产权和制售假冒伪劣商品工作领导小组"
CLOSING = set("。，、；：）》”！？")
OPENING = set("（《“")


# ---- data --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def banks() -> dict:
    return {name: yaml.safe_load((GEN_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
            for name in ("phrases", "agencies", "campaigns")}


def stable_int(*parts) -> int:
    """A number that depends only on `parts` (never on Python's hash seed)."""
    return int.from_bytes(hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()[:8], "big")


def rng_for(*parts) -> random.Random:
    return random.Random(stable_int(*parts))


# ---- places ------------------------------------------------------------------------------------

def choose_issuers(registry: Registry) -> list[Jurisdiction]:
    """About 80 issuing places: the national level, 15 provinces, 30 prefectures and 34 counties,
    chosen in registry order, the places with most registered places below them first."""
    js = list(registry.jurisdictions.values())
    order = {j.id: i for i, j in enumerate(js)}
    below: dict[str, int] = {}
    for j in js:
        for a in registry.ancestors(j)[1:]:  # ancestors() starts with the place itself
            below[a.id] = below.get(a.id, 0) + 1

    def rank(level: str, n: int) -> list[Jurisdiction]:
        cands = [j for j in js if j.level == level and j.id not in ("taiwan", "hongkong", "macao")]
        return sorted(cands, key=lambda j: (-below.get(j.id, 0), order[j.id]))[:n]

    counties: list[Jurisdiction] = []
    by_parent: dict[str, list[Jurisdiction]] = {}
    for j in js:
        if j.level == "county":
            by_parent.setdefault(j.parent or "", []).append(j)
    while len(counties) < 34 and any(by_parent.values()):  # round robin over parents: spread out
        for parent in list(by_parent):
            if by_parent[parent] and len(counties) < 34:
                counties.append(by_parent[parent].pop(0))
    national = [j for j in js if j.level == "national"]
    return national + rank("province", 15) + rank("prefecture", 30) + counties


def own_name(j: Jurisdiction, registry: Registry) -> str:
    """长宁区 for 上海市长宁区, 全国 for the national level."""
    parent = registry.jurisdictions.get(j.parent) if j.parent else None
    if parent and parent.level != "national" and j.name.startswith(parent.name):
        return j.name[len(parent.name):]
    return j.name


def is_municipality(j: Jurisdiction) -> bool:
    return j.level == "province" and j.name.endswith("市")


def level_key(j: Jurisdiction) -> str:
    return "municipality" if is_municipality(j) else j.level


def place_prefix(j: Jurisdiction, registry: Registry) -> str:
    """The prefix a notice of place `j` writes before its own agencies: 县, 区, 市, 州, 省 …"""
    own = own_name(j, registry)
    prefixes = banks()["agencies"]["prefixes"]
    for ending in sorted(prefixes, key=len, reverse=True):
        if own.endswith(ending):
            return prefixes[ending]
    return own[-1]


def province_of(j: Jurisdiction, registry: Registry) -> Jurisdiction:
    chain = [j] + [a for a in registry.ancestors(j) if a.id != j.id]
    return next((a for a in chain if a.level == "province"), j)


def abbr(j: Jurisdiction, registry: Registry) -> str:
    """The place part of a 文号: 沪 (Shanghai), 白 (Baiyin), 沪长 (Changning, Shanghai)."""
    table = banks()["phrases"]["province_abbr"]
    if j.level == "national":
        return ""
    province = province_of(j, registry)
    if j.level == "province":
        return table.get(j.id, j.short[0])
    if j.level == "county" and is_municipality(province):
        return table.get(province.id, "") + j.short[0]
    return j.short[0]


def written_place(j: Jurisdiction, registry: Registry) -> str:
    """The name a notice of `j` writes for its place: 上海市长宁区 or 靖远县 — fixed per place."""
    if j.level == "national":
        return "全国"
    if j.level == "county" and stable_int("place-form", j.id) % 2:
        return own_name(j, registry)
    return j.name


def area_word(j: Jurisdiction, registry: Registry) -> str:
    """全县, 全区, 全市, 全省, 全国."""
    if j.level == "national":
        return "全国"
    p = place_prefix(j, registry)
    return "全" + ("区" if p == "自治区" else p[-1])


# ---- documents every notice can point to: the work plan of a place and year -----------------------

def work_plan_title(j: Jurisdiction, year: int, registry: Registry) -> str:
    place = written_place(j, registry)
    if j.level == "national" or stable_int("wp-title", j.id, year) % 3:
        return f"{year}年{place}打击侵犯知识产权和制售假冒伪劣商品工作要点"
    return f"{place}{year}年打击侵犯知识产权和制售假冒伪劣商品工作要点"


def doc_number(j: Jurisdiction, year: int, kind: str, n: int, registry: Registry) -> tuple[str, str]:
    """(文号 as normalised, the issuer that signs it) of the n-th document of a kind."""
    base = 1 + stable_int("wp-number", j.id, year) % 5
    place = written_place(j, registry)
    if kind == "work-plan":
        number, issuer_form = base, stable_int("wp-issuer", j.id, year) % 2
    elif kind == "implementation-plan":
        number, issuer_form = base + 2 * n + 3, stable_int("ip-issuer", j.id, year, n) % 2
    else:
        number, issuer_form = base + 2 * n + 4, stable_int("cn-issuer", j.id, year, n) % 2
    if j.level == "national":
        issuer = "全国打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"
        return f"打假办发〔{year}〕{number}号", issuer
    a = abbr(j, registry)
    if kind == "implementation-plan" and issuer_form:
        return f"{a}市监〔{year}〕{number + 20}号", f"{place}市场监督管理局"
    if issuer_form:
        return f"{a}打假发〔{year}〕{number}号", f"{place}{LEADING_GROUP}"
    return f"{a}打假办〔{year}〕{number}号", f"{place}{LEADING_GROUP}办公室"


def issued_date(j: Jurisdiction, year: int, kind: str, n: int) -> tuple[int, int, int]:
    h = stable_int("date", j.id, year, kind, n)
    return year, 2 + h % 8, 1 + (h >> 8) % 28


# ---- agencies ----------------------------------------------------------------------------------

@dataclass
class Ref:
    name: str  # as written
    role: str  # lead, responsible, support
    id: str | None  # the registry id expected, None for a generic group


def kind_at(kind: str, j: Jurisdiction) -> str:
    data = banks()["agencies"]
    entry = data["kinds"].get(kind)
    lvl = j.level
    if entry is None:
        return data["fallback"].get(kind, "market-regulation")
    if lvl == "national":
        return kind if "national" in entry else kind_at(data["fallback"].get(kind, "market-regulation"), j)
    levels = entry.get("levels")
    if levels and lvl not in levels:
        return kind_at(data["fallback"].get(kind, "market-regulation"), j)
    if not entry.get("local") and not entry.get("by_level"):
        return kind_at(data["fallback"].get(kind, "market-regulation"), j)
    return kind


def agency(kind: str, j: Jurisdiction, registry: Registry, rng: random.Random) -> Ref:
    """The agency of a kind as a notice of place `j` writes it, with its expected registry id."""
    kind = kind_at(kind, j)
    entry = banks()["agencies"]["kinds"][kind]
    if j.level == "national":
        name, aid = entry["national"]
        return Ref(name, "responsible", aid)
    prefix = place_prefix(j, registry)
    if rng.random() < 0.05:  # now and then the place's own name: 靖远县市场监管局
        prefix = own_name(j, registry)
    registry_kind = kind
    district = entry.get("district")
    if district and j.level == "county" and place_prefix(j, registry) == "区":
        forms, registry_kind = district["forms"], district["kind"]
    elif "by_level" in entry:
        forms = entry["by_level"].get(level_key(j)) or entry["by_level"][j.level]
        if is_municipality(j) and entry.get("municipality_kind"):
            registry_kind = entry["municipality_kind"]
    else:
        forms = entry["local"]
    return Ref(prefix + rng.choice(forms), "responsible", f"{j.id}.{registry_kind}")


def parenthesis(lead: str, partners: list[str], j: Jurisdiction, registry: Registry,
                rng: random.Random) -> tuple[str, list[Ref]]:
    """A closing parenthesis of agencies (without the brackets) and the refs it names."""
    first = agency(lead, j, registry, rng)
    others: list[Ref] = []
    for kind in rng.sample(partners, k=min(len(partners), rng.randint(1, 4))):
        ref = agency(kind, j, registry, rng)
        if ref.id != first.id and all(ref.id != o.id for o in others):
            others.append(ref)
    generic = banks()["agencies"]["generic"]["national" if j.level == "national" else "local"]
    style = rng.random()
    if style < 0.40 and others:
        first.role = "lead"
        for o in others:
            o.role = "responsible"
        ending = rng.choice(["按职责分工负责", "按职责分工分别负责", "负责"])
        return f"{first.name}牵头，{'、'.join(o.name for o in others)}{ending}", [first, *others]
    if style < 0.55 and others:
        first.role = "lead"
        for o in others:
            o.role = "support"
        return f"{first.name}牵头，{'、'.join(o.name for o in others)}配合", [first, *others]
    if style < 0.75 and others:
        refs = [first, *others]
        for r in refs:
            r.role = "responsible"
        return f"{'、'.join(r.name for r in refs)}按职责分工负责", refs
    if style < 0.87:
        first.role = "responsible"
        return f"{first.name}负责", [first]
    first.role = "lead"
    group = rng.choice(generic)
    return f"{first.name}牵头，{group}按职责分工负责", [first, Ref(group, "responsible", None)]


# ---- campaigns ---------------------------------------------------------------------------------

def campaign_runs(series: str, year: int) -> bool:
    first, last = banks()["campaigns"][series]["years"]
    return first <= year and (last is None or year <= last)


def campaign_mention(series: str, year: int, rng: random.Random) -> tuple[str, str]:
    """(words naming the campaign, expected campaign id)."""
    entry = banks()["campaigns"][series]
    form = rng.choice(entry["forms"])
    if entry["edition"]:
        return form.format(y=year), f"{series}-{year}"
    return form.format(y=year), series
