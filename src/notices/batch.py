"""Converting and checking many sources at once: collecting them, refusing what would collide,
and writing each notice's files whole or not at all."""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import shutil
import signal
import tempfile
import threading
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .errors import NoticeError
from .ingest import REFUSED_SUFFIXES, SOURCE_SUFFIXES, decode
from .model import Notice
from .parse import load_notice, slug_for
from .registry import DATA_DIR, Registry
from .render import render_en, render_json, render_zh
from .sidecar import SIDECAR_SUFFIX

ROOT = DATA_DIR.parent
# mkstemp creates files readable by their owner only; what we publish must be readable as a
# plain open() would make it (0o666 less the umask), or a web server run by another user
# answers 403. The umask can only be read by setting it, so it is read once, at import.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
SOURCES_DIR = ROOT / "sources"
PAGES_DIR = ROOT / "docs" / "notices"
OUTPUT_SUFFIXES = (".md", ".en.md", ".json", ".source.txt", ".original", ".source.pdf", ".source.docx")


@dataclass
class Batch:
    notices: dict[Path, Notice | Rendered] = field(default_factory=dict)  # Rendered by `render_all`
    errors: list[NoticeError] = field(default_factory=list)


def collect_sources(paths: list[Path]) -> list[Path]:
    """Source files named, or found in the folders named, in a stable order."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            # symbolic links and special files too: reading refuses them, naming each; and the
            # formats we cannot read: each gets its line saying how to save it
            found.update(p for p in path.iterdir()
                         if p.suffix.lower() in SOURCE_SUFFIXES + REFUSED_SUFFIXES
                         and (p.is_symlink() or not p.is_dir()))
        else:
            found.add(path)
    return sorted(found)


def orphan_sidecars(folder: Path) -> list[NoticeError]:
    errors = []
    # the stems of the sources as `collect_sources` finds them: x.TXT is a source too
    stems = {p.name[: -len(p.suffix)] for p in folder.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES}
    for sidecar in sorted(folder.glob(f"*{SIDECAR_SUFFIX}")):
        stem = sidecar.name[: -len(SIDECAR_SUFFIX)]
        if stem not in stems:
            errors.append(NoticeError(str(sidecar), f"没有与之同名的原件（{stem}.txt、.html、.pdf 或 .docx）",
                                      f"there is no source of the same name ({stem}.txt, .html, .pdf or .docx)"))
    return errors


def parse_all(sources: list[Path], registry: Registry, tick: Callable | None = None) -> Batch:
    """Parse every source; a failure costs only that source (and any it collides with)."""
    return run_all(sources, registry, parse_one, tick=tick)


def run_all(sources: list[Path], registry: Registry, job: Callable, arrived: Callable | None = None,
            tick: Callable | None = None) -> Batch:
    """`job(path, registry)` for every source that collides with no other, in order; `arrived`
    sees each result that is no error as soon as it is there; `tick` is called once for each
    source done (a progress bar)."""
    batch = Batch()
    by_slug: dict[str, list[Path]] = defaultdict(list)
    for path in sources:
        by_slug[slug_for(path)].append(path)
    todo: list[Path] = []
    for slug, paths in sorted(by_slug.items()):
        if len(paths) > 1:
            names = "、".join(p.name for p in paths)
            for path in paths:
                batch.errors.append(NoticeError(
                    str(path), f"与 {names} 会生成同一个页面“{slug}”；请改名其中一个文件",
                    f"this and {', '.join(p.name for p in paths if p != path)} would make the same page '{slug}'; rename one"))
        elif not os.path.lexists(paths[0]):  # a link to nowhere is reported as a link, when read
            batch.errors.append(NoticeError(str(paths[0]), "文件不存在", "no such file"))
        else:
            todo.append(paths[0])
            continue
        if tick is not None:
            tick(len(paths))
    # strict: after the last result, run_many is asked once more and so ends (its pool shut down)
    for path, result in zip(todo, run_many(job, todo, registry), strict=True):
        if tick is not None:
            tick(1)
        if isinstance(result, NoticeError):
            batch.errors.append(result)
        else:
            if arrived is not None:
                arrived(result)
            batch.notices[path] = result
    refuse_duplicate_index_numbers(batch)
    return batch


def parse_one(path: Path, registry: Registry) -> Notice | NoticeError:
    try:
        return load_notice(path, registry)
    except NoticeError as exc:
        return exc
    except Exception as exc:  # a converter bug must not cost the other notices
        return NoticeError(str(path), f"转换程序内部错误（{type(exc).__name__}: {exc}），请报告此问题",
                           f"internal error in the converter ({type(exc).__name__}: {exc}); please report it")


@dataclass
class Rendered:
    """What `convert` needs of one notice. Rendered where it was parsed (in a worker for a large
    batch), because a whole Notice costs far more to send back than its files."""

    slug: str
    index_number: str | None
    dropped: list[str]
    undetermined: list[str] = field(default_factory=list)  # facts the converter could not read
    files: dict[str, bytes] = field(default_factory=dict)
    error: str | None = None  # why its files cannot be written (an OSError's strerror)
    staged: list[tuple[Path, Path]] = field(default_factory=list)  # (temporary file, final file)


def render_one(path: Path, registry: Registry) -> Rendered | NoticeError:
    notice = parse_one(path, registry)
    if isinstance(notice, NoticeError):
        return notice
    rendered = Rendered(notice.slug, notice.index_number, notice.dropped, notice.undetermined)
    try:
        rendered.files = outputs(notice, path)  # rendered in full before anything is written
    except OSError as exc:  # the source, copied as it is, cannot be read again
        rendered.error = exc.strerror
    return rendered


def render_all(sources: list[Path], registry: Registry, out: Path, tick: Callable | None = None) -> Batch:
    """Like `parse_all`, with each notice rendered and its changed files staged in `out` as it
    arrives, while the others are still being parsed; `commit` then moves them into place. The
    files of a notice refused for a duplicate 索引号 are never moved in."""
    arrived: list[Rendered] = []

    def stage_arrived(rendered: Rendered) -> None:
        arrived.append(rendered)
        stage(rendered, out)

    try:
        batch = run_all(sources, registry, render_one, stage_arrived, tick)
    except BaseException:
        for rendered in arrived:
            discard(rendered)
        raise
    kept = {id(r) for r in batch.notices.values()}
    for rendered in arrived:
        if id(rendered) not in kept:
            discard(rendered)
    return batch


def stage(rendered: Rendered, out: Path) -> None:
    """Write each file that changed to a temporary file beside its place (same folder, so that
    moving it in is one atomic rename); an unchanged file is left alone."""
    if rendered.error is not None:
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, data in rendered.files.items():
            path = out / name
            if path.exists() and path.read_bytes() == data:
                continue
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=temp_suffix())
            rendered.staged.append((Path(tmp), path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, FILE_MODE)
    except OSError as exc:
        discard(rendered)
        rendered.error = exc.strerror
    rendered.files = {}  # written or not, no longer needed: free the memory


def commit(rendered: Rendered) -> str | None:
    """Move a notice's staged files into place; the reason (strerror) when that fails."""
    if rendered.error is not None:
        return rendered.error
    try:
        with _no_interrupt():
            for tmp, path in rendered.staged:
                os.replace(tmp, path)
    except OSError as exc:
        return exc.strerror
    finally:
        discard(rendered)
    return None


