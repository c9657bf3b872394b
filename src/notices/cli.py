"""The `notices` command: convert, inspect, check. It wires the pipeline stages together and
holds no parsing logic. Messages a maintainer reads are in Chinese with the English alongside."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path

from .batch import (PAGES_DIR, SOURCES_DIR, collect_sources, commit, discard, orphan_sidecars, outputs,
                    parse_all, remove, remove_stale_temps, render_all, stale_outputs)
from .errors import NoticeError
from .parse import load_notice, slug_for, undetermined_warning
from .registry import DATA_DIR, Registry
from .safety import MARKUP_RE, markup_in

CORPUS_DIR = DATA_DIR.parent / "corpus" / "real"
from .sidecar import sidecar_path


def fail(message: str) -> None:
    print(message, file=sys.stderr)


@contextlib.contextmanager
def progress(total: int, what: str):
    """A progress bar on stderr while a batch runs, when stderr is a terminal (none in a log or
    in CI, where it would only add lines); yields the function that moves it on, or None."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm  # imported only for a terminal

    with tqdm(total=total, file=sys.stderr, desc=what, unit="份", leave=False, dynamic_ncols=True) as bar:
        yield bar.update


def furniture_note(path: Path, dropped: list[str]) -> str:
    # each string quoted: the furniture itself is often "|" or "｜" separators
    shown = "、".join(f"「{d}」" if d else "（空 empty）" for d in dropped)
    return f"{path}: 去除页面杂项 dropped as page furniture ({len(dropped)}): {shown}"


def report_notes(dropped: list[tuple[Path, list[str]]], args) -> None:
    """Routine notes (page furniture dropped) summed up in one line; each notice's line behind
    --verbose or in the --report file."""
    if not dropped:
        return
    notes = [furniture_note(path, strings) for path, strings in dropped]
    if args.verbose:
        for note in notes:
            print(note)
    where_zh, where_en = "加 --verbose 或 --report 文件 可看明细", "details with --verbose or --report FILE"
    if args.report:
        try:
            args.report.write_text("\n".join(notes) + "\n", encoding="utf-8")
            where_zh, where_en = f"明细见 {args.report}", f"details in {args.report}"
        except OSError as exc:
            fail(f"{args.report}: 无法写入报告文件（{exc.strerror}）/ cannot write the report ({exc.strerror})")
    if not args.verbose:
        count = sum(len(strings) for _, strings in dropped)
        print(f"去除页面杂项 {count} 处，涉及 {len(notes)} 份通知（{where_zh}）/ "
              f"dropped {count} strings of page furniture in {len(notes)} notices ({where_en})")


def load_registry() -> Registry | None:
    try:
        return Registry.load()
    except NoticeError as exc:
        fail(f"{exc}")
        return None


def cmd_convert(args) -> int:
    registry = load_registry()
    if registry is None:
        return 2
    sources = collect_sources(args.paths or [SOURCES_DIR])
    out: Path = args.out
    remove_stale_temps(out)  # left by a run that was killed
    try:
        with progress(len(sources), "转换 converting") as tick:
            batch = render_all(sources, registry, out, tick)
    except KeyboardInterrupt:
        remove_stale_temps(out, own=True)  # any staged in the instant the interrupt came
        raise
    notes: list[tuple[Path, list[str]]] = []
    try:
        for path, rendered in batch.notices.items():
            error = commit(rendered)
            if error is not None:
                batch.errors.append(NoticeError(str(out / rendered.slug), f"无法写入输出文件（{error}）",
                                                f"cannot write the output ({error})"))
                continue
            if rendered.dropped:
                notes.append((path, rendered.dropped))
            for key in rendered.undetermined:
                print(f"警告 warning: {undetermined_warning(path, key)}")
    finally:  # interrupted: leave no temporary files behind
        for rendered in batch.notices.values():
            discard(rendered)
    if not args.paths:
        remove(stale_outputs(out, {slug_for(p) for p in sources}))
    report_notes(notes, args)
    for error in batch.errors:
        fail(str(error))
    print(f"已转换 converted {len(batch.notices)} / {len(sources)} → {out}")
    return 1 if batch.errors else 0


