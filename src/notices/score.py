"""`notices score`: how many facts of the real-notice corpus the converter gets right.

Each notice in the folder (`corpus/real/` by default) sits beside `<slug>.facts.yaml`, facts
written by reading the notice (see `corpus/real/README.md`). The notice is parsed the way
`notices inspect` parses it, in memory, and every fact is compared with what the converter
read. Each key present in `facts` is one fact, except `tasks`, where each sampled task is one,
and a `task_count` of null (the writer could not count with confidence), which is not scored.
A notice the converter refuses scores none of its facts."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .clean import simplified_table
from .errors import NoticeError
from .model import Notice
from .parse import load_notice
from .registry import Registry

FIELDS = ("title", "notice_title", "doc_number", "index_number", "issuer", "issued_date",
          "published_date", "jurisdiction", "task_count", "tasks", "campaigns")
FACTS_SUFFIX = ".facts.yaml"
# Files of the corpus folder that are not notices.
NOT_NOTICES = ("README.md", "threshold.yaml")

_SPACE = re.compile(r"\s+")  # \s covers U+3000 and the other Unicode spaces
_BRACKETS = str.maketrans({"（": "(", "）": ")", "［": "〔", "[": "〔", "【": "〔", "］": "〕", "]": "〕",
                           "】": "〕"})
_QUOTES = "“”\"'‘’「」"
# Place suffixes a fact may write or leave out (北京 / 北京市); the longest first.
_PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县")
_YEAR = re.compile(r"(?:19|20)\d\d年?(?:度)?")
_CAMPAIGN_SUFFIXES = ("专项行动", "专项整治", "集中行动", "行动", "专项")


def norm(value) -> str | None:
    """A fact or a converter value as compared: whitespace removed, brackets of one width, and
    traditional characters folded to simplified ones (a fact may be written in the notice's
    traditional characters or in simplified ones; the script is not the fact)."""
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return _SPACE.sub("", str(value)).translate(_BRACKETS).translate(simplified_table())


def without_issuer(title: str) -> str:
    """A 通知's title from its 关于: 国务院办公厅关于印发…的通知 and 关于印发…的通知 are one title."""
    at = title.find("关于")
    return title[at:] if at > 0 else title


_PLACE_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,12}(?:省|市|自治区|自治州|地区|盟|区|县|旗)")


def same_but_place(a: str, b: str) -> bool:
    """The same body, one name with its place in front: 天津市河东区人民政府办公室 / 河东区人民政府办公室."""
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and bool(_PLACE_PREFIX.fullmatch(long[: -len(short)]))


def _strip_place(name: str) -> str:
    for suffix in _PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def same_place(expected: dict, got: dict) -> bool:
    """The fact's place (长宁区, county) against the converter's (上海市长宁区, county): the same
    level, and the qualified name ending with the place's name, 省/市/区/县 written or not."""
    if not isinstance(expected, dict) or expected.get("level") != got.get("level"):
        return False
    want, have = norm(expected.get("name")) or "", norm(got.get("name")) or ""
    if not want:
        return False
    return have.endswith(want) or _strip_place(have).endswith(_strip_place(want))


def campaign_key(name: str) -> str:
    """A campaign's name as compared: no quotes, year or 行动-like suffix (“铁拳”行动2020 → 铁拳)."""
    n = _YEAR.sub("", norm(name) or "").strip(_QUOTES)
    n = n.replace("“", "").replace("”", "")
    for suffix in _CAMPAIGN_SUFFIXES:
        if n.endswith(suffix) and len(n) > len(suffix):
            return n[: -len(suffix)]
    return n


def campaign_names(notice: Notice, registry: Registry | None) -> list[set[str]]:
    """For each campaign the converter found, the names it may be written as in facts: the
    registry's series name and the name found, without year."""
    names = []
    for c in notice.campaigns:
        keys = {campaign_key(c.name)}
        series = registry.series.get(c.series) if registry is not None else None
        if series is not None:
            keys.add(campaign_key(series.zh))
        names.append(keys)
    return names


def agencies_of(task) -> list[tuple[str, str]]:
    """A task's agencies as compared: generic groups (各成员单位) are never agencies."""
    return [(norm(a.name), a.role) for a in task.agencies if not a.generic]


@dataclass
class Wrong:
    field: str
    expected: object
    got: object

    def __str__(self) -> str:
        return f"{self.field}: 应为 expected {show(self.expected)}，得到 got {show(self.got)}"


def show(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, (list, tuple, set)):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"「{value}」"


