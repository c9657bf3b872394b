"""SiteData: every converted notice (its JSON record read back into `model.Notice`, its text left
out) together with the registry facts the generated pages need (places, systems, campaign series, glossary, contacts)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path

import yaml

from ..model import Agency, Notice, Task, from_plain

LEVEL_RANK = {"national": 0, "province": 1, "prefecture": 2, "county": 3}
YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    name_en: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class Series:
    """A campaign series (剑网, 秋风 …): the registry's facts, or what the notices say of it."""

    id: str
    zh: str
    name_en: str | None = None
    name_en_official: bool = False
    description_zh: str | None = None
    description_en: str | None = None
    lead_system: str | None = None
    lead: str | None = None  # the national lead agency's id
    editions: list[int] = field(default_factory=list)  # years
    in_registry: bool = True


@dataclass
class SiteData:
    notices: list[Notice]  # the converter's records, sorted by slug (load_notices: without their body)
    places: dict[str, Place] = field(default_factory=dict)
    systems: dict[str, dict] = field(default_factory=dict)  # id → {zh, en, hotline, …}
    series: dict[str, dict] = field(default_factory=dict)  # id → registry series as a dict
    glossary: list[dict] = field(default_factory=list)
    contacts: dict[str, dict] = field(default_factory=dict)  # agency id → {hotline, website}
    foreign_keywords: list[str] = field(default_factory=list)
    official_pages: dict[str, str] = field(default_factory=dict)  # cited documents' pages (crosslinks)
    # What the pages' views compute from the whole corpus, computed once a build (memo()).
    cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, key, make):
        """make(), computed once for this data: every page of a listing, and its stub, asks."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    @cached_property
    def task_order(self) -> dict[tuple[str, str], int]:
        """(notice slug, task id) → the task's place in its notice."""
        return {(n.slug, task.id): i for n in self.notices for i, task in enumerate(n.tasks)}

    def __post_init__(self) -> None:
        self.notices = sorted(self.notices, key=lambda n: n.slug)
        for notice in self.notices:  # places the registry does not hold come from the notices
            j = notice.jurisdiction
            self.places.setdefault(j["id"], Place(j["id"], j["name"], j["name_en"], j["level"], None))
            for a in notice.agencies:
                self.places.setdefault(a.jurisdiction_id, Place(
                    a.jurisdiction_id, a.jurisdiction, a.jurisdiction, "county", None))

    @cached_property
    def by_slug(self) -> dict[str, Notice]:
        return {n.slug: n for n in self.notices}

    @cached_property
    def agency_roles(self) -> dict[str, list[tuple[Notice, Task, str]]]:
        """(notice, task, strongest role) for every task naming each agency, computed once:
        agency pages would otherwise scan every task of every notice once per agency."""
        found: dict[str, list[tuple[Notice, Task, str]]] = {}
        for notice in self.notices:
            for task in notice.tasks:
                roles: dict[str, set[str]] = {}
                for ref in task.agencies:
                    if ref.id:
                        roles.setdefault(ref.id, set()).add(ref.role)
                for aid, named in roles.items():
                    role = next(r for r in ("lead", "responsible", "support") if r in named)
                    found.setdefault(aid, []).append((notice, task, role))
        return found

    @cached_property
    def agencies_at(self) -> dict[tuple[str, str], list[str]]:
        """Agency ids by (place id, system)."""
        found: dict[tuple[str, str], list[str]] = {}
        for aid, a in self.agencies.items():
            found.setdefault((a.jurisdiction_id, a.system), []).append(aid)
        return found

    @cached_property
    def agencies(self) -> dict[str, Agency]:
        """Every agency the notices name, by id (the first notice by slug that names it wins)."""
        found: dict[str, Agency] = {}
        for notice in self.notices:
            for a in notice.agencies:
                if a.id not in found:
                    found[a.id] = a
        return dict(sorted(found.items()))

    @cached_property
    def campaign_series(self) -> dict[str, Series]:
        """Every campaign series named in a notice or held by the registry, by series id."""
        out: dict[str, Series] = {}
        for sid, s in self.series.items():
            out[sid] = Series(sid, s["zh"], s.get("name_en"), bool(s.get("name_en_official")), s.get("description_zh"),
                              s.get("description_en"), s.get("lead_system"), s.get("lead"),
                              sorted(set(s.get("editions_seen") or ())), True)
        for notice in self.notices:
            for c in notice.campaigns:
                entry = out.get(c.series) or Series(c.series, re.sub(r"\d{4}$", "", c.name), in_registry=False)
                if c.year and c.year not in entry.editions:
                    entry = replace(entry, editions=sorted(entry.editions + [c.year]))
                out[c.series] = entry
        return dict(sorted(out.items()))

    @cached_property
    def named_series(self) -> list[str]:
        """Series ids named by at least one notice (the ones that get a page)."""
        return sorted({c.series for n in self.notices for c in n.campaigns})

    @cached_property
    def places_with_notices(self) -> frozenset[str]:
        """Places that have a page in the catalogue: those of a notice and their ancestors."""
        return frozenset(p.id for n in self.notices for p in self.place_chain(n.jurisdiction["id"]))

    def place_chain(self, place_id: str) -> list[Place]:
        """The place and its ancestors, national first."""
        return self.memo(("place_chain", place_id), lambda: self._place_chain(place_id))

    def _place_chain(self, place_id: str) -> list[Place]:
        chain, seen = [], set()
        while place_id and place_id in self.places and place_id not in seen:
            seen.add(place_id)
            chain.append(self.places[place_id])
            place_id = self.places[place_id].parent
        return chain[::-1]


