"""Stage 3c: the place a notice belongs to, from everything its text says about it.

In order: the sidecar's correction; a place named at the start of the issuer, the title or the
metadata table (上海市长宁区…, 大冶市…); the national level (国务院办公厅…, addressed to 各省、自治区、
直辖市); then the weaker evidence read together: the 文号's abbreviation (川办发 → 四川省, 雅… →
雅安市), the salutation (各市（州） → a province), the words a notice uses for its own place (全省,
我市, 本县) and the places its body names, against the complete table of divisions. When nothing
settles it the notice still converts, with its place undetermined (parse.py says so)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .metadata import Header
from .model import Jurisdiction
from .registry import DATA_DIR, LEVELS, Division, Registry

_YEAR_START = re.compile(r"^(?:(?:19|20)\d\d年(?:度)?)")
_ISSUING = re.compile(r"^(?:.{0,40}?)关于(?:印发|下发|颁布|发布)?《?")
_FORWARDING = re.compile(r"关于转发")
_HEAD = re.compile(r"^([\u4e00-\u9fff]{1,12})〔")


@dataclass(frozen=True)
class Evidence:
    abbreviations: dict[str, str]
    self_words: tuple[str, ...]
    level_words: tuple[str, ...]
    salutations: tuple[tuple[re.Pattern, str], ...]
    national_starts: tuple[str, ...]
    opening: re.Pattern


@lru_cache(maxsize=1)
def evidence() -> Evidence:
    data = yaml.safe_load((DATA_DIR / "place_evidence.yaml").read_text(encoding="utf-8"))
    return Evidence(dict(data["doc_number_abbreviations"]), tuple(data["self_words"]), tuple(data["level_words"]),
                    tuple((re.compile(s["pattern"]), s["level"]) for s in data["salutations"]),
                    tuple(data["national_starts"]), re.compile(data["opening"]))


def locate(header: Header, texts: list[str], registry: Registry, named: str | None = None) -> Jurisdiction | None:
    """The notice's jurisdiction, or None when the text does not tell it."""
    if named:
        return registry.jurisdiction_in(named)
    strong = named_places(header, registry)
    if strong:
        best = min(strong, key=lambda j: (not j.in_registry, j.parent is None))
        if best.parent is None and best.level in ("prefecture", "county"):
            # a name several divisions share (西湖区, 新华区): the one whose province or city the
            # text names too
            return settled_by_mentions(best, texts, registry) or best
        return best
    ev = evidence()
    national = registry.jurisdictions["national"]
    heads = [t for t in (header.issuer, header.issuer_table, header.notice_title, header.title) if t]
    if any(re.sub(r"\s+", "", t).startswith(ev.national_starts) for t in heads):
        return national
    salutation = salutation_level(texts)
    head = doc_number_head(header.doc_number)
    if salutation == "national" or (head and ev.abbreviations.get(head[0]) == "全国") or opening_word(texts) == "国":
        return national
    return weighed(header, texts, registry, salutation, head)


def settled_by_mentions(place: Jurisdiction, texts: list[str], registry: Registry) -> Jurisdiction | None:
    candidates = registry.divisions_named(place.name)
    if len(candidates) < 2:
        return None
    mentions: Counter[str] = Counter()
    for text in texts:
        for code, n in registry.mentions(text).items():
            mentions[code] += n
    whole = "\n".join(texts)
    scored = []
    for d in candidates:
        above = registry.division_chain(d.code)[:-1]
        score = sum(mentions.get(a.code, 0) + (whole.count(a.short) if len(a.short) >= 2 else 0) for a in above)
        scored.append((score, d.code, d))
    scored.sort(key=lambda t: (-t[0], t[1]))
    if scored[0][0] > 0 and scored[0][0] > scored[1][0]:
        return registry.place_of(scored[0][2])
    return None


def named_places(header: Header, registry: Registry) -> list[Jurisdiction]:
    """Places named at the start of the issuer, the title or the table (the strongest evidence);
    a forwarded document's title names the place of its author, not of the notice."""
    forwarded = bool(header.notice_title and _FORWARDING.search(header.notice_title))
    texts = [header.issuer, header.issuer_table, header.department]
    if not forwarded:
        texts.append(_YEAR_START.sub("", header.title or ""))
        if header.notice_title:
            inner = _ISSUING.sub("", header.notice_title, count=1)
            texts.append(_YEAR_START.sub("", inner))
    found = [registry.jurisdiction_in(t) for t in texts if t]
    return [j for j in found if j]


def doc_number_head(doc_number: str | None) -> str | None:
    """The words before the year of a 文号: 雅打假办发〔2017〕2号 → 雅打假办发."""
    match = _HEAD.match(doc_number or "")
    return match.group(1) if match else None


