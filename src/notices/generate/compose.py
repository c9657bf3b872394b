"""A notice composed from the vocabulary: its paragraphs, tasks and the ground truth of each."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Jurisdiction
from ..registry import Registry
from .names import (area_word, banks, campaign_mention, campaign_runs, doc_number, is_municipality, issued_date,
                    parenthesis, place_prefix, rng_for, stable_int, work_plan_title, written_place)

if TYPE_CHECKING:  # corpus.py imports this module
    from .corpus import Spec


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


def compose(spec: Spec, registry: Registry) -> Doc:
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
