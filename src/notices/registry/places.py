"""Jurisdictions: the places data/jurisdictions.yaml holds, and places read from their names.

Places the data does not hold are derived from their names (see naming.py) and marked
in_registry=False."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..errors import NoticeError
from ..model import Jurisdiction
from ..naming import Naming
from .datafile import LEVELS, RANK, Checker, read


_LEVEL_CHAR = re.compile("[省市州县区盟旗]")


@dataclass
class PlaceInfo:
    """Derived facts about a jurisdiction used by matching (kept beside the frozen model)."""

    own: str
    en: str  # romanised base: Changning
    own_en: str  # Changning District
    is_city: bool


class Division(NamedTuple):
    """One row of data/divisions.tsv: a province, prefecture or county of the official table."""

    code: str
    level: str
    name: str
    short: str
    parent: str  # code of the parent, "" for a province
    former: tuple[str, ...]


class Places:
    """Every jurisdiction by id, with the indexes that find them in text."""

    def __init__(self, naming: Naming) -> None:
        self.naming = naming
        self.jurisdictions: dict[str, Jurisdiction] = {}
        # written forms that may follow a place name (agency kinds: 市场监管局), so that
        # 南康区市场监管局 is read as a place 南康区 and an agency
        self.tails: tuple[str, ...] = ()
        self._info: dict[str, PlaceInfo] = {}
        self._derived: dict[str, Jurisdiction] = {}
        self._chains: dict[str, list[Jurisdiction]] = {}
        self._index: dict[str, list[str]] = {}  # name / own name / short → ids
        self._children: dict[str, dict[str, str]] = {}  # parent id → own name / short → id
        self.max_len = 0
        self.divisions: dict[str, Division] = {}  # by code
        self._div_index: dict[str, list[str]] = {}  # full, former and 州/县 names → codes
        self._div_max = 0

    # ---- loading ----------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        data = read(path)
        chk = Checker(path)
        rows = chk.items(data, "jurisdictions")
        for row in rows:
            jid = chk.text(row, "id", "编号", "id")
            own = chk.text(row, "zh", "中文名称", "Chinese name")
            en = chk.text(row, "en", "英文名称", "English name")
            chk.new_id(row, jid, self.jurisdictions, "地区", "jurisdiction")
            parent_id = row.get("parent")
            parent = None
            if parent_id is not None:
                parent = self.jurisdictions.get(parent_id)
                if parent is None:
                    chk.fail(row, f"上级地区“{parent_id}”不存在（上级须写在下级之前）",
                             f"parent '{parent_id}' does not exist (a parent must come before its children)")
                if parent_id != "national" and not jid.startswith(parent_id + "-"):
                    chk.fail(row, f"编号“{jid}”应以上级编号“{parent_id}-”开头", f"id '{jid}' must start with its parent's id '{parent_id}-'")
            name = self.naming.read(own)
            level = row.get("level") or self.naming.level_of(name, parent.level if parent else None)
            if level not in LEVELS:
                chk.fail(row, f"无法从“{own}”判断级别，请写明 level", f"cannot tell the level of '{own}' from its name: give 'level'")
            if parent is not None and RANK[level] <= RANK[parent.level]:
                chk.fail(row, f"“{own}”的级别不低于其上级", f"'{own}' is not below its parent in level")
            own_en, prefix = self.naming.english(name, en)
            jur = self.make(
                jid, own, row.get("short") or name.short, level, parent, en,
                row.get("name_en") or own_en, row.get("en_prefix") or prefix, True, True,
                is_city=bool(name.suffix and name.suffix.city))
            if any(j.name == jur.name for j in self.jurisdictions.values()):
                chk.fail(row, f"地区全称“{jur.name}”重复", f"duplicate qualified name '{jur.name}'")
            self.jurisdictions[jid] = jur
        if "national" not in self.jurisdictions:
            chk.fail(data, "缺少全国（id: national）", "missing the national jurisdiction (id: national)")
        for jid, jur in self.jurisdictions.items():
            p = self._info[jid]
            keys = {jur.name, p.own} | ({jur.short} if len(jur.short) >= 2 else set())
            for key in keys:
                self._index.setdefault(key, []).append(jid)
                self.max_len = max(self.max_len, len(key))
            if jur.parent:
                kids = self._children.setdefault(jur.parent, {})
                kids.setdefault(p.own, jid)
                if len(jur.short) >= 2:
                    kids.setdefault(jur.short, jid)

    def load_divisions(self, path: Path) -> None:
        """data/divisions.tsv (scripts/make_divisions.py): every county-level unit and above,
        with former names, so that a place is known whether the registry holds it or not."""
        if not path.is_file():
            return
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("#") or line.startswith("code\t") or not line.strip():
                continue
            cols = line.split("\t")
            if len(cols) != 6 or cols[1] not in LEVELS or (cols[4] and cols[4] not in self.divisions):
                raise NoticeError(str(path), "应有 6 列（编码、级别、名称、简称、上级编码、曾用名），上级须写在前",
                                  "must have 6 columns (code, level, name, short, parent code, former names), "
                                  "a parent before its children", n)
            d = Division(cols[0], cols[1], cols[2], cols[3], cols[4], tuple(f for f in cols[5].split("|") if f))
            self.divisions[d.code] = d
            names = {d.name, *d.former}
            # 凉山州, 黔东南州, 前郭县: autonomous places are usually written by short name + level word
            if d.name.endswith("自治州") and d.short:
                names.add(d.short + "州")
            if d.name.endswith("自治县") and d.short:
                names.add(d.short + "县")
            for key in names:
                if len(key) >= 2:
                    self._div_index.setdefault(key, []).append(d.code)
                    self._div_max = max(self._div_max, len(key))

    def division_chain(self, code: str) -> list[Division]:
        """The division and its ancestors, the province first."""
        chain = []
        while code:
            d = self.divisions[code]
            chain.insert(0, d)
            code = d.parent
        return chain

    def divisions_at(self, t: str, within: Jurisdiction | None = None) -> list[tuple[Division, str]]:
        """Divisions whose name (full, former, or 州/县 short form) starts t, inside `within`
        when given, longest name first: (division, the text after it)."""
        out = []
        for k in range(min(len(t), self._div_max), 1, -1):
            for code in self._div_index.get(t[:k], ()):
                d = self.divisions[code]
                if within is None or self.division_within(d, within):
                    out.append((d, t[k:]))
            if out:
                return out
        return out

    def mentions(self, text: str) -> dict[str, float]:
        """How often the text names each division by a full, former or 州/县 name; a name that
        several divisions share counts a share for each. Names end in a level word, so only the
        text before each level word is looked up."""
        counts: dict[str, float] = {}
        for m in _LEVEL_CHAR.finditer(text):
            end = m.end()
            for k in range(min(end, self._div_max), 1, -1):
                codes = self._div_index.get(text[end - k:end])
                if codes:
                    for code in codes:
                        counts[code] = counts.get(code, 0.0) + 1.0 / len(codes)
                    break
        return counts

    def divisions_named(self, name: str) -> list[Division]:
        return [self.divisions[c] for c in self._div_index.get(name, ())]

    def division_within(self, d: Division, place: Jurisdiction) -> bool:
        """Whether a division lies inside (or is) a jurisdiction, compared by own names."""
        if place.level == "national":
            return True
        names = {x.name for x in self.division_chain(d.code)}
        return self._info[place.id].own in names

    def from_division(self, d: Division) -> Jurisdiction:
        """The jurisdiction of a division: the registry's where it holds it, else derived with the
        division's own level under its parents."""
        place = self.jurisdictions["national"]
        for x in self.division_chain(d.code):
            kid = self._children.get(place.id, {}).get(x.name)
            if kid and self._info[kid].own == x.name:
                place = self.jurisdictions[kid]
            else:
                place = self.derive_place(x.name, place if place.level != "national" else None, x.level)
        return place

    def read_division(self, t: str, within: Jurisdiction | None) -> Jurisdiction | None:
        """The deepest division named at the start of t (上海市…, 黄石市大冶市…, 大冶市…), when its
        name is unambiguous there; None otherwise."""
        found = None
        while True:
            hits = self.divisions_at(t, within if found is None else self.from_division(found))
            if found is not None:  # below a division named already: only its own children
                hits = [(d, r) for d, r in hits if d.code != found.code and found.code in
                        {x.code for x in self.division_chain(d.code)}]
            if len({d.code for d, _ in hits}) != 1:
                break
            found, t = hits[0]
        return self.from_division(found) if found is not None else None

    def make(self, jid, own, short, level, parent, en, own_en, prefix, official, in_registry,
             is_city) -> Jurisdiction:
        """Qualified name and English chain: 上海市长宁区, "Changning District, Shanghai"."""
        name = own
        if level == "county" and parent is not None and parent.level in ("province", "prefecture"):
            name = self._info[parent.id].own + own
        chain = [own_en]
        a = parent
        while a is not None and a.level != "national":
            ap = self._info[a.id]
            chain.append(ap.en if a.level == "province" else ap.own_en)
            a = self.parent(a)
        self._info[jid] = PlaceInfo(own=own, en=en, own_en=own_en, is_city=is_city)
        return Jurisdiction(id=jid, name=name, short=short, level=level, parent=parent.id if parent else None,
                            name_en=", ".join(chain), en_prefix=prefix, name_en_official=official,
                            in_registry=in_registry)

    # ---- lookups ----------------------------------------------------------------------------

    def undetermined(self) -> Jurisdiction:
        jid = "undetermined"
        if jid not in self._derived:
            self._derived[jid] = self.make(jid, "地区未确定", "未确定", "national", None, "Undetermined",
                                           "Place not determined", "", False, False, is_city=False)
        return self._derived[jid]

    def info(self, jid: str) -> PlaceInfo:
        return self._info[jid]

    def jurisdiction(self, jid: str) -> Jurisdiction:
        """The jurisdiction with this id, or one derived earlier in this run (KeyError when unknown)."""
        if jid in self.jurisdictions:
            return self.jurisdictions[jid]
        return self._derived[jid]

    def parent(self, j: Jurisdiction) -> Jurisdiction | None:
        return self.jurisdiction(j.parent) if j.parent else None

    def ancestors(self, j: Jurisdiction) -> list[Jurisdiction]:
        """The jurisdiction itself and its ancestors, nearest first."""
        hit = self._chains.get(j.id)
        if hit is None:
            hit = [j]
            while hit[-1].parent:
                hit.append(self.jurisdiction(hit[-1].parent))
            self._chains[j.id] = hit
        return list(hit)

    def within(self, jid: str, place: Jurisdiction) -> bool:
        """Whether jurisdiction `jid` is `place` or lies inside it."""
        return any(a.id == place.id for a in self.ancestors(self.jurisdiction(jid)))

    def read_start(self, t: str) -> Jurisdiction | None:
        """The place named at the start of `t` (spaces and title noise already removed), or None."""
        found = None
        for n in range(min(len(t), self.max_len), 1, -1):
            ids = [i for i in self._index.get(t[:n], ())
                   # a county's bare short name (长宁) is too common a word to mark a place
                   if self.jurisdictions[i].level != "county" or t[:n] != self.jurisdictions[i].short]
            if ids:
                ids.sort(key=lambda i: RANK[self.jurisdictions[i].level])
                found, t = self.jurisdictions[ids[0]], t[n:]
                break
        if found is not None:
            found, t = self.descend(found, t)
        if found is None or found.level != "county":
            division = self.read_division(t, found)
            if division is not None:
                return division
            derived = self.derive(t, found)
            if derived is not None:
                return derived[0]
        return found

    def descend(self, place: Jurisdiction, text: str) -> tuple[Jurisdiction, str]:
        """Follow registered children named by their own names: 上海市 + 长宁区…"""
        while True:
            kids = self._children.get(place.id)
            if not kids:
                return place, text
            for n in range(min(len(text), self.max_len), 1, -1):
                cid = kids.get(text[:n])
                if cid and text[:n] == self._info[cid].own:
                    place, text = self.jurisdictions[cid], text[n:]
                    break
            else:
                return place, text

    def child_at(self, place: Jurisdiction, rest: str) -> tuple[Jurisdiction, str] | None:
        """A registered child of `place` named (own or short name) at the start of rest."""
        kids = self._children.get(place.id)
        if kids:
            for k in range(min(len(rest) - 1, self.max_len), 1, -1):
                cid = kids.get(rest[:k])
                if cid:
                    return self.jurisdictions[cid], rest[k:]
        return None

    def derive(self, text: str, parent: Jurisdiction | None) -> tuple[Jurisdiction, str] | None:
        """Read places the registry does not hold from the start of text: 赣州市南康区…

        Accepted only when what follows is the end, a continuation word or an agency kind form."""
        segs = []
        rest = text
        while True:
            hit = self.naming.segment_at(rest)
            if hit is None:
                break
            segs.append(hit[0])
            rest = rest[len(hit[0]):]
        while segs:
            ok = (not rest or rest.startswith(self.naming.continuations)
                  or any(rest.startswith(f) for f in self.tails))
            if ok:
                break
            rest = segs.pop() + rest
        if not segs:
            return None
        place = parent
        for own in segs:
            place = self.derive_place(own, place)
        return place, rest

    def derive_place(self, own: str, parent: Jurisdiction | None, level: str | None = None) -> Jurisdiction:
        """A jurisdiction the registry does not hold, read from its own name under `parent`
        (its level from the name unless given)."""
        if parent is not None:
            kid = self._children.get(parent.id, {}).get(own)
            if kid:
                return self.jurisdiction(kid)
        name = self.naming.read(own)
        level = level or self.naming.level_of(name, parent.level if parent else None) or "county"
        if parent is not None and RANK[level] <= RANK[parent.level]:
            level = LEVELS[min(RANK[parent.level] + 1, 3)]
        en = self.naming.romanise(name.base)
        slug = self.naming.slug(name.base)
        jid = f"{parent.id}-{slug}" if parent is not None and parent.id != "national" else slug
        if jid in self.jurisdictions and self.jurisdictions[jid].name != own:
            jid = f"{jid}-{level}"
        if jid in self._derived:
            return self._derived[jid]
        own_en, prefix = self.naming.english(name, en)
        jur = self.make(jid, own, name.short, level, parent, en, own_en, prefix, False, False,
                        is_city=bool(name.suffix and name.suffix.city))
        self._derived[jid] = jur
        return jur

    def target(self, home: Jurisdiction, target: str) -> Jurisdiction | None:
        """The place a relative prefix (省/市/区…) means in a notice of `home`."""
        chain = self.ancestors(home)
        if target == "national":
            return self.jurisdictions["national"]
        if target == "province":
            return next((j for j in chain if j.level == "province"), None)
        if target == "prefecture":
            return next((j for j in chain if j.level == "prefecture"), None)
        if target == "county":
            return next((j for j in chain if j.level == "county"), home)
        # city: the nearest ancestor-or-self whose name is a city's, else the prefecture
        return (next((j for j in chain if j.level != "national" and self._info[j.id].is_city), None)
                or next((j for j in chain if j.level in ("prefecture", "province")), None))

    def parent_city(self, place: Jurisdiction) -> Jurisdiction | None:
        """The city a district's branch offices belong to (strictly above the place)."""
        parent = self.parent(place)
        return self.target(parent, "city") if parent and parent.level != "national" else None

    def places_at(self, n: str, home: Jurisdiction) -> list[tuple[Jurisdiction, str]]:
        """Registered places named at the start of n, longest name first, nearest to home first."""
        out = []
        chain = self.ancestors(home)
        for k in range(min(len(n) - 1, self.max_len), 1, -1):
            ids = self._index.get(n[:k])
            if not ids:
                continue
            cands = sorted((self.jurisdictions[i] for i in ids), key=lambda j: self._distance(j, chain))
            for j in cands:
                j2, rest = self.descend(j, n[k:])
                if j2 is not j:
                    out.append((j2, rest))
                out.append((j, n[k:]))
        return out

    def _distance(self, j: Jurisdiction, home_chain: list[Jurisdiction]) -> tuple[int, int]:
        j_chain_ids = [a.id for a in self.ancestors(j)]
        for i, a in enumerate(home_chain):
            if a.id in j_chain_ids:
                return (i, j_chain_ids.index(a.id))
        return (len(home_chain), len(j_chain_ids))
