"""Ctrl-C during a parallel `convert`, for real: SIGINT sent to the process group of a running
`notices convert` (as a terminal does) over a few hundred generated notices. It stops at once,
workers included, with one plain line; no temporary file is left; what was written is whole.
A run killed outright leaves temporary files that the next run removes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
NOTICES = str(BIN / "notices")
ENV = dict(os.environ, PYTHONWARNINGS="ignore")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([NOTICES, "generate", "--count", "300", "--seed", "15", "--out", str(folder)], check=True,
                   capture_output=True, env=ENV)
    (folder / "manifest.json").unlink()
    return folder


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def interrupted_run(corpus: Path, out: Path, delay: float, twice: bool) -> tuple[subprocess.Popen, str, float]:
    proc = subprocess.Popen([NOTICES, "convert", str(corpus), "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, env=ENV)
    time.sleep(delay)
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    if twice:
        time.sleep(0.2)
        if group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail(f"convert did not stop within 20 s of Ctrl-C (sent after {delay} s)")
    return proc, err, time.monotonic() - sent


@pytest.mark.parametrize("delay,twice", [(0.2, False), (0.8, False), (1.5, True), (2.5, False), (3.5, True),
                                         (5.0, False), (7.0, False)])
def test_ctrl_c_stops_the_batch_at_once(corpus, tmp_path, delay, twice):
    out = tmp_path / "out"
    proc, err, took = interrupted_run(corpus, out, delay, twice)
    if proc.returncode == 0:
        pytest.skip(f"the conversion finished within {delay} s, before Ctrl-C")
    assert proc.returncode == 130, err
    assert took < 5, f"{took:.1f} s from Ctrl-C to exit"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in err, err
    time.sleep(0.3)
    assert not group_alive(proc.pid), "worker processes still running after the command ended"
    if out.exists():
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
        # each notice whole or not at all
        stems = {p.name.split(".")[0] for p in out.iterdir()}
        for stem in stems:
            assert all((out / f"{stem}{s}").exists() for s in (".md", ".en.md", ".json", ".source.txt")), stem


def test_temporary_files_of_killed_runs_are_removed_by_the_next(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = out / f".x.md.abc123.{gone.pid}.tmp"
    stale.write_text("left by a run killed outright")
    live = out / f".y.md.def456.{os.getpid()}.tmp"  # a run still going: not touched
    live.write_text("in use")
    one = sorted(corpus.glob("*.txt"))[0]
    subprocess.run([NOTICES, "convert", str(one), "--out", str(out)], check=True, capture_output=True, env=ENV)
    assert not stale.exists() and live.exists()


def test_a_killed_run_leaves_nothing_the_next_run_keeps(corpus, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([NOTICES, "convert", str(corpus), "--out", str(out)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, env=ENV)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(p.name.endswith(".tmp") for p in out.iterdir())):
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = subprocess.run([NOTICES, "convert", str(corpus), "--out", str(out)], capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert len(list(out.glob("*.en.md"))) == 300