@contextmanager
def _no_interrupt():
    """Ctrl-C held back while one notice's files are moved in (microseconds), so that an
    interrupted batch never leaves a notice with some of its files: the signal is delivered,
    and the batch stops, right after."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def discard(rendered: Rendered) -> None:
    """Remove the staged files not moved in (those moved in are gone already)."""
    for tmp, _ in rendered.staged:
        tmp.unlink(missing_ok=True)
    rendered.staged = []


# Below this many sources, starting worker processes costs more than it saves.
PARALLEL_FROM = 16
_WORKER_JOB: tuple[Callable, Registry] | None = None


def _job_in_worker(path: Path):
    job, registry = _WORKER_JOB
    return job(path, registry)


def run_many(job: Callable, paths: list[Path], registry: Registry) -> Iterator:
    """`job(path, registry)` for each path, in the order of `paths`, as each result is there;
    on every core for a large batch. Interrupted (Ctrl-C) or closed early, the workers are
    stopped at once, not left to finish their queue."""
    global _WORKER_JOB
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        yield from (job(p, registry) for p in paths)
        return
    # The first one here: it loads the tables every notice needs (loaded when first used), so
    # that the workers inherit them instead of each loading them again.
    yield job(paths[0], registry)
    rest = paths[1:]
    _WORKER_JOB = (job, registry)  # forked workers inherit it instead of loading the registry again
    # What the workers inherit lives as long as they do: out of the collector's sight, their
    # collections scan only what each notice makes.
    gc.freeze()
    # small chunks, so that no worker is left alone with a long last one
    chunk = max(1, min(16, len(rest) // (workers * 8)))
    others = set(multiprocessing.active_children())  # not this pool's: left alone
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals)
    try:
        yield from pool.map(_job_in_worker, rest, chunksize=chunk)
    except BaseException:  # KeyboardInterrupt, or the consumer gave up (GeneratorExit)
        stop_workers(pool, others)
        raise
    else:
        pool.shutdown()
    finally:
        gc.unfreeze()


def _worker_signals() -> None:
    """In each worker: Ctrl-C reaches the whole process group, and only the main process
    answers it (a worker interrupted mid-task broke the pool and printed a traceback); a
    worker asked to end (SIGTERM) ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def stop_workers(pool: ProcessPoolExecutor, others: set = frozenset()) -> None:
    """End a pool now: no queued task started, each worker terminated (killed if it does not
    end within a second). Waiting for the pool instead is what hung after Ctrl-C."""
    pool.shutdown(wait=False, cancel_futures=True)
    children = [c for c in multiprocessing.active_children() if c not in others]
    for child in children:
        child.terminate()
    for child in children:
        child.join(1)
        if child.is_alive():
            child.kill()
            child.join(1)


