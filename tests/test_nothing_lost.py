"""Every sentence of a notice's body reaches its page in its original wording; what is not
there was reported as dropped page furniture or shown as metadata."""

import html
import re
from pathlib import Path

import pytest
import yaml

from notices.clean import normalise_spaces
from notices.ingest import read_source
from notices.parse import load_notice
from notices.render import render_zh

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "sources").glob("*.txt")) + sorted(
    p for p in (ROOT / "tests" / "fixtures" / "notices").iterdir() if p.suffix in (".txt", ".html")) + sorted(
    # one notice as text, as a PDF printed from it and as a .docx written from it
    p for p in (ROOT / "tests" / "fixtures" / "documents").iterdir() if p.suffix in (".txt", ".pdf", ".docx"))
LABELS = [label for labels in yaml.safe_load((ROOT / "data" / "metadata_labels.yaml").read_text()).values()
          for label in labels]


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words(text: str) -> str:
    """The text without white space and sentence punctuation, which headings may drop."""
    return re.sub(r"[\s。；，,：:]", "", text)


def page_text(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # link targets are not words of the notice
    text = re.sub(r"\{[:#][^}]*\}", "", text)
    return words(html.unescape(text))


def sentences(line: str) -> list[str]:
    """Pieces of a source line that the page must hold unbroken: the page may put a task's
    agencies, or an outline heading, on a line of its own, so pieces end there too."""
    pieces = re.split(r"(?<=[。；！？）)])|\s+", line)
    return [compact(p) for p in pieces if len(compact(p)) > 1]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_sentence_reaches_the_page(source, registry):
    notice = load_notice(source, registry)
    page = page_text(render_zh(notice))
    dropped = {compact(d) for d in notice.dropped}
    missing = []
    for line in normalise_spaces(read_source(source).text).splitlines():
        line = re.sub(r"(\s*\|)+\s*$", "", line)  # flattened tables end rows with pipes
        if not compact(line) or compact(line) in dropped or "|" in line:
            continue
        if any(compact(line).startswith(label) for label in LABELS):
            continue  # a metadata line: its values are in the metadata table
        # a page break may split a sentence over two source lines: each part must still be there
        missing += [s for s in sentences(line) if words(s) not in page]
    assert not missing, f"{len(missing)} sentences missing, e.g. {missing[:3]}"
