"""The corpus generator (notices.generate): deterministic output, notices that convert, and a
parser that recovers what the generator put in (its manifest.json is the ground truth)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from notices.generate import choose_issuers, compare, write_corpus
from notices.parse import load_notice, slug_for
from notices.registry import Registry

COUNT, SEED = 30, 7
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, registry) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("corpus")
    return out, write_corpus(COUNT, SEED, out, registry)


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(corpus, tmp_path, registry):
    out, _ = corpus
    write_corpus(COUNT, SEED, tmp_path, registry)
    assert files(tmp_path) == files(out)


def test_other_seed_other_corpus(corpus, tmp_path, registry):
    out, _ = corpus
    write_corpus(COUNT, SEED + 1, tmp_path, registry)
    assert files(tmp_path) != files(out)


def test_issuers(registry):
    issuers = choose_issuers(registry)
    levels = [j.level for j in issuers]
    assert (levels.count("national"), levels.count("province"), levels.count("prefecture"),
            levels.count("county")) == (1, 15, 30, 34)
    assert issuers == choose_issuers(registry)


def test_manifest_and_files(corpus):
    out, manifest = corpus
    assert len(manifest) == COUNT
    names = [t["file"] for t in manifest]
    assert len(set(names)) == COUNT
    assert sorted(names + ["manifest.json"]) == sorted(files(out))
    for truth in manifest:
        assert truth["file"].isascii() and slug_for(Path(truth["file"])) == truth["slug"]
        assert 5 * 1024 <= truth["bytes"] <= 30 * 1024, truth["file"]
        assert 20 <= len(truth["tasks"]) <= 66, truth["file"]  # 20-60 measures and the 工作要求 items
        assert 2012 <= int(truth["slug"][:4]) <= 2025
    recorded = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert recorded["notices"] == manifest


def test_formats_present(corpus):
    _, manifest = corpus
    assert {t["format"] for t in manifest} == {"pdf-text", "xxgk-text", "html"}
    assert {t["kind"] for t in manifest} == {"work-plan", "implementation-plan", "campaign-notice"}


def test_gb18030_pages_are_not_utf8(corpus):
    out, manifest = corpus
    for truth in manifest:
        if truth["encoding"] == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                (out / truth["file"]).read_bytes().decode("utf-8")


def test_every_notice_converts(corpus, tmp_path):
    out, _ = corpus
    result = subprocess.run([sys.executable, "-m", "notices.cli", "convert", str(out), "--out", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*.json"))) == COUNT


def ground_truth_cases() -> list[str]:
    """The file names of the generated corpus, one test case each."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        manifest = write_corpus(COUNT, SEED, Path(tmp), Registry.load())
    return [truth["file"] for truth in manifest]


@pytest.mark.parametrize("name", ground_truth_cases())
def test_parser_recovers_ground_truth(corpus, registry, name):
    out, manifest = corpus
    truth = next(t for t in manifest if t["file"] == name)
    notice = load_notice(out / name, registry)
    assert compare(truth, notice) == []
