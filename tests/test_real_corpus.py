"""The real-notice corpus (corpus/real/): the converter refuses none of its notices and reads
at least the share of facts stored in corpus/real/threshold.yaml (raised as the parser improves)."""

import io
from pathlib import Path

import pytest
import yaml

from notices.registry import Registry
from notices.score import print_report, score_folder

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "real"


@pytest.fixture(scope="module")
def report():
    return score_folder(CORPUS, Registry.load())


def test_the_corpus_is_whole(report):
    assert report.notices, "corpus/real/ holds no notices"
    assert report.errors == []


# A missing fact is a warning and a flag on the page, never a lost notice (issue 19).
def test_no_notice_is_refused(report):
    assert [n.refused for n in report.refused] == []


def test_score_is_at_least_the_threshold(report):
    threshold = float(yaml.safe_load((CORPUS / "threshold.yaml").read_text(encoding="utf-8"))["min_score"])
    out = io.StringIO()
    print_report(report, threshold, out)
    assert report.score >= threshold, out.getvalue()
