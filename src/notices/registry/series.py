"""Campaign series (data/campaigns.yaml) and resolving a campaign name as written to an edition."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import Campaign
from ..naming import Naming
from .datafile import SPACE, Checker, read

_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*年?\s*$")
_QUOTES = "“”\"'‘’「」《》"


@dataclass(frozen=True)
class Series:
    id: str
    zh: str
    names: tuple[str, ...]
    name_en: str | None
    edition_en: str | None
    name_en_official: bool
    lead_system: str
    lead: str | None
    context: tuple[str, ...]
    default: bool
    editions_seen: tuple[int, ...]
    description_zh: str
    description_en: str


class CampaignSeries:
    """Every campaign series by id, and the names that detect them in text."""

    def __init__(self, naming: Naming) -> None:
        self.naming = naming
        self.series: dict[str, Series] = {}
        self._names: dict[str, list[str]] = {}
        self._strip_suffixes: tuple[str, ...] = ()
        self._detectable: set[str] = set()
        self.slogans: frozenset[str] = frozenset()  # quoted slogans that are not campaigns (四个最严)

    def load(self, path: Path, systems: dict, agency_exists: Callable[[str], bool]) -> None:
        data = read(path)
        chk = Checker(path)
        self._strip_suffixes = tuple(sorted(data.get("strip_suffixes") or (), key=len, reverse=True))
        self.slogans = frozenset(data.get("slogans") or ())
        for s in chk.items(data, "series"):
            sid = chk.text(s, "id", "编号", "id")
            chk.new_id(s, sid, self.series, "行动系列", "campaign series")
            zh = chk.text(s, "zh", "中文名称", "Chinese name")
            lead_system = chk.text(s, "lead_system", "牵头系统", "lead system")
            if lead_system not in systems:
                chk.fail(s, f"系统“{lead_system}”不存在", f"system '{lead_system}' does not exist")
            if s.get("lead") is not None and not agency_exists(s["lead"]):
                chk.fail(s, f"牵头机构“{s['lead']}”不存在", f"lead agency '{s['lead']}' does not exist")
            chk.text(s, "name_en", "英文名称（name_en；无官方译名时写建议译名并标 name_en_official: false）",
                     "English name ('name_en'; without an official one, give the suggested one with name_en_official: false)")
            if not isinstance(s.get("name_en_official"), bool):
                chk.fail(s, "须写明 name_en_official: true 或 false", "name_en_official must be given as true or false")
            chk.text(s, "description_zh", "中文简介", "Chinese description")
            chk.text(s, "description_en", "英文简介", "English description")
            # zh is detected in text only when listed in names (护航 alone is an ordinary word)
            names = tuple(dict.fromkeys(s.get("names") or [zh]))
            series = Series(sid, zh, names, s.get("name_en"), s.get("edition_en"), s["name_en_official"],
                            lead_system, s.get("lead"), tuple(s.get("context") or ()), bool(s.get("default")),
                            tuple(s.get("editions_seen") or ()), s["description_zh"], s["description_en"])
            self.series[sid] = series
            for n in dict.fromkeys((zh,) + names):
                self._names.setdefault(n, []).append(sid)
            self._detectable.update(names)
        for n, sids in self._names.items():
            if len(sids) > 1:
                defaults = [sid for sid in sids if self.series[sid].default]
                if len(defaults) != 1 or any(not self.series[sid].context for sid in sids if sid not in defaults):
                    chk.fail(data, f"名称“{n}”属于多个系列（{'、'.join(sids)}），须各有 context 且恰有一个 default",
                             f"name '{n}' belongs to several series ({', '.join(sids)}): each needs context words and exactly one must be default")

    def names(self) -> list[str]:
        """Every series name and alias the registry knows, longest first, for detection."""
        return sorted(self._detectable, key=lambda s: (-len(s), s))

    def resolve(self, name: str, year: int | None, context: str) -> Campaign:
        """The campaign edition for a normalised name (剑网, 2020); `context` is the sentence,
        used to tell apart series that share a name (the customs 净网 vs the anti-pornography 净网)."""
        n = SPACE.sub("", name).strip(_QUOTES)
        m = _YEAR.search(n)
        if m and len(n) > len(m.group(0)):
            year = year if year is not None else int(m.group(1))
            n = n[: m.start()]
        sids = self._names.get(n)
        if sids is None:
            for suffix in self._strip_suffixes:
                if n.endswith(suffix) and len(n) > len(suffix):
                    n2 = n[: -len(suffix)]
                    if n2 in self._names:
                        n, sids = n2, self._names[n2]
                        break
        if not sids:
            base = n
            for suffix in self._strip_suffixes:
                if base.endswith(suffix) and len(base) > len(suffix):
                    base = base[: -len(suffix)]
                    break
            sid = self.naming.slug(base)
            if sid in self.series:
                sid += "-unlisted"
            return Campaign(id=f"{sid}-{year}" if year else sid, name=f"{base}{year or ''}", series=sid,
                            year=year, name_en=None, in_registry=False)
        series = self.series[sids[0]]
        if len(sids) > 1:
            ctx = context or ""
            scored = [(sum(ctx.count(w) for w in self.series[s].context), self.series[s].default, s) for s in sids]
            scored.sort(key=lambda t: (-t[0], not t[1]))
            series = self.series[scored[0][2]]
        name_en = series.name_en
        if name_en and year:
            name_en = (series.edition_en or "{name} {year}").format(name=name_en, year=year)
        return Campaign(id=f"{series.id}-{year}" if year else series.id, name=f"{series.zh}{year or ''}",
                        series=series.id, year=year, name_en=name_en)
