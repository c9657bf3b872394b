"""What a maintainer adds by hand to a notice, in `<source stem>.meta.yml` beside the source:
English title and summary, where the file came from, and corrections of converted fields.

A sidecar can arrive in anyone's pull request, so it is read as data and checked against a
declared schema (`SCHEMA`): every value is text of a known kind, every message names the
sidecar and the line. YAML's own typing is not used: a scalar is taken as written (a year in a
list of keywords stays the keyword "2024"; `yes` is not a boolean), and the schema says what it
must look like. To accept a new key, declare it in `SCHEMA` (or `CORRECTABLE`) with its kind."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import NoticeError
from .safety import MARKUP_RE, control_characters, markup_in, read_regular, url_problem

SIDECAR_SUFFIX = ".meta.yml"
MAX_BYTES = 256 * 1024  # a sidecar is a few lines; a summary a few paragraphs
MAX_DEPTH = 8  # the schema needs three levels (corrections → keywords → item)
MAX_TEXT = 20_000  # characters in one value
MAX_LINE_TEXT = 500  # characters in a one-line value (a title, a number)
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Sidecar:
    title_en: str | None = None
    summary_en: str | None = None
    source_url: str | None = None
    obtained: str | None = None
    corrections: dict = field(default_factory=dict)
    correction_note: str | None = None
    # a task's agencies and roles as a maintainer corrected them: {task id: [(name, role), ...]}
    tasks: dict = field(default_factory=dict)
    task_lines: dict = field(default_factory=dict)  # the line of each task id, for messages
    path: str | None = None  # the sidecar's file, for messages about it found later
    headings_en: dict = field(default_factory=dict)  # section id → English written by a person
    tasks_en: dict = field(default_factory=dict)  # task id → English written by a person


def sidecar_path(source: Path) -> Path:
    return source.with_name(source.stem + SIDECAR_SUFFIX)


class Invalid(Exception):
    """A value that does not fit its kind: the reason in Chinese and English."""

    def __init__(self, zh: str, en: str, at: int | None = None):
        super().__init__(en)
        self.zh, self.en = zh, en
        self.at = at  # where in the value, for the line of a block of text


# ---- kinds of value: each takes a YAML node and returns the value, or raises Invalid ------

def _scalar(node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        raise Invalid("应为一个值，不是列表或子项", "must be a single value, not a list or nested keys")
    if node.style is None and node.value in _NULLS:
        return None
    return node.value


def _clean(value: str, one_line: bool) -> str:
    found = control_characters(value)
    if found:
        raise Invalid(f"含有不可见的控制字符（{'、'.join(found)}），请删除",
                      f"holds invisible control characters ({', '.join(found)}); delete them",
                      value.find(chr(int(found[0][2:], 16))))
    markup = MARKUP_RE.search(value)
    if markup:
        shown = markup_in(value)
        raise Invalid(f"不能含有网页代码（{shown}）；旁注文件只写文字（summary_en 可用 Markdown）",
                      f"must not hold web code ({shown}); a sidecar holds text (summary_en: Markdown), not HTML",
                      markup.start())
    if one_line:
        value = value.strip()
        if "\n" in value or "\r" in value:
            raise Invalid("应写在一行内", "must be on one line")
    limit = MAX_LINE_TEXT if one_line else MAX_TEXT
    if len(value) > limit:
        raise Invalid(f"过长（超过 {limit} 个字符）", f"is too long (over {limit} characters)")
    return value


def text(one_line: bool = True) -> Callable[[yaml.Node], str | None]:
    def kind(node):
        value = _scalar(node)
        return None if value is None else (_clean(value, one_line) if value.strip() else None)
    return kind


def a_date(node) -> str | None:
    value = _scalar(node)
    if value is None:
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        raise Invalid(f"日期“{value}”不存在", f"the date '{value}' does not exist")
    raise Invalid(f"应为日期，写作 2024-01-31（现为“{value[:40]}”）", f"must be a date written 2024-01-31 (it is '{value[:40]}')")


def a_url(node) -> str | None:
    value = _scalar(node)
    if value is None:
        return None
    value = value.strip()
    problem = url_problem(value)
    if problem:
        raise Invalid(*problem)
    return value


def text_list(node) -> list[str] | None:
    if isinstance(node, yaml.ScalarNode):  # one keyword written without brackets
        value = text()(node)
        return None if value is None else [value]
    if not isinstance(node, yaml.SequenceNode):
        raise Invalid("应为列表，如 [打击侵权假冒, 2024]", "must be a list such as [打击侵权假冒, 2024]")
    items = []
    for item in node.value:
        try:
            value = text()(item)
        except Invalid as exc:
            raise Invalid(f"第 {len(items) + 1} 项{exc.zh}", f"item {len(items) + 1} {exc.en}")
        if value is not None:
            items.append(value)
    return items


# Fields a correction may set, with the kind of their value.
CORRECTABLE: dict[str, Callable] = {
    "title": text(), "notice_title": text(), "doc_number": text(), "index_number": text(), "issuer": text(),
    "issued_date": a_date, "published_date": a_date, "source": text(), "jurisdiction": text(),
    "topic": text(), "validity": text(), "keywords": text_list,
}


# Task corrections: `tasks: {t-2-1: {agencies: [{name: 市知识产权局, role: lead}]}}`.
TASK_ID_RE = re.compile(r"t(?:-\d{1,3})+(?:-[a-z])?")
ROLES = {"lead": "lead", "responsible": "responsible", "support": "support",
         "牵头": "lead", "负责": "responsible", "配合": "support"}


def a_role(node) -> str | None:
    value = _scalar(node)
    if value is None:
        return None
    role = ROLES.get(value.strip())
    if role is None:
        raise Invalid(f"应为 lead（牵头）、responsible（负责）或 support（配合）（现为“{value[:20]}”）",
                      f"must be lead, responsible or support (it is '{value[:20]}')")
    return role


def agency_list(node, shown: str) -> list[tuple[str, str]]:
    """[(name as the maintainer wrote it, role)] of a corrected task, at least one."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        raise NoticeError(shown, "agencies 应为机构列表，每项写 name 和 role，如 - {name: 市公安局, role: lead}",
                          "agencies must be a list of agencies, each with name and role, e.g. "
                          "- {name: 市公安局, role: lead}", node.start_mark.line + 1)
    out = []
    for item in node.value:
        entry = AGENCY(item, shown)
        if not entry.get("name"):
            raise NoticeError(shown, "每个机构都要写 name（机构名称）", "each agency needs a name",
                              item.start_mark.line + 1)
        out.append((entry["name"], entry.get("role") or "responsible"))
    return out


