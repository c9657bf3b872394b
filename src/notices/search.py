"""Search: the jieba user dictionary from the registries and the rework of the written index.

mkdocs-material's search plugin writes site/search/search_index.json (lunr documents, Chinese
segmented by jieba and joined with U+200B). `rework_index` turns that file into the index this
site ships; the browser side is overrides/assets/javascripts/workers/sd-search.js, which wraps
material's own search worker (same lunr, same UI) and must segment queries the same way.

Segmentation (measured, see scripts/bench_search.py): every Han run is cut into words by jieba
(precise mode, with the user dictionary built here), and every word is then cut left to right
into pieces of at most two characters, taking a two-character piece when it is a dictionary word
(forward maximum matching over `two_char_words`). The pieces partition the text, so the shown
text is unchanged (U+200B is invisible) and every hit can be highlighted; 政府 inside 人民政府
and 监管 inside 市场监管 are tokens of their own. The worker cuts a query with the same forward
maximum matching over the two-character tokens present in the index, so a query aligned with a
word of the text yields exactly the text's tokens; all of them are required (AND).

Everything here is a pure function of its arguments (the registry, the index dict, the notice
data), so tests/test_search_index.py runs without building a site.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+")
ZWSP = "\u200b"
# Splits index text and queries into tokens (the worker uses the same expression).
SEPARATOR = (
    r"[\s\u200b\u3000\-\u2010-\u2015、。，．？！；：（）《》〈〉「」『』“”‘’〔〕【】［］\[\]()/·,.;:!?\"|…~～]+"
)
_SEP = re.compile(SEPARATOR)
# Chinese document numbers: 沪长打假发〔2020〕1号, 白打假办发[2023]5号.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号")
# Field boosts (lunr): title and hidden keys field dominate the text.
FIELDS = {"title": {"boost": 100.0}, "text": {"boost": 1.0}, "keys": {"boost": 300.0}}


# ---- dictionary -------------------------------------------------------------------------------


def dictionary_words(reg) -> list[str]:
    """Every Chinese name the registries know, for jieba's user dictionary: agency full names and
    aliases, agency-kind forms (市场监管局, 市场监督管理局), campaign names, glossary terms and
    place names. Sorted, deduplicated, Han only, at least two characters."""
    words: set[str] = set()
    for a in reg.agencies.values():
        words.add(a.full_name)
    for aid in reg.agencies:
        words.update((reg.agency_entry(aid) or {}).get("aliases") or [])
    for k in reg.kinds.values():
        words.update(k.forms)
        words.update(k.typos)
    for s in reg.series.values():
        words.add(s.zh)
        words.update(s.names)
    for t in reg.glossary():
        words.add(str(t["zh"]).lstrip("…"))
    for j in reg.jurisdictions.values():
        for attr in ("name", "short", "own"):
            v = getattr(j, attr, None)
            if isinstance(v, str):
                words.add(v)
    return sorted(w for w in words if len(w) >= 2 and HAN.fullmatch(w))


def user_dictionary(words: Iterable[str], freq: int = 2000) -> str:
    """jieba user-dictionary text: one `word freq` line per word."""
    return "".join(f"{w} {freq}\n" for w in words)


def two_char_words(freq: Mapping[str, int], extra: Iterable[str] = ()) -> set[str]:
    """Two-character Han words of a jieba frequency table (jieba.dt.FREQ) plus `extra`
    (the two-character names of the registries and their two-character pieces)."""
    out = {w for w, f in freq.items() if f and len(w) == 2 and HAN.fullmatch(w)}
    for w in extra:
        if len(w) == 2 and HAN.fullmatch(w):
            out.add(w)
    return out


def pieces(word: str, dict2: set[str]) -> list[str]:
    """Cut a Han word into pieces of at most two characters, left to right, taking two
    characters whenever they are a dictionary word (forward maximum matching)."""
    out = []
    i = 0
    while i < len(word):
        if word[i : i + 2] in dict2:
            out.append(word[i : i + 2])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def make_cut(user_cut, base_cut, names: set[str]):
    """A cut for `segment`: jieba with the registry names as user words finds the boundaries
    around a name (市|市场监管局), and the name itself is cut again without them (上海市|长宁区),
    so its pieces are those of ordinary text (上海|市|长宁|区, not 上海|市长|宁区)."""

    def cut(s: str):
        for w in user_cut(s):
            if len(w) > 2 and w in names:
                yield from base_cut(w)
            else:
                yield w

    return cut


# A U+200B that separates nothing: at either end, next to a tag or to another separator.
_OTHER_SEP = SEPARATOR.replace(r"\u200b", "")[:-1]  # one separator character other than U+200B
_IDLE_ZWSP = re.compile(rf"^\u200b+|\u200b+$|(?<=[>]|{_OTHER_SEP})\u200b+|\u200b+(?=[<]|{_OTHER_SEP})")


def fence(text: str, cut, dict2: set[str], cache: dict | None = None) -> str:
    """`text` (U+200B removed first) with every Han run cut into words by `cut` (jieba.cut),
    every word into pieces, joined and fenced with U+200B. `cache` (a dict kept across calls)
    memoizes runs: the index repeats them (of 229,000 runs at 300 notices, 5,600 differ)."""
    text = text.replace(ZWSP, "")
    cache = {} if cache is None else cache

    def run(m: re.Match) -> str:
        key = m.group(0)
        done = cache.get(key)
        if done is None:
            out = []
            for w in cut(key):
                out.extend(pieces(w, dict2) if HAN.fullmatch(w) else [w])
            done = cache[key] = ZWSP + ZWSP.join(out) + ZWSP
        return done

    return HAN.sub(run, text)


def segment(text: str, cut, dict2: set[str], cache: dict | None = None) -> str:
    """Re-segment `text` (`fence`), leaving out the fences next to a space, punctuation, a tag
    or an end: the tokens are the same (a run of separators is one boundary, a tag is one too),
    and the index is a tenth smaller."""
    return _IDLE_ZWSP.sub("", fence(text, cut, dict2, cache))


# ---- traditional → simplified, synonyms -------------------------------------------------------


def t2s_table(chars: Iterable[str], ts_characters: Path) -> dict[str, str]:
    """Traditional → simplified for every traditional character whose simplified form is in
    `chars` (the characters of the index), from OpenCC's TSCharacters.txt."""
    keep = set(chars)
    out: dict[str, str] = {}
    for line in ts_characters.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        trad, _, simp = line.partition("\t")
        simp = simp.split()[0] if simp.split() else ""
        if len(trad) == 1 and len(simp) == 1 and trad != simp and simp in keep:
            out[trad] = simp
    return out


