"""The theme's icons, once per site instead of inline in every page.

mkdocs-material writes every icon of its header, drawer, search box and footer into the page as
an inline <svg>: about eight of them, 2 KB of every page. Each icon becomes a reference (about
70 bytes) to a symbol of one file, assets/icons.svg, written at the end of the build from the
icons the pages used; a browser fetches it once and keeps it (9 MiB less HTML at 1,000
notices). The icon keeps its element, and so the theme's size and colour rules, which the
symbol's paths inherit.
"""

from __future__ import annotations

import functools
import hashlib
import re

SPRITE = "assets/icons.svg"
# An icon as the theme writes it (its .icons/*.svg files): no attributes but these two, no svg inside.
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="([^"<>]+)">([^<]*(?:<(?!/?svg\b)[^<]*)*)</svg>')
# Where the page finds the theme's assets (relative, or absolute on the 404 page): the sprite is beside them.
_ASSETS = re.compile(r'<link rel="stylesheet" href="([^"]*)assets/stylesheets/main\.[0-9a-f]+\.min\.css">')


@functools.lru_cache(maxsize=256)  # the same few icons on every page
def icon_id(view_box: str, body: str) -> str:
    """A symbol's id: a digest of the icon, so the same icon is one symbol in every page."""
    return "i" + hashlib.sha1(f"{view_box}\n{body}".encode()).hexdigest()[:10]


def use_sprite(page: str, icons: dict[str, tuple[str, str]]) -> str:
    """The page with each inline icon replaced by a reference to its symbol in the sprite; the
    icons are added to `icons` (id → (viewBox, content)). A page that does not link the theme's
    stylesheet (so the sprite's place is unknown) is returned as it is."""
    assets = _ASSETS.search(page)
    if not assets:
        return page
    href = assets.group(1) + SPRITE

    def one(m: re.Match) -> str:
        key = icon_id(m.group(1), m.group(2))
        icons.setdefault(key, (m.group(1), m.group(2)))
        return f'<svg viewBox="{m.group(1)}"><use href="{href}#{key}"/></svg>'

    return _ICON.sub(one, page)


def sprite(icons: dict[str, tuple[str, str]]) -> str:
    """The sprite file: one <symbol> per icon, in id order (the same icons, the same bytes)."""
    symbols = "".join(f'<symbol id="{key}" viewBox="{box}">{body}</symbol>' for key, (box, body) in sorted(icons.items()))
    return f'<svg xmlns="http://www.w3.org/2000/svg">{symbols}</svg>\n'
