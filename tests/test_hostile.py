"""The hostile corpus (tests/fixtures/hostile/, see its README.md) through `convert`, `check` and
`inspect`: each refused file is refused with one plain line naming it (and the line where a
sidecar is wrong), the rest converts, and no input gives a traceback or an "internal error".
Files that git cannot hold (symbolic links out of the folder, a FIFO, an oversized sidecar) are
added at run time. The built site is checked in tests/browser/test_hostile_site.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
NOTICES = str(Path(sys.executable).parent / "notices")

CONVERTED = {"2024-hostile-markup", "2024-hostile-corrections", "2024-hostile-entities", "2024-hostile-controls",
             "2024-hostile-gbk-sidecar", "2024-hostile-utf16-sidecar", "2024-hostile-upper"}
# file refused → (the line's start: the file named, with its line where there is one; words of the English)
REFUSED = {
    "index.txt": ("index.txt: ", "reserves for itself"),
    "2024-hostile-deep.html": ("2024-hostile-deep.html: ", "nested too deeply"),
    "LONG": (".txt: ", "the file name is too long"),
    "2024-hostile-bad-date.txt": ("2024-hostile-bad-date.meta.yml:2: ", "does not exist"),
    "2024-hostile-dup-keys.txt": ("2024-hostile-dup-keys.meta.yml:3: ", "appears twice (first on line 1)"),
    "2024-hostile-deep-sidecar.txt": ("2024-hostile-deep-sidecar.meta.yml:1: ", "nested more than"),
    "2024-hostile-url.txt": ("2024-hostile-url.meta.yml:1: ", "characters a web address cannot"),
    "2024-hostile-js-url.txt": ("2024-hostile-js-url.meta.yml:1: ", "must start with http"),
    "2024-hostile-control-sidecar.txt": ("2024-hostile-control-sidecar.meta.yml:1: ", "control characters (U+000B, U+001B)"),
    "2024-hostile-aliases.txt": ("2024-hostile-aliases.meta.yml:1: ", "anchors and aliases"),
    "2024-hostile-python-tag.txt": ("2024-hostile-python-tag.meta.yml:1: ", "tags (!…) are not allowed"),
    "2024-hostile-keyword-map.txt": ("2024-hostile-keyword-map.meta.yml:2: ", "must be a list"),
    "2024-hostile-binary-sidecar.txt": ("2024-hostile-binary-sidecar.meta.yml:1: ", "save it again as UTF-8"),
    "2024-hostile-title-en-markup.txt": ("2024-hostile-title-en-markup.meta.yml:1: ", "must not hold web code"),
    "2024-hostile-summary-script.txt": ("2024-hostile-summary-script.meta.yml:4: ", "must not hold web code"),
    "2024-hostile-summary-js-link.txt": ("2024-hostile-summary-js-link.meta.yml:2: ", "must not hold web code"),
    "2024-hostile-summary-handler.txt": ("2024-hostile-summary-handler.meta.yml:3: ", "must not hold web code"),
    "2024-hostile-correction-title.txt": ("2024-hostile-correction-title.meta.yml:2: ", "must not hold web code"),
    # added at run time
    "2024-hostile-passwd.txt": ("2024-hostile-passwd.txt: ", "symbolic link"),
    "2024-hostile-zero.txt": ("2024-hostile-zero.meta.yml: ", "symbolic link"),
    "2024-hostile-fifo.txt": ("2024-hostile-fifo.txt: ", "not a regular file"),
    "2024-hostile-big-sidecar.txt": ("2024-hostile-big-sidecar.meta.yml: ", "larger than 256 KB"),
}


def hostile_sources(folder: Path) -> Path:
    """The corpus copied into `folder`, with the cases git cannot hold."""
    shutil.copytree(HOSTILE, folder)
    (folder / "README.md").unlink()
    plain = (HOSTILE / "2024-hostile-corrections.txt").read_text(encoding="utf-8")
    os.symlink("/etc/passwd", folder / "2024-hostile-passwd.txt")
    (folder / "2024-hostile-zero.txt").write_text(plain.replace("2024-90002", "2024-90030"), encoding="utf-8")
    os.symlink("/dev/zero", folder / "2024-hostile-zero.meta.yml")
    os.mkfifo(folder / "2024-hostile-fifo.txt")
    (folder / "2024-hostile-big-sidecar.txt").write_text(plain.replace("2024-90002", "2024-90031"), encoding="utf-8")
    (folder / "2024-hostile-big-sidecar.meta.yml").write_text("summary_en: |\n" + "  words\n" * 60_000, encoding="utf-8")
    return folder


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([NOTICES, *map(str, args)], capture_output=True, text=True, timeout=300)


def no_crash(proc: subprocess.CompletedProcess) -> None:
    both = proc.stdout + proc.stderr
    assert "Traceback" not in both and "internal error" not in both and "内部错误" not in both, both


def refused_line(lines: list[str], name: str) -> str:
    start, words = REFUSED[name]
    if name == "LONG":
        found = [line for line in lines if words in line]
    else:
        found = [line for line in lines if f"/{start}" in line]
    assert len(found) == 1, (name, lines)
    assert words in found[0], found[0]
    return found[0]


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    return hostile_sources(tmp_path_factory.mktemp("hostile") / "sources")


def test_convert_refuses_each_bad_file_in_one_line_and_publishes_the_rest(sources, tmp_path):
    out = tmp_path / "notices"
    proc = run("convert", sources, "--out", out, "--verbose")  # furniture and controls per notice
    no_crash(proc)
    assert proc.returncode == 1
    errors = proc.stderr.splitlines()
    for name in REFUSED:
        refused_line(errors, name)
    assert len(errors) == len(REFUSED), errors
    assert {p.name[: -len(".en.md")] for p in out.glob("*.en.md")} == CONVERTED
    for slug in CONVERTED:  # whole: every file of each notice
        assert all((out / f"{slug}{s}").exists() for s in (".md", ".json", ".source.txt"))
    # the symbolic link to /etc/passwd was not published as anyone's original
    assert not any(b"root:" in p.read_bytes() for p in out.glob("*.source.txt"))
    # control characters removed and reported
    assert "U+000B" in proc.stdout and "\x0b" not in (out / "2024-hostile-controls.md").read_text(encoding="utf-8")


def test_check_flags_the_hostile_values_and_refused_files(sources, tmp_path):
    proc = run("check", "--sources", sources, "--pages", tmp_path)
    no_crash(proc)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("错误 error: ")]
    for name in REFUSED:
        refused_line(errors, name)
    orphans = [line for line in errors if "no source of the same name" in line]
    assert len(orphans) == 1 and "2024-hostile-orphan.meta.yml" in orphans[0]  # x.TXT's sidecar is no orphan
    warnings = proc.stdout
    for flagged in ("<img src=x onerror=alert", "市<svg/onload=alert`110`>局", 'onmouseover="alert`111`',
                    "<script>alert`102`</script>", "javascript:alert`106`", "=1+2局", "@A1局", "+深圳市市场监督管理局",
                    "<script>alert`403`</script>"):
        assert f"「{flagged}" in warnings or flagged in warnings, flagged


def test_inspect_never_crashes(sources):
    for path in sorted(sources.iterdir()):
        if path.name.endswith(".meta.yml"):
            continue
        proc = run("inspect", path)
        no_crash(proc)
        if proc.returncode:
            assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