def cmd_inspect(args) -> int:
    registry = load_registry()
    if registry is None:
        return 2
    try:
        notice = load_notice(args.path, registry)
    except NoticeError as exc:
        fail(str(exc))
        return 1
    print(json.dumps(notice.to_dict(), ensure_ascii=False, indent=2))
    return 0


def line_of(path: Path, needle: str) -> int | None:
    """The first line of a source that holds `needle` (spaces ignored), for warnings; none for a
    PDF or a Word file, which have pages rather than lines."""
    if path.suffix.lower() in (".pdf", ".docx"):
        return None
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line.replace(" ", ""):
            return number
    return None


def markup_warnings(path: Path, notice) -> list[str]:
    """Text of a notice that looks like web code (<img …>, onload=, javascript:) or a formula
    (=, +, -, @ at the start of a name): shown as text on the site and in the data, never run,
    but a notice as published hardly holds it; a reviewer should compare it with the original."""
    names = [notice.issuer, notice.doc_number] + [ref.name for task in notice.tasks for ref in task.agencies]
    texts = [notice.title, notice.notice_title, notice.source] + [c.name for c in notice.campaigns]
    texts += [block.text for block in notice.body]
    found: dict[str, str] = {}  # what matched → the text shown, each once
    for text in names + texts:
        if not text:
            continue
        match = MARKUP_RE.search(text)
        if match is not None:
            found.setdefault(text[match.start():match.start() + 40], markup_in(text))
        elif text in names and text.startswith(("=", "+", "-", "@")):
            found.setdefault(text, text[:30])
    found = list(dict.fromkeys(found.values()))
    out = []
    for shown in found:
        where = line_of(path, shown.replace(" ", "")[:12])
        out.append(f"{path}{':' + str(where) if where else ''}: 文中有类似网页代码或公式的文字「{shown}」，网站上只作为文字显示，"
                   f"不会执行；请与原件核对 / text that looks like web code or a formula ({shown}): the site shows it "
                   f"as text and never runs it; compare it with the original")
    return out


def cmd_check(args) -> int:
    registry = load_registry()
    if registry is None:
        return 2
    folder = args.sources
    sources = collect_sources([folder])
    with progress(len(sources), "检查 checking") as tick:
        batch = parse_all(sources, registry, tick)
    errors = [str(e) for e in orphan_sidecars(folder) + batch.errors]
    warnings: list[str] = []
    for path, notice in batch.notices.items():
        for name, data in outputs(notice, path).items():
            page = args.pages / name
            if page.exists() and page.read_bytes() != data:
                errors.append(f"{page}: 页面与原件当前的转换结果不一致，请运行 notices convert / "
                              f"the page differs from what convert writes now; run `notices convert`")
        for agency in notice.agencies:
            if not agency.in_registry:
                written = next((r.name for t in notice.tasks for r in t.agencies if r.id == agency.id), agency.name)
                where = line_of(path, written)
                warnings.append(f"{path}{':' + str(where) if where else ''}: 登记表中没有机构“{written}”"
                                f"（推定为 {agency.full_name}，英文名为非官方译名）；可加入 data/agencies.yaml / "
                                f"agency not in the registry (taken as {agency.full_name}, unofficial English name "
                                f"'{agency.name_en}'); add it to data/agencies.yaml")
        for campaign in notice.campaigns:
            if not campaign.in_registry:
                where = line_of(path, campaign.name)
                warnings.append(f"{path}{':' + str(where) if where else ''}: 登记表中没有专项行动“{campaign.name}”；"
                                f"可加入 data/campaigns.yaml / campaign not in the registry; add it to data/campaigns.yaml")
        warnings += markup_warnings(path, notice)
        warnings += [undetermined_warning(path, key) for key in notice.undetermined]
        if not notice.source_url:
            sidecar = sidecar_path(path)
            warnings.append(f"{sidecar}: 没有原文网址；请在旁注文件中写 source_url（发布机关网页的地址），"
                            f"读者可一键查看原文 / no source_url: write the address of the issuing authority's "
                            f"page in the sidecar, so readers reach the original in one click")
        if not notice.summary_en:
            warnings.append(f"{path}: 还没有英文摘要（在 {path.stem}.meta.yml 中写 summary_en）/ "
                            f"no English summary yet (write summary_en in {path.stem}.meta.yml)")
    for message in warnings:
        print(f"警告 warning: {message}")
    for message in errors:
        fail(f"错误 error: {message}")
    print(f"检查了 checked {len(sources)} 份原件 sources: {len(errors)} 个错误 errors, {len(warnings)} 个警告 warnings")
    return 1 if errors else 0


