"""Agencies: explicit entries and the kinds local agency names follow (data/agencies.yaml), and
resolving a name as written in a notice to one agency."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Agency, Jurisdiction
from ..naming import Naming, unit_name_en, unit_of
from .datafile import LEVELS, SPACE, Checker, read
from .places import Places

_AGENCY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$")
_TEMPLATE_VARS = {"place", "short", "own", "prefix", "en", "own_en", "parent_zh", "parent_en", "city_en"}


@dataclass(frozen=True)
class Kind:
    """A pattern local agency names follow: 区市场监管局 → {place}市场监督管理局."""

    id: str
    system: str
    forms: tuple[str, ...]
    typos: tuple[str, ...]
    zh: str
    en: str
    levels: tuple[str, ...]
    by_level: dict = field(default_factory=dict, hash=False, compare=False)
    branch_of: str | None = None


class Agencies:
    """Agency kinds, explicit agencies and the rules that resolve written names."""

    def __init__(self, places: Places, naming: Naming, systems: dict[str, dict], fallback_hotline: str | None):
        self.places = places
        self.naming = naming
        self.systems = systems
        self.kinds: dict[str, Kind] = {}
        self.agencies: dict[str, Agency] = {}  # explicit entries by id
        self._fallback_hotline = fallback_hotline
        self._kind_forms: dict[str, str] = {}
        self._kind_typos: set[str] = set()
        self._explicit_at: dict[tuple[str, str], str] = {}
        self._explicit_data: dict[str, dict] = {}
        self._alias: dict[str, str] = {}
        self._alias_national: dict[str, str] = {}
        self._prefixes: list[tuple[str, str]] = []
        self._generic: list[re.Pattern] = []
        self._cache: dict[tuple[str, str], Agency] = {}
        self._generic_cache: dict[str, bool] = {}

    # ---- loading ----------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        data = read(path)
        chk = Checker(path)
        for p in chk.items(data, "prefixes"):
            zh = chk.text(p, "zh", "前缀", "prefix")
            if p.get("target") not in ("national", "province", "city", "prefecture", "county"):
                chk.fail(p, f"前缀“{zh}”的 target 无效", f"prefix '{zh}' has an invalid target")
            self._prefixes.append((zh, p["target"]))
        self._prefixes.sort(key=lambda t: -len(t[0]))
        generic = data.get("generic") or []
        for rx in generic:
            try:
                self._generic.append(re.compile(rx))
            except (re.error, TypeError) as e:
                chk.fail(data, f"泛称规则“{rx}”不是有效的正则表达式：{e}", f"generic pattern '{rx}' is not a valid regular expression: {e}")
        for k in chk.items(data, "kinds"):
            self._load_kind(chk, k)
        self.places.tails = tuple(self._kind_forms)

        entries = chk.items(data, "agencies")
        for e in entries:
            self._load_explicit(chk, e)
        for e in entries:  # references may point forward
            aid = e.get("id") or f"{e['jurisdiction']}.{e['kind']}"
            for key in ("parent", "successor"):
                ref = e.get(key)
                if ref is not None and not self.exists(ref):
                    chk.fail(e, f"{key} 指向的机构“{ref}”不存在", f"{key} names agency '{ref}', which does not exist")
            if e.get("parent"):
                self.agencies[aid] = replace(self.agencies[aid], parent=e["parent"])

    def _load_kind(self, chk: Checker, k: dict) -> None:
        kid = chk.text(k, "id", "编号", "id")
        chk.new_id(k, kid, self.kinds, "机构类型", "kind")
        system = chk.text(k, "system", "所属系统", "system")
        if system not in self.systems:
            chk.fail(k, f"系统“{system}”不存在", f"system '{system}' does not exist")
        zh = chk.text(k, "zh", "中文全称模板", "Chinese name template")
        en = chk.text(k, "en", "英文名称模板", "English name template")
        forms = tuple(k.get("forms") or ())
        if not forms:
            chk.fail(k, f"机构类型“{kid}”缺少写法（forms）", f"kind '{kid}' has no written forms ('forms')")
        levels = tuple(k.get("levels") or ("province", "prefecture", "county"))
        for lvl in levels:
            if lvl not in LEVELS:
                chk.fail(k, f"未知的级别“{lvl}”", f"unknown level '{lvl}'")
        by_level = dict(k.get("by_level") or {})
        for lvl, t in by_level.items():
            if lvl not in LEVELS + ("municipality",) or not isinstance(t, dict) or not t.get("zh") or not t.get("en"):
                chk.fail(k, f"by_level 中“{lvl}”须为级别并给出 zh 和 en", f"by_level '{lvl}' must be a level with zh and en")
        branch_of = k.get("branch_of")
        if branch_of is not None and branch_of not in self.kinds:
            chk.fail(k, f"branch_of 指向的机构类型“{branch_of}”不存在（须先定义）",
                     f"branch_of names kind '{branch_of}', which does not exist (define it first)")
        typos = tuple(k.get("typos") or ())
        for form in forms + typos:
            if form in self._kind_forms and self._kind_forms[form] != kid:
                chk.fail(k, f"写法“{form}”已属于机构类型“{self._kind_forms[form]}”",
                         f"form '{form}' already belongs to kind '{self._kind_forms[form]}'")
            self._kind_forms[form] = kid
        self._kind_typos.update(typos)
        for template in [(zh, en)] + [(t["zh"], t["en"]) for t in by_level.values()]:
            for text in template:
                for var in re.findall(r"{(\w+)}", text):
                    if var not in _TEMPLATE_VARS:
                        chk.fail(k, f"模板中的变量“{{{var}}}”未知", f"unknown template variable '{{{var}}}'")
        self.kinds[kid] = Kind(kid, system, forms, typos, zh, en, levels, by_level, branch_of)

    def _load_explicit(self, chk: Checker, e: dict) -> None:
        jid = chk.text(e, "jurisdiction", "所属地区", "jurisdiction")
        place = self.places.jurisdictions.get(jid)
        if place is None:
            chk.fail(e, f"地区“{jid}”不存在", f"jurisdiction '{jid}' does not exist")
        en = chk.text(e, "en", "英文名称", "English name")
        kid = e.get("kind")
        if kid is not None:
            kind = self.kinds.get(kid)
            if kind is None:
                chk.fail(e, f"机构类型“{kid}”不存在", f"kind '{kid}' does not exist")
            aid = f"{jid}.{kid}"
            if e.get("id") not in (None, aid):
                chk.fail(e, f"带 kind 的条目编号应为“{aid}”", f"an entry with a kind has the id '{aid}'")
            pattern = self._pattern(place, kind, use_explicit=False)
            if pattern is None:
                chk.fail(e, f"机构类型“{kid}”不适用于{place.level}级", f"kind '{kid}' does not apply at level {place.level}")
            zh = e.get("zh") or pattern.full_name
            system = e.get("system") or kind.system
            branch_parent = pattern.parent
        else:
            aid = chk.text(e, "id", "编号（无 kind 时必填）", "id (required without a kind)")
            zh = chk.text(e, "zh", "中文全称", "Chinese name")
            system = chk.text(e, "system", "所属系统", "system")
            branch_parent = None
        if not _AGENCY_ID.match(aid) or not aid.startswith(jid + "."):
            chk.fail(e, f"机构编号“{aid}”应为“{jid}.<小写字母、数字、连字符>”", f"agency id '{aid}' must be '{jid}.<a-z, 0-9, hyphens>'")
        if aid in self.agencies:
            chk.fail(e, f"机构编号“{aid}”重复", f"duplicate agency id '{aid}'")
        if system not in self.systems:
            chk.fail(e, f"系统“{system}”不存在", f"system '{system}' does not exist")
        official = e.get("en_official")
        if not isinstance(official, bool):
            chk.fail(e, "须写明 en_official: true 或 false", "en_official must be given as true or false")
        self.agencies[aid] = Agency(id=aid, name=zh, full_name=zh, name_en=en, name_en_official=official,
                                    system=system, jurisdiction=place.name, jurisdiction_id=jid,
                                    parent=branch_parent)
        self._explicit_data[aid] = dict(e)
        if kid is not None:
            self._explicit_at[(jid, kid)] = aid
        national_only = bool(e.get("aliases_national_only"))
        for alias in [zh] + list(e.get("aliases") or []):
            table = self._alias_national if national_only and alias != zh else self._alias
            if alias in table and table[alias] != aid:
                chk.fail(e, f"写法“{alias}”已属于机构“{table[alias]}”", f"name '{alias}' already belongs to agency '{table[alias]}'")
            table[alias] = aid

    def exists(self, aid: str) -> bool:
        """Whether an agency id names an explicit entry or a kind at a registered place."""
        if aid in self.agencies:
            return True
        jid, _, kid = aid.partition(".")
        return jid in self.places.jurisdictions and kid in self.kinds

    # ---- reading names ----------------------------------------------------------------------

    def place_named_by(self, t: str) -> Jurisdiction | None:
        """The jurisdiction of the explicit agency whose name starts `t` (longest first), or None."""
        for n in range(len(t), 1, -1):
            aid = self._alias.get(t[:n])
            if aid:
                return self.places.jurisdictions[self.agencies[aid].jurisdiction_id]
        return None

    def is_generic(self, name: str) -> bool:
        """True for generic groups: 领导小组有关成员单位, 各成员单位, 相关部门, 各区打击侵权假冒工作领导小组."""
        hit = self._generic_cache.get(name)
        if hit is None:
            n = SPACE.sub("", name)
            hit = self._generic_cache[name] = any(rx.search(n) for rx in self._generic)
        return hit

    def resolve(self, name: str, home: Jurisdiction) -> Agency:
        """The agency a name as written (spaces removed) means in a notice of `home`."""
        n = SPACE.sub("", name)
        key = (n, home.id)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._resolve(n, home)
            self._cache[key] = hit
        return hit

    def _resolve(self, n: str, home: Jurisdiction) -> Agency:
        places = self.places
        aid = self._alias.get(n) or (self._alias_national.get(n) if home.level == "national" else None)
        if aid:
            return replace(self.agencies[aid], name=n)
        # an explicit place name: 徐汇区法院, 上海市长宁区市场监管局, 白银公安分局
        for place, rest in places.places_at(n, home):
            hit = self._at(place, rest, n)
            if hit:
                return hit
        # a relative prefix: 区市场监管局, 市黄浦邮政管理局
        for prefix, target in self._prefixes:
            if n.startswith(prefix) and len(n) > len(prefix):
                place = places.target(home, target)
                if place is not None:
                    hit = self._at(place, n[len(prefix):], n)
                    if hit:
                        return hit
        # no prefix: the notice's own place (生态环境分局; 知识产权局 in a local notice)
        hit = self._at(home, n, n)
        if hit:
            return hit
        # the notice's own place by a name the index may not hold (南康公安分局 in a 南康区 notice)
        for named in (home.name, places.info(home.id).own, home.short):
            if len(named) >= 2 and n.startswith(named):
                hit = self._at(home, n[len(named):], n)
                if hit:
                    return hit
        # a place the registry does not hold: 南康区市场监管局
        derived = places.derive(n, None)
        if derived is not None:
            hit = self._at(derived[0], derived[1], n)
            if hit:
                return hit
        return self._unknown(n, home)

    def _at(self, place: Jurisdiction, rest: str, written: str) -> Agency | None:
        """The agency `rest` names at `place`: an explicit entry, a kind, or a child place's."""
        if not rest:
            return None
        p = self.places.info(place.id)
        for full in (place.name + rest, p.own + rest, place.short + rest):
            aid = self._alias.get(full)
            if aid and self.places.within(self.agencies[aid].jurisdiction_id, place):
                return replace(self.agencies[aid], name=written)
        kid = self._kind_forms.get(rest)
        if kid:
            hit = self._pattern(place, self.kinds[kid])
            return replace(hit, name=written) if hit else None
        child = self.places.child_at(place, rest)
        if child:
            return self._at(child[0], child[1], written)
        return None

    def _template(self, place: Jurisdiction, kind: Kind) -> tuple[str, str]:
        """The (zh, en) templates of a kind at a place. A province-level city (上海市) takes the
        `municipality` templates if the kind has them, else the default ones (局, not 厅)."""
        key = place.level
        if place.level == "province" and self.places.info(place.id).is_city:
            key = "municipality"
        t = kind.by_level.get(key)
        return (t["zh"], t["en"]) if t else (kind.zh, kind.en)

    def _pattern(self, place: Jurisdiction, kind: Kind, use_explicit: bool = True) -> Agency | None:
        """The agency of `kind` at `place`, from the kind's templates or an explicit override."""
        if use_explicit:
            aid = self._explicit_at.get((place.id, kind.id))
            if aid:
                return self.agencies[aid]
        if place.level not in kind.levels:
            return None
        zh_t, en_t = self._template(place, kind)
        p = self.places.info(place.id)
        values = dict(place=place.name, short=place.short, own=p.own, prefix=place.en_prefix, en=p.en,
                      own_en=p.own_en, parent_zh="", parent_en="", city_en="")
        parent_id = None
        if kind.branch_of:
            city = self.places.parent_city(place)
            parent = self._pattern(city, self.kinds[kind.branch_of]) if city else None
            if parent is None:
                return None
            parent_id = parent.id
            values.update(parent_zh=parent.full_name, parent_en=parent.name_en,
                          city_en=self.places.info(city.id).en)
        full = zh_t.format(**values)
        return Agency(id=f"{place.id}.{kind.id}", name=full, full_name=full, name_en=en_t.format(**values),
                      name_en_official=False, system=kind.system, jurisdiction=place.name,
                      jurisdiction_id=place.id, parent=parent_id, in_registry=place.in_registry)

    def _unknown(self, n: str, home: Jurisdiction) -> Agency:
        """An agency no kind or entry describes: kept as written, system `other`."""
        place, rest, qualified = home, n, False
        for prefix, target in self._prefixes:
            if n.startswith(prefix) and len(n) > len(prefix):
                t = self.places.target(home, target)
                if t is not None:
                    place, rest, qualified = t, n[len(prefix):], True
                    break
        else:
            for j, r in self.places.places_at(n, home):
                place, rest, qualified = j, r, True
                break
        full = place.name + rest if qualified and place.level != "national" else n
        slug = self.naming.slug(rest)
        named = self._unit(rest, place)
        if named is not None:
            name_en, system, parent = named
        else:
            words = self.naming.romanise(rest)
            name_en, system, parent = (f"{place.en_prefix} {words}" if place.level != "national" else words), "other", None
        return Agency(id=f"{place.id}.x-{slug[:48]}", name=n, full_name=full, name_en=name_en,
                      name_en_official=False, system=system, jurisdiction=place.name,
                      jurisdiction_id=place.id, parent=parent, in_registry=False)

    def _unit(self, rest: str, place: Jurisdiction) -> tuple[str, str, str | None] | None:
        """(English, system, parent id) of a name ending in a unit (naming.yaml agency_units), with
        only its proper name romanised: 钱江海关 → Qianjiang Customs; 邮政管理局西湖分局 → Xihu
        Branch of the Hangzhou Municipal Postal Administration; 局知识产权保护处 → Intellectual
        Property Protection Division of the Hangzhou Municipal Bureau."""
        hit = unit_of(self.naming, rest)
        if hit is None:
            return None
        before, unit = hit
        for k in range(len(before), 0, -1):  # a known kind of agency first: 邮政管理局 + 西湖
            kid = self._kind_forms.get(before[:k])
            parent = self._pattern(place, self.kinds[kid]) if kid else None
            if parent is not None and k < len(before):
                own = unit.en.format(name=unit_name_en(self.naming, before[k:]))
                return f"{own} of the {parent.name_en}", unit.system or parent.system, parent.id
        for word, en in self.naming.parent_words.items():  # 局 + 知识产权保护: the place's bureau
            if before.startswith(word) and len(before) > len(word):
                own = unit.en.format(name=unit_name_en(self.naming, before[len(word):]))
                return f"{own} of the {place.en_prefix} {en}", unit.system or "other", None
        if not before:
            return None
        own = unit.en.format(name=unit_name_en(self.naming, before))
        if place.level == "national" or unit.place == "none":
            return own, unit.system or "other", None
        if unit.place == "before":
            return f"{place.en_prefix} {own}", unit.system or "other", None
        return f"{own}, {place.name_en}", unit.system or "other", None

    # ---- facts about an agency --------------------------------------------------------------

    def entry(self, aid: str) -> dict | None:
        """The data of an explicit agency entry (abbr, successor, abolished, note, website …), or None."""
        e = self._explicit_data.get(aid)
        return dict(e) if e is not None else None

    def is_typo(self, name: str) -> bool:
        """Whether the name was written with a known misspelling of its kind (区文旅游局)."""
        n = SPACE.sub("", name)
        return any(n.endswith(t) for t in self._kind_typos)

    def contact(self, agency: Agency) -> dict | None:
        """{hotline, website} where the public can reach the agency, or None when neither is known.

        The website is the agency's own (agencies.yaml); the hotline is the agency's, else its
        system's nationwide number, else (for a local body) the government service hotline."""
        own = self._explicit_data.get(agency.id, {})
        system = self.systems.get(agency.system, {})
        hotline = own.get("hotline") or system.get("hotline")
        if not hotline and agency.jurisdiction_id != "national":
            hotline = self._fallback_hotline
        website = own.get("website")
        if not hotline and not website:
            return None
        return {"hotline": hotline, "website": website}