def refuse_duplicate_index_numbers(batch: Batch) -> None:
    owners: dict[str, list[Path]] = defaultdict(list)
    for path, notice in batch.notices.items():
        if notice.index_number:
            owners[notice.index_number].append(path)
    for number, paths in owners.items():
        if len(paths) < 2:
            continue
        for path in paths:
            others = [p.name for p in paths if p != path]
            more_zh = f" 等 {len(others)} 个文件" if len(others) > 1 else ""
            more_en = f" and {len(others) - 1} more" if len(others) > 1 else ""
            batch.errors.append(NoticeError(
                str(path), f"索引号 {number} 与 {others[0]}{more_zh}重复；索引号应唯一，请核对原文",
                f"index number {number} is also that of {others[0]}{more_en}; index numbers are unique, check the originals"))
            del batch.notices[path]


def outputs(notice: Notice, source: Path) -> dict[str, bytes]:
    """The files `convert` writes for one notice, by file name."""
    return {
        f"{notice.slug}.md": render_zh(notice).encode("utf-8"),
        f"{notice.slug}.en.md": render_en(notice).encode("utf-8"),
        f"{notice.slug}.json": render_json(notice).encode("utf-8"),
        **original_files(notice, source.read_bytes(), str(source)),
    }


def original_files(notice: Notice, data: bytes, shown: str) -> dict[str, bytes]:
    """The file as obtained. A PDF or a .docx is published as itself. Text and web pages twice: to
    read, <slug>.source.txt, the text as UTF-8 with a byte-order mark, so that every browser shows
    it right even from a server that sends no charset (a GB18030 file served as plain text was
    mojibake), and always plain text, so that no markup in a saved page can run; to check,
    <slug>.original, the bytes as obtained (its SHA-256 is the page's), with no extension a
    browser renders: it is downloaded."""
    if not notice.original_name.endswith(".source.txt"):
        return {notice.original_name: data}
    text, _ = decode(data, shown)
    return {notice.original_name: ("\ufeff" + text).encode("utf-8"), f"{notice.slug}.original": data}


# Temporary files carry the id of the process that made them (`.<name>.<random>.<pid>.tmp`):
# a run killed outright (SIGKILL, power cut) cannot remove its own, and the next run removes
# those of processes that no longer exist, and none of a run still going.
_TEMP_RE = re.compile(r"\..+\.(\d+)\.tmp")


def temp_suffix() -> str:
    return f".{os.getpid()}.tmp"


def remove_stale_temps(folder: Path, own: bool = False) -> int:
    """Remove the temporary files left in `folder` by runs that were killed (with `own`, this
    process's own too: it is stopping); how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.iterdir():
        match = _TEMP_RE.fullmatch(path.name)
        if match is None or (_alive(int(match.group(1))) and not (own and int(match.group(1)) == os.getpid())):
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by another user
        return True
    return True


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically (a temporary file renamed into place); skip when unchanged."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=temp_suffix())
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def stale_outputs(out: Path, slugs: set[str]) -> list[Path]:
    """Files in the output folder made from a source that no longer exists."""
    if not out.is_dir():
        return []
    stale = []
    for path in sorted(out.iterdir()):
        for suffix in sorted(OUTPUT_SUFFIXES, key=len, reverse=True):
            if path.name.endswith(suffix):
                if path.name[: -len(suffix)] not in slugs:
                    stale.append(path)
                break
    return stale


def remove(paths: list[Path]) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