def opencc_ts_characters() -> Path:
    import opencc  # opencc-python-reimplemented

    return Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"


def synonyms(reg, data: Mapping) -> dict[str, list[str]]:
    """Query expansions: data/search/synonyms.yaml (`synonyms: {跨境电商: [跨境电子商务]}`) plus,
    for every registry agency with an `abbr`, the lower-case abbreviation → its full name and
    aliases (SAMR → 国家市场监督管理总局, 市场监管总局, …). Keys are lower-case."""
    out: dict[str, list[str]] = {}
    for k, vs in (data.get("synonyms") or {}).items():
        out.setdefault(str(k).lower(), []).extend(str(v) for v in (vs if isinstance(vs, list) else [vs]))
    for aid in reg.agencies:
        e = reg.agency_entry(aid) or {}
        abbr = e.get("abbr")
        if not abbr:
            continue
        names = [reg.agencies[aid].full_name] + list(e.get("aliases") or [])
        out.setdefault(str(abbr).lower(), []).extend(names)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


# ---- index rework -----------------------------------------------------------------------------


def _path(location: str) -> tuple[str, str, str]:
    """(lang, page path without language prefix, anchor)."""
    page, _, anchor = location.partition("#")
    lang = "en" if page == "en/" or page.startswith("en/") else "zh"
    if lang == "en":
        page = page[3:]
    return lang, page, anchor


def first_section_only(location: str) -> bool:
    """Pages of which the index keeps the first section only: an agency's page (names,
    aliases, English name). The search plugin does not parse them at all (the hook excludes
    them and adds that section itself, from `first_section_html`)."""
    _, page, _ = _path(location)
    return page.startswith("agencies/") and page != "agencies/" and not page.startswith("agencies/systems/")


# A heading that starts a section for the search plugin's parser (h1-h6 with an id).
_SECTION_HEADING = re.compile(r"<h[1-6](?=[\s>])[^>]*?\sid=", re.I)