agency_list.nested = True


def task_corrections(node, shown: str) -> dict:
    """{task id: [(name, role)]} with the line of each id under `_lines`."""
    if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULLS:
        return {"_lines": {}}
    if not isinstance(node, yaml.MappingNode):
        raise NoticeError(shown, "tasks 应为“任务编号: 更正”的列表", "tasks must be `task id: correction` lines",
                          node.start_mark.line + 1)
    out: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if not TASK_ID_RE.fullmatch(key):
            raise NoticeError(shown, f"“{key[:40]}”不是任务编号；编号见页面上每项任务的链接（如 t-2-1）",
                              f"'{key[:40]}' is not a task id; each task's id is in its link on the page (e.g. t-2-1)", line)
        if key in lines:
            raise NoticeError(shown, f"任务“{key}”重复出现（第一次在第 {lines[key]} 行）；请删去其一",
                              f"the task '{key}' appears twice (first on line {lines[key]}); delete one", line)
        entry = TASK(value_node, shown)
        if "agencies" not in entry:
            raise NoticeError(shown, f"任务 {key} 的更正应写 agencies（责任单位列表）",
                              f"the correction of task {key} must give its agencies", line)
        out[key], lines[key] = entry["agencies"], line
    out["_lines"] = lines
    return out


task_corrections.nested = True


def mapping(schema: dict[str, Callable], what_zh: str, what_en: str) -> Callable:
    """Keys of `schema` each with the kind of its value; an unknown or repeated key is an error.
    Returns {key: value} with the line of each key in `_lines` (where the later checks point)."""
    def kind(node, shown: str):
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULLS:
            return {"_lines": {}}  # the key written with nothing under it
        if not isinstance(node, yaml.MappingNode):
            raise NoticeError(shown, f"{what_zh}应为“键: 值”的列表", f"{what_en} must be `key: value` lines",
                              node.start_mark.line + 1)
        out: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in schema:
                shown_key = str(key)[:60] if key is not None else "…"
                raise NoticeError(shown, f"未知的键“{shown_key}”；可用的键：{', '.join(schema)}",
                                  f"unknown key '{shown_key}'; the keys are: {', '.join(schema)}", line)
            if key in lines:
                raise NoticeError(shown, f"键“{key}”重复出现（第一次在第 {lines[key]} 行）；请删去其一",
                                  f"the key '{key}' appears twice (first on line {lines[key]}); delete one", line)
            lines[key] = line
            check = schema[key]
            try:
                out[key] = check(value_node, shown) if getattr(check, "nested", False) else check(value_node)
            except Invalid as exc:
                line = value_node.start_mark.line + 1
                if exc.at is not None and getattr(value_node, "style", None) == "|":
                    # a literal block starts on the line after its key: point at the line itself (a folded
                    # block, `>`, has its line breaks joined: its key line is given)
                    line += 1 + value_node.value[:exc.at].count("\n")
                raise NoticeError(shown, f"{key}：{exc.zh}", f"{key}: {exc.en}", line)
        out["_lines"] = lines
        return out
    kind.nested = True
    return kind


