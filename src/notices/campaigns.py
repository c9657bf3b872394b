"""Stage 3c: the named enforcement campaigns a text mentions, in every form real notices use:
开展“剑网2021”专项行动, “龙腾”“蓝网”“净网”等知识产权海关保护专项行动, “龙腾行动”,
开展“清风”“龙腾”行动, 医疗器械“清网”行动, and unquoted 开展剑网2021专项行动."""

from __future__ import annotations

import re
from functools import lru_cache

QUOTE = r"[“\"「『]([^“”\"「」『』]{1,24})[”\"」』]"
QUOTE_OPENERS = "“\"「『"
# 行动 or an opening quotation mark: one search instead of five substring tests
HINT_RE = re.compile("行动|[" + QUOTE_OPENERS + "]")
QUOTE_RUN_RE = re.compile(rf"(?:{QUOTE}[、和及与]?)+")
QUOTE_ONE_RE = re.compile(QUOTE)
# What follows a run of quoted names when they are campaigns: …等知识产权海关保护专项行动.
ACTION_AFTER_RE = re.compile(r"^[^，,。；;：:“”\"（()]{0,16}?(专项行动|行动|专项整治|专项治理)")
ACTION_END_RE = re.compile(r"(专项行动|行动|专项整治|专项治理)$")
YEAR_END_RE = re.compile(r"^(?P<base>.+?)\s*(?P<year>(?:19|20)\d{2})年?$")
YEAR_START_RE = re.compile(r"^(?P<year>(?:19|20)\d{2})年?[\s\-－—–]*(?P<base>.+)$")
# Words a notice quotes that name no campaign: （以下简称“专项行动”）, “双打”
# Unquoted names listed before 等专项行动 (继续开展放心农资下乡进村、红盾护农、农资打假下乡等专项行动):
# two or more short names after 开展; a list of tasks (开展打击侵权、整治假冒等…) names none.
LISTED_RE = re.compile(r"(?:开展|组织|部署)((?:[\u4e00-\u9fff]{3,10}、)+[\u4e00-\u9fff]{3,10})等(?:专项行动|集中行动|行动)")
# …and a list of tasks or of fields (开展打击侵权、整治假冒等…; 开展医疗器械、农资产品等专项行动)
TASK_VERB_RE = re.compile(r"^(?:打击|整治|治理|查处|清理|排查|检查|加强|开展|推进|严厉|集中|深入|强化|规范|监督|抽查|暗访)"
                          r"|(?:领域|市场|产品|商品|行业|环节|药品|食品|器械|物资|企业|单位)$")
GENERIC_RE = re.compile(r"^(专项|专项行动|行动|双打|打假|集中行动|本次行动|此次行动|专项整治|专项治理)$")


def split_name(raw: str) -> tuple[str, int | None]:
    """“剑网 2020” → (剑网, 2020); “龙腾行动” → (龙腾, None)."""
    name = re.sub(r"\s+", "", raw)
    trimmed = re.sub(r"(专项行动|行动)$", "", name)
    name = trimmed or name
    for pattern in (YEAR_END_RE, YEAR_START_RE):
        match = pattern.match(name)
        if match:
            return match["base"], int(match["year"])
    return name, None


@lru_cache(maxsize=8)
def known_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)


@lru_cache(maxsize=8)
def unquoted_re(names: tuple[str, ...]) -> re.Pattern | None:
    if not names:
        return None
    alternatives = "|".join(map(re.escape, names))
    return re.compile(rf"(?<![“\"「『])({alternatives})\s*((?:19|20)\d{{2}})?(?:专项行动|行动)")


def find_campaigns(text: str, known: tuple[str, ...]) -> list[tuple[str, int | None]]:
    """(name, year) of each campaign the text names, in order, once each.

    `known` holds the series names and aliases of the registry: a quoted known name is a
    campaign wherever it stands; any other quoted name only where 行动 follows or ends it, so
    slogans such as “双随机、一公开” and “一带一路” are not campaigns."""
    # Every form needs a quotation mark or 行动: most sentences have neither, so skip them.
    if not HINT_RE.search(text):
        return []
    found: list[tuple[int, tuple[str, int | None]]] = []
    known_set = known_names(known)
    for run in QUOTE_RUN_RE.finditer(text):
        action_follows = bool(ACTION_AFTER_RE.match(text[run.end():run.end() + 24]))
        for quoted in QUOTE_ONE_RE.finditer(run.group(0)):
            raw = quoted.group(1)
            base, year = split_name(raw)
            # a definition (以下简称“专项行动”) or a generic word is no campaign's name
            defined = text[max(0, run.start() - 3):run.start()].endswith("简称")
            if GENERIC_RE.match(base) or GENERIC_RE.match(raw.strip()) or defined:
                continue
            if base in known_set or action_follows or ACTION_END_RE.search(raw.strip()):
                found.append((run.start() + quoted.start(), (base, year)))
    for listed in LISTED_RE.finditer(text):
        names = listed.group(1).split("、")
        if not any(TASK_VERB_RE.search(n) or GENERIC_RE.match(n) for n in names):
            at = listed.start(1)
            for name in names:
                found.append((at, split_name(name)))
                at += len(name) + 1
    pattern = unquoted_re(known)
    if pattern:
        for match in pattern.finditer(text):
            found.append((match.start(), (match.group(1), int(match.group(2)) if match.group(2) else None)))
    seen: list[tuple[str, int | None]] = []
    for _, item in sorted(found, key=lambda f: f[0]):
        if item not in seen:
            seen.append(item)
    return seen
