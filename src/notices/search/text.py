"""Search terms from text: the one definition of what a term is, shared by the index (this
package) and the browser (overrides/assets/javascripts/sd-search.js does the same to a query).

- Text is normalised: NFKC, lower case, traditional characters folded to simplified (a table
  from OpenCC's TSCharacters, limited to the characters the index holds; the browser gets it).
- A run of Chinese characters gives its character pairs (市场监管局 → 市场 场监 监管 管局) and,
  alone, a single character. Any query of two or more characters is then found in every text
  that holds it: its pairs are all there (recall by construction, not by segmentation luck).
- jieba in search-engine mode, with the registries' names as a user dictionary, adds the words
  of three or more characters it finds (市场监管局, 软件正版化): a query that is a whole word
  ranks the texts that hold that word above those holding its pairs apart.
- Other text gives words of letters and digits; a few English stop words are left out.
- Keys: a whole name or number with every separator removed (沪长打假发〔2020〕1号 →
  沪长打假发20201号), matched against the whole query written the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+")
# A Han run, or a word of letters and digits (after NFKC and lower case).
TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+|[a-z0-9]+")
# Left out of English text and queries: they are in nearly every document.
STOP_WORDS = frozenset("a an and are as at be by for from in is it of on or the to with".split())
MIN_WORD = 3  # jieba words shorter than this are already character pairs


def normalise(text: str, t2s: Mapping | None = None) -> str:
    """NFKC, lower case, and `t2s` (a table made by str.maketrans, or a dict of characters)."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not t2s:
        return text
    return text.translate(t2s if all(isinstance(k, int) for k in list(t2s)[:1]) else str.maketrans(dict(t2s)))


def compact(text: str, t2s: Mapping | None = None) -> str:
    """A key: the normalised text with everything but letters, digits and Han removed."""
    return "".join(TOKEN.findall(normalise(text, t2s)))


def is_han(term: str) -> bool:
    return bool(HAN.fullmatch(term))


def pairs(run: str) -> list[str]:
    """A Han run's character pairs; a single character alone."""
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def token_terms(token: str, words: Callable[[str], Iterable[str]] | None = None) -> list[str]:
    """The terms of one token (a Han run or a word of letters and digits)."""
    if is_han(token):
        found = pairs(token)
        if words and len(token) >= MIN_WORD:
            found += [w for w in words(token) if len(w) >= MIN_WORD and is_han(w)]
        return found
    return [] if token in STOP_WORDS else [token]


def terms(text: str, words: Callable[[str], Iterable[str]] | None = None) -> Iterator[str]:
    """The terms of already normalised text, repeated as often as they occur. `words` (jieba's
    cut_for_search) gives the longer words of a Han run."""
    for token in TOKEN.findall(text):
        yield from token_terms(token, words)


def shard_key(term: str) -> str:
    """Terms are stored by their first character (Han) or first two (letters, digits), so every
    term a query term is a prefix of is in one shard (`shard_of`)."""
    return term[0] if is_han(term) else term[:2]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-16 code units, as the browser computes it."""
    h = 0x811C9DC5
    for unit in _units(text):
        h ^= unit
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def _units(text: str) -> Iterator[int]:
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        yield data[i] | (data[i + 1] << 8)


def shard_of(term: str, shards: int) -> int:
    return fnv1a(shard_key(term)) % shards


# ---- jieba, with the registries' names ------------------------------------------------------------


def dictionary_words(registry) -> list[str]:
    """Every Chinese name the registries know, for jieba's user dictionary: agency full names,
    aliases and kind forms (市场监管局, 市场监督管理局), campaign names, glossary terms, place
    names. Sorted, Han only, at least two characters."""
    found: set[str] = set()
    for aid, agency in registry.agencies.items():
        found.add(agency.full_name)
        found.update((registry.agency_entry(aid) or {}).get("aliases") or [])
    for kind in registry.kinds.values():
        found.update(kind.forms)
    for series in registry.series.values():
        found.add(series.zh)
        found.update(series.names)
    for entry in registry.glossary():
        found.add(str(entry["zh"]).lstrip("…"))
    for place in registry.jurisdictions.values():
        found.update(v for v in (place.name, place.short) if isinstance(v, str))
    return sorted(w for w in found if len(w) >= 2 and is_han(w))


def jieba_words(registry) -> Callable[[str], list[str]]:
    """jieba's search-engine mode (every dictionary word inside a longer one too) with the
    registries' names added to its dictionary."""
    import io
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # its start-up messages would reach every build's output
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(io.StringIO("".join(f"{w} 2000\n" for w in dictionary_words(registry))))
    return lambda run: list(tokenizer.cut_for_search(run, HMM=False))


# ---- traditional → simplified ----------------------------------------------------------------------


def opencc_ts_characters() -> Path:
    import opencc  # opencc-python-reimplemented

    return Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"


def t2s_table(ts_characters: Path) -> dict[str, str]:
    """Traditional → simplified, one character for one, from OpenCC's TSCharacters.txt."""
    out: dict[str, str] = {}
    for line in ts_characters.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        trad, _, simp = line.partition("\t")
        simp = simp.split()[0] if simp.split() else ""
        if len(trad) == 1 and len(simp) == 1 and trad != simp:
            out[trad] = simp
    return out


def synonyms(registry, data: Mapping) -> dict[str, list[str]]:
    """Query expansions: data/search/synonyms.yaml (`synonyms: {跨境电商: [跨境电子商务]}`) and, for
    every registry agency with an `abbr`, the abbreviation in lower case → its names (SAMR →
    国家市场监督管理总局, 市场监管总局, …)."""
    out: dict[str, list[str]] = {}
    for key, values in (data.get("synonyms") or {}).items():
        out.setdefault(str(key).lower(), []).extend(str(v) for v in (values if isinstance(values, list) else [values]))
    for aid, agency in sorted(registry.agencies.items()):
        entry = registry.agency_entry(aid) or {}
        if entry.get("abbr"):
            out.setdefault(str(entry["abbr"]).lower(), []).extend([agency.full_name, *(entry.get("aliases") or [])])
    return {k: list(dict.fromkeys(v)) for k, v in sorted(out.items())}
