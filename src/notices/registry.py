"""Registries of jurisdictions, agencies, campaigns and glossary terms, loaded from data/.

Every name comes from the data files (data/README.md describes them); this module only reads,
validates and matches. Places and agencies the data does not hold are derived from their names
(see naming.py) and marked in_registry=False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import NoticeError
from .model import Agency, Campaign, Jurisdiction
from .naming import Naming

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

LEVELS = ("national", "province", "prefecture", "county")
_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_AGENCY_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"\s*((?:19|20)\d\d)\s*年?\s*$")
_QUOTES = "“”\"'‘’「」《》"


# ---------------------------------------------------------------------------------------------
# YAML with line numbers


class _Map(dict):
    line: int | None = None


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _SplitValue(Exception):
    """A key with no value inside `{…}`: an unquoted value was cut at a comma
    (`{en: Publicity (press, publication)}` reads as `en: Publicity (press` and a key `publication)`)."""

    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Map:
    seen: set = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
        if node.flow_style and isinstance(value_node, yaml.ScalarNode) and value_node.value == "" \
                and value_node.tag == "tag:yaml.org,2002:null":
            raise _SplitValue(str(key), key_node.start_mark.line + 1)
        seen.add(key)
    m = _Map(loader.construct_mapping(node, deep=True))
    m.line = node.start_mark.line + 1
    return m


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):  # libyaml: the same data, read several times faster
        pass

    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
else:
    _FastLoader = _Loader


def _load_yaml(text: str):
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        # report a malformed file with the pure-Python parser's words and line, as always
        return yaml.load(text, Loader=_Loader)


def _read(path: Path) -> _Map:
    where = str(path)
    if not path.is_file():
        raise NoticeError(where, "找不到数据文件", "data file not found")
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except _DuplicateKey as e:
        raise NoticeError(where, f"同一条目中键“{e.key}”重复", f"key '{e.key}' appears twice in one entry", e.line) from None
    except _SplitValue as e:
        raise NoticeError(where, f"“{{…}}”中的“{e.key}”没有值：含逗号的值须加引号",
                          f"'{e.key}' has no value inside {{…}}: a value holding a comma must be quoted", e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise NoticeError(where, "YAML 语法错误：" + str(e.problem), "YAML syntax error: " + str(e.problem),
                          mark.line + 1 if mark else None) from None
    except UnicodeDecodeError:
        raise NoticeError(where, "文件不是 UTF-8 编码", "file is not UTF-8") from None
    if not isinstance(data, dict):
        raise NoticeError(where, "文件顶层应为键值映射", "the top level of the file must be a mapping", 1)
    return data


class _Checker:
    """Raises NoticeError for one data file, pointing at the entry's line."""

    def __init__(self, path: Path):
        self.path = str(path)

    def fail(self, entry, zh: str, en: str):
        raise NoticeError(self.path, zh, en, getattr(entry, "line", None))

    def items(self, data: dict, key: str) -> list:
        value = data.get(key)
        if not isinstance(value, list):
            self.fail(data, f"缺少列表“{key}”", f"missing list '{key}'")
        for item in value:
            if not isinstance(item, dict):
                self.fail(data, f"“{key}”中的条目应为键值映射", f"each entry of '{key}' must be a mapping")
        return value

    def new_id(self, entry, value: str, taken, what_zh: str, what_en: str) -> None:
        """An id must be a slug and not yet used in `taken`."""
        if not _ID.match(value):
            self.fail(entry, f"编号“{value}”只能含小写字母、数字和连字符", f"id '{value}' may hold only a-z, 0-9 and hyphens")
        if value in taken:
            self.fail(entry, f"{what_zh}编号“{value}”重复", f"duplicate {what_en} id '{value}'")

    def text(self, entry: dict, key: str, what_zh: str, what_en: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(entry, f"缺少{what_zh}（{key}）", f"missing {what_en} ('{key}')")
        return value.strip()


# ---------------------------------------------------------------------------------------------
# Data shapes not in the model


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


@dataclass
class _Place:
    """Derived facts about a jurisdiction used by matching (kept beside the frozen model)."""

    own: str
    en: str  # romanised base: Changning
    own_en: str  # Changning District
    is_city: bool


class Registry:
    jurisdictions: dict[str, Jurisdiction]

    # ---- loading ----------------------------------------------------------------------------

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> "Registry":
        """Read and validate every data file; raise errors.NoticeError naming file and line."""
        data_dir = Path(data_dir)
        reg = cls()
        reg._load_naming(data_dir / "naming.yaml")
        reg._load_systems(data_dir / "systems.yaml")
        reg._load_jurisdictions(data_dir / "jurisdictions.yaml")
        reg._load_agencies(data_dir / "agencies.yaml")
        reg._load_campaigns(data_dir / "campaigns.yaml")
        reg._load_glossary(data_dir / "glossary.yaml")
        return reg

    def __init__(self) -> None:
        self.jurisdictions = {}
        self.systems: dict[str, dict] = {}
        self.kinds: dict[str, Kind] = {}
        self.agencies: dict[str, Agency] = {}  # explicit entries by id
        self.series: dict[str, Series] = {}
        self.terms: list[dict] = []
        self._places: dict[str, _Place] = {}
        self._derived: dict[str, Jurisdiction] = {}
        self._chains: dict[str, list[Jurisdiction]] = {}
        self._place_index: dict[str, list[str]] = {}  # name / own name / short → ids
        self._children: dict[str, dict[str, str]] = {}  # parent id → own name / short → id
        self._max_place_len = 0
        self._kind_forms: dict[str, str] = {}
        self._kind_typos: set[str] = set()
        self._explicit_at: dict[tuple[str, str], str] = {}
        self._explicit_data: dict[str, dict] = {}
        self._alias: dict[str, str] = {}
        self._alias_national: dict[str, str] = {}
        self._prefixes: list[tuple[str, str]] = []
        self._generic: list[re.Pattern] = []
        self._campaign_names: dict[str, list[str]] = {}
        self._strip_suffixes: tuple[str, ...] = ()
        self._detectable: set[str] = set()
        self._agency_cache: dict[tuple[str, str], Agency] = {}
        self._generic_cache: dict[str, bool] = {}
        self._fallback_hotline: str | None = None
        self.slogans: frozenset[str] = frozenset()

    def _load_naming(self, path: Path) -> None:
        data = _read(path)
        chk = _Checker(path)
        for s in chk.items(data, "suffixes"):
            for key in ("zh", "level", "own", "prefix"):
                chk.text(s, key, "后缀字段", "suffix field")
            if s["level"] not in LEVELS + ("by_parent",):
                chk.fail(s, f"未知的级别“{s['level']}”", f"unknown level '{s['level']}'")
        try:
            self.naming = Naming(data)
        except (TypeError, re.error) as e:
            chk.fail(data, f"命名规则无法读取：{e}", f"naming rules cannot be read: {e}")

    def _load_systems(self, path: Path) -> None:
        data = _read(path)
        chk = _Checker(path)
        self._fallback_hotline = data.get("local_fallback_hotline")
        for s in chk.items(data, "systems"):
            sid = chk.text(s, "id", "编号", "id")
            chk.text(s, "zh", "中文名称", "Chinese name")
            chk.text(s, "en", "英文名称", "English name")
            chk.new_id(s, sid, self.systems, "系统", "system")
            self.systems[sid] = dict(s)
        if "other" not in self.systems:
            chk.fail(data, "缺少系统“other”（未知机构归入此系统）", "missing system 'other' (unknown agencies go there)")

    def _load_jurisdictions(self, path: Path) -> None:
        data = _read(path)
        chk = _Checker(path)
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
            if parent is not None and _RANK[level] <= _RANK[parent.level]:
                chk.fail(row, f"“{own}”的级别不低于其上级", f"'{own}' is not below its parent in level")
            own_en, prefix = self.naming.english(name, en)
            jur = self._make_jurisdiction(
                jid, own, row.get("short") or name.short, level, parent, en,
                row.get("name_en") or own_en, row.get("en_prefix") or prefix, True, True,
                is_city=bool(name.suffix and name.suffix.city))
            if any(j.name == jur.name for j in self.jurisdictions.values()):
                chk.fail(row, f"地区全称“{jur.name}”重复", f"duplicate qualified name '{jur.name}'")
            self.jurisdictions[jid] = jur
        if "national" not in self.jurisdictions:
            chk.fail(data, "缺少全国（id: national）", "missing the national jurisdiction (id: national)")
        for jid, jur in self.jurisdictions.items():
            p = self._places[jid]
            keys = {jur.name, p.own} | ({jur.short} if len(jur.short) >= 2 else set())
            for key in keys:
                self._place_index.setdefault(key, []).append(jid)
                self._max_place_len = max(self._max_place_len, len(key))
            if jur.parent:
                kids = self._children.setdefault(jur.parent, {})
                kids.setdefault(p.own, jid)
                if len(jur.short) >= 2:
                    kids.setdefault(jur.short, jid)

    def _make_jurisdiction(self, jid, own, short, level, parent, en, own_en, prefix, official,
                           in_registry, is_city) -> Jurisdiction:
        """Qualified name and English chain: 上海市长宁区, "Changning District, Shanghai"."""
        name = own
        if level == "county" and parent is not None and parent.level in ("province", "prefecture"):
            name = self._places[parent.id].own + own
        chain = [own_en]
        a = parent
        while a is not None and a.level != "national":
            ap = self._places[a.id]
            chain.append(ap.en if a.level == "province" else ap.own_en)
            a = self._parent(a)
        self._places[jid] = _Place(own=own, en=en, own_en=own_en, is_city=is_city)
        return Jurisdiction(id=jid, name=name, short=short, level=level, parent=parent.id if parent else None,
                            name_en=", ".join(chain), en_prefix=prefix, name_en_official=official,
                            in_registry=in_registry)

    def _load_agencies(self, path: Path) -> None:
        data = _read(path)
        chk = _Checker(path)
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
            for t in [(zh, en)] + [(t["zh"], t["en"]) for t in by_level.values()]:
                self._check_template(chk, k, t)
            self.kinds[kid] = Kind(kid, system, forms, typos, zh, en, levels, by_level, branch_of)

        entries = chk.items(data, "agencies")
        for e in entries:
            self._load_explicit(chk, e)
        for e in entries:  # references may point forward
            aid = e.get("id") or f"{e['jurisdiction']}.{e['kind']}"
            for key in ("parent", "successor"):
                ref = e.get(key)
                if ref is not None and not self._agency_exists(ref):
                    chk.fail(e, f"{key} 指向的机构“{ref}”不存在", f"{key} names agency '{ref}', which does not exist")
            if e.get("parent"):
                self.agencies[aid] = replace(self.agencies[aid], parent=e["parent"])

    def _check_template(self, chk: _Checker, entry, template: tuple[str, str]) -> None:
        known = {"place", "short", "own", "prefix", "en", "own_en", "parent_zh", "parent_en", "city_en"}
        for text in template:
            for var in re.findall(r"{(\w+)}", text):
                if var not in known:
                    chk.fail(entry, f"模板中的变量“{{{var}}}”未知", f"unknown template variable '{{{var}}}'")

    def _load_explicit(self, chk: _Checker, e: dict) -> None:
        jid = chk.text(e, "jurisdiction", "所属地区", "jurisdiction")
        place = self.jurisdictions.get(jid)
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

    def _agency_exists(self, aid: str) -> bool:
        if aid in self.agencies:
            return True
        jid, _, kid = aid.partition(".")
        return jid in self.jurisdictions and kid in self.kinds

    def _load_campaigns(self, path: Path) -> None:
        data = _read(path)
        chk = _Checker(path)
        self._strip_suffixes = tuple(sorted(data.get("strip_suffixes") or (), key=len, reverse=True))
        self.slogans = frozenset(data.get("slogans") or ())  # quoted slogans that are not campaigns
        for s in chk.items(data, "series"):
            sid = chk.text(s, "id", "编号", "id")
            chk.new_id(s, sid, self.series, "行动系列", "campaign series")
            zh = chk.text(s, "zh", "中文名称", "Chinese name")
            lead_system = chk.text(s, "lead_system", "牵头系统", "lead system")
            if lead_system not in self.systems:
                chk.fail(s, f"系统“{lead_system}”不存在", f"system '{lead_system}' does not exist")
            if s.get("lead") is not None and not self._agency_exists(s["lead"]):
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
                self._campaign_names.setdefault(n, []).append(sid)
            self._detectable.update(names)
        for n, sids in self._campaign_names.items():
            if len(sids) > 1:
                defaults = [sid for sid in sids if self.series[sid].default]
                if len(defaults) != 1 or any(not self.series[sid].context for sid in sids if sid not in defaults):
                    chk.fail(data, f"名称“{n}”属于多个系列（{'、'.join(sids)}），须各有 context 且恰有一个 default",
                             f"name '{n}' belongs to several series ({', '.join(sids)}): each needs context words and exactly one must be default")

    def _load_glossary(self, path: Path) -> None:
        data = _read(path)
        chk = _Checker(path)
        seen: dict[str, int | None] = {}
        for t in chk.items(data, "terms"):
            zh = chk.text(t, "zh", "中文术语", "Chinese term")
            chk.text(t, "en", "英文译名", "English rendering")
            if not isinstance(t.get("official"), bool):
                chk.fail(t, "须写明 official: true 或 false", "official must be given as true or false")
            if zh in seen:
                chk.fail(t, f"术语“{zh}”重复（第 {seen[zh]} 行已有）", f"duplicate term '{zh}' (already on line {seen[zh]})")
            seen[zh] = t.line
            self.terms.append(dict(t))

    # ---- jurisdictions ----------------------------------------------------------------------

    def jurisdiction(self, jid: str) -> Jurisdiction:
        """The jurisdiction with this id, or one derived earlier in this run (KeyError when unknown)."""
        if jid in self.jurisdictions:
            return self.jurisdictions[jid]
        return self._derived[jid]

    def _parent(self, j: Jurisdiction) -> Jurisdiction | None:
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

    def jurisdiction_in(self, text: str) -> Jurisdiction | None:
        """The jurisdiction a title or issuer names at its start, or None.

        全国打击… → national; 上海市长宁区打击… → 上海市长宁区; 白银区打击… → 白银区 (Gansu);
        许昌市市场监督管理局 → 许昌市. A place the registry does not hold is derived from its name
        (in_registry=False, English name romanised, unofficial)."""
        # only the start matters; a megabyte-long line is cut before any regex runs
        t = self.naming.strip_title_noise(_SPACE.sub("", text[:400]))
        if not t:
            return None
        for w in self.naming.national_words:
            if t.startswith(w):
                return self.jurisdictions["national"]
        found = None
        for n in range(min(len(t), self._max_place_len), 1, -1):
            ids = [i for i in self._place_index.get(t[:n], ())
                   # a county's bare short name (长宁) is too common a word to mark a place
                   if self.jurisdictions[i].level != "county" or t[:n] != self.jurisdictions[i].short]
            if ids:
                ids.sort(key=lambda i: _RANK[self.jurisdictions[i].level])
                found, t = self.jurisdictions[ids[0]], t[n:]
                break
        if found is not None:
            found, t = self._descend(found, t)
        if found is None or found.level != "county":
            derived = self._derive(t, found)
            if derived is not None:
                return derived[0]
        if found is not None:
            return found
        for n in range(len(t), 1, -1):
            aid = self._alias.get(t[:n])
            if aid:
                return self.jurisdictions[self.agencies[aid].jurisdiction_id]
        return None

    def _descend(self, place: Jurisdiction, text: str) -> tuple[Jurisdiction, str]:
        """Follow registered children named by their own names: 上海市 + 长宁区…"""
        while True:
            kids = self._children.get(place.id)
            if not kids:
                return place, text
            for n in range(min(len(text), self._max_place_len), 1, -1):
                cid = kids.get(text[:n])
                if cid and text[:n] == self._places[cid].own:
                    place, text = self.jurisdictions[cid], text[n:]
                    break
            else:
                return place, text

    def _derive(self, text: str, parent: Jurisdiction | None) -> tuple[Jurisdiction, str] | None:
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
                  or any(rest.startswith(f) for f in self._kind_forms))
            if ok:
                break
            rest = segs.pop() + rest
        if not segs:
            return None
        place = parent
        for own in segs:
            place = self.derive_place(own, place)
        return place, rest

    def derive_place(self, own: str, parent: Jurisdiction | None) -> Jurisdiction:
        """A jurisdiction the registry does not hold, read from its own name under `parent`."""
        if parent is not None:
            kid = self._children.get(parent.id, {}).get(own)
            if kid:
                return self.jurisdiction(kid)
        name = self.naming.read(own)
        level = self.naming.level_of(name, parent.level if parent else None) or "county"
        if parent is not None and _RANK[level] <= _RANK[parent.level]:
            level = LEVELS[min(_RANK[parent.level] + 1, 3)]
        en = self.naming.romanise(name.base)
        slug = self.naming.slug(name.base)
        jid = f"{parent.id}-{slug}" if parent is not None and parent.id != "national" else slug
        if jid in self.jurisdictions and self.jurisdictions[jid].name != own:
            jid = f"{jid}-{level}"
        if jid in self._derived:
            return self._derived[jid]
        own_en, prefix = self.naming.english(name, en)
        jur = self._make_jurisdiction(jid, own, name.short, level, parent, en, own_en, prefix, False, False,
                                      is_city=bool(name.suffix and name.suffix.city))
        self._derived[jid] = jur
        return jur

    def _target(self, home: Jurisdiction, target: str) -> Jurisdiction | None:
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
        return (next((j for j in chain if j.level != "national" and self._places[j.id].is_city), None)
                or next((j for j in chain if j.level in ("prefecture", "province")), None))

    def _parent_city(self, place: Jurisdiction) -> Jurisdiction | None:
        """The city a district's branch offices belong to (strictly above the place)."""
        parent = self._parent(place)
        return self._target(parent, "city") if parent and parent.level != "national" else None

    # ---- agencies ---------------------------------------------------------------------------

    def is_generic(self, name: str) -> bool:
        """True for generic groups: 领导小组有关成员单位, 各成员单位, 相关部门, 各区打击侵权假冒工作领导小组."""
        hit = self._generic_cache.get(name)
        if hit is None:
            n = _SPACE.sub("", name)
            hit = self._generic_cache[name] = any(rx.search(n) for rx in self._generic)
        return hit

    def resolve_agency(self, name: str, home: Jurisdiction) -> Agency:
        """The agency a name as written (spaces removed) means in a notice of `home`."""
        n = _SPACE.sub("", name)
        key = (n, home.id)
        hit = self._agency_cache.get(key)
        if hit is None:
            hit = self._resolve(n, home)
            self._agency_cache[key] = hit
        return hit

    def _resolve(self, n: str, home: Jurisdiction) -> Agency:
        aid = self._alias.get(n) or (self._alias_national.get(n) if home.level == "national" else None)
        if aid:
            return replace(self.agencies[aid], name=n)
        # an explicit place name: 徐汇区法院, 上海市长宁区市场监管局, 白银公安分局
        for place, rest in self._places_at(n, home):
            hit = self._at(place, rest, n)
            if hit:
                return hit
        # a relative prefix: 区市场监管局, 市黄浦邮政管理局
        for prefix, target in self._prefixes:
            if n.startswith(prefix) and len(n) > len(prefix):
                place = self._target(home, target)
                if place is not None:
                    hit = self._at(place, n[len(prefix):], n)
                    if hit:
                        return hit
        # no prefix: the notice's own place (生态环境分局; 知识产权局 in a local notice)
        hit = self._at(home, n, n)
        if hit:
            return hit
        # the notice's own place by a name the index may not hold (南康公安分局 in a 南康区 notice)
        for named in (home.name, self._places[home.id].own, home.short):
            if len(named) >= 2 and n.startswith(named):
                hit = self._at(home, n[len(named):], n)
                if hit:
                    return hit
        # a place the registry does not hold: 南康区市场监管局
        derived = self._derive(n, None)
        if derived is not None:
            hit = self._at(derived[0], derived[1], n)
            if hit:
                return hit
        return self._unknown(n, home)

    def _places_at(self, n: str, home: Jurisdiction) -> list[tuple[Jurisdiction, str]]:
        """Registered places named at the start of n, longest name first, nearest to home first."""
        out = []
        chain = self.ancestors(home)
        for k in range(min(len(n) - 1, self._max_place_len), 1, -1):
            ids = self._place_index.get(n[:k])
            if not ids:
                continue
            cands = sorted((self.jurisdictions[i] for i in ids), key=lambda j: self._distance(j, chain))
            for j in cands:
                j2, rest = self._descend(j, n[k:])
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

    def _at(self, place: Jurisdiction, rest: str, written: str) -> Agency | None:
        """The agency `rest` names at `place`: an explicit entry, a kind, or a child place's."""
        if not rest:
            return None
        p = self._places[place.id]
        for full in (place.name + rest, p.own + rest, place.short + rest):
            aid = self._alias.get(full)
            if aid and self._within(self.agencies[aid].jurisdiction_id, place):
                return replace(self.agencies[aid], name=written)
        kid = self._kind_forms.get(rest)
        if kid:
            hit = self._pattern(place, self.kinds[kid])
            return replace(hit, name=written) if hit else None
        kids = self._children.get(place.id)
        if kids:
            for k in range(min(len(rest) - 1, self._max_place_len), 1, -1):
                cid = kids.get(rest[:k])
                if cid:
                    return self._at(self.jurisdictions[cid], rest[k:], written)
        return None

    def _within(self, jid: str, place: Jurisdiction) -> bool:
        """Whether jurisdiction `jid` is `place` or lies inside it."""
        return any(a.id == place.id for a in self.ancestors(self.jurisdiction(jid)))

    def _template(self, place: Jurisdiction, kind: Kind) -> tuple[str, str]:
        """The (zh, en) templates of a kind at a place. A province-level city (上海市) takes the
        `municipality` templates if the kind has them, else the default ones (局, not 厅)."""
        key = place.level
        if place.level == "province" and self._places[place.id].is_city:
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
        p = self._places[place.id]
        values = dict(place=place.name, short=place.short, own=p.own, prefix=place.en_prefix, en=p.en,
                      own_en=p.own_en, parent_zh="", parent_en="", city_en="")
        parent_id = None
        if kind.branch_of:
            city = self._parent_city(place)
            parent = self._pattern(city, self.kinds[kind.branch_of]) if city else None
            if parent is None:
                return None
            parent_id = parent.id
            values.update(parent_zh=parent.full_name, parent_en=parent.name_en, city_en=self._places[city.id].en)
        full = zh_t.format(**values)
        return Agency(id=f"{place.id}.{kind.id}", name=full, full_name=full, name_en=en_t.format(**values),
                      name_en_official=False, system=kind.system, jurisdiction=place.name,
                      jurisdiction_id=place.id, parent=parent_id, in_registry=place.in_registry)

    def _unknown(self, n: str, home: Jurisdiction) -> Agency:
        """An agency no kind or entry describes: kept as written, system `other`."""
        place, rest, qualified = home, n, False
        for prefix, target in self._prefixes:
            if n.startswith(prefix) and len(n) > len(prefix):
                t = self._target(home, target)
                if t is not None:
                    place, rest, qualified = t, n[len(prefix):], True
                    break
        else:
            for j, r in self._places_at(n, home):
                place, rest, qualified = j, r, True
                break
        full = place.name + rest if qualified and place.level != "national" else n
        slug = self.naming.slug(rest)
        words = self.naming.romanise(rest)
        return Agency(id=f"{place.id}.x-{slug[:48]}", name=n, full_name=full,
                      name_en=f"{place.en_prefix} {words}" if place.level != "national" else words,
                      name_en_official=False, system="other", jurisdiction=place.name,
                      jurisdiction_id=place.id, in_registry=False)

    def agency_entry(self, aid: str) -> dict | None:
        """The data of an explicit agency entry (abbr, successor, abolished, note, website …), or None."""
        e = self._explicit_data.get(aid)
        return dict(e) if e is not None else None

    def is_typo(self, name: str) -> bool:
        """Whether the name was written with a known misspelling of its kind (区文旅游局)."""
        n = _SPACE.sub("", name)
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

    # ---- campaigns --------------------------------------------------------------------------

    def campaign_names(self) -> list[str]:
        """Every series name and alias the registry knows, longest first, for detection."""
        return sorted(self._detectable, key=lambda s: (-len(s), s))

    def resolve_campaign(self, name: str, year: int | None, context: str) -> Campaign:
        """The campaign edition for a normalised name (剑网, 2020); `context` is the sentence,
        used to tell apart series that share a name (the customs 净网 vs the anti-pornography 净网)."""
        n = _SPACE.sub("", name).strip(_QUOTES)
        m = _YEAR.search(n)
        if m and len(n) > len(m.group(0)):
            year = year if year is not None else int(m.group(1))
            n = n[: m.start()]
        sids = self._campaign_names.get(n)
        if sids is None:
            for suffix in self._strip_suffixes:
                if n.endswith(suffix) and len(n) > len(suffix):
                    n2 = n[: -len(suffix)]
                    if n2 in self._campaign_names:
                        n, sids = n2, self._campaign_names[n2]
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

    # ---- glossary ---------------------------------------------------------------------------

    def glossary(self) -> list[dict]:
        """Glossary entries {zh, en, kind, official} from the registries and data/glossary.yaml:
        kind is one of term, agency, agency-pattern, campaign, place, system."""
        out = [{"zh": t["zh"], "en": t["en"], "kind": "term", "official": t["official"]} for t in self.terms]
        for a in self.agencies.values():
            out.append({"zh": a.full_name, "en": a.name_en, "kind": "agency", "official": a.name_en_official})
        for k in self.kinds.values():
            out.append({"zh": "…" + k.forms[0], "en": k.en.replace("{prefix}", "[Place]").replace("{place}", "[Place]"),
                        "kind": "agency-pattern", "official": False})
        for s in self.series.values():
            if s.name_en:
                out.append({"zh": s.zh, "en": s.name_en, "kind": "campaign", "official": s.name_en_official})
        for j in self.jurisdictions.values():
            out.append({"zh": j.name, "en": j.name_en, "kind": "place", "official": j.name_en_official})
        for s in self.systems.values():
            out.append({"zh": s["zh"], "en": s["en"], "kind": "system", "official": False})
        return out
