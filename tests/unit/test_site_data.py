"""notices.site.data.load_notices: the records read back into model.Notice without their text,
once per process while the files stay the same."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from notices.model import Block, Notice
from notices.site.data import load_notices

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "2022-shanghai-work-plan" / "expected.json"


def write(folder, slug: str, **fields) -> None:
    record = {**json.loads(GOLDEN.read_text(encoding="utf-8")), "slug": slug, **fields}
    (folder / f"{slug}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def test_notices_are_read_once_while_the_files_stay_the_same(tmp_path):
    write(tmp_path, "a", title="A")
    write(tmp_path, "b", title="B")
    first = load_notices(tmp_path)
    assert [n.slug for n in first] == ["a", "b"] and all(isinstance(n, Notice) for n in first)
    assert first[0].body == []  # the text: no page reads it
    assert first[0].tasks and first[0].tasks[0].agencies[0].role in ("lead", "responsible", "support")
    assert load_notices(tmp_path) is first  # both hooks of a build share one copy


def test_a_changed_added_or_removed_file_is_read_again(tmp_path):
    write(tmp_path, "a", title="A")
    assert load_notices(tmp_path)[0].title == "A"  # read, and kept while the files stay the same
    write(tmp_path, "a", title="A, corrected")
    os.utime(tmp_path / "a.json", ns=(1, 1))  # a time of change of its own, however fast the clock
    assert load_notices(tmp_path)[0].title == "A, corrected"
    write(tmp_path, "c", title="C")
    assert [n.slug for n in load_notices(tmp_path)] == ["a", "c"]
    (tmp_path / "c.json").unlink()
    assert [n.slug for n in load_notices(tmp_path)] == ["a"]
    assert load_notices(tmp_path / "missing") == []


def test_a_record_from_another_version_is_named_not_guessed_at(tmp_path):
    write(tmp_path, "a", colour="red")
    with pytest.raises(ValueError, match=r"a\.json: .*notices convert.*Notice: unknown keys colour"):
        load_notices(tmp_path)
    record = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    del record["colour"], record["tasks"]
    (tmp_path / "a.json").write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.json: .*'tasks'"):
        load_notices(tmp_path)


def test_the_body_is_read_where_it_is_asked_for(tmp_path):
    from notices.search import records

    write(tmp_path, "a")
    (full,) = records(tmp_path)
    assert full.body and all(isinstance(b, Block) for b in full.body)
