"""The `notices` command as a maintainer runs it, including on bad input."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import plain_file_mode


ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "sources" / "2020-shanghai-changning-work-plan.txt"


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "notices.cli", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_inspect_prints_one_json_object():
    result = run("inspect", GOOD)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["doc_number"] == "沪长打假发〔2020〕1号"
    assert data["jurisdiction"]["level"] == "county"
    for key in ("title", "notice_title", "index_number", "issuer", "issued_date", "published_date",
                "references", "sections", "tasks", "agencies", "campaigns", "dropped"):
        assert key in data


def test_convert_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("convert", ROOT / "sources", "--out", first).returncode == 0
    assert run("convert", ROOT / "sources", "--out", second).returncode == 0
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir()) and len(names) == 25  # five files a notice: zh, en, record, text, original
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_converted_files_are_as_readable_as_any_file_written_here(tmp_path):
    # written through temporary files, which are owner-only until told otherwise
    assert run("convert", ROOT / "sources", "--out", tmp_path / "out").returncode == 0
    expected = plain_file_mode(tmp_path)
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in (tmp_path / "out").iterdir()}
    assert set(modes.values()) == {oct(expected)}, modes


BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "mixed-encodings.txt": "一、总体要求\n".encode("utf-8") + "（一）加强执法。（区市场监管局负责）\n".encode("gbk") * 3
    + "二、工作要求".encode("big5"),
}


def write_bad_corpus(folder: Path) -> None:
    folder.mkdir()
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    shutil.copy(GOOD, folder / "good.txt")
    # truncated mid-parenthesis: converts, the open parenthesis stays as text
    text = GOOD.read_text(encoding="utf-8")
    (folder / "truncated.txt").write_text(text[: text.index("区委宣传部、区商务委") + 6], encoding="utf-8")
    # two sources that would make the same page
    shutil.copy(GOOD, folder / "same-page.txt")
    (folder / "same-page.html").write_text("<html><body><p>2020年某区工作要点</p></body></html>", encoding="utf-8")
    # a megabyte on one line
    (folder / "one-line.txt").write_text("上海市长宁区打击侵权假冒工作要点 " + "加强执法，严厉打击侵权假冒。" * 75000,
                                         encoding="utf-8")


def test_bad_input_gets_one_clear_line_each_and_costs_nothing_else(tmp_path):
    sources, out = tmp_path / "in", tmp_path / "out"
    write_bad_corpus(sources)
    result = run("convert", sources, "--out", out)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    failed = {Path(line.split(":")[0]).name for line in lines}
    assert failed == {"empty.txt", "binary.txt", "mixed-encodings.txt", "same-page.txt", "same-page.html"}, lines
    for line in lines:
        assert " / " in line  # Chinese, then the English alongside
    made = sorted(p.name for p in out.iterdir())
    assert "good.md" in made and "truncated.md" in made and "one-line.md" in made
    assert not [p for p in made if p.endswith(".tmp") or p.startswith(".")]
    assert not [p for p in made if p.startswith(("empty", "binary", "mixed", "same-page"))]


def test_duplicate_index_numbers_are_refused(tmp_path):
    sources = ROOT / "sources" / "2023-gansu-baiyin-baiyin-work-plan.txt"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sources, folder / "first.txt")
    shutil.copy(sources, folder / "second.txt")
    result = run("convert", folder, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "234234234444444444/2023-00022" in result.stderr
    assert {Path(line.split(":")[0]).name for line in result.stderr.splitlines()} == {"first.txt", "second.txt"}


def test_a_large_batch_converted_in_parallel_writes_what_one_notice_alone_gives(tmp_path, registry):
    from notices.batch import PARALLEL_FROM, outputs
    from notices.parse import load_notice

    sources, out = tmp_path / "in", tmp_path / "out"
    assert run("generate", "--count", str(PARALLEL_FROM + 8), "--seed", "3", "--out", sources).returncode == 0
    indexed = next(p for p in sorted(sources.glob("*.txt")) if "索引号" in p.read_text(encoding="utf-8", errors="replace"))
    shutil.copy(indexed, sources / "zz-copy.txt")
    result = run("convert", sources, "--out", out)
    assert result.returncode == 1
    assert {Path(line.split(":")[0]).name for line in result.stderr.splitlines()} == {indexed.name, "zz-copy.txt"}
    expected = {}
    for source in sorted(p for p in sources.iterdir() if p.suffix in (".txt", ".html")):
        if source.name not in (indexed.name, "zz-copy.txt"):
            expected.update(outputs(load_notice(source, registry), source))
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)  # no temporary files either
    for name, data in expected.items():
        assert (out / name).read_bytes() == data, name


def test_hostile_html_never_reaches_a_page_as_markup(tmp_path):
    source = ROOT / "tests" / "fixtures" / "notices" / "2019-jiangxi-ganzhou-nankang-work-plan.html"
    result = run("convert", source, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    for page in tmp_path.glob("*.md"):
        text = page.read_text(encoding="utf-8").lower()
        for needle in ("<script", "javascript:", "onerror", "onclick", "onload", "<iframe", "<img", "evil.invalid"):
            assert needle not in text, (page.name, needle)


def test_check_reports_a_stale_page_and_a_sidecar_error(tmp_path):
    folder, pages = tmp_path / "in", tmp_path / "pages"
    folder.mkdir()
    shutil.copy(GOOD, folder / "changning.txt")
    assert run("convert", folder, "--out", pages).returncode == 0
    assert run("check", "--sources", folder, "--pages", pages).returncode == 0
    (pages / "changning.md").write_text("edited by hand", encoding="utf-8")
    (folder / "changning.meta.yml").write_text("title_en: ok\nsumary_en: typo\n", encoding="utf-8")
    result = run("check", "--sources", folder, "--pages", pages)
    assert result.returncode == 1
    assert "changning.meta.yml:2:" in result.stderr and "sumary_en" in result.stderr


def test_unusable_input_for_inspect_exits_non_zero_with_the_same_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("inspect", empty)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().startswith(f"{empty}: ")


def test_dropped_furniture_is_reported_one_quoted_string_each(tmp_path):
    # the Baiyin notice's page furniture includes "|" separators: a list joined by " | " was unreadable
    source = ROOT / "sources" / "2023-gansu-baiyin-baiyin-work-plan.txt"
    result = run("convert", source, "--out", tmp_path, "--verbose")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "dropped as page furniture" in line)
    assert line.startswith(f"{source}: 去除页面杂项 dropped as page furniture (8): ")
    assert line.endswith(": 「| |」、「浏览次数:」、「|」、「|」、「|」、「|」、「|」、「|」")


def test_check_asks_for_the_originals_address(tmp_path):
    """A notice whose sidecar gives no source_url (or that has none) gets a warning naming the
    sidecar to write it in; it does not fail the check. With source_url, no such warning."""
    folder, pages = tmp_path / "in", tmp_path / "pages"
    folder.mkdir()
    shutil.copy(GOOD, folder / "changning.txt")
    assert run("convert", folder, "--out", pages).returncode == 0
    result = run("check", "--sources", folder, "--pages", pages)
    assert result.returncode == 0
    assert f"警告 warning: {folder / 'changning.meta.yml'}: 没有原文网址；请在旁注文件中写 source_url" in result.stdout
    assert "no source_url: write the address of the issuing authority's page in the sidecar" in result.stdout
    (folder / "changning.meta.yml").write_text("source_url: https://www.shcn.gov.cn/art/2020/4/1/art_1.html\n",
                                               encoding="utf-8")
    assert run("convert", folder, "--out", pages).returncode == 0
    result = run("check", "--sources", folder, "--pages", pages)
    assert result.returncode == 0 and "source_url" not in result.stdout


def test_the_original_is_published_readable_and_as_obtained(tmp_path):
    """<slug>.source.txt: the text as UTF-8 with a byte-order mark (a browser shows it right without
    a charset from the server); <slug>.original: the bytes as obtained, whose SHA-256 the record gives."""
    import hashlib
    import json

    source = tmp_path / "2020-gbk-notice.txt"
    text = GOOD.read_text(encoding="utf-8")
    source.write_bytes(text.encode("gb18030"))
    out = tmp_path / "out"
    assert run("convert", source, "--out", out).returncode == 0
    readable = (out / "2020-gbk-notice.source.txt").read_bytes()
    assert readable.startswith(b"\xef\xbb\xbf") and readable[3:].decode("utf-8") == text
    assert (out / "2020-gbk-notice.original").read_bytes() == source.read_bytes()
    record = json.loads((out / "2020-gbk-notice.json").read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()


def test_routine_notes_are_summed_up_in_one_line_with_the_details_in_a_report(tmp_path):
    sources = [ROOT / "sources" / "2023-gansu-baiyin-baiyin-work-plan.txt",
               ROOT / "tests" / "fixtures" / "documents" / "2023-jiangsu-suzhou-work-plan-pdf.pdf"]
    report = tmp_path / "report.txt"
    result = run("convert", *sources, "--out", tmp_path / "out", "--report", report)
    assert result.returncode == 0, result.stderr
    assert "dropped as page furniture" not in result.stdout  # no line per notice by default
    summary = [line for line in result.stdout.splitlines() if "page furniture" in line]
    assert summary == [f"去除页面杂项 13 处，涉及 2 份通知（明细见 {report}）/ "
                       f"dropped 13 strings of page furniture in 2 notices (details in {report})"]
    details = report.read_text(encoding="utf-8").splitlines()
    assert details[0].startswith(f"{sources[0]}: 去除页面杂项 dropped as page furniture (8): ")
    assert details[1] == f"{sources[1]}: 去除页面杂项 dropped as page furniture (5): 「— 1 —」、「— 2 —」、「— 3 —」、「— 4 —」、「— 5 —」"
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_a_progress_bar_on_a_terminal(tmp_path):
    """Run under a pseudo-terminal of 100 columns: the bar is drawn while the batch runs."""
    import fcntl
    import pty
    import struct
    import termios

    folder = tmp_path / "sources"
    folder.mkdir()
    for source in sorted((ROOT / "sources").glob("*.txt"))[:3]:
        (folder / source.name).write_bytes(source.read_bytes())
    command = [sys.executable, "-m", "notices.cli", "convert", str(folder), "--out", str(tmp_path / "out")]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT)
    os.close(slave)
    captured = bytearray()
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the terminal is gone once the process ends
            break
        if not data:
            break
        captured.extend(data)
    os.close(master)
    assert process.wait(timeout=120) == 0, captured
    text = captured.decode("utf-8", "replace")
    assert "转换 converting:" in text and "0/3" in text  # drawn, then cleared when done
    assert "已转换 converted 3 / 3" in text


def test_a_notice_that_names_no_place_converts_and_check_names_the_sidecar_field(tmp_path):
    """No refusal for a missing fact: convert exits 0 with one warning line; check warns (exit 0)
    and says which sidecar field settles it; with that field set, the warning is gone."""
    folder, pages = tmp_path / "in", tmp_path / "pages"
    folder.mkdir()
    (folder / "nowhere.txt").write_text("关于做好打击侵权假冒工作的通知\n\n各有关单位：\n\n一、加强组织领导。（市场监管局负责）\n\n"
                                        "某某单位\n\n2020年5月1日\n", encoding="utf-8")
    result = run("convert", folder, "--out", pages)
    assert result.returncode == 0, result.stderr
    warning = [line for line in (result.stdout + result.stderr).splitlines() if "所属地区" in line]
    assert len(warning) == 1 and "nowhere.meta.yml" in warning[0] and "jurisdiction:" in warning[0]
    assert json.loads((pages / "nowhere.json").read_text(encoding="utf-8"))["jurisdiction"]["level"] == "undetermined"
    result = run("check", "--sources", folder, "--pages", pages)
    assert result.returncode == 0
    assert f"{folder / 'nowhere.txt'}: 未能确定所属地区" in result.stdout and "jurisdiction: 某省某市某区" in result.stdout
    (folder / "nowhere.meta.yml").write_text("corrections:\n  jurisdiction: 江苏省苏州市\n"
                                            "correction_note: 见原件落款。/ See the signature.\n", encoding="utf-8")
    assert run("convert", folder, "--out", pages).returncode == 0
    result = run("check", "--sources", folder, "--pages", pages)
    assert result.returncode == 0 and "所属地区" not in result.stdout