@dataclass
class NoticeScore:
    slug: str
    path: Path
    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    wrong: list[Wrong] = field(default_factory=list)
    refused: str | None = None  # the converter's one-line error, when it refused the notice

    def count(self, name: str, ok: bool, expected=None, got=None) -> None:
        self.total[name] = self.total.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + (1 if ok else 0)
        if not ok:
            self.wrong.append(Wrong(name, expected, got))

    @property
    def facts(self) -> int:
        return sum(self.total.values())

    @property
    def correct(self) -> int:
        return sum(self.right.values())


def fact_count(facts: dict) -> dict[str, int]:
    """How many facts each field holds (for a refused notice, every one of them is missed)."""
    counts = {}
    for name in FIELDS:
        if name not in facts:
            continue
        if name == "tasks":
            counts[name] = len(facts[name] or [])
        elif name == "task_count" and facts[name] is None:
            continue
        else:
            counts[name] = 1
    return counts


def score_notice(slug: str, path: Path, facts: dict, notice: Notice,
                 registry: Registry | None = None) -> NoticeScore:
    """Compare each fact with the converter's reading of the notice."""
    result = NoticeScore(slug, path)
    for name in ("title", "notice_title", "doc_number", "index_number", "issuer", "issued_date",
                 "published_date"):
        if name not in facts:
            continue
        got = getattr(notice, name)
        if name == "title" and got == notice.slug:  # the model's stand-in when no title was read
            got = None
        want = facts[name]
        same = norm(want) == norm(got)
        if name == "notice_title" and not same and want and got:
            same = without_issuer(norm(want)) == without_issuer(norm(got))
        if name == "issuer" and not same and want and got:
            same = same_but_place(norm(want), norm(got))
        result.count(name, same, want if isinstance(want, str) else norm(want), got)
    if "jurisdiction" in facts:
        want = facts["jurisdiction"]
        got = {"name": notice.jurisdiction.get("name"), "level": notice.jurisdiction.get("level")}
        shown = f"{want.get('name')} ({want.get('level')})" if isinstance(want, dict) else want
        result.count("jurisdiction", same_place(want, got), shown, f"{got['name']} ({got['level']})")
    if facts.get("task_count") is not None:
        result.count("task_count", facts["task_count"] == len(notice.tasks), facts["task_count"],
                     len(notice.tasks))
    for sample in facts.get("tasks") or []:
        score_task(result, sample, notice)
    if "campaigns" in facts:
        want = sorted({campaign_key(c) for c in facts["campaigns"] or []})
        found = campaign_names(notice, registry)
        missing = [w for w in want if not any(w in keys for keys in found)]
        extra = [c.name for c, keys in zip(notice.campaigns, found) if not keys & set(want)]
        result.count("campaigns", not missing and not extra, want, sorted(c.name for c in notice.campaigns))
    return result


def find_task(notice: Notice, needle: str):
    """The first task whose text holds `needle`; failing that, the first whose item heading
    and text together hold it (the converter keeps 「（一）加强农资打假。」 as the item's heading)."""
    if not needle:
        return None
    for task in notice.tasks:
        if needle in norm(task.text):
            return task
    headings = {}
    stack = list(notice.sections)
    while stack:
        section = stack.pop()
        headings[section.id] = section.heading
        stack.extend(section.children)
    for task in notice.tasks:
        if needle in norm(headings.get(task.section, "") + task.text):
            return task
    return None


def score_task(result: NoticeScore, sample: dict, notice: Notice) -> None:
    """One sampled task: the converter's first task holding the sample's words, its agencies
    (as written) and their roles compared as a list, in order."""
    needle = norm(sample.get("contains")) or ""
    want = [(norm(a.get("name")), a.get("role")) for a in sample.get("agencies") or []]
    task = find_task(notice, needle)
    label = f"tasks「{sample.get('contains')}」"
    if task is None:
        result.count("tasks", False, [f"{n}:{r}" for n, r in want], "没有含此文字的任务 no task holds these words")
        result.wrong[-1].field = label
        return
    got = agencies_of(task)
    result.count("tasks", got == want, [f"{n}:{r}" for n, r in want], [f"{n}:{r}" for n, r in got])
    if got != want:
        result.wrong[-1].field = label


# ---- the folder ---------------------------------------------------------------------------------


@dataclass
class Report:
    notices: list[NoticeScore]
    errors: list[str]  # facts files that cannot be read, notices without facts

    def field_totals(self) -> dict[str, tuple[int, int]]:
        totals = {}
        for name in FIELDS:
            right = sum(n.right.get(name, 0) for n in self.notices)
            total = sum(n.total.get(name, 0) for n in self.notices)
            if total:
                totals[name] = (right, total)
        return totals

    @property
    def correct(self) -> int:
        return sum(n.correct for n in self.notices)

    @property
    def facts(self) -> int:
        return sum(n.facts for n in self.notices)

    @property
    def score(self) -> float:
        return self.correct / self.facts if self.facts else 0.0

    @property
    def refused(self) -> list[NoticeScore]:
        return [n for n in self.notices if n.refused]


