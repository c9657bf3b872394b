"""Unit tests of notices.search: the terms, the documents made from the data, the index files
(no site build, no browser; tests/browser/test_search.py types the queries)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from notices import search
from notices.search import documents, index as ix, text
from notices.model import plain
from notices.site.data import from_registry, load_notices

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def notices_dir(tmp_path_factory) -> Path:
    """The converted records of the launch notices and our test notices (the golden JSON)."""
    folder = tmp_path_factory.mktemp("notices")
    for case in sorted(GOLDEN.iterdir()):
        shutil.copy(case / "expected.json", folder / f"{case.name}.json")
    return folder


@pytest.fixture(scope="module")
def data(notices_dir, registry):
    return from_registry(load_notices(notices_dir), registry)


@pytest.fixture(scope="module")
def words(registry):
    return text.jieba_words(registry)


def records(folder):
    return list(search.records(folder))


def test_pairs_single_characters_words_and_latin():
    assert text.pairs("市场监管局") == ["市场", "场监", "监管", "管局"]
    assert text.pairs("号") == ["号"]
    got = list(text.terms(text.normalise("区市场监管局 and the SAMR 2022"), lambda run: ["区", "市场监管局", "市场"]))
    assert got == ["区市", "市场", "场监", "监管", "管局", "市场监管局", "samr", "2022"]  # stop words left out


def test_normalise_folds_width_case_and_traditional():
    t2s = text.t2s_table(text.opencc_ts_characters())
    assert text.normalise("劍網ＳＡＭＲ", t2s) == "剑网samr"


def test_keys_read_numbers_loosely():
    assert text.compact("沪长打假发〔2020〕1号") == text.compact("沪长打假发2020 1号") == "沪长打假发20201号"
    assert text.compact("234234234444444444/2023-00022") == "234234234444444444202300022"


def test_fnv1a_is_the_standard_hash_over_utf16_units():
    assert text.fnv1a("a") == 0xE40C292C and text.fnv1a("foobar") == 0xBF9CF968
    assert text.shard_key("剑网") == "剑" and text.shard_key("customs") == "cu"


def test_dictionary_has_agency_forms_aliases_campaigns_places(registry):
    found = set(text.dictionary_words(registry))
    for word in ("国家市场监督管理总局", "市场监管总局", "市场监管局", "剑网", "长宁", "上海市长宁区"):
        assert word in found, word
    assert all(text.is_han(w) and len(w) >= 2 for w in found)


def test_jieba_search_mode_finds_registry_words(words):
    assert "市场监管局" in words("长宁区市场监管局") and "软件正版化" in words("推进软件正版化工作")


def test_synonyms_from_data_and_registry_abbr(registry):
    syn = text.synonyms(registry, {"synonyms": {"跨境电商": ["跨境电子商务"]}})
    assert syn["跨境电商"] == ["跨境电子商务"]
    assert "国家市场监督管理总局" in syn["samr"] and "市场监管总局" in syn["samr"]


def test_notice_documents_hold_what_each_page_shows(notices_dir):
    record = next(r for r in records(notices_dir) if r.slug == "2022-shanghai-work-plan")
    zh = documents.notice_document(record, "zh")
    body = "\n".join(zh.text)
    assert all(b.text in body for b in record.body), "every block of the text"
    assert all(r.title in body for r in record.references)
    assert zh.url == "notices/2022-shanghai-work-plan/" and zh.kind == "notice" and zh.title == record.title
    en = documents.notice_document(record, "en")
    english = "\n".join(en.text)
    assert record.summary_en in english and all(a.name_en in english for a in record.agencies)
    assert record.body[-1].text not in english, "the English page does not hold the Chinese text"
    page = "---\ntitle: x\n---\n\n## Outline { #outline }\n\n- **Customs** &amp; [ports](../x.md)\n"
    with_page = documents.notice_document(record, "en", page).text
    assert "Customs & ports" in with_page and not any("x.md" in t or "#outline" in t for t in with_page)
    assert text.compact(record.jurisdiction["name"]) in {text.compact(k) for k in zh.keys}


def test_agency_documents_hold_every_form_of_the_name(data, notices_dir, registry):
    forms = documents.NameForms()
    for record in records(notices_dir):
        forms.add(record)
    docs = {d.url: d for d in documents.agency_documents(data, forms, registry, "zh")}
    samr = docs["agencies/national.samr/"]
    assert {"国家市场监督管理总局", "市场监管总局"} <= set(samr.names) and "SAMR" in samr.keys
    assert "State Administration for Market Regulation" in samr.text
    changning = docs["agencies/shanghai-changning.market-regulation/"]
    assert "区市场监管局" in changning.names, "the form the notice writes"
    en = {d.url: d for d in documents.agency_documents(data, forms, registry, "en")}
    assert en["agencies/national.samr/"].title == "State Administration for Market Regulation"


def test_every_page_kind_from_the_generator(data, notices_dir, registry):
    kinds = {d.kind for d in documents.site_documents(data, documents.NameForms(), registry, "zh")}
    assert kinds == {"agency", "campaign", "place", "glossary"}
    urls = {d.url for d in documents.site_documents(data, documents.NameForms(), registry, "zh")}
    assert {"campaigns/jianwang/", "catalogue/places/shanghai-changning/", "glossary/agency/"} <= urls


def test_hand_written_pages_without_markdown_marks(tmp_path):
    (tmp_path / "about.md").write_text("---\ntitle: 关于\n---\n\n# 关于本站\n\n本站由**志愿者**维护，[原文](x.md)为准。\n", encoding="utf-8")
    (tmp_path / "about.en.md").write_text("# About\n\nMaintained by *volunteers*.\n", encoding="utf-8")
    zh = list(documents.page_documents(tmp_path, "zh"))
    assert [(d.url, d.title) for d in zh] == [("about/", "关于本站")]
    body = " ".join(zh[0].text)
    assert "志愿者 维护" in body and "原文 为准" in body and not any(c in body for c in "*[]()#") and "x.md" not in body
    en = list(documents.page_documents(tmp_path, "en"))
    assert en[0].title == "About" and "Maintained by volunteers ." in en[0].text and en[0].url == "about/"


def _postings(folder: Path, term: str) -> dict[int, int]:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    shard = json.loads((folder / "s" / f"{text.shard_of(term, meta['shards'])}.json").read_text(encoding="utf-8"))
    flat, doc, out = shard["t"].get(term, []), 0, {}
    for i in range(0, len(flat), 2):
        doc += flat[i]
        out[doc] = flat[i + 1]
    return out


def _docs(folder: Path) -> list[list]:
    return [d for p in sorted((folder / "d").glob("*.json"), key=lambda p: int(p.stem))
            for d in json.loads(p.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def written(tmp_path_factory, notices_dir, data, registry):
    out = {}
    for lang in ("zh", "en"):
        site = tmp_path_factory.mktemp(f"site-{lang}")
        search.write_index(site, notices_dir, data, registry, Path("data"), lang)
        out[lang] = site / "search" / lang
    return out


def test_every_notice_holding_a_query_has_all_its_terms(written, notices_dir):
    """Recall by construction: for any stretch of any notice's text, every term of it is in that
    notice's postings (random stretches of two to eight characters, and the issue's queries)."""
    folder = written["zh"]
    urls = [d[0] for d in _docs(folder)]
    rng = random.Random(1)
    for record in records(notices_dir):
        doc = urls.index(f"notices/{record.slug}/")
        body = "\n".join(b.text for b in record.body)
        runs = [r for r in text.HAN.findall(text.normalise(body)) if len(r) >= 2]
        for _ in range(20):
            run = rng.choice(runs)
            start = rng.randrange(len(run) - 1)
            query = run[start:start + rng.randint(2, 8)]
            for term in text.pairs(query):
                assert doc in _postings(folder, term), (record.slug, query, term)
    holding = {f"notices/{r.slug}/" for r in records(notices_dir) if "网信办" in json.dumps(plain(r), ensure_ascii=False)}
    both = set(_postings(folder, "网信")) & set(_postings(folder, "信办"))
    assert len(holding) >= 3 and holding <= {urls[d] for d in both}


def test_english_index_finds_english_words_by_prefix(written):
    folder = written["en"]
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    shard = json.loads((folder / "s" / f"{text.shard_of('counterfeit', meta['shards'])}.json").read_text(encoding="utf-8"))
    assert "counterfeiting" in shard["t"], "the term the prefix counterfeit finds is in its shard"
    assert all(not k.startswith("counterfeit") for k in
               json.loads((folder / "s" / f"{(text.shard_of('counterfeit', meta['shards']) + 1) % meta['shards']}.json")
                          .read_text(encoding="utf-8"))["t"]) or meta["shards"] == 1


def test_index_files_are_complete_and_consistent(written):
    folder = written["zh"]
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    docs = _docs(folder)
    assert meta["docs"] == len(docs) == len(meta["boost"]) == len(meta["len"])
    assert sorted(int(p.stem) for p in (folder / "s").glob("*.json")) == list(range(meta["shards"]))
    for n in range(meta["shards"]):
        shard = json.loads((folder / "s" / f"{n}.json").read_text(encoding="utf-8"))
        for term in shard["t"]:
            assert text.shard_of(term, meta["shards"]) == n
    texts = {int(p.name.split(".")[0]) for p in (folder / "x").glob("*.json.gz")}
    assert texts == {i for i, d in enumerate(docs) if d[4]} and all(docs[i][3] in ("notice", "glossary", "page") for i in texts)
    # the 文号 as a key of its notice
    key = text.compact("沪长打假发〔2020〕1号")
    shard = json.loads((folder / "s" / f"{text.shard_of(key, meta['shards'])}.json").read_text(encoding="utf-8"))
    assert [docs[d][0] for d in shard["k"][key]] == ["notices/2020-shanghai-changning-work-plan/"]
    assert "劍" in meta["t2s"] and len(meta["t2s"]) % 2 == 0


def test_the_same_data_writes_the_same_files(tmp_path, notices_dir, data, registry, written):
    search.write_index(tmp_path, notices_dir, data, registry, Path("data"), "zh")
    first = {p.relative_to(written["zh"]): p.read_bytes() for p in written["zh"].rglob("*.json*")}
    again = {p.relative_to(tmp_path / "search" / "zh"): p.read_bytes() for p in (tmp_path / "search" / "zh").rglob("*.json*")}
    assert any(p.suffix == ".gz" for p in first)
    assert first == again


def test_write_leaves_no_shard_of_an_earlier_build(tmp_path):
    folder = tmp_path / "search"
    (folder / "s").mkdir(parents=True)
    (folder / "s" / "99.json").write_text("{}", encoding="utf-8")
    small = ix.Index({})
    small.add(documents.Document("notices/a/", "notice", "标题", names=["标题"], text=["正文"]))
    ix.write(small, folder, {})
    assert not (folder / "s" / "99.json").exists() and (folder / "s" / "0.json").exists()
