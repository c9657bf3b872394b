"""What a maintainer adds by hand to a notice, in `<source stem>.meta.yml` beside the source:
English title and summary, where the file came from, and corrections of converted fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from .errors import NoticeError

SIDECAR_SUFFIX = ".meta.yml"
# Fields a correction may set, with what their value must look like.
CORRECTABLE = {
    "title": str, "notice_title": str, "doc_number": str, "index_number": str, "issuer": str,
    "issued_date": "date", "published_date": "date", "source": str, "jurisdiction": str,
    "topic": str, "validity": str, "keywords": list,
}
KEYS = {"title_en", "summary_en", "source_url", "obtained", "corrections", "correction_note", "headings_en", "tasks_en"}


@dataclass(frozen=True)
class Sidecar:
    title_en: str | None = None
    summary_en: str | None = None
    source_url: str | None = None
    obtained: str | None = None
    corrections: dict = field(default_factory=dict)
    correction_note: str | None = None
    headings_en: dict = field(default_factory=dict)  # section id → English written by a person
    tasks_en: dict = field(default_factory=dict)  # task id → English written by a person


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def key_line(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*:", line):
            return number
    return None


def as_date(value) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        date.fromisoformat(value)
        return value
    return None


def read_sidecar(source: Path) -> Sidecar:
    """The sidecar of a source, or an empty one; NoticeError with file and line when wrong."""
    path = sidecar_path(source)
    if not path.exists():
        return Sidecar()
    shown = str(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise NoticeError(shown, "YAML 格式有误（检查缩进和冒号）", "the YAML is malformed (check indentation and colons)", line)
    if not isinstance(data, dict):
        raise NoticeError(shown, "旁注文件应为“键: 值”的列表", "a sidecar must be a list of `key: value` lines", 1)
    for key in data:
        if key not in KEYS:
            raise NoticeError(shown, f"未知的键“{key}”；可用的键：{', '.join(sorted(KEYS))}",
                              f"unknown key '{key}'; the keys are: {', '.join(sorted(KEYS))}", key_line(text, key))
    for key in ("title_en", "summary_en", "source_url", "correction_note"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise NoticeError(shown, f"“{key}”应为文字", f"'{key}' must be text", key_line(text, key))
    url = data.get("source_url")
    if url and not re.match(r"https?://", url):
        raise NoticeError(shown, "source_url 应以 http:// 或 https:// 开头", "source_url must start with http:// or https://",
                          key_line(text, "source_url"))
    obtained = data.get("obtained")
    if obtained is not None and as_date(obtained) is None:
        raise NoticeError(shown, "obtained 应为日期，如 2026-01-31", "obtained must be a date such as 2026-01-31",
                          key_line(text, "obtained"))
    corrections = data.get("corrections") or {}
    if not isinstance(corrections, dict):
        raise NoticeError(shown, "corrections 应为“字段: 值”的列表", "corrections must be `field: value` lines",
                          key_line(text, "corrections"))
    for key, value in corrections.items():
        kind = CORRECTABLE.get(key)
        line = key_line(text, key)
        if kind is None:
            raise NoticeError(shown, f"不能更正字段“{key}”；可更正：{', '.join(CORRECTABLE)}",
                              f"'{key}' cannot be corrected; these can: {', '.join(CORRECTABLE)}", line)
        if kind == "date" and value is not None and as_date(value) is None:
            raise NoticeError(shown, f"{key} 应为日期，如 2020-09-22", f"{key} must be a date such as 2020-09-22", line)
        if kind in (str, list) and value is not None and not isinstance(value, kind):
            raise NoticeError(shown, f"{key} 的值类型不对", f"{key} has a value of the wrong kind", line)
    english = {}
    for key, prefix in (("headings_en", "s-"), ("tasks_en", "t-")):
        value = data.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and k.startswith(prefix) and isinstance(v, str)
                                                  for k, v in value.items()):
            raise NoticeError(shown, f"{key} 应为“{prefix}编号: 英文”的列表（如 {prefix}1-2: …）",
                              f"{key} must be `{prefix}id: English` lines (e.g. {prefix}1-2: …)", key_line(text, key))
        english[key] = {k: v.strip() for k, v in value.items()}
    if corrections and not data.get("correction_note"):
        raise NoticeError(shown, "有更正时请用 correction_note 说明更正了什么、依据是什么",
                          "with corrections, say in correction_note what was corrected and why",
                          key_line(text, "corrections"))
    return Sidecar(
        title_en=data.get("title_en"), summary_en=data.get("summary_en"), source_url=url,
        obtained=as_date(obtained) if obtained else None,
        corrections={k: as_date(v) if CORRECTABLE[k] == "date" and v else v for k, v in corrections.items()},
        correction_note=data.get("correction_note"), **english)
