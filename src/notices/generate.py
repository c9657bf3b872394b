"""A generator of realistic synthetic notices, for testing the parser at scale and for benchmarking
the site: `notices generate --count N --seed S --out DIR`.

Every notice is composed from the registries (places, agency kinds, campaign series) and the phrase
banks in data/generator/, then written in one of the formats real notices come in: text copied
from a PDF (hard wraps, page markers, page breaks inside sentences and parentheses, stray spaces),
text copied from a 信息公开 page (the metadata table flattened into pipes, page tools), or the saved
信息公开 page itself (metadata table, navigation, share bar, footer; some in GB18030).

Output is a pure function of (count, seed): the same arguments write the same bytes. Alongside the
notices, `manifest.json` records the ground truth of each: title, 文号, jurisdiction, tasks with the
agencies and roles of their parentheses, campaigns, cited documents, phases."""

from __future__ import annotations

import hashlib
import html
import json
import random
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .model import Jurisdiction
from .registry import DATA_DIR, Registry

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


# ---- the notice --------------------------------------------------------------------------------

@dataclass
class Para:
    text: str
    kind: str = "body"  # body, heading


@dataclass
class Truth:
    file: str
    slug: str
    kind: str
    format: str
    encoding: str
    jurisdiction: str
    issuer: str
    title: str
    notice_title: str | None
    doc_type: str
    doc_number: str | None
    doc_number_written: str | None
    index_number: str | None
    issued_date: str
    tasks: list[dict] = field(default_factory=list)
    campaigns: list[str] = field(default_factory=list)
    references: list[list] = field(default_factory=list)
    phases: list[list] = field(default_factory=list)
    bytes: int = 0


@dataclass
class Doc:
    truth: Truth
    masthead: list[str]  # 版头 lines
    number: str | None  # 文号 as written
    notice_title: str | None  # the 通知 transmitting the document (关于印发《…》的通知)
    cover: list[str]  # addressees, transmitting words
    signature: list[str]  # 落款 and date, as written
    title: str | None  # the document's own title, when a cover transmits it
    body: list[Para]
    date_iso: str
    published_iso: str


def fill(template: str, rng: random.Random, **slots) -> str:
    p = banks()["phrases"]
    values = {"products": "、".join(rng.sample(p["products"], rng.randint(3, 6))),
              "places": "、".join(rng.sample(p["places"], rng.randint(1, 3)))}
    values.update(slots)
    return template.format(**values)