def first_section_html(html: str) -> str:
    """The part of a page's HTML that holds its first search section: everything before the
    second heading with an id (the search plugin starts a section at each). When the first
    heading is not at the very start (anything before it, even white space, is a section
    of its own for the parser), that part is the first section and the cut is at the first
    heading. Fed to the plugin's own parser, the prefix yields the
    same first section as the whole page, for pages whose headings are not nested in other
    elements (the plugin would send text after a nested heading's container back to the
    previous section), as the generated agency pages are."""
    starts = []
    for m in _SECTION_HEADING.finditer(html):  # the first two are enough
        starts.append(m.start())
        if len(starts) == 2:
            break
    if not starts:
        return html
    if starts[0] > 0:
        return html[: starts[0]]
    return html[: starts[1]] if len(starts) > 1 else html


def keep_section(location: str) -> bool:
    """Index exclusions (the generator also marks these sections `data-search-exclude`, so the
    search plugin does not even segment them): cross-link pages keep only what is about them. Agency pages keep their
    first section (names, aliases, English name; see `first_section_only`); campaign pages their
    first section and #about; the catalogue drops its agency × notice matrices; the
    foreign-enterprise page (a list of task texts repeated from the notices) keeps its
    introduction only (see `trim_text`)."""
    _, page, anchor = _path(location)
    if first_section_only(location):
        return anchor == ""
    if page.startswith("campaigns/") and page != "campaigns/":
        return anchor in ("", "about")
    if page.startswith("catalogue/"):
        return anchor != "matrix"
    return True


def trim_text(location: str, text: str) -> str:
    """Page furniture and repeated task text cut from the kept sections."""
    _, page, anchor = _path(location)
    if page.startswith("foreign/"):
        m = re.search(r"</p>", text)
        return text[: m.end()] if m else text[:400]
    if page.startswith("notices/") and anchor == "tasks":
        # the English task table: keep each distinct cell once
        seen: dict[str, None] = {}
        for part in re.split(r"\s*(?:;|—|†)\s*|\s{2,}", re.sub(r"<[^>]+>", " ", text)):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
        return " ; ".join(seen)
    return text


def doc_boost(location: str) -> float | None:
    """Document boosts: a notice's own page first, then campaign and agency pages, listings last."""
    _, page, anchor = _path(location)
    if page.startswith(("catalogue/", "glossary/", "agencies/systems/")) and not page.startswith("catalogue/places/"):
        return 0.5
    if page.startswith("notices/"):
        return 2.0 if anchor == "" else None
    if page.startswith("campaigns/") and page != "campaigns/":
        return 3.0 if anchor == "" else None
    if page.startswith("agencies/") and page != "agencies/":
        return 1.5 if anchor == "" else None  # below the notices of its place
    if page.startswith("catalogue/places/") and page != "catalogue/places/":
        return 5.0 if anchor == "" else None  # a place's page is about the place
    return None


def compact(s: str) -> str:
    """Identifier key: NFKC, lower case, separators and brackets removed."""
    return _SEP.sub("", unicodedata.normalize("NFKC", s)).lower()


def page_keys(notices: Iterable[Mapping], campaigns: Iterable[Mapping] = ()) -> dict[str, list[str]]:
    """Hidden `keys` tokens per page path (without language prefix): a notice's 文号 and 索引号
    written without separators (so 沪长打假发2020 1号 finds it; the 文号 it cites are not
    included) and its place (上海市长宁区, 长宁区; a query is a prefix of a key); a campaign
    page's yearly names (剑网2022)."""
    out: dict[str, list[str]] = {}
    for n in notices:
        keys = [compact(str(n[k])) for k in ("doc_number", "index_number") if n.get(k)]
        place = (n.get("jurisdiction") or {}).get("name") if isinstance(n.get("jurisdiction"), dict) else None
        if place:  # 上海市长宁区 → 上海市长宁区, 长宁区: the notice is about its place
            parts = re.findall(r".+?(?:省|自治区|市|州|盟|区|县|旗)|.+$", place)
            keys += [compact("".join(parts[i:])) for i in range(len(parts))]
        if keys:
            out[f"notices/{n['slug']}/"] = keys
    for c in campaigns:
        keys = [compact(f"{c['zh']}{y}") for y in c.get("years") or ()]
        if keys:
            out[f"campaigns/{c['slug']}/"] = keys
    return out