def notice_date(notice: Notice) -> str:
    return notice.issued_date or notice.published_date or ""


def notice_year(notice: Notice) -> int | None:
    date = notice_date(notice)
    if date:
        return int(date[:4])
    match = YEAR_RE.search(notice.title or "")
    return int(match.group(1)) if match else None


def level_rank(notice: Notice) -> int:
    return LEVEL_RANK.get(notice.jurisdiction["level"], 9)


def newest_first(notices: list[Notice]) -> list[Notice]:
    """Newest first by date (or year from the title); undated last; ties by slug."""
    def key(n: Notice) -> tuple:
        date = notice_date(n) or (f"{notice_year(n)}-00-00" if notice_year(n) else "")
        return (date == "", _inverse(date), n.slug)
    return sorted(notices, key=key)


def _inverse(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


# What no generated page, open data file or feed reads (load_notices leaves it empty, []): the
# text and its structure, half of a record. Each build process holds every notice for the whole
# build; at 5,000 notices that was gigabytes. The search index reads the full records itself.
# The text is the bulk of a record; the outline (a notice page's contents) and an implementation
# plan's stages (a campaign page's dates) are small and are shown.
UNUSED_BY_SITE = ("body",)


_LOADED: dict = {}  # the last folder read: its files' stamp (files_stamp), and the records


def files_stamp(paths: list[Path]) -> tuple:
    """The files by name, size and time of change: equal while none changed."""
    return tuple((str(p), st.st_size, st.st_mtime_ns) for p in paths for st in [p.stat()])


def load_notices(folder: Path) -> list[Notice]:
    """Every converted notice in a folder (docs/notices), read from its JSON into `model.Notice`,
    in slug order, without what the site does not use (UNUSED_BY_SITE: `body` is []). Read once
    while the files stay the same: both hooks of a build ask for them, and a second copy was
    400 MB at 5,000 notices. The notices are shared: callers must not change them."""
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("*.json"))
    key = (str(folder.resolve()), files_stamp(paths))
    if _LOADED.get("key") != key:
        _LOADED.clear()  # the old copy goes before the new one is read
        _LOADED.update(key=key, notices=[_site_record(p) for p in paths])
    return _LOADED["notices"]


def _site_record(path: Path) -> Notice:
    record = json.loads(path.read_text(encoding="utf-8"))
    for key in UNUSED_BY_SITE:
        record[key] = []
    try:
        return from_plain(Notice, record)
    except ValueError as error:
        raise ValueError(f"{path}: 记录与本版本的转换程序不符，请重新运行 notices convert / the record does not "
                         f"match this version of the converter ({error}); run `notices convert` again") from None


def load_foreign_keywords(data_dir: Path) -> list[str]:
    path = data_dir / "foreign_keywords.yaml"
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [str(k) for k in data.get("keywords") or []]


def from_registry(notices: list[Notice], registry, data_dir: Path | None = None) -> SiteData:
    """SiteData from the notices (load_notices) and a loaded `notices.registry.Registry`."""
    places = {jid: Place(j.id, j.name, j.name_en, j.level, j.parent)
              for jid, j in sorted(getattr(registry, "jurisdictions", {}).items())}
    systems = {sid: dict(s) for sid, s in sorted(getattr(registry, "systems", {}).items())}
    series = {}
    for sid, s in sorted(getattr(registry, "series", {}).items()):
        series[sid] = asdict(s) if hasattr(s, "__dataclass_fields__") else dict(s)
    glossary = registry.glossary() if hasattr(registry, "glossary") else []
    contacts = {}
    if hasattr(registry, "contact"):
        seen: dict[str, Agency] = {}
        for notice in notices:
            for a in notice.agencies:
                seen.setdefault(a.id, a)
        for aid, a in sorted(seen.items()):
            contact = registry.contact(a)
            if contact:
                contacts[aid] = contact
    keywords = load_foreign_keywords(data_dir) if data_dir else []
    from .crosslinks import official_pages  # crosslinks reads SiteData: imported here, not at the top

    return SiteData(notices=notices, places=places, systems=systems, series=series, glossary=glossary,
                    contacts=contacts, foreign_keywords=keywords,
                    official_pages=official_pages(data_dir) if data_dir else {})
