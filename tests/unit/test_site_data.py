"""notices.site.data.load_notices: read once per process while the files stay the same."""

from __future__ import annotations

import json
import os

from notices.site.data import load_notices


def write(folder, slug: str, **fields) -> None:
    (folder / f"{slug}.json").write_text(json.dumps({"slug": slug, "body": ["text"], **fields}), encoding="utf-8")


def test_notices_are_read_once_while_the_files_stay_the_same(tmp_path):
    write(tmp_path, "a", title="A")
    write(tmp_path, "b", title="B")
    first = load_notices(tmp_path)
    assert [n["slug"] for n in first] == ["a", "b"] and "body" not in first[0]
    assert load_notices(tmp_path) is first  # both hooks of a build share one copy


def test_a_changed_added_or_removed_file_is_read_again(tmp_path):
    write(tmp_path, "a", title="A")
    first = load_notices(tmp_path)
    write(tmp_path, "a", title="A, corrected")
    os.utime(tmp_path / "a.json", ns=(1, 1))  # a time of change of its own, however fast the clock
    assert load_notices(tmp_path)[0]["title"] == "A, corrected"
    write(tmp_path, "c", title="C")
    assert [n["slug"] for n in load_notices(tmp_path)] == ["a", "c"]
    (tmp_path / "c.json").unlink()
    assert [n["slug"] for n in load_notices(tmp_path)] == ["a"]
    assert load_notices(tmp_path / "missing") == []
