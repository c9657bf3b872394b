"""Registries of jurisdictions, agencies, campaigns and glossary terms, loaded from data/.

Every name comes from the data files (data/README.md describes them); this package only reads,
validates and matches: datafile.py reads a YAML file with line numbers, places.py holds the
jurisdictions, agencies.py the agencies and their kinds, series.py the campaign series. Registry
puts them together behind one interface."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Agency, Campaign, Jurisdiction
from ..naming import Naming
from .agencies import Agencies, Kind
from .datafile import LEVELS, SPACE, Checker, read
from .places import Division, Places
from .series import CampaignSeries, Series

DATA_DIR = Path(__file__).resolve().parents[3] / "data"

__all__ = ["DATA_DIR", "LEVELS", "Division", "Kind", "Registry", "Series"]


class Registry:
    """Every registry, read and validated from one data folder."""

    naming: Naming
    jurisdictions: dict[str, Jurisdiction]
    systems: dict[str, dict]
    kinds: dict[str, Kind]
    agencies: dict[str, Agency]
    series: dict[str, Series]
    terms: list[dict]

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> "Registry":
        """Read and validate every data file; raise errors.NoticeError naming file and line."""
        return cls(Path(data_dir))

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.naming = _load_naming(data_dir / "naming.yaml")
        self.systems, hotline = _load_systems(data_dir / "systems.yaml")
        self._places = Places(self.naming)
        self._places.load(data_dir / "jurisdictions.yaml")
        self._places.load_divisions(data_dir / "divisions.tsv")
        self._agencies = Agencies(self._places, self.naming, self.systems, hotline)
        self._agencies.load(data_dir / "agencies.yaml")
        self._campaigns = CampaignSeries(self.naming)
        self._campaigns.load(data_dir / "campaigns.yaml", self.systems, self._agencies.exists)
        self.terms = _load_glossary(data_dir / "glossary.yaml")
        self.jurisdictions = self._places.jurisdictions
        self.kinds = self._agencies.kinds
        self.agencies = self._agencies.agencies
        self.series = self._campaigns.series
        self.slogans = self._campaigns.slogans

    # ---- jurisdictions ----------------------------------------------------------------------

    def jurisdiction(self, jid: str) -> Jurisdiction:
        """The jurisdiction with this id, or one derived earlier in this run (KeyError when unknown)."""
        return self._places.jurisdiction(jid)

    def ancestors(self, j: Jurisdiction) -> list[Jurisdiction]:
        """The jurisdiction itself and its ancestors, nearest first."""
        return self._places.ancestors(j)

    def derive_place(self, own: str, parent: Jurisdiction | None) -> Jurisdiction:
        """A jurisdiction the registry does not hold, read from its own name under `parent`."""
        return self._places.derive_place(own, parent)

    def jurisdiction_in(self, text: str) -> Jurisdiction | None:
        """The jurisdiction a title or issuer names at its start, or None.

        全国打击… → national; 上海市长宁区打击… → 上海市长宁区; 白银区打击… → 白银区 (Gansu);
        许昌市市场监督管理局 → 许昌市. A place the registry does not hold is derived from its name
        (in_registry=False, English name romanised, unofficial)."""
        # only the start matters; a megabyte-long line is cut before any regex runs
        t = self.naming.strip_title_noise(SPACE.sub("", text[:400]))
        if not t:
            return None
        for w in self.naming.national_words:
            if t.startswith(w):
                return self.jurisdictions["national"]
        return self._places.read_start(t) or self._agencies.place_named_by(t)

    def undetermined(self) -> Jurisdiction:
        """The stand-in home of a notice whose place cannot be told: agencies resolve as written
        (no relative prefix is read as a place), and the catalogue lists such notices together."""
        return self._places.undetermined()

    def mentions(self, text: str) -> dict[str, float]:
        """Division codes the text names (data/divisions.tsv), with how often."""
        return self._places.mentions(text)

    def division(self, code: str) -> Division:
        return self._places.divisions[code]

    def division_chain(self, code: str) -> list[Division]:
        """A division and its ancestors, the province first."""
        return self._places.division_chain(code)

    def divisions_named(self, name: str) -> list[Division]:
        """The divisions a full, former or 州/县 name may mean (西湖区: two)."""
        return self._places.divisions_named(name)

    def provinces(self) -> list[Division]:
        """The province-level divisions of the table."""
        return [d for d in self._places.divisions.values() if d.level == "province"]

    def divisions_within(self, j: Jurisdiction) -> list[Division]:
        """Every division inside a jurisdiction (itself included when it is one)."""
        return [d for d in self._places.divisions.values() if self._places.division_within(d, j)]

    def place_of(self, d: Division) -> Jurisdiction:
        """The jurisdiction of a division (the registry's own where it holds it)."""
        return self._places.from_division(d)

    # ---- agencies ---------------------------------------------------------------------------

    def is_generic(self, name: str) -> bool:
        """True for generic groups: 领导小组有关成员单位, 各成员单位, 相关部门, 各区打击侵权假冒工作领导小组."""
        return self._agencies.is_generic(name)

    def resolve_agency(self, name: str, home: Jurisdiction) -> Agency:
        """The agency a name as written (spaces removed) means in a notice of `home`."""
        return self._agencies.resolve(name, home)

    def agency_entry(self, aid: str) -> dict | None:
        """The data of an explicit agency entry (abbr, successor, abolished, note, website …), or None."""
        return self._agencies.entry(aid)

    def is_typo(self, name: str) -> bool:
        """Whether the name was written with a known misspelling of its kind (区文旅游局)."""
        return self._agencies.is_typo(name)

    def contact(self, agency: Agency) -> dict | None:
        """{hotline, website} where the public can reach the agency, or None when neither is known."""
        return self._agencies.contact(agency)

    # ---- campaigns --------------------------------------------------------------------------

    def campaign_names(self) -> list[str]:
        """Every series name and alias the registry knows, longest first, for detection."""
        return self._campaigns.names()

    def resolve_campaign(self, name: str, year: int | None, context: str) -> Campaign:
        """The campaign edition for a normalised name (剑网, 2020); `context` is the sentence."""
        return self._campaigns.resolve(name, year, context)

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


def _load_naming(path: Path) -> Naming:
    data = read(path)
    chk = Checker(path)
    for s in chk.items(data, "suffixes"):
        for key in ("zh", "level", "own", "prefix"):
            chk.text(s, key, "后缀字段", "suffix field")
        if s["level"] not in LEVELS + ("by_parent",):
            chk.fail(s, f"未知的级别“{s['level']}”", f"unknown level '{s['level']}'")
    for u in data.get("agency_units") or []:
        if "{name}" not in str(u.get("en", "")) or not u.get("zh") or u.get("place", "after") not in ("after", "before", "none"):
            chk.fail(u, "单位须有 zh、含 {name} 的 en，place 为 after、before 或 none",
                     "a unit needs zh, an en holding {name}, and place after, before or none")
    try:
        return Naming(data)
    except (TypeError, re.error) as e:
        chk.fail(data, f"命名规则无法读取：{e}", f"naming rules cannot be read: {e}")


def _load_systems(path: Path) -> tuple[dict[str, dict], str | None]:
    data = read(path)
    chk = Checker(path)
    systems: dict[str, dict] = {}
    emergency = {str(n) for n in data.get("emergency_numbers") or ()}
    for s in chk.items(data, "systems"):
        sid = chk.text(s, "id", "编号", "id")
        chk.text(s, "zh", "中文名称", "Chinese name")
        chk.text(s, "en", "英文名称", "English name")
        chk.new_id(s, sid, systems, "系统", "system")
        if str(s.get("hotline")) in emergency:
            chk.fail(s, f"“{s['hotline']}”是紧急电话，不是知识产权投诉举报热线", f"'{s['hotline']}' is an emergency number, not an IP complaint line")
        systems[sid] = dict(s)
    if "other" not in systems:
        chk.fail(data, "缺少系统“other”（未知机构归入此系统）", "missing system 'other' (unknown agencies go there)")
    return systems, data.get("local_fallback_hotline")


def _load_glossary(path: Path) -> list[dict]:
    data = read(path)
    chk = Checker(path)
    terms: list[dict] = []
    seen: dict[str, int | None] = {}
    for t in chk.items(data, "terms"):
        zh = chk.text(t, "zh", "中文术语", "Chinese term")
        chk.text(t, "en", "英文译名", "English rendering")
        if not isinstance(t.get("official"), bool):
            chk.fail(t, "须写明 official: true 或 false", "official must be given as true or false")
        if zh in seen:
            chk.fail(t, f"术语“{zh}”重复（第 {seen[zh]} 行已有）", f"duplicate term '{zh}' (already on line {seen[zh]})")
        seen[zh] = t.line
        terms.append(dict(t))
    return terms
