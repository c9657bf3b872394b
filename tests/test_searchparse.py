"""notices.site.searchparse: material's search Parser fed by the fast tokenizer splits every page
into the same sections, with the same titles and texts, as when HTMLParser feeds it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from notices.site import searchparse

STOCK = searchparse.Parser.__bases__[0]  # material's own Parser (the hook replaces the plugin's name)

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def sections(parser_class, html: str):
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return parser, [(s.el.tag, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in parser.data]


def stock(html: str):
    return sections(STOCK, html)[1]


def test_every_page_of_the_site_gives_the_same_sections(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    fast = 0
    for path in pages:
        for body in _ARTICLE.findall(path.read_text(encoding="utf-8")):
            parser, got = sections(searchparse.Parser, body)
            assert got == stock(body), path
            fast += parser.fast
    assert fast > 0.95 * len(pages)  # nearly every page takes the fast path


@pytest.mark.parametrize("html", [
    '<h1 id="t">Title<a class="headerlink" href="#t">&para;</a></h1><p>a &amp; b &lt;c&gt; &#49;</p>',
    "<p>line\none</p>\n\n<ul>\n<li>x</li>\n<li> </li>\n</ul><h2 id='s'>Sub</h2><p>text<br/>more<br />end</p>",
    '<P CLASS="Task" ID="t-1">UPPER case</P><h3 id="x" data-search-exclude>gone</h3><p>after</p>',
    '<div data-search-exclude><p>hidden</p></div><p>kept</p><img src="a.png" alt="a &quot;b&quot;">',
    '<p>tail &amp',  # a character reference cut at the end
    '<pre><code>  keep\n  spaces  </code></pre><p>x</p>',
    # material's quirks, kept: exclusion is by tag name (the inner </div> ends it), a heading
    # nested in an element ends its section with that element
    '<div data-search-exclude><div>inner</div><p>kept or not</p></div><p>after</p>',
    '<div><h2 id="n">Nested</h2><p>in</p></div><p>out</p><h2 id="m">Next</h2>',
    '<p>before any heading</p><h2 id="a">A</h2><p><code>x</code> <sub>2</sub></p><p> </p>',
    # outside the fast path (comment, script, unquoted value, stray "<", odd tag name)
    '<p>a</p><!-- note --><p>b</p>',
    '<p>a</p><script>var x = "<p>";</script><p>b</p>',
    '<p class=task>unquoted</p>',
    '<p>1 < 2</p>',
    '<my-tag>x</my-tag><p>y</p>',
])
def test_snippets_give_the_same_sections(html):
    assert sections(searchparse.Parser, html)[1] == stock(html)


def test_what_the_fast_path_refuses():
    for html in ['<p>a</p><!-- c -->', '<script>x</script>', '<p class=x>y</p>', '<p>1 < 2</p>']:
        assert searchparse.tokens(html) is None, html
    assert searchparse.tokens('<p class="a">b &amp; c</p>') == [
        ("start", "p", [("class", "a")]), ("data", "b & c"), ("end", "p")]
