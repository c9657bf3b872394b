"""Golden files: each test notice's pages and JSON as `notices convert` writes them.

A failure prints a unified diff. After reading that diff and agreeing with every line of it,
rewrite the expected files with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`."""

import difflib
import json
import os
from pathlib import Path

import pytest

from notices.batch import outputs
from notices.parse import load_notice

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SOURCES = sorted((ROOT / "sources").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "fixtures" / "notices").iterdir() if p.suffix in (".txt", ".html")) + sorted(
    # one notice as text, as a PDF printed from it and as a .docx written from it
    p for p in (ROOT / "tests" / "fixtures" / "documents").iterdir() if p.suffix in (".txt", ".pdf", ".docx"))
COMPARED = (".md", ".en.md", ".json")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_conversion_matches_golden(source, registry):
    notice = load_notice(source, registry)
    folder = GOLDEN / notice.slug
    problems = []
    for name, data in outputs(notice, source).items():
        suffix = name[len(notice.slug):]
        if suffix not in COMPARED:
            continue
        expected_path = folder / f"expected{suffix}"
        actual = data.decode("utf-8")
        if suffix == ".json":  # written compact; compared indented, so that a diff can be read
            actual = json.dumps(json.loads(actual), ensure_ascii=False, indent=1) + "\n"
        if os.environ.get("UPDATE_GOLDEN"):
            folder.mkdir(parents=True, exist_ok=True)
            expected_path.write_text(actual, encoding="utf-8")
            continue
        expected = expected_path.read_text(encoding="utf-8") if expected_path.exists() else ""
        if actual != expected:
            diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                        str(expected_path), "converted now", lineterm="", n=1)
            problems.append("\n".join(list(diff)[:80]))
    assert not problems, "\n\n".join(problems)
