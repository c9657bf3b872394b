"""The English notice pages of a built site (the launch notices converted without their sidecars,
the hardest case): every task has at least five English words of its own, outside links, and no page is more than 2 % Chinese outside elements marked lang="zh…"."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_site, bundled_sources

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("no-sidecars")
    copies = []
    for source in bundled_sources():  # the sources alone: no English summary, title or corrections
        copies.append(Path(shutil.copy(source, folder / source.name)))
    return build_site(folder / "build", copies)


class PageText(HTMLParser):
    """The article's text outside lang="zh…" elements, and each task row's own words."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, in Chinese, in link or details)
        self.in_article = 0
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.task_rows: set[int] = set()  # rows whose first cell holds a task's anchor (id t-…)
        self.cell = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        zh, hidden = self.stack[-1][1:] if self.stack else (False, False)
        zh = zh or (attrs.get("lang") or "").startswith("zh")
        hidden = hidden or tag in ("a", "details")
        self.stack.append((tag, zh, hidden))
        if tag == "article":
            self.in_article += 1
        if tag == "tr":
            self.rows.append([])
            self.cell = 0
        if tag == "td":
            self.cell += 1
        if self.rows and self.cell == 1 and (attrs.get("id") or "").startswith("t-"):
            self.task_rows.add(len(self.rows) - 1)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            top = self.stack.pop()[0]
            if top == "article":
                self.in_article -= 1
            if top == tag:
                break

    def handle_data(self, data):
        if not self.in_article:
            return
        zh, hidden = self.stack[-1][1:] if self.stack else (False, False)
        if not zh:
            self.text.append(data)
        if self.rows and self.cell == 1 and not zh and not hidden and any(t == "td" for t, _, _ in self.stack):
            self.rows[-1].append(data)


def english_pages(site: Path) -> list[Path]:
    pages = sorted((site / "en" / "notices").glob("*/index.html"))
    assert pages, "no English notice pages were built"
    return pages


def parse(page: Path) -> PageText:
    parser = PageText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_task_has_five_english_words_of_its_own(site):
    for page in english_pages(site):
        parsed = parse(page)
        rows = [r for i, r in enumerate(parsed.rows) if i in parsed.task_rows]
        assert rows, f"{page}: no task rows"
        for row in rows:
            words = [w for w in WORD.findall(" ".join(row)) if w not in ("generated", "by", "rule")]
            assert len(words) >= 5, f"{page}: {' '.join(row)[:200]}"


def test_no_english_notice_page_is_more_than_two_percent_unmarked_chinese(site):
    for page in english_pages(site):
        text = "".join(parse(page).text)
        unmarked = HAN.findall(text)
        assert len(unmarked) <= 0.02 * len(text), f"{page}: {''.join(unmarked)[:120]}"


def test_topic_pages_and_the_problem_guide_exist_in_english_without_unmarked_chinese(site):
    pages = [site / "en" / "foreign" / "index.html", site / "en" / "topics" / "index.html"]
    pages += sorted((site / "en" / "topics").glob("*/index.html"))
    assert len(pages) > 5 and all(p.exists() for p in pages)
    assert (site / "topics" / "index.html").exists() and (site / "foreign" / "index.html").exists()
    assert 'id="problems"' in pages[0].read_text(encoding="utf-8")
    for page in pages:
        text = "".join(parse(page).text)
        unmarked = HAN.findall(text)
        assert len(unmarked) <= 0.02 * len(text), f"{page}: {''.join(unmarked)[:120]}"


def test_the_home_page_links_the_topics_and_the_problem_guide(site):
    for home in (site / "index.html", site / "en" / "index.html"):
        html = home.read_text(encoding="utf-8")
        assert 'href="topics/' in html and 'foreign/#problems' in html, home


def test_no_english_page_is_more_than_two_percent_unmarked_chinese(site):
    pages = sorted((site / "en").rglob("index.html"))
    assert len(pages) > 50
    over = []
    for page in pages:
        text = "".join(parse(page).text)
        if text and len(HAN.findall(text)) > 0.02 * len(text):
            over.append(f"{page.relative_to(site)}: {''.join(HAN.findall(text))[:60]}")
    assert not over, "\n".join(over)
