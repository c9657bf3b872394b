"""A page per topic (data/topics.yaml: IP rights, channels, products, kinds of action) in both
languages, listing every task across the notices that concerns it, grouped by notice (newest
first, with its place), with the agencies that lead it; and an index of the topics by group. Views for overrides/sd/topic.html
and overrides/sd/topic-index.html."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ..topics import GROUPS, tasks_by_topic, topic_by_id, topics
from .common import Link, Pager, agency_label, page_path, pager_view, paginate_groups, place_label, rel, t
from .data import SiteData, notice_year
from .tasks import TaskRow, excerpt_text, lead_agencies, notice_ref, row_key, task_link

INDEX = "topics/index"
GROUP_NAMES = {"right": ("知识产权类型", "Intellectual property rights"), "channel": ("渠道和环节", "Channels"),
               "product": ("商品", "Products"), "action": ("工作类型", "Kinds of action")}


def topic_base(tid: str) -> str:
    return f"topics/{tid}"


@dataclass(frozen=True)
class TopicTask:
    where: Link
    excerpt: str  # the start of its words (Chinese pages only)
    leads: list[Link]


@dataclass(frozen=True)
class TopicNotice:
    """A notice and its tasks on the topic."""

    year: int | None
    notice: Link
    place: str
    tasks: list[TopicTask]


@dataclass(frozen=True)
class TopicView:
    lang: str
    heading: str
    other_name: str  # the topic's name in the other language (Chinese marked on English pages)
    groups: list[TopicNotice]
    total: int
    index: Link
    pager: Pager | None

    @property
    def tasks(self) -> list[TopicTask]:
        return [task for g in self.groups for task in g.tasks]


@dataclass(frozen=True)
class TopicEntry:
    link: Link
    other_name: str
    tasks: int


@dataclass(frozen=True)
class TopicGroup:
    title: str
    topics: list[TopicEntry]


@dataclass(frozen=True)
class TopicIndexView:
    lang: str
    title: str
    groups: list[TopicGroup]
    foreign: Link


def _rows(data: SiteData) -> dict[str, list[TaskRow]]:
    """Each topic's tasks as sorted rows, worked out once per SiteData."""
    return data.memo("topic_rows", lambda: {
        tid: sorted((TaskRow(n, task, notice_year(n)) for n, task in pairs), key=lambda r: row_key(r, data))
        for tid, pairs in tasks_by_topic(data.notices).items()})


def _pages(data: SiteData, key: str) -> list[list[list[TaskRow]]]:
    """A topic's rows grouped by notice (the sort keeps a notice's rows together), in pages."""
    def make() -> dict[str, list]:
        out = {}
        for tid, rows in _rows(data).items():
            groups = [list(g) for _, g in itertools.groupby(rows, key=lambda r: r.slug)]
            out[tid] = paginate_groups(groups, lambda g: 1 + len(g))
        return out

    return data.memo("topic_pages", make).get(key, [[]])


def topic_view(data: SiteData, key: str, number: int, lang: str) -> TopicView:
    topic = topic_by_id()[key]
    pages = _pages(data, key)
    src = page_path(topic_base(key), number)
    groups = [TopicNotice(rows[0].year, notice_ref(rows[0].notice, src, lang),
                         place_label(data, rows[0].notice.jurisdiction["id"], lang),
                         [TopicTask(task_link(row, src, lang),
                                    excerpt_text(row.task.text, path=row.task.path) if lang == "zh" else "",
                                    [Link(agency_label(data, a, lang), rel(src, f"agencies/{a}"))
                                     for a in lead_agencies(row.task) if a in data.agencies])
                          for row in rows])
              for rows in pages[number - 1]]
    return TopicView(lang, t(lang, topic.zh, topic.en), t(lang, topic.en, topic.zh), groups,
                     len(_rows(data).get(key, [])), Link(t(lang, "全部主题", "All topics"), rel(src, INDEX)),
                     pager_view(topic_base(key), number, len(pages)))


def index_view(data: SiteData, key: str, number: int, lang: str) -> TopicIndexView:
    rows = _rows(data)
    groups = []
    for group in GROUPS:
        entries = [TopicEntry(Link(t(lang, tp.zh, tp.en), rel(INDEX, topic_base(tp.id))), t(lang, tp.en, tp.zh),
                              len(rows.get(tp.id, []))) for tp in topics() if tp.group == group]
        groups.append(TopicGroup(t(lang, *GROUP_NAMES[group]), entries))
    return TopicIndexView(lang, t(lang, "按主题查看任务", "Tasks by topic"), groups,
                          Link(t(lang, "外资企业：按问题查找", "Foreign enterprises: find by problem"), rel(INDEX, "foreign/index") + "#problems"))


def stubs(data: SiteData) -> Iterator:
    """The topic pages, as pages.Stub (overrides/sd/topic.html, topic-index.html)."""
    from .pages import Stub

    yield Stub(INDEX, "topic-index", "", 1, ("按主题查看任务", "Tasks by topic"))
    for tp in topics():
        for number in range(1, len(_pages(data, tp.id)) + 1):
            yield Stub(page_path(topic_base(tp.id), number), "topic", tp.id, number,
                       (f"主题：{tp.zh}", f"Topic: {tp.en}"))
