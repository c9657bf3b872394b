"""What a task concerns (trademarks, online, food, criminal justice …), from data/topics.yaml:
a topic applies when one of its Chinese keywords is in the task's text or in a heading above it.
The headings count because a task often names its subject only there: 加强外资企业权益保护 heads
tasks that never say 外资 again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Notice, Task

TOPICS_FILE = Path(__file__).resolve().parents[2] / "data" / "topics.yaml"
GROUPS = ("right", "channel", "product", "action")
# a task's parenthesis of agencies names bodies, not subjects (公安 in 市公安局 is no topic)
_PARENTHESIS = re.compile(r"[（(][^（）()]*(?:负责|牵头|配合|参与)[^（）()]*[）)]\s*$")


@dataclass(frozen=True)
class Topic:
    id: str
    group: str
    zh: str
    en: str
    keywords: tuple[str, ...]


def load_topics(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
    """Read and check the vocabulary; errors name the file and line (NoticeError)."""
    from .registry.datafile import Checker, read

    data = read(path)
    chk = Checker(path)
    out: list[Topic] = []
    seen: set[str] = set()
    for t in chk.items(data, "topics"):
        tid = chk.text(t, "id", "编号", "id")
        chk.new_id(t, tid, seen, "主题", "topic")
        seen.add(tid)
        if t.get("group") not in GROUPS:
            chk.fail(t, f"group 须为 {'、'.join(GROUPS)} 之一", f"group must be one of {', '.join(GROUPS)}")
        words = t.get("keywords")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            chk.fail(t, f"主题“{tid}”须有关键词列表（keywords）", f"topic '{tid}' needs a list of keywords")
        out.append(Topic(tid, t["group"], chk.text(t, "zh", "中文名称", "Chinese name"),
                         chk.text(t, "en", "英文名称", "English name"), tuple(words)))
    return tuple(out)


@lru_cache(maxsize=1)
def topics() -> tuple[Topic, ...]:
    return load_topics()


def topic_by_id() -> dict[str, Topic]:
    return {t.id: t for t in topics()}


def tag(text: str, headings: list[str], vocabulary: tuple[Topic, ...] | None = None) -> list[str]:
    """Ids of the topics a task concerns, in the vocabulary's order."""
    vocabulary = vocabulary or topics()
    body = _PARENTHESIS.sub("", text)
    where = body + "\n" + "\n".join(headings)
    return [t.id for t in vocabulary if _keywords_re(t.keywords).search(where)]


@lru_cache(maxsize=256)
def _keywords_re(keywords: tuple[str, ...]) -> re.Pattern:
    # one search per topic instead of a substring test per keyword
    return re.compile("|".join(map(re.escape, sorted(keywords, key=len, reverse=True))))


@dataclass(frozen=True)
class Problem:
    """A common problem of a right holder, and the topics a task must concern to address it."""

    id: str
    zh: str
    en: str
    topics: tuple[str, ...]


PROBLEMS_FILE = TOPICS_FILE.with_name("problems.yaml")


def load_problems(path: Path = PROBLEMS_FILE, vocabulary: tuple[Topic, ...] | None = None) -> tuple[Problem, ...]:
    """Read and check data/problems.yaml against the topic vocabulary (NoticeError with file and line)."""
    from .registry.datafile import Checker, read

    known = {t.id for t in (vocabulary or topics())}
    data = read(path)
    chk = Checker(path)
    out: list[Problem] = []
    seen: set[str] = set()
    for p in chk.items(data, "problems"):
        pid = chk.text(p, "id", "编号", "id")
        chk.new_id(p, pid, seen, "问题", "problem")
        seen.add(pid)
        wanted = p.get("topics")
        if not isinstance(wanted, list) or not wanted or any(t not in known for t in wanted):
            chk.fail(p, f"问题“{pid}”的 topics 须为 topics.yaml 中的主题编号", f"the topics of problem '{pid}' must be topic ids of topics.yaml")
        out.append(Problem(pid, chk.text(p, "zh", "中文说明", "Chinese text"), chk.text(p, "en", "英文说明", "English text"),
                           tuple(wanted)))
    return tuple(out)


@lru_cache(maxsize=1)
def problems() -> tuple[Problem, ...]:
    return load_problems()


def addresses(problem: Problem, task_topics: list[str]) -> bool:
    """Whether a task tagged with `task_topics` addresses the problem (it concerns all its topics)."""
    return all(t in task_topics for t in problem.topics)


def tasks_by_topic(notices: list[Notice]) -> dict[str, list[tuple[Notice, Task]]]:
    """Topic id → (notice, task) for every task across the notices, in the vocabulary's order
    and the notices' order: what a page per topic lists."""
    out: dict[str, list[tuple[Notice, Task]]] = {t.id: [] for t in topics()}
    for notice in notices:
        for task in notice.tasks:
            for tid in task.topics:
                out.setdefault(tid, []).append((notice, task))
    return out


def tasks_by_problem(notices: list[Notice]) -> dict[str, list[tuple[Notice, Task]]]:
    """Problem id → (notice, task) for every task that addresses it (data/problems.yaml)."""
    return {p.id: [(n, t) for n in notices for t in n.tasks if addresses(p, t.topics)]
            for p in problems()}