def salutation_level(texts: list[str]) -> str | None:
    """The level the 主送机关 implies: 各市（州）人民政府 → the notice is a province's."""
    for text in texts[:40]:
        compact = re.sub(r"[\s（）()]", "", text)
        if not compact.startswith(("各", "市", "县", "区", "省")) or not compact.endswith((":", "：")) or len(compact) > 160:
            continue
        for pattern, level in evidence().salutations:
            if pattern.search(compact):
                return level
    return None


def opening_word(texts: list[str]) -> str | None:
    """The level word of a plan's opening sentence: 2015年下半年，全国打击… → 国."""
    for text in texts[:60]:
        match = evidence().opening.match(text)
        if match:
            return match.group(2)
    return None


def own_level_word(header: Header, texts: list[str]) -> str | None:
    """The level word of the notice's own place: the relative prefix of its issuer (市打击侵权
    假冒工作领导小组办公室 → 市), else the commonest of 全省 / 我市 / 本县 … in the text."""
    ev = evidence()
    issuer = re.sub(r"\s+", "", header.issuer or "")
    if len(issuer) > 2 and issuer[0] in ev.level_words and issuer[1] not in ev.level_words:
        return issuer[0]
    opening = opening_word(texts)
    if opening and opening != "国":
        return opening
    counts: Counter[str] = Counter()
    for text in texts:
        for match in re.finditer(f"[{''.join(ev.self_words)}]([{''.join(ev.level_words)}])", text):
            counts[match.group(1)] += 1
    return counts.most_common(1)[0][0] if counts else None


def allowed_levels(salutation: str | None) -> set[str]:
    """Levels a notice may have, given the level of those it is addressed to."""
    if salutation is None:
        return set(LEVELS) - {"national"}
    below = {"province": {"province"}, "prefecture": {"prefecture", "province"}, "county": {"county", "prefecture"}}
    return below.get(salutation, set(LEVELS))


def fits(d: Division, word: str | None, levels: set[str]) -> bool:
    """Whether a division can be the notice's own place: its level allowed, and its name ending
    in the level word the notice uses for itself (区 also fits an autonomous region)."""
    if d.level not in levels and not (d.level == "province" and d.name.endswith("市") and "prefecture" in levels):
        return False
    return word is None or d.name.endswith(word)


def weighed(header: Header, texts: list[str], registry: Registry, salutation: str | None,
            head: str | None) -> Jurisdiction | None:
    """The place the weaker evidence points to together, or None."""
    ev = evidence()
    word = own_level_word(header, texts)
    levels = allowed_levels(salutation)
    province = None
    rest = head or ""
    if head and head[0] in ev.abbreviations and ev.abbreviations[head[0]] != "全国":
        province = registry.jurisdiction_in(ev.abbreviations[head[0]])
        rest = head[1:]
    mentions: Counter[str] = Counter()
    for text in [header.issuer or "", header.title or "", header.notice_title or ""] + texts:
        for code, n in registry.mentions(text).items():
            mentions[code] += n
    if province is None:
        provinces: Counter[str] = Counter()
        for code, n in mentions.items():
            provinces[registry.division_chain(code)[0].code] += n
        # a province is also named by its short name alone (湖南检验检疫局, 安徽)
        whole = "\n".join(texts)
        for d in registry.provinces():
            if len(d.short) >= 2 and d.short != d.name:
                provinces[d.code] += whole.count(d.short) - whole.count(d.name)
        if provinces:
            top = provinces.most_common(2)
            if top[0][1] > 0 and (len(top) == 1 or top[0][1] > top[1][1]):
                province = registry.place_of(registry.division(top[0][0]))
    pool = registry.divisions_within(province) if province is not None else []
    if province is not None:
        pool_codes = {d.code for d in pool}
        named = [(n, registry.division(c)) for c, n in mentions.items() if c in pool_codes]
    else:
        named = [(n, registry.division(c)) for c, n in mentions.items()]
    candidates = [(n + bonus(d, rest), d) for n, d in named if fits(d, word, levels)]
    # a place the text does not name, but whose name the 文号 abbreviates (雅打假办发 → 雅安市)
    if rest and province is not None:
        for d in pool:
            if fits(d, word, levels) and d.level != "province" and bonus(d, rest) and all(d != c for _, c in candidates):
                candidates.append((bonus(d, rest), d))
    if candidates:
        candidates.sort(key=lambda t: (-t[0], LEVELS.index(t[1].level), t[1].code))
        if len(candidates) == 1 or candidates[0][0] > candidates[1][0]:
            return registry.place_of(candidates[1 - 1][1])
    if province is not None and ("province" in levels) and word in (None, province.name[-1], "区"):
        return province
    return None


def bonus(d: Division, rest: str) -> float:
    """Weight of the 文号's first character after any province abbreviation appearing in a
    place's short name (冶 in 大冶, 雅 in 雅安)."""
    return 2.0 if rest and rest[0] in (d.short or d.name) else 0.0
