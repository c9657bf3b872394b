"""The shared escaping rules (notices.safety) and the sidecar's validation (notices.sidecar)."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest

from notices.errors import NoticeError
from notices.safety import csv_cell, md_text, strip_controls, summary_html, url_problem
from notices.sidecar import read_sidecar

SITE_EXTENSIONS = ["toc", "attr_list", "tables", "admonition", "def_list", "md_in_html",
                   "pymdownx.details", "pymdownx.superfences"]


def site_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=SITE_EXTENSIONS)


@pytest.mark.parametrize("text", [
    '!!! warning "本页经人工更正"', '??? note "x"', "=== \"tab\"", "<img src=x onerror=alert(1)>",
    "{: onclick=alert(1) }", "# 标题", "- 列表", "1. 第一", "> 引用", "    代码", "a\n!!! danger \"x\"",
    '<div markdown="1">*x*</div>', "标题\r!!! warning \"x\"", "[链接](javascript:alert(1))", "![图](https://evil.example/x.png)",
    "&lt;script&gt;", "term\n: definition", "标题\n===", "| a | b |\n| - | - |",
])
def test_source_text_never_becomes_markdown_syntax(text):
    html = site_markdown(md_text(text))
    assert html.startswith("<p>") and html.endswith("</p>"), html
    assert "<" not in html[3:-4], html  # no element at all inside the paragraph
    # and it shows exactly the text
    import html as htmllib
    assert htmllib.unescape(html[3:-4]).replace("\n", " ") == text.replace("\r", "\n").replace("\n", " ")


@pytest.mark.parametrize("summary", [
    "<script>alert(1)</script>", "<iframe src=https://evil.example/></iframe>",
    "text {: onclick=alert(1) }\n{: onmouseover=alert(1) }", '<div markdown="1">*x* <img src=x onerror=alert(1)></div>',
    "[click](javascript:alert(1))", "[c](JaVaScRiPt:alert(1))", "![img](https://evil.example/pixel.png)",
    "<a href=javascript:alert(1)>x</a>", "paragraph\n\n<svg/onload=alert(1)>", "`<script>`",
    "[x](data:text/html,<script>alert(1)</script>)", "<style>body{display:none}</style>",
])
def test_summary_has_no_live_html(summary):
    from html.parser import HTMLParser

    out = summary_html(summary)
    seen = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, attrs))

    Tags().feed(out)
    for tag, attrs in seen:
        assert tag in {"p", "ul", "ol", "li", "em", "strong", "code", "blockquote", "a", "br", "h3"}, out
        for name, value in attrs:
            assert name in {"href", "rel", "id"}, out
            if name == "href":
                assert value.startswith(("http://", "https://")), out
    assert "\n" not in out


def test_summary_keeps_its_markdown():
    out = summary_html("Intro **bold**.\n\n### Part\n\n- one\n- [two](https://www.gov.cn/a)")
    assert "<strong>bold</strong>" in out and '<h3 id="summary-part">Part</h3>' in out
    assert '<a href="https://www.gov.cn/a" rel="nofollow noopener noreferrer">two</a>' in out


@pytest.mark.parametrize("url,ok", [
    ("https://www.gov.cn/zhengce/content/2021-01/01/content_1.htm", True),
    ("http://sjj.example.gov.cn/art/2024/3/1/art_123.html?id=5#top", True),
    ("https://www.gov.cn/\n<script>alert(1)</script>", False),
    ("https://www.gov.cn/ a", False), ("javascript:alert(1)", False), ("https://", False),
    ('https://www.gov.cn/"onmouseover=alert(1)', False), ("https://www.gov.cn/\x0b", False),
    ("https://www.gov.cn/政策", False), ("ftp://www.gov.cn/", False), ("https://localhost/", False),
])
def test_urls(url, ok):
    assert (url_problem(url) is None) == ok


def test_csv_cells_that_would_run_are_neutralised():
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "＝1"):
        assert csv_cell(value).startswith("'")
    assert csv_cell("市场监管局") == "市场监管局"


def test_controls_removed_and_named():
    assert strip_controls("标题\x0b\x1b[31m\x0c") == ("标题[31m", ["U+000B", "U+000C", "U+001B"])
    assert strip_controls("a\tb\nc") == ("a\tb\nc", [])


# ---- sidecars -----------------------------------------------------------------------------

def sidecar(tmp_path: Path, content: bytes | str, name: str = "2024-x-plan") -> Path:
    source = tmp_path / f"{name}.txt"
    source.write_text("x", encoding="utf-8")
    path = tmp_path / f"{name}.meta.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return source


def error_of(source: Path) -> NoticeError:
    with pytest.raises(NoticeError) as info:
        read_sidecar(source)
    return info.value


def test_a_year_in_keywords_is_a_keyword(tmp_path):
    got = read_sidecar(sidecar(tmp_path, "corrections:\n  keywords: [打击侵权假冒, 2024]\ncorrection_note: 见原文\n"))
    assert got.corrections["keywords"] == ["打击侵权假冒", "2024"]


def test_scalars_are_taken_as_written(tmp_path):
    got = read_sidecar(sidecar(tmp_path, "title_en: 2024\ncorrections:\n  doc_number: yes\ncorrection_note: no\n"))
    assert got.title_en == "2024" and got.corrections["doc_number"] == "yes" and got.correction_note == "no"


@pytest.mark.parametrize("content,line,words", [
    ("title_en: T\nobtained: 2024-02-30\n", 2, "does not exist"),
    ("corrections:\n  issued_date: 2024/02/01\ncorrection_note: n\n", 2, "must be a date"),
    ("title_en: a\ntitle_en: b\n", 2, "appears twice (first on line 1)"),
    ("title_en: a\nsummery_en: b\n", 2, "unknown key 'summery_en'"),
    ("corrections:\n  titel: x\ncorrection_note: n\n", 2, "unknown key 'titel'"),
    ("source_url: \"https://www.gov.cn/\\n<script>alert(1)</script>\"\n", 1, "characters a web address cannot"),
    ("source_url: javascript:alert(1)\n", 1, "must start with http"),
    ("title_en: \"a\\vb\"\n", 1, "control characters (U+000B)"),
    ("title_en: [a, b]\n", 1, "must be a single value"),
    ("x: &a [1]\ny: *a\n", 1, "anchors and aliases"),
    ("title_en: !!python/object:os.system x\n", 1, "tags"),
    ("title_en: a: b\n", 1, "YAML is malformed"),
    ("corrections:\n  title: 新标题\n", 1, "correction_note"),
    ("- a\n- b\n", 1, "must be `key: value` lines"),
    ("title_en: \"line one\\nline two\"\n", 1, "one line"),
    ("title_en: \"line one\\r!!! warning\"\n", 1, "one line"),
    ("title_en: T\nsummary_en: |\n  One.\n\n  Two <b>bold</b>.\n", 5, "must not hold web code"),
    ("summary_en: >\n  One\n  [x](javascript:alert(1))\n", 1, "must not hold web code"),
])
def test_sidecar_errors_name_file_and_line(tmp_path, content, line, words):
    error = error_of(sidecar(tmp_path, content))
    assert error.path.endswith(".meta.yml") and error.line == line and words in error.en, str(error)
    assert "\n" not in str(error)


def test_deep_nesting_is_refused_without_crashing(tmp_path):
    error = error_of(sidecar(tmp_path, "title_en: " + "[" * 50_000 + "]" * 50_000 + "\n"))
    assert "nested more than" in error.en and error.line == 1
    deep = "".join(" " * i + f"k{i}:\n" for i in range(300))
    assert "nested more than" in error_of(sidecar(tmp_path, deep)).en


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_sidecar_encodings_are_read(tmp_path, encoding):
    got = read_sidecar(sidecar(tmp_path, "title_en: Key Points\ncorrections:\n  jurisdiction: 江苏省苏州市\n"
                                         "correction_note: 见落款\n".encode(encoding)))
    assert got.corrections["jurisdiction"] == "江苏省苏州市" and got.correction_note == "见落款"


def test_unreadable_encoding_says_save_as_utf8(tmp_path):
    error = error_of(sidecar(tmp_path, b"title_en: \x81\x00\xff\xfe\x00"))
    assert "save it again as UTF-8" in error.en


def test_symlinks_devices_and_size(tmp_path):
    source = tmp_path / "2024-x-plan.txt"
    source.write_text("x", encoding="utf-8")
    meta = tmp_path / "2024-x-plan.meta.yml"
    os.symlink("/dev/zero", meta)
    assert "symbolic link" in error_of(source).en
    meta.unlink()
    meta.write_bytes(b"summary_en: " + b"a" * 300_000)
    assert "larger than" in error_of(source).en
