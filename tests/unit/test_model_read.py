"""notices.model.from_plain: the inverse of model.plain, for the records the site reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from notices.model import Agency, Elements, Notice, Section, Task, from_plain, plain
from notices.parse import load_notice
from notices.registry import Registry
from notices.render import render_json

REPO = Path(__file__).resolve().parent.parent.parent
GOLDENS = sorted((REPO / "tests" / "golden").glob("*/expected.json"))


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.parent.name)
def test_every_golden_record_reads_back_to_the_same_json(path):
    record = json.loads(path.read_text(encoding="utf-8"))
    notice = from_plain(Notice, record)
    assert plain(notice) == record
    assert from_plain(Notice, plain(notice)) == notice
    assert isinstance(notice.elements, Elements)
    assert all(isinstance(t, Task) for t in notice.tasks) and all(isinstance(a, Agency) for a in notice.agencies)
    nested = [c for s in notice.sections for c in s.children]
    assert all(isinstance(c, Section) for c in nested)


def test_freshly_converted_notices_read_back_equal():
    registry = Registry.load()
    sources = sorted((REPO / "sources").glob("*.txt"))
    assert sources
    for source in sources:
        notice = load_notice(source, registry)
        assert from_plain(Notice, json.loads(render_json(notice))) == notice, source.name


def test_optional_nested_values_and_defaults():
    agency = {"id": "x", "name": "局", "full_name": "某局", "name_en": "Bureau", "name_en_official": False,
              "system": "s", "jurisdiction": "某地", "jurisdiction_id": "p"}
    assert from_plain(Agency, agency) == Agency(**agency)  # parent and in_registry: their defaults
    assert from_plain(Elements, {}) == Elements()
    section = {"id": "s-1", "number": "一、", "heading": "H", "level": 1,
               "children": [{"id": "s-1-1", "number": "（一）", "heading": "h", "level": 2}]}
    read = from_plain(Section, section)
    assert read.children[0] == Section("s-1-1", "（一）", "h", 2)


def test_wrong_shapes_are_refused():
    with pytest.raises(ValueError, match="Elements: unknown keys colour"):
        from_plain(Elements, {"colour": "red"})
    with pytest.raises(ValueError, match="Agency: .*'full_name'"):
        from_plain(Agency, {"id": "x", "name": "局"})