def english_by_id(prefix: str) -> Callable:
    """`s-1-2: English …` lines: English a person wrote for a heading or a task, by its id."""
    pattern = re.compile(rf"{prefix}-\d+(-\d+)*(-[a-z])?")
    one = text(one_line=False)

    def kind(node, shown: str):
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULLS:
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise NoticeError(shown, f"应为“{prefix}-编号: 英文”的列表（如 {prefix}-1-2: …）",
                              f"must be `{prefix}-id: English` lines (e.g. {prefix}-1-2: …)", node.start_mark.line + 1)
        out: dict[str, str] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if not pattern.fullmatch(str(key)) or key in out:
                raise NoticeError(shown, f"“{str(key)[:60]}”不是{prefix}-编号或重复出现（如 {prefix}-1-2）",
                                  f"'{str(key)[:60]}' is not a {prefix}- id or appears twice (e.g. {prefix}-1-2)",
                                  key_node.start_mark.line + 1)
            try:
                value = one(value_node)
            except Invalid as exc:
                raise NoticeError(shown, f"{key} {exc.zh}", f"{key} {exc.en}", value_node.start_mark.line + 1)
            if value:
                out[key] = value
        return out
    kind.nested = True
    return kind


AGENCY = mapping({"name": text(), "role": a_role}, "每个机构", "each agency")
TASK = mapping({"agencies": agency_list}, "任务的更正", "a task's correction")
SCHEMA: dict[str, Callable] = {
    "title_en": text(), "summary_en": text(one_line=False), "source_url": a_url, "obtained": a_date,
    "corrections": mapping(CORRECTABLE, "corrections ", "corrections"), "tasks": task_corrections,
    "correction_note": text(one_line=False), "headings_en": english_by_id("s"), "tasks_en": english_by_id("t"),
}
TOP = mapping(SCHEMA, "旁注文件", "a sidecar")


# ---- reading ------------------------------------------------------------------------------

def decode(data: bytes, shown: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else GBK/GB18030; or a plain error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise NoticeError(shown, "无法识别旁注文件的文字编码；请用记事本“另存为”，编码选 UTF-8",
                      "the sidecar's text encoding cannot be recognised; save it again as UTF-8", 1)


def check_structure(text: str, shown: str) -> None:
    """Refuse, before the YAML is built, what the schema never needs and what could exhaust
    the reader: nesting deeper than MAX_DEPTH, anchors and aliases, tags."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            line = token.start_mark.line + 1
            if isinstance(token, (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
                                  yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise NoticeError(shown, f"嵌套层次过深（超过 {MAX_DEPTH} 层）", f"nested more than {MAX_DEPTH} levels deep", line)
            elif isinstance(token, (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
            elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                raise NoticeError(shown, "旁注文件中不能使用锚点和别名（& 和 *）", "anchors and aliases (& and *) are not allowed in a sidecar", line)
            elif isinstance(token, yaml.TagToken):
                raise NoticeError(shown, "旁注文件中不能使用标签（!…）", "tags (!…) are not allowed in a sidecar", line)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, shown)


def yaml_error(exc: yaml.YAMLError, shown: str) -> NoticeError:
    mark = getattr(exc, "problem_mark", None)
    return NoticeError(shown, "YAML 格式有误（检查缩进和冒号；含冒号的文字请加引号）",
                       "the YAML is malformed (check indentation and colons; quote text that holds a colon)",
                       mark.line + 1 if mark else None)


def read_sidecar(source: Path) -> Sidecar:
    """The sidecar of a source, or an empty one; NoticeError with file and line when wrong."""
    path = sidecar_path(source)
    if not os.path.lexists(path):
        return Sidecar()
    shown = str(path)
    text = decode(read_regular(path, MAX_BYTES, shown), shown)
    check_structure(text, shown)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, shown)
    if root is None:
        return Sidecar()
    data = TOP(root, shown)
    lines = data.pop("_lines")
    corrections = {k: v for k, v in (data.get("corrections") or {}).items() if k != "_lines"}
    tasks = dict(data.get("tasks") or {})
    task_lines = tasks.pop("_lines", {})
    if (corrections or tasks) and not data.get("correction_note"):
        raise NoticeError(shown, "有更正时请用 correction_note 说明更正了什么、依据是什么",
                          "with corrections, say in correction_note what was corrected and why",
                          lines.get("corrections") or lines.get("tasks"))
    return Sidecar(
        title_en=data.get("title_en"), summary_en=data.get("summary_en"), source_url=data.get("source_url"),
        obtained=data.get("obtained"), corrections=corrections, correction_note=data.get("correction_note"),
        tasks=tasks, task_lines=task_lines, path=shown,
        headings_en=data.get("headings_en") or {}, tasks_en=data.get("tasks_en") or {})
