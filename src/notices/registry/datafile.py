"""Reading one registry data file: YAML with line numbers, and checks that name file and line."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..errors import NoticeError

LEVELS = ("national", "province", "prefecture", "county")
RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SPACE = re.compile(r"\s+")


class Map(dict):
    """A YAML mapping that remembers the line it starts on."""

    line: int | None = None


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _SplitValue(Exception):
    """A key with no value inside `{…}`: an unquoted value was cut at a comma
    (`{en: Publicity (press, publication)}` reads as `en: Publicity (press` and a key `publication)`)."""

    def __init__(self, key: str, line: int):
        self.key, self.line = key, line


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Map:
    seen: set = set()
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
        if node.flow_style and isinstance(value_node, yaml.ScalarNode) and value_node.value == "" \
                and value_node.tag == "tag:yaml.org,2002:null":
            raise _SplitValue(str(key), key_node.start_mark.line + 1)
        seen.add(key)
    m = Map(loader.construct_mapping(node, deep=True))
    m.line = node.start_mark.line + 1
    return m


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

if hasattr(yaml, "CSafeLoader"):
    class _FastLoader(yaml.CSafeLoader):  # libyaml: the same data, read several times faster
        pass

    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
else:
    _FastLoader = _Loader


def _load_yaml(text: str):
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        # report a malformed file with the pure-Python parser's words and line, as always
        return yaml.load(text, Loader=_Loader)


def read(path: Path) -> Map:
    """The top-level mapping of a data file; NoticeError naming file and line when it is unusable."""
    where = str(path)
    if not path.is_file():
        raise NoticeError(where, "找不到数据文件", "data file not found")
    try:
        data = _load_yaml(path.read_text(encoding="utf-8"))
    except _DuplicateKey as e:
        raise NoticeError(where, f"同一条目中键“{e.key}”重复", f"key '{e.key}' appears twice in one entry", e.line) from None
    except _SplitValue as e:
        raise NoticeError(where, f"“{{…}}”中的“{e.key}”没有值：含逗号的值须加引号",
                          f"'{e.key}' has no value inside {{…}}: a value holding a comma must be quoted", e.line) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise NoticeError(where, "YAML 语法错误：" + str(e.problem), "YAML syntax error: " + str(e.problem),
                          mark.line + 1 if mark else None) from None
    except UnicodeDecodeError:
        raise NoticeError(where, "文件不是 UTF-8 编码", "file is not UTF-8") from None
    if not isinstance(data, dict):
        raise NoticeError(where, "文件顶层应为键值映射", "the top level of the file must be a mapping", 1)
    return data


class Checker:
    """Raises NoticeError for one data file, pointing at the entry's line."""

    def __init__(self, path: Path):
        self.path = str(path)

    def fail(self, entry, zh: str, en: str):
        raise NoticeError(self.path, zh, en, getattr(entry, "line", None))

    def items(self, data: dict, key: str) -> list:
        value = data.get(key)
        if not isinstance(value, list):
            self.fail(data, f"缺少列表“{key}”", f"missing list '{key}'")
        for item in value:
            if not isinstance(item, dict):
                self.fail(data, f"“{key}”中的条目应为键值映射", f"each entry of '{key}' must be a mapping")
        return value

    def new_id(self, entry, value: str, taken, what_zh: str, what_en: str) -> None:
        """An id must be a slug and not yet used in `taken`."""
        if not ID.match(value):
            self.fail(entry, f"编号“{value}”只能含小写字母、数字和连字符", f"id '{value}' may hold only a-z, 0-9 and hyphens")
        if value in taken:
            self.fail(entry, f"{what_zh}编号“{value}”重复", f"duplicate {what_en} id '{value}'")

    def text(self, entry: dict, key: str, what_zh: str, what_en: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(entry, f"缺少{what_zh}（{key}）", f"missing {what_en} ('{key}')")
        return value.strip()
