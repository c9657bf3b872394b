"""notices.site.rawpage: generated pages rendered without Python-Markdown must come out exactly
as Python-Markdown (with the site's own extensions and settings) renders them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from conftest import REPO, bundled_sources
from notices.generate import write_corpus
from notices.registry import Registry
from notices.site import build, rawpage
from notices.site.common import GENERATED_DIRS


@pytest.fixture(scope="module")
def config():
    return load_config(str(REPO / "mkdocs.yml"))


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory) -> list[Path]:
    """Every generated page for the bundled notices plus 80 generated ones."""
    root = tmp_path_factory.mktemp("rawpage")
    corpus, docs = root / "corpus", root / "docs"
    write_corpus(80, 11, corpus, Registry.load())
    for sources in ([str(p) for p in bundled_sources()], [str(corpus)]):
        proc = subprocess.run([sys.executable, "-m", "notices.cli", "convert", *sources, "--out", str(docs / "notices")],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    build.generate(docs, build.load(docs))
    return sorted(p for folder in GENERATED_DIRS for p in (docs / folder).rglob("*.md"))


def python_markdown(config, text: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])
    return md.convert(text), md.toc_tokens


def test_generated_pages_render_as_python_markdown_does(config, generated_pages):
    slugify = config["mdx_configs"]["toc"]["slugify"]
    fast = 0
    for path in generated_pages:
        text, _ = get_data(path.read_text(encoding="utf-8"))
        out = rawpage.render(text, slugify)
        if out is None:
            continue
        fast += 1
        html, toc = python_markdown(config, text)
        assert out.html == html, path
        assert out.toc_tokens == toc, path
    # the point of the module: nearly every generated page takes the fast path
    assert len(generated_pages) > 1000 and fast >= 0.99 * len(generated_pages), (fast, len(generated_pages))


def test_anchors_and_title(config):
    out = rawpage.render('# 标题 A\n\n## 任务 { #tasks data-search-exclude }\n\n<table id="t1">\n<tr><td>x</td></tr>\n</table>',
                         config["mdx_configs"]["toc"]["slugify"])
    assert out.title == "标题 A"
    assert out.anchors == {"标题-a", "tasks", "t1"}
    assert '<h2 data-search-exclude id="tasks">任务<a class="headerlink" href="#tasks"' in out.html
    assert [t["id"] for t in out.toc_tokens] == ["标题-a"] and out.toc_tokens[0]["children"][0]["id"] == "tasks"


@pytest.mark.parametrize("text", [
    "a *b* c",                     # emphasis
    "a **b** c",
    "see [x](y.md)",               # a Markdown link MkDocs would rewrite
    "a `code` b",
    "a & b",                       # a bare ampersand Python-Markdown escapes
    "- a\n    - b",                # a nested list
    "| a | b |\n| - | - |",        # a table
    "    code",
    "> quote",
    "## a\n\n## a",                # a repeated heading: Python-Markdown numbers it
    "## a { #x onclick='y' }",     # an attribute list beyond the simple forms
    '<div markdown="1">\n*x*\n</div>',
    "<table>\n<tr><td>x</td></tr>\n</table> tail",
    "line one  \nline two",        # a hard line break
    "text\n{: #t-1 .task }",        # a paragraph's attribute list
    "text\n{ #t-1 }",
])
def test_anything_else_is_left_to_python_markdown(config, text):
    assert rawpage.render(text, config["mdx_configs"]["toc"]["slugify"]) is None


def test_notice_pages_render_the_same_with_plain_lines_stashed(config, generated_pages):
    """Every notice page, as the hook hands it to Python-Markdown (citations added), gives the
    same HTML and table of contents with its plain lines stashed and restored."""
    docs = next(p for p in generated_pages[0].parents if (p / "notices").is_dir())
    links = build.Crosslinker(build.load(docs))
    pages = sorted((docs / "notices").glob("*.md"))
    assert len(pages) >= 2 * 85
    total = kept_away = headings = 0
    for path in pages:
        meta_text, meta = get_data(path.read_text(encoding="utf-8"))
        uri = f"notices/{path.name}"
        text = links.page_markdown(meta_text, uri, meta, "en" if path.name.endswith(".en.md") else "zh")
        stashed = rawpage.stash(text)
        assert stashed is not None, path
        total += len(text)
        kept_away += sum(map(len, stashed.pieces))
        html, toc = python_markdown(config, text)
        got, got_toc = python_markdown(config, stashed.markdown)
        assert rawpage.restore(got, stashed) == html, path
        assert rawpage.toc_tokens(got_toc, stashed) == toc, path
        headings += bool(stashed.headings)
        assert rawpage.stashed_ids(stashed) <= {*re.findall(r'\bid="([^"]*)"', html)}
    assert kept_away > 0.6 * total  # the point: most of the text never reaches Python-Markdown
    assert headings > 0.9 * len(pages)  # and the headings of nearly every page