def rework_index(index: Mapping, cut, dict2: set[str], *, keys: Mapping[str, list[str]] | None = None,
                 t2s: Mapping[str, str] | None = None, syn: Mapping[str, list[str]] | None = None) -> dict:
    """The index this site ships, from the one the search plugin wrote (not modified):
    duplicates dropped (static-i18n adds the default language twice), exclusions and trims
    applied, Han text re-segmented, hidden `keys` added, document boosts set, and the config
    extended for the worker (`sd`: separator, traditional→simplified table, synonyms)."""
    keys = keys or {}
    docs: dict[str, dict] = {}
    runs: dict[str, str] = {}
    for doc in index.get("docs", []):
        loc = doc["location"]
        if not keep_section(loc):
            continue
        d = {"location": loc}
        d["title"] = segment(doc.get("title", ""), cut, dict2, runs)
        d["text"] = segment(trim_text(loc, doc.get("text", "")), cut, dict2, runs)
        if doc.get("tags"):
            d["tags"] = doc["tags"]
        _, page, anchor = _path(loc)
        if anchor == "" and page in keys:
            d["keys"] = " ".join(keys[page])
        boost = doc.get("boost", doc_boost(loc))
        if boost is not None and boost != 1:
            d["boost"] = boost
        docs[loc] = d  # last wins; first position kept (articles precede their sections)
    config = copy.deepcopy(dict(index.get("config", {})))
    config["separator"] = SEPARATOR
    config["lang"] = ["en"]
    config["pipeline"] = ["stopWordFilter"]
    fields = dict(config.get("fields") or {})
    fields.update(copy.deepcopy(FIELDS))
    config["fields"] = fields
    config["sd"] = {"t2s": "".join(f"{k}{v}" for k, v in sorted((t2s or {}).items())),
                    "syn": dict(syn or {})}
    return {"config": config, "docs": list(docs.values())}


def language_of(location: str) -> str:
    return _path(location)[0]


def split_languages(index: Mapping, only: str | None = None) -> dict[str, dict]:
    """One index per language ({lang: {config, docs}}), each with its language's pages only, in
    the order of `index`; the config is copied (the caller adds each language's
    traditional→simplified table). Both languages built in one process (static-i18n): zh pages
    at the root, en pages under en/. A language built alone (`only`, notices.site.split): every
    page is that language's, at the root of its own site."""
    docs: dict[str, list] = {}
    for doc in index.get("docs", []):
        docs.setdefault(only or language_of(doc["location"]), []).append(doc)
    if only:
        docs.setdefault(only, [])
    return {lang: {"config": copy.deepcopy(dict(index.get("config", {}))), "docs": ds} for lang, ds in docs.items()}


def stub_index(index: Mapping) -> dict:
    """What search/search_index.json becomes: the config without documents. mkdocs-material's
    page script fetches it (on first use, see partials/search.html) and hands it to the worker,
    which fetches its language's index itself (search_index.<lang>.json.gz)."""
    config = {k: v for k, v in dict(index.get("config", {})).items() if k != "sd"}
    config["sd"] = {"split": True}
    return {"config": config, "docs": []}


JSON_SEPARATORS = (",", ":")


def dumps(index: Mapping) -> str:
    """Compact JSON as shipped: UTF-8 text (no \\u escapes), no spaces."""
    import json

    return json.dumps(index, ensure_ascii=False, separators=JSON_SEPARATORS)


def gzip_text(raw):
    """A UTF-8 text handle that gzips into the open binary file `raw`: level 6 (level 9 took
    0.7 s more on the Chinese index of 1,000 notices for 2.5 % less), no file name or time in
    the header, so the same index gives the same bytes."""
    import gzip
    import io

    return io.TextIOWrapper(gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0),
                            encoding="utf-8")


def dump(index: Mapping, handle) -> None:
    """`dumps` written to an open text file a document at a time (the same text, without the
    whole of it in memory at once; json.dump would, but with the pure-Python encoder)."""
    handle.write("{")
    for i, (key, value) in enumerate(index.items()):
        handle.write(("," if i else "") + dumps(key) + ":")
        if key != "docs":
            handle.write(dumps(value))
            continue
        handle.write("[")
        for j, doc in enumerate(value):
            handle.write(("," if j else "") + dumps(doc))
        handle.write("]")
    handle.write("}")


def index_chars(index: Mapping) -> set[str]:
    chars: set[str] = set()
    for d in index.get("docs", []):
        for f in ("title", "text"):
            chars.update(HAN.findall(d.get(f, "")) and "".join(HAN.findall(d.get(f, ""))))
    return chars


def sizes(data: bytes) -> tuple[int, int]:
    import gzip

    return len(data), len(gzip.compress(data, 9))


