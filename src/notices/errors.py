"""Errors a maintainer reads: plain words in Chinese with the English alongside."""

from __future__ import annotations


class NoticeError(Exception):
    """A problem with one input file, reported as `<path>[:<line>]: <zh> / <en>`."""

    def __init__(self, path: str, zh: str, en: str, line: int | None = None):
        super().__init__(f"{zh} / {en}")
        self.path = path
        self.zh = zh
        self.en = en
        self.line = line

    def __reduce__(self):  # so that worker processes can hand errors back
        return (NoticeError, (self.path, self.zh, self.en, self.line))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.zh} / {self.en}"
