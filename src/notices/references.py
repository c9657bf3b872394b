"""Stage 3d: the documents a notice cites: 《title》 with its 文号 where one follows."""

from __future__ import annotations

import re

from .metadata import DOC_NUMBER_RE, normalise_doc_number
from .model import Reference

CITED_RE = re.compile(r"《(?P<title>[^《》]{2,120})》\s*(?:[（(](?P<number>[^（）()]{4,40})[）)])?")


def find_references(texts: list[str], own_title: str | None, own_number: str | None) -> list[Reference]:
    """Every cited document once, in order of first citation; the notice itself excluded."""
    found: list[Reference] = []
    seen: dict[str, int] = {}
    for text in texts:
        for match in CITED_RE.finditer(text):
            title = re.sub(r"\s+", "", match["title"])
            number = None
            if match["number"] and DOC_NUMBER_RE.search(match["number"]):
                number = normalise_doc_number(DOC_NUMBER_RE.search(match["number"]).group(0))
            if title == own_title or (number and number == own_number):
                continue
            if title in seen:
                if number and not found[seen[title]].doc_number:
                    found[seen[title]] = Reference(title, number)
                continue
            seen[title] = len(found)
            found.append(Reference(title, number))
    return found
