"""The index: an inverted index over the documents' terms (text.py), written in pieces so the
browser fetches only what a query needs.

Files, under `search/<lang>/` of each language's site:
- `meta.json`: the number of shards and of documents, each document's rank inputs (boost,
  length of its shortest name), the traditional → simplified table, the query expansions.
- `s/<n>.json`: shard n, the terms whose first character (two for letters and digits) hashes
  to n: `{"t": {term: [doc, value, doc gap, value, …]}, "k": {key: [doc, doc gap, …]}}`, where
  value = 2 × (occurrences, at most 63) + 1 when the term is in the document's names.
- `d/<n>.json`: documents 500·n … 500·n+499: `[url, title, line, kind, has text]` each,
  fetched for the results shown.
- `x/<doc>.json.gz`: the text of a notice, a glossary page or a hand-written page (a JSON
  string, stored gzipped: the notices' texts would be twice the rest of the index, and a host
  sends .gz files as they are), fetched for a result shown, to show where it holds the query.
"""

from __future__ import annotations

import gzip
import json
import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from .documents import Document
from .text import TOKEN, compact, normalise, shard_of, token_terms

CHUNK = 500  # documents per d/<n>.json
SHARD_BYTES = 200_000  # about this much JSON per shard (a fifth of it over the wire, gzipped)
MAX_TF = 63


class Index:
    """Documents added one at a time; postings kept as arrays (at 5,000 notices, tens of
    millions of pairs)."""

    def __init__(self, t2s: Mapping[str, str], words: Callable[[str], Iterable[str]] | None = None):
        self.t2s = dict(t2s)
        self.table = str.maketrans(self.t2s)
        self.words = words
        self._tokens: dict[str, list[str]] = {}  # a token's terms: the notices repeat their runs
        self.docs: list[tuple[str, str, str, str, int]] = []
        self.texts: dict[int, bytes] = {}  # x/<doc>.json.gz as written, held compressed
        self.boost: list[int] = []
        self.name_len: list[int] = []
        self.postings: dict[str, tuple[array, array]] = {}
        self.keys: dict[str, array] = {}
        self.chars: set[str] = set()

    def _terms(self, text: str) -> Counter:
        text = normalise(text, self.table)
        self.chars.update(text)
        found: list[str] = []
        cache = self._tokens
        for token in TOKEN.findall(text):
            got = cache.get(token)
            if got is None:
                got = cache[token] = token_terms(token, self.words)
            found += got
        return Counter(found)

    def add(self, doc: Document) -> int:
        number = len(self.docs)
        shown = doc.kind in ("notice", "glossary", "page")  # the text a result shows where the query is
        self.docs.append((doc.url, doc.title, doc.line, doc.kind, 1 if shown else 0))
        if shown:  # level 6, no name or time: the same bytes each build
            self.texts[number] = gzip.compress(dumps("\n".join(doc.text)).encode("utf-8"), 6, mtime=0)
        self.boost.append(round(doc.boost * 10))
        lengths = [len(compact(n, self.table)) for n in doc.names]
        self.name_len.append(max(1, min(lengths or [99])))
        in_names = self._terms("\n".join(doc.names))
        counts = in_names + self._terms("\n".join(doc.text))
        postings = self.postings
        for term, n in counts.items():  # each term's documents in the order added
            entry = postings.get(term)
            if entry is None:
                entry = postings[term] = (array("I"), array("B"))
            entry[0].append(number)
            entry[1].append(2 * min(n, MAX_TF) + (term in in_names))
        for key in sorted({compact(k, self.table) for k in doc.keys} - {""}):
            self.keys.setdefault(key, array("I")).append(number)
        return number

    def shard_count(self) -> int:
        size = sum(len(t) * 3 + 8 + 6 * len(d) for t, (d, _) in self.postings.items())
        size += sum(len(k) * 3 + 8 + 5 * len(d) for k, d in self.keys.items())
        return max(1, math.ceil(size / SHARD_BYTES))

    def shards(self, count: int) -> Iterator[dict]:
        """Shard 0, 1 … in turn: one at a time, as its postings flattened into Python lists
        take many times the memory of the arrays."""
        terms: list[list[str]] = [[] for _ in range(count)]
        keys: list[list[str]] = [[] for _ in range(count)]
        for term in sorted(self.postings):
            terms[shard_of(term, count)].append(term)
        for key in sorted(self.keys):
            keys[shard_of(key, count)].append(key)
        for n in range(count):
            shard: dict = {"t": {}, "k": {}}
            for term in terms[n]:
                docs, values = self.postings[term]
                flat, last = [], 0
                for d, v in zip(docs, values):
                    flat += [d - last, v]
                    last = d
                shard["t"][term] = flat
            for key in keys[n]:
                docs = self.keys[key]
                shard["k"][key] = [d - p for d, p in zip(docs, [0, *docs[:-1]])]
            yield shard

    def meta(self, count: int, synonyms: Mapping[str, list[str]]) -> dict:
        return {"shards": count, "docs": len(self.docs), "chunk": CHUNK, "boost": self.boost, "len": self.name_len,
                "t2s": "".join(f"{k}{v}" for k, v in sorted(self.t2s.items()) if v in self.chars),
                "syn": {k: v for k, v in synonyms.items()}}


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write(index: Index, folder: Path, synonyms: Mapping[str, list[str]]) -> dict:
    """Write the index's files into `folder` (emptied first: no shard of an earlier build is
    left behind). Returns {files, bytes}."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    (folder / "s").mkdir(parents=True)
    (folder / "d").mkdir()
    (folder / "x").mkdir()
    count = index.shard_count()
    written = 0
    files = [(folder / "meta.json", index.meta(count, synonyms))]
    for n in range(0, len(index.docs), CHUNK):
        files.append((folder / "d" / f"{n // CHUNK}.json", [list(d) for d in index.docs[n:n + CHUNK]]))
    for path, value in files:
        written += path.write_text(dumps(value), encoding="utf-8")
    for n, packed in sorted(index.texts.items()):
        written += (folder / "x" / f"{n}.json.gz").write_bytes(packed)
    for n, shard in enumerate(index.shards(count)):
        written += (folder / "s" / f"{n}.json").write_text(dumps(shard), encoding="utf-8")
    return {"files": len(files) + count + len(index.texts), "bytes": written, "docs": len(index.docs), "shards": count}
