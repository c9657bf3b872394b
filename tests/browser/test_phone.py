"""The site on a phone (390 × 844, an iPhone 12–14's screen in CSS pixels): the largest page of
each kind in both languages reads without sideways scrolling. No table is wider than the screen
or scrolls inside its own box, no cell holding 20 or more characters is squeezed under 150 px
(a task's text wrapping every few characters), and body text is at least 16 px; with the
larger-text switch on, every table still fits.

Screenshots of each page (the top of the page and the first table) are written to the folder
SD_SCREENSHOTS names, or to the test's temporary folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import SitePage, page_kind

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# What a reader on a phone would have to fight: measured in the page.
MEASURE = """() => {
  const W = document.documentElement.clientWidth;
  const article = document.querySelector('article') || document.body;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/)[0] : '');
  const text = el => el.textContent.replace(/\\s+/g, ' ').trim();
  const visible = el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const wide = [], scrolling = [], squeezed = [], small = [];
  for (const t of article.querySelectorAll('table')) {
    if (!visible(t)) continue;
    const b = t.getBoundingClientRect();
    if (b.right > W + 0.5 || b.width > W + 0.5) wide.push(`${name(t)} ${Math.round(b.width)}px`);
    for (const cell of t.querySelectorAll('td, th')) {
      const head = cell.closest('thead');  // a head row kept for screen readers only (clipped)
      if (head && getComputedStyle(head).clipPath !== 'none') continue;
      const w = cell.getBoundingClientRect().width;
      if (w > 0 && w < 150 && text(cell).length >= 20) squeezed.push(`${Math.round(w)}px «${text(cell).slice(0, 24)}»`);
    }
  }
  for (const el of article.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (/(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && visible(el))
      scrolling.push(`${name(el)} ${el.scrollWidth}>${el.clientWidth}`);
  }
  for (const el of article.querySelectorAll('p, li, td, th, dd, dt')) {
    if (!visible(el) || !text(el)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < 16) small.push(`${name(el)} ${px}px «${text(el).slice(0, 16)}»`);
  }
  return {overflow: document.documentElement.scrollWidth - W, wide, scrolling, squeezed, small,
          tables: article.querySelectorAll('table').length};
}"""


def largest_of_each_kind(site_dir: Path, pages: list[SitePage]) -> list[SitePage]:
    """The largest page (bytes of HTML) of each kind in each language: the hardest to lay out. A
    kind is a section and a depth: the campaigns' index and a campaign's page, the catalogue, its
    list of places and a place's page, are kinds of their own."""
    best: dict[tuple[str, str, int], SitePage] = {}
    size = lambda p: (site_dir / p.path / "index.html").stat().st_size  # noqa: E731
    for page in sorted(pages, key=lambda p: p.path):
        key = (page.lang, page_kind(page), page.path.strip("/").count("/"))
        if key not in best or size(page) > size(best[key]):
            best[key] = page
    return [best[k] for k in sorted(best)]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("SD_SCREENSHOTS") or tmp_path_factory.mktemp("phone"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def problems(measured: dict) -> list[str]:
    found = []
    if measured["overflow"] > 0:
        found.append(f"the page scrolls sideways by {measured['overflow']} px")
    for key, what in (("wide", "tables wider than the screen"), ("scrolling", "boxes scrolling sideways"),
                      ("squeezed", "long cells under 150 px"), ("small", "text under 16 px")):
        if measured[key]:
            found.append(f"{len(measured[key])} {what}: {measured[key][:4]}")
    return found


@pytest.mark.parametrize("large_text", [False, True], ids=["default-text", "larger-text-switch"])
def test_largest_pages_read_on_a_phone(browser, built_site, site_server, site_pages, shots, large_text):
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    if large_text:
        ctx.add_init_script("localStorage.setItem('sd-large-text', '1')")
    page = ctx.new_page()
    failures, measured_tables = [], 0
    try:
        for site_page in largest_of_each_kind(built_site, site_pages):
            page.goto(site_server + site_page.path, wait_until="networkidle")
            measured = page.evaluate(MEASURE)
            measured_tables += measured["tables"]
            name = re.sub(r"[^a-z0-9.-]+", "_", site_page.path.strip("/") or "home") + ("-large" if large_text else "")
            page.screenshot(path=str(shots / f"{name}.png"))
            table = page.locator("article table").first
            if measured["tables"] and table.is_visible():
                table.scroll_into_view_if_needed()
                page.screenshot(path=str(shots / f"{name}-table.png"))
            failures += [f"/{site_page.path}: {p}" for p in problems(measured)]
    finally:
        ctx.close()
    assert measured_tables > 0, "no table was measured: the check would pass on any site"
    assert failures == [], "\n".join(failures)