def cmd_generate(args) -> int:
    from .generate import write_corpus
    registry = load_registry()
    if registry is None:
        return 2
    manifest = write_corpus(args.count, args.seed, args.out, registry)
    print(f"已生成 generated {len(manifest)} → {args.out}")
    return 0


def cmd_score(args) -> int:
    from .score import run
    registry = load_registry()
    if registry is None:
        return 2
    return run(args.folder, args.min, registry, sys.stdout, sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notices", description="双打 notices: convert, inspect, check")
    sub = parser.add_subparsers(dest="command", required=True)
    convert = sub.add_parser("convert", help="convert sources into Markdown pages")
    convert.add_argument("paths", nargs="*", type=Path, help="source files or folders (default: sources/)")
    convert.add_argument("--out", type=Path, default=PAGES_DIR, help="output folder (default: docs/notices)")
    convert.add_argument("--verbose", "-v", action="store_true",
                         help="list each notice's dropped page furniture (by default one line sums them up)")
    convert.add_argument("--report", type=Path, help="write each notice's dropped page furniture to this file")
    convert.set_defaults(run=cmd_convert)
    inspect = sub.add_parser("inspect", help="print one parsed notice as JSON")
    inspect.add_argument("path", type=Path)
    inspect.set_defaults(run=cmd_inspect)
    check = sub.add_parser("check", help="validate everything a build would publish")
    check.add_argument("--sources", type=Path, default=SOURCES_DIR)
    check.add_argument("--pages", type=Path, default=PAGES_DIR)
    check.set_defaults(run=cmd_check)
    generate = sub.add_parser("generate", help="write a synthetic corpus of notices (tests, benchmarks)")
    generate.add_argument("--count", type=int, default=100)
    generate.add_argument("--seed", type=int, default=1)
    generate.add_argument("--out", type=Path, required=True)
    generate.set_defaults(run=cmd_generate)
    score = sub.add_parser("score", help="score the converter against the facts of a corpus of real notices")
    score.add_argument("folder", nargs="?", type=Path, default=CORPUS_DIR,
                       help="notices with their .facts.yaml (default: corpus/real)")
    score.add_argument("--min", type=float, default=0.95, help="the lowest passing share of facts (default: 0.95)")
    score.set_defaults(run=cmd_score)
    return parser


def _stop(signum, frame) -> None:
    """Ctrl-C or SIGTERM: stop now. Further signals are ignored, so that a second Ctrl-C
    cannot interrupt the clean-up the first one started (stopping the workers, removing
    temporary files)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    main_thread = threading.current_thread() is threading.main_thread()  # only it may set handlers
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)} if main_thread else {}
    try:
        code = args.run(args)
    except KeyboardInterrupt:
        fail("已中断，未写完的文件已删除 / interrupted; files not yet finished were removed")
        sys.stdout.flush()
        sys.stderr.flush()
        # Everything is cleaned up by now (workers ended, temporary files removed). Leaving
        # through the interpreter's exit would join the worker pool's thread, which can wait
        # for ever on a result a terminated worker never finished sending.
        os._exit(130)
    for number, handler in previous.items():
        signal.signal(number, handler)
    return code


if __name__ == "__main__":
    sys.exit(main())
