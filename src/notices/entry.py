"""The `notices` command as installed: Ctrl-C is answered from the first instant, while the
converter's modules are still being imported (a second or so on a busy machine), with the
same one line as later, never a traceback."""

from __future__ import annotations

import os
import signal
import sys


def _stopped(signum, frame) -> None:
    os.write(2, "已中断 / interrupted\n".encode("utf-8"))
    os._exit(130)  # nothing has been written yet


def run() -> None:
    signal.signal(signal.SIGINT, _stopped)
    signal.signal(signal.SIGTERM, _stopped)
    from .cli import main  # installs its own handlers once a command runs

    sys.exit(main())