def corpus_files(folder: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Each notice of the folder with its facts file, and what lacks a partner."""
    pairs, errors = [], []
    facts_files = {p.name[: -len(FACTS_SUFFIX)]: p for p in folder.glob(f"*{FACTS_SUFFIX}")}
    notices = {}
    for path in sorted(folder.iterdir()):
        if (not path.is_file() or path.name.startswith(".") or path.name in NOT_NOTICES
                or path.name.endswith(FACTS_SUFFIX) or path.name.endswith(".meta.yml")):
            continue
        slug = path.name.split(".")[0]
        if slug in notices:
            errors.append(f"{path}: 与 {notices[slug].name} 同名 / has the same name as {notices[slug].name}")
            continue
        notices[slug] = path
    for slug, path in sorted(notices.items()):
        if slug in facts_files:
            pairs.append((path, facts_files[slug]))
        else:
            errors.append(f"{path}: 缺少事实文件 {slug}{FACTS_SUFFIX} / no facts file {slug}{FACTS_SUFFIX}")
    for slug, path in sorted(facts_files.items()):
        if slug not in notices:
            errors.append(f"{path}: 没有同名的通知原件 / there is no notice of the same name")
    return pairs, errors


def read_facts(path: Path) -> dict:
    """The `facts` mapping of a facts file; a one-line NoticeError naming file and line if unusable."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise NoticeError(str(path), f"YAML 格式错误（{exc.problem}）", f"malformed YAML ({exc.problem})", line)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise NoticeError(str(path), f"无法读取（{exc}）", f"cannot be read ({exc})")
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, dict):
        raise NoticeError(str(path), "缺少 facts 部分", "there is no `facts` mapping")
    unknown = sorted(set(facts) - set(FIELDS))
    if unknown:
        raise NoticeError(str(path), f"未知的键：{'、'.join(map(str, unknown))}", f"unknown keys: {', '.join(map(str, unknown))}")
    return facts


def score_folder(folder: Path, registry: Registry) -> Report:
    pairs, errors = corpus_files(folder)
    scores = []
    for path, facts_path in pairs:
        try:
            facts = read_facts(facts_path)
        except NoticeError as exc:
            errors.append(str(exc))
            continue
        slug = path.name.split(".")[0]
        try:
            notice = load_notice(path, registry)
        except NoticeError as exc:
            refused = str(exc)
        except Exception as exc:  # a crash is a refusal too, reported in one line, not a traceback
            refused = f"{path}: 转换程序出错（{type(exc).__name__}: {exc}）/ the converter crashed"
        else:
            scores.append(score_notice(slug, path, facts, notice, registry))
            continue
        result = NoticeScore(slug, path, refused=refused)
        for name, count in fact_count(facts).items():
            result.total[name] = count
            result.right[name] = 0
        scores.append(result)
    return Report(scores, errors)


def percent(right: int, total: int) -> str:
    return f"{right}/{total} = {100 * right / total:.1f}%" if total else "0/0"


def print_report(report: Report, minimum: float, out) -> None:
    for n in report.notices:
        if n.refused:
            print(f"{n.slug}: 拒绝转换 refused, 0/{n.facts} — {n.refused}", file=out)
            continue
        print(f"{n.slug}: {percent(n.correct, n.facts)}", file=out)
        for wrong in n.wrong:
            print(f"    {wrong}", file=out)
    print("", file=out)
    print("按字段 by field:", file=out)
    for name, (right, total) in report.field_totals().items():
        print(f"    {name:<15} {percent(right, total)}", file=out)
    print(f"总计 total: {percent(report.correct, report.facts)} （最低 minimum {100 * minimum:.1f}%）；"
          f"{len(report.notices)} 份通知 notices，拒绝 refused {len(report.refused)}", file=out)


def run(folder: Path, minimum: float, registry: Registry, out, err) -> int:
    if not folder.is_dir():
        print(f"{folder}: 不是文件夹 / not a folder", file=err)
        return 2
    report = score_folder(folder, registry)
    print_report(report, minimum, out)
    for message in report.errors:
        print(f"错误 error: {message}", file=err)
    for n in report.refused:
        print(f"错误 error: {n.refused}", file=err)
    if report.score < minimum:
        print(f"错误 error: {folder}: 得分 {100 * report.score:.1f}% 低于最低要求 {100 * minimum:.1f}% / "
              f"the score is below the minimum", file=err)
    return 1 if report.errors or report.refused or report.score < minimum else 0
