"""Reading and romanising place names, driven by data/naming.yaml.

Used by the registry for every place: the ones it holds (to derive qualified names, short names,
levels and English forms) and the ones it does not (江西省赣州市南康区, 某某县), which are read
from their names and romanised with pypinyin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LEVEL_BELOW = {None: "prefecture", "national": "province", "province": "prefecture",
                "prefecture": "county", "county": "county"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Suffix:
    zh: str
    level: str  # national|province|prefecture|county|by_parent
    own: str  # English template of the place's own name: "{base} District"
    prefix: str  # English template of the agency prefix: "{base} District"
    city: bool = False  # a place with this suffix is a city for the relative prefix 市


@dataclass(frozen=True)
class Unit:
    """A unit an agency is named after: 海关 → "{name} Customs", 分局 → "{name} Branch"."""

    zh: str
    en: str
    system: str | None = None
    place: str = "after"  # where the place's name goes: after, before or none


@dataclass(frozen=True)
class PlaceName:
    """What a place's own name says about it."""

    own: str  # 凉山彝族自治州
    base: str  # 凉山: the name without level word and ethnic groups
    short: str  # 凉山 (the own name when the base is one character: 沛县)
    suffix: Suffix | None
    ethnic_en: tuple[str, ...]  # ("Yi",)


class Naming:
    """The rules of data/naming.yaml, ready for matching."""

    def __init__(self, data: dict):
        self.suffixes = sorted((Suffix(**s) for s in data["suffixes"]), key=lambda s: -len(s.zh))
        self.ethnic = sorted(data.get("ethnic_groups", {}).items(), key=lambda kv: -len(kv[0]))
        self.readings: dict[str, str] = dict(data.get("readings", {}))
        self.not_place_words: list[str] = list(data.get("not_place_words", []))
        self.continuations: tuple[str, ...] = tuple(data.get("continuations", []))
        self.title_noise = [re.compile(p) for p in data.get("title_noise", [])]
        self.national_words: list[str] = list(data.get("national_words", []))
        self.units = sorted((Unit(**u) for u in data.get("agency_units", [])), key=lambda u: -len(u.zh))
        self.parent_words: dict[str, str] = dict(data.get("agency_parent_words") or {})
        self.unit_names: dict[str, str] = {}  # unit_name_en's answers
        self._romanised: dict[str, str] = {}

    # ---- romanisation ----

    def romanise(self, zh: str) -> str:
        """Hanyu pinyin of a place name as one capitalised word: 南康 → Nankang, 建安 → Jian'an.

        Characters in `readings` take the reading given there (长宁 → Changning)."""
        hit = self._romanised.get(zh)
        if hit is not None:
            return hit
        from pypinyin import lazy_pinyin  # imported when first needed: it takes half a second

        # errors=list keeps non-Han characters one per item, so readings align with characters
        readings = lazy_pinyin(zh, errors=list)
        pairs = zip(zh, readings) if len(readings) == len(zh) else _per_char(zh)
        syllables = [self.readings.get(ch, py) for ch, py in pairs]
        word = ""
        for s in syllables:
            if word and s[:1] in ("a", "o", "e"):
                word += "'"
            word += s
        word = word[:1].upper() + word[1:]
        self._romanised[zh] = word
        return word

    def slug(self, zh: str) -> str:
        """Lowercase ascii slug of a Chinese name: 南康 → nankang."""
        return re.sub(r"[^a-z0-9]+", "", self.romanise(zh).lower()) or "x"

    # ---- reading a name ----

    def suffix_of(self, own: str) -> Suffix | None:
        for s in self.suffixes:
            if own.endswith(s.zh) and len(own) > len(s.zh):
                return s
        return None

    def read(self, own: str) -> PlaceName:
        """Split an own name into short name, level suffix and ethnic groups."""
        suffix = self.suffix_of(own)
        base = own[: -len(suffix.zh)] if suffix else own
        ethnic: list[str] = []
        stripped = True
        while stripped:
            stripped = False
            for zh, en in self.ethnic:
                if base.endswith(zh) and len(base) > len(zh):
                    base = base[: -len(zh)]
                    ethnic.insert(0, en)
                    stripped = True
                    break
        # A one-character name keeps its level word as its short form (沛县, not 沛).
        short = base if len(base) >= 2 else own
        return PlaceName(own=own, base=base, short=short, suffix=suffix, ethnic_en=tuple(ethnic))

    def level_of(self, name: PlaceName, parent_level: str | None) -> str | None:
        if name.suffix is None:
            return None
        if name.suffix.level == "by_parent":
            return _LEVEL_BELOW[parent_level]
        return name.suffix.level

    def english(self, name: PlaceName, en: str) -> tuple[str, str]:
        """(own English name, agency prefix) from the romanised base `en`."""
        base = " ".join([en, " and ".join(name.ethnic_en)]) if name.ethnic_en else en
        if name.suffix is None:
            return base, base
        return name.suffix.own.format(base=base), name.suffix.prefix.format(base=base)

    def is_place_segment(self, segment: str, base_len: int) -> bool:
        """Whether a segment read from text may be a place the registry does not hold."""
        if not 1 <= base_len <= 8 or not all(_HAN.match(c) for c in segment):
            return False
        return not any(w in segment for w in self.not_place_words)

    def segment_at(self, text: str) -> tuple[str, Suffix] | None:
        """The shortest `<name><suffix>` segment at the start of text, or None."""
        for i in range(1, min(len(text), 9)):
            for s in self.suffixes:
                if text.startswith(s.zh, i):
                    seg = text[: i + len(s.zh)]
                    if self.is_place_segment(seg, i):
                        return seg, s
                    return None
        return None

    def strip_title_noise(self, text: str) -> str:
        text = text.strip()
        changed = True
        while changed:
            changed = False
            for rx in self.title_noise:
                new = rx.sub("", text, count=1)
                if new != text:
                    text, changed = new.strip(), True
        return text


def unit_of(naming: Naming, rest: str) -> tuple[str, Unit] | None:
    """(what comes before the unit, the unit) of a name ending in a unit of `agency_units`."""
    for unit in naming.units:
        if rest.endswith(unit.zh) and len(rest) > len(unit.zh):
            return rest[: -len(unit.zh)], unit
    return None


_SMALL_WORDS = {"of", "and", "in", "on", "for", "the", "at", "against", "to"}


def title_case(text: str) -> str:
    """Intellectual property protection → Intellectual Property Protection (for unit names)."""
    words = text.split(" ")
    return " ".join(w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def unit_name_en(naming: Naming, name: str) -> str:
    """The English of a unit's own name: read with the phrase table where it is ordinary words
    (知识产权保护 → Intellectual Property Protection), else romanised as a proper name (钱江 → Qianjiang)."""
    hit = naming.unit_names.get(name)
    if hit is None:
        from .english import object_en  # the phrase table, loaded when first needed

        words = object_en(name)
        hit = title_case(words) if words and " of " not in words else naming.romanise(name)
        naming.unit_names[name] = hit
    return hit


def _per_char(zh: str):
    # lazy_pinyin merges non-Han runs; fall back to one character at a time.
    from pypinyin import lazy_pinyin

    for ch in zh:
        yield ch, (lazy_pinyin(ch) or [ch])[0]