def chinese_date(y: int, m: int, d: int) -> str:
    digits = "〇一二三四五六七八九"

    def small(n: int) -> str:
        if n < 10:
            return digits[n]
        return ("十" if n < 20 else digits[n // 10] + "十") + (digits[n % 10] if n % 10 else "")

    return "".join(digits[int(c)] for c in str(y)) + f"年{small(m)}月{small(d)}日"


def citation(j: Jurisdiction, year: int, registry: Registry, rng: random.Random) -> tuple[str, list[list]]:
    """The words citing the parent place's work plan of the same year, with its 文号."""
    parent = registry.jurisdictions.get(j.parent) if j.parent else None
    p = banks()["phrases"]
    refs: list[list] = []
    if parent is None:
        docs = [d for d in p["national_docs"] if d["from"] <= year]
        d = rng.choice(docs)
        refs.append([d["title"], d["number"]])
        cited = f"《{d['title']}》（{d['number']}）"
    else:
        title = work_plan_title(parent, year, registry)
        number, _ = doc_number(parent, year, "work-plan", 0, registry)
        refs.append([title, number])
        cited = f"《{title}》（{number}）"
    return rng.choice(p["citing"]).format(cited=cited, place=area_word(j, registry)[1:] or "本地"), refs


def work_plan_body(j, year, registry, rng, truth: Truth) -> list[Para]:
    p = banks()["phrases"]
    place = written_place(j, registry)
    cite, refs = citation(j, year, registry, rng)
    truth.references += refs
    opening = rng.choice(p["openings"]).format(year=year, place=place)
    body = [Para(cite + opening if rng.random() < 0.5 else opening[:-1] + "，" + cite.rstrip("，") + "。")]
    n_tasks = rng.randint(20, 60)
    sections = rng.sample(p["sections"], k=rng.randint(4, len(p["sections"])))
    sections = [s for s in p["sections"] if s in sections]  # the order the bank gives
    national_style = j.level == "national"
    numerals = "一二三四五六七八九十"
    item_no = 0
    made = 0
    per_section = [n_tasks // len(sections) + (1 if i < n_tasks % len(sections) else 0)
                   for i in range(len(sections))]
    for s_index, (section, quota) in enumerate(zip(sections, per_section)):
        body.append(Para(f"{numerals[s_index]}、{section['heading']}", "heading"))
        items = list(section["items"])
        rng.shuffle(items)
        i = 0
        while quota > 0:
            item = items[i % len(items)]
            i += 1
            item_no += 1
            marker = f"（{numerals_cn(item_no)}）"
            in_item = 1 if quota == 1 else min(quota, rng.choice([1, 1, 1, 2, 2, 3]))
            pieces = []
            for k in range(in_item):
                template = item if k == 0 else rng.choice(items)
                text, task = task_text(template, j, year, registry, rng)
                pieces.append(text)
                truth.tasks.append(task)
                made += 1
            quota -= in_item
            heading = item["h"] if i <= len(items) else "进一步" + item["h"]
            if national_style:
                body.append(Para(f"{marker}{heading}。", "heading"))
                body.append(Para("".join(pieces)))
            else:
                body.append(Para(f"{marker}{heading}。" + "".join(pieces)))
    assert made == n_tasks
    return body


def numerals_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


def task_text(item: dict, j, year, registry, rng) -> tuple[str, dict]:
    sentences = list(item["s"])
    camp = item.get("camp")
    campaigns: list[str] = []
    usable = [s for s in sentences if "{camp}" not in s]
    if camp and campaign_runs(camp, year) and rng.random() < 0.85:
        words, cid = campaign_mention(camp, year, rng)
        first = next(s for s in sentences if "{camp}" in s)
        chosen = [fill(first, rng, camp=words, year=year)]
        campaigns.append(cid)
        rest = rng.sample(usable, k=min(len(usable), rng.randint(0, 2)))
        chosen += [fill(s, rng, year=year) for s in rest]
    else:
        chosen = [fill(s, rng, year=year) for s in rng.sample(usable, k=min(len(usable), rng.randint(1, 3)))]
    content, refs = parenthesis(item["lead"], list(item["with"]), j, registry, rng)
    task = {"agencies": [[r.name, r.role, r.id] for r in refs], "campaigns": campaigns}
    return "".join(chosen) + f"（{content}）", task


def phases_body(j, year, month, registry, rng, truth: Truth, heading: str, n_section: str) -> list[Para]:
    p = banks()["phrases"]
    office = (f"{place_prefix(j, registry) if j.level != 'national' else '全国'}打击侵权假冒工作领导小组办公室")
    body = [Para(f"{n_section}、{heading}", "heading")]
    phases = p["plan_phases"][: rng.randint(3, 4)]
    m = month
    for index, phase in enumerate(phases):
        m = min(12, m + rng.randint(1, 3))
        d = 15 if m < 12 and rng.random() < 0.5 else (30 if m not in (2, 12) else 20)
        date_words = f"{year}年{m}月{d}日" if index == 0 or rng.random() < 0.7 else f"{m}月{d}日"
        text = phase["text"].format(d=date_words, office=office)
        deadline = f"{year:04d}-{m:02d}-{d:02d}" if date_words.startswith(str(year)) else None
        body.append(Para(f"（{numerals_cn(index + 1)}）{phase['name']}。{text}"))
        truth.phases.append([phase["name"], deadline])
    return body


def plan_body(j, year, n, registry, rng, truth: Truth, month: int) -> list[Para]:
    p = banks()["phrases"]
    place = written_place(j, registry)
    cite, refs = citation(j, year, registry, rng)
    truth.references += refs
    body = [Para(f"{cite}为进一步加强{area_word(j, registry)}知识产权保护，严厉打击侵权假冒违法行为，维护公平竞争的市场秩序，"
                 f"制定本实施方案。")]
    body.append(Para("一、指导思想", "heading"))
    body.append(Para(fill(p["openings"][0], rng, year=year, place=place)))
    body.append(Para("二、工作目标", "heading"))
    body.append(Para(f"通过开展{p['plan_topics'][n % len(p['plan_topics'])]['short']}，查处一批侵权假冒违法案件，曝光一批典型案例，"
                     f"{area_word(j, registry)}侵权假冒高发多发势头得到有效遏制，市场环境明显改善。"))
    task_word = rng.choice(["主要任务", "重点任务", "工作措施", "工作举措"])
    body.append(Para(f"三、{task_word}", "heading"))
    n_tasks = rng.randint(20, 60)
    groups = p["plan_measure_groups"]
    per = [n_tasks // len(groups) + (1 if i < n_tasks % len(groups) else 0) for i in range(len(groups))]
    measures = list(p["plan_measures"])
    rng.shuffle(measures)
    count = 0
    for g, (group, quota) in enumerate(zip(groups, per)):
        body.append(Para(f"（{numerals_cn(g + 1)}）{group}", "heading"))
        for k in range(quota):
            m = measures[count % len(measures)]
            lead = "" if count < len(measures) else rng.choice(["进一步", "持续", "深入", "着力"])
            sentences = [fill(s, rng, year=year) for s in rng.sample(m["s"], k=rng.randint(1, len(m["s"])))]
            body.append(Para(f"{k + 1}.{lead}{m['h']}。" + "".join(sentences)))
            truth.tasks.append({"agencies": [], "campaigns": []})
            count += 1
    body += phases_body(j, year, month, registry, rng, truth, rng.choice(["实施步骤", "时间安排", "工作步骤"]), "四")
    body.append(Para("五、工作要求", "heading"))
    for index, req in enumerate(p["plan_requirements"]):
        body.append(Para(f"（{numerals_cn(index + 1)}）{req['h']}。{req['s']}"))
        truth.tasks.append({"agencies": [], "campaigns": []})  # a numbered item carrying work is a task
    return body


def campaign_body(j, year, series, registry, rng, truth: Truth, month: int) -> list[Para]:
    p = banks()["phrases"]
    area = area_word(j, registry)
    body = [Para(f"为深入贯彻党中央、国务院关于加强知识产权保护的决策部署，严厉打击侵权假冒违法犯罪行为，"
                 f"决定于{year}年{month}月至{min(12, month + 5)}月在{area}开展专项行动。现将有关事项通知如下：")]
    body.append(Para("一、工作目标", "heading"))
    body.append(Para(f"通过专项行动，集中查办一批侵权假冒案件，打掉一批违法犯罪团伙，{area}侵权假冒违法犯罪行为得到有效遏制。"))
    body.append(Para("二、重点任务", "heading"))
    items = [i for s in p["sections"] for i in s["items"]]
    n_tasks = rng.randint(20, 40)
    for k in range(n_tasks):
        item = items[(stable_int(series, k) + k) % len(items)] if k else next(
            (i for i in items if i.get("camp") == series), rng.choice(items))
        text, task = task_text(item, j, year, registry, rng)
        truth.tasks.append(task)
        body.append(Para(f"{k + 1}.{text}"))
    body += phases_body(j, year, month, registry, rng, truth, "时间安排", "三")
    body.append(Para("四、工作要求", "heading"))
    for index, req in enumerate(p["plan_requirements"][:3]):
        body.append(Para(f"（{numerals_cn(index + 1)}）{req['h']}。{req['s']}"))
        truth.tasks.append({"agencies": [], "campaigns": []})  # a numbered item carrying work is a task
    return body


ADDRESSEES = {
    "national": "各省、自治区、直辖市和新疆生产建设兵团打击侵权假冒工作领导小组，全国打击侵权假冒工作领导小组各成员单位",
    "province": "各市（州）打击侵权假冒工作领导小组，{p}打击侵权假冒工作领导小组各成员单位",
    "municipality": "各区打击侵权假冒工作领导小组，市打击侵权假冒工作领导小组各成员单位",
    "prefecture": "各县（市、区）打击侵权假冒工作领导小组，市打击侵权假冒工作领导小组各成员单位",
    "county": "各乡镇人民政府、街道办事处，{p}打击侵权假冒工作领导小组各成员单位",
}


def compose(spec: "Spec", registry: Registry) -> Doc:
    """The notice of a plan entry, as structured text, and its ground truth."""
    j = registry.jurisdictions[spec.jurisdiction]
    rng = rng_for("notice", spec.seed, spec.slug)
    year, n, kind = spec.year, spec.n, spec.kind
    y, m, d = issued_date(j, year, kind, n)
    number, issuer = doc_number(j, year, kind, n, registry)
    place = written_place(j, registry)
    if kind == "campaign-notice" and spec.series in ("tiequan",) and j.level != "national":
        issuer = f"{place}市场监督管理局"
        number = number.replace("打假办", "市监").replace("打假发", "市监")
    has_number = kind != "campaign-notice" or rng.random() < 0.8
    written_number = written_doc_number(number, rng) if has_number else None
    addressees = ADDRESSEES["municipality" if is_municipality(j) else j.level].format(p=place_prefix(j, registry))
    truth = Truth(file="", slug=spec.slug, kind=kind, format=spec.format, encoding=spec.encoding,
                  jurisdiction=j.id, issuer=issuer, title="", notice_title=None, doc_type="",
                  doc_number=number if has_number else None, doc_number_written=written_number,
                  index_number=None, issued_date=f"{y:04d}-{m:02d}-{d:02d}")
    if kind == "work-plan":
        title = work_plan_title(j, year, registry)
        body = work_plan_body(j, year, registry, rng, truth)
        truth.doc_type = "work-plan"
    elif kind == "implementation-plan":
        topic = banks()["phrases"]["plan_topics"][n % len(banks()["phrases"]["plan_topics"])]
        title = f"{place}{year}年{topic['name']}实施方案" if rng.random() < 0.5 else f"{place}{topic['name']}实施方案"
        body = plan_body(j, year, n, registry, rng, truth, m)
        truth.doc_type = "implementation-plan"
    else:
        title = banks()["campaigns"]["notices"][spec.series].format(y=year)
        body = campaign_body(j, year, spec.series, registry, rng, truth, m)
        truth.doc_type = "notice"
    # campaigns named anywhere in the notice (the title included)
    found = [c for t in truth.tasks for c in t["campaigns"]]
    if kind == "campaign-notice":
        entry = banks()["campaigns"][spec.series]
        found.append(f"{spec.series}-{year}" if entry["edition"] else spec.series)
    truth.campaigns = sorted(set(found))
    date_written = chinese_date(y, m, d) if rng.random() < 0.3 else f"{y}年{m}月{d}日"
    pub = (y, m, min(28, d + rng.randint(0, 9)))
    if kind == "campaign-notice":
        truth.title, truth.notice_title = title, None
        cover = [f"{addressees}："]
        doc_title = None
    else:
        truth.title = title
        truth.notice_title = f"关于印发《{title}》的通知"
        cover = [f"{addressees}：", f"现将《{title}》印发给你们，请结合实际认真贯彻落实。"]
        doc_title = title
    masthead = [issuer]
    if issuer.endswith("领导小组") and rng.random() < 0.5:
        masthead.append("文件")
    return Doc(truth, masthead, written_number, truth.notice_title or title, cover,
               [issuer, date_written], doc_title, body, f"{y:04d}-{m:02d}-{d:02d}", "%04d-%02d-%02d" % pub)


def written_doc_number(number: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.65:
        return number
    if r < 0.9:
        return number.replace("〔", "[").replace("〕", "]")
    return number.replace("〔", "［").replace("〕", "］")


# ---- formats -----------------------------------------------------------------------------------

def stray_spaces(text: str, rng: random.Random) -> str:
    """Spaces PDFs put around Latin digits: 2020 年, 剑网 2020, 〔2020〕1 号."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isascii() and c.isdigit():
            k = i
            while k < len(text) and text[k].isascii() and text[k].isdigit():
                k += 1
            run = text[i:k]
            before = " " if out and not out[-1].isascii() and rng.random() < 0.5 else ""
            after = " " if k < len(text) and not text[k].isascii() and rng.random() < 0.5 else ""
            out.append(before + run + after)
            i = k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def wrap(text: str, width: int, indent: bool) -> list[str]:
    """Lines of a paragraph as a PDF sets them: fixed width, Latin runs kept whole, closing
    punctuation hung on the line before (禁则)."""
    tokens: list[str] = []
    i = 0
    while i < len(text):
        k = i + 1
        if text[i].isascii() and text[i].isalnum():
            while k < len(text) and text[k].isascii() and (text[k].isalnum() or text[k] in "./"):
                k += 1
        tokens.append(text[i:k])
        i = k
    lines: list[str] = []
    line = "\u3000\u3000" if indent else ""
    size = 2 if indent else 0
    for tok in tokens:
        w = (len(tok) + 1) // 2 if tok.isascii() else len(tok)  # Latin is half width
        if size + w > width and line.strip() and tok not in CLOSING:
            carry = ""
            while line and line[-1] in OPENING:  # an opening bracket never ends a line
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line, size = carry, len(carry)
        line += tok
        size += w
    if line:
        lines.append(line)
    return lines


def render_pdf_text(doc: Doc, rng: random.Random) -> str:
    """Text copied out of a PDF: hard wraps at the type area's width, page markers `— 2 —`
    between pages, so that page breaks fall inside sentences and parentheses."""
    width = rng.choice([26, 28, 28, 30])
    per_page = rng.choice([20, 22, 24])
    spaces = rng.random() < 0.6
    blocks: list[tuple[list[str], bool]] = []  # (lines, centred)

    # Titles are set in a larger type (22 characters to the line) and centred; a copy either keeps
    # their lines or runs them together with a space (“…知识产权和 制售假冒伪劣商品工作要点”).
    title_width = rng.choice([20, 22, 24])
    title_joined = rng.random() < 0.5

    def add(text: str, *, centred=False, indent=True, wrap_it=True):
        if spaces:
            text = stray_spaces(text, rng)
        if centred and len(text) > title_width:
            parts = wrap(text, title_width, False)
            lines = [" ".join(parts)] if title_joined else parts
        else:
            lines = wrap(text, width, indent) if wrap_it else [text]
        blocks.append((lines, centred))

    for line in doc.masthead:
        add(line, centred=True, indent=False, wrap_it=False)
    if doc.number:
        add(doc.number, centred=True, indent=False, wrap_it=False)
    add(doc.notice_title, centred=True, indent=False, wrap_it=False)
    for i, line in enumerate(doc.cover):
        add(line, indent=i > 0)
    if doc.title:  # the transmitting notice ends with its 落款, then the document follows
        for line in doc.signature:
            add(line, indent=False, wrap_it=False)
        add(doc.title, centred=True, indent=False, wrap_it=False)
    for para in doc.body:
        add(para.text, indent=True, wrap_it=True)
    if not doc.title:
        for line in doc.signature:
            add(line, indent=False, wrap_it=False)
    out: list[str] = []
    page, on_page = 1, 0
    for lines, centred in blocks:
        for line in lines:
            if on_page >= per_page:
                page += 1
                out += ["", f"— {page} —", ""]
                on_page = 0
            out.append(("        " + line) if centred else line)
            on_page += 1
        out.append("")  # PDF text copies keep a blank line between paragraphs
        on_page += 1
    return "\n".join(out).rstrip() + "\n"


def meta_rows(doc: Doc) -> list[tuple[str, str]]:
    t = doc.truth
    rows = [("索引号", t.index_number or ""), ("发布机构", t.issuer), ("成文日期", doc.date_iso),
            ("文号", doc.number or ""), ("发布日期", doc.published_iso), ("主题分类", "市场监管、安全生产监管"),
            ("关键词", "打击侵权假冒"), ("有效性", "有效")]
    return rows


def render_xxgk_text(doc: Doc, rng: random.Random) -> str:
    """Text copied from a 信息公开 page: the metadata table flattened into pipes, the page's
    tools and counters, paragraphs one to a line."""
    rows = meta_rows(doc)
    out = ["当前位置：首页 > 信息公开 > 通知公告", ""]
    for a, b in zip(rows[0::2], rows[1::2]):
        out.append(f"{spaced_label(a[0], rng)}：| {a[1]} | {spaced_label(b[0], rng)}：| {b[1]} |")
    out += ["", f"{doc.truth.issuer}{doc.notice_title}" if doc.title else doc.notice_title,
            "【字体：大 中 小】", ""]
    out += doc.cover
    if doc.title:
        out += doc.signature + ["", doc.title, ""]
    out += [p.text for p in doc.body]
    if not doc.title:
        out += doc.signature
    out += ["", "【打印本页】【关闭窗口】", f"浏览次数：{rng.randint(20, 3000)}"]
    return "\n".join(out) + "\n"


def spaced_label(label: str, rng: random.Random) -> str:
    """信息公开 tables pad short labels: 索 引 号, 文　　号."""
    if len(label) <= 3 and rng.random() < 0.4:
        return " ".join(label)
    return label


def render_html(doc: Doc, rng: random.Random, charset: str) -> str:
    """A saved 信息公开 page: navigation, metadata table, article, share bar, footer."""
    e = html.escape
    rows = meta_rows(doc)
    cells = "\n".join(f"<tr><td>{e(spaced_label(a[0], rng))}：</td><td>{e(a[1])}</td>"
                      f"<td>{e(spaced_label(b[0], rng))}：</td><td>{e(b[1])}</td></tr>"
                      for a, b in zip(rows[0::2], rows[1::2]))
    heading = f"{doc.truth.issuer}{doc.notice_title}" if doc.title else doc.notice_title
    style = ' style="text-indent:2em"' if rng.random() < 0.5 else ""
    paras = [f"<p>{e(c)}</p>" for c in doc.cover]
    if doc.title:
        paras += [f'<p style="text-align:right">{e(s)}</p>' for s in doc.signature]
        paras.append(f"<h2>{e(doc.title)}</h2>" if rng.random() < 0.5 else
                     f'<p style="text-align:center"><strong>{e(doc.title)}</strong></p>')
    paras += [f"<p{style}>{e(p.text)}</p>" for p in doc.body]
    if not doc.title:
        paras += [f'<p style="text-align:right">{e(s)}</p>' for s in doc.signature]
    body = "\n".join(paras)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{e(heading)}</title>
<script src="/js/analytics.js"></script>
<style>.article p{{line-height:2}}</style>
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="nav-bar"><ul><li><a href="/">网站首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：首页 &gt; 信息公开 &gt; 通知公告</div>
<table class="xxgk-meta">
{cells}
</table>
<div class="article">
<h1>{e(heading)}</h1>
<div class="fontsize">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
{body}
</div>
</div>
<div class="share-bar">分享到：微博 微信 QQ空间</div>
<div>浏览次数：{rng.randint(20, 5000)}</div>
<div class="footer">主办单位：{e(doc.truth.issuer)} 版权所有 网站标识码：{stable_int(doc.truth.slug) % 10**10:010d}</div>
</body></html>
"""


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
