"""The typed model of a notice: the single source for front matter, `notices inspect`,
open data and generated pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["national", "province", "prefecture", "county"]
Role = Literal["lead", "responsible", "support"]


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: str  # qualified full name: 上海市长宁区
    short: str  # name as written without level word where usual: 长宁
    level: Level
    parent: str | None  # id of the parent jurisdiction
    name_en: str  # "Changning District, Shanghai"
    en_prefix: str  # used in agency names: "Changning District"
    name_en_official: bool = True
    in_registry: bool = True


@dataclass(frozen=True)
class Agency:
    id: str
    name: str  # the form first written in the notice
    full_name: str
    name_en: str
    name_en_official: bool
    system: str  # id of the system (market-regulation, public-security, ...)
    jurisdiction: str  # qualified name of the place it belongs to
    jurisdiction_id: str
    parent: str | None = None  # for branches: the id of the agency it is a branch of
    in_registry: bool = True


@dataclass(frozen=True)
class AgencyRef:
    """One agency named in a task's parenthesis, as written."""

    id: str | None
    name: str
    role: Role
    generic: bool = False


@dataclass(frozen=True)
class Campaign:
    id: str  # series id + year: jianwang-2020, or the series id when no year
    name: str  # normalised: 剑网2020
    series: str
    year: int | None
    name_en: str | None
    in_registry: bool = True


@dataclass(frozen=True)
class Reference:
    title: str | None
    doc_number: str | None


@dataclass
class Section:
    id: str  # s-3-2
    number: str  # as written: 三、 / （二） / 1.
    heading: str
    level: int  # 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）
    children: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    id: str  # t-3-2-1, t-3-2-1-b for the second task in one item
    path: list[str]  # outline numbers as written: ["三、", "（二）", "1."]
    text: str  # the task's words, its parenthesis of agencies included
    agencies: list[AgencyRef]
    campaigns: list[str]  # campaign ids
    section: str | None = None  # id of the innermost section holding it
    corrected: bool = False  # its agencies and roles were corrected by a maintainer (sidecar `tasks:`)


@dataclass(frozen=True)
class Phase:
    """A stage of an implementation plan (阶段步骤) with its time frame as written."""

    name: str
    period: str | None
    deadline: str | None  # YYYY-MM-DD where the text gives a full date
    text: str


@dataclass(frozen=True)
class Block:
    """A piece of the body in reading order; the page renders these and nothing else."""

    kind: Literal["heading", "paragraph", "task"]
    text: str
    id: str | None = None  # section or task id
    level: int = 0  # heading level


@dataclass(frozen=True)
class Attachment:
    """An attachment set on its own pages (附件, 附件2 …) with its own title."""

    number: str | None  # as written after 附件: "2", "二"; None for a single 附件
    title: str


@dataclass(frozen=True)
class Elements:
    """The elements of an official document (GB/T 9704-2012) the text has, as written; the
    文号, 标题 and 成文日期 are the notice's own fields (doc_number, title, issued_date)."""

    masthead: str | None = None  # 发文机关标志: 苏州市打击侵权假冒工作领导小组办公室文件
    signer: str | None = None  # 签发人
    addressees: str | None = None  # 主送机关, who must carry the notice out, as written
    addressee_list: list[str] = field(default_factory=list)  # the same split at commas
    attachment_note: list[str] = field(default_factory=list)  # 附件说明: the titles listed under the body
    attachments: list[Attachment] = field(default_factory=list)  # 附件 set on their own pages
    signature: list[str] = field(default_factory=list)  # 发文机关署名, one body an entry
    signed_date: str | None = None  # 成文日期 under the signature, YYYY-MM-DD
    notes: list[str] = field(default_factory=list)  # 附注, without their parentheses
    disclosure: str | None = None  # 公开方式 as the 附注 states it: 此件公开发布 …
    cc: list[str] = field(default_factory=list)  # 抄送机关
    printed_by: str | None = None  # 印发机关
    printed_date: str | None = None  # 印发日期, YYYY-MM-DD

    def present(self) -> bool:
        return any(getattr(self, name) for name in type(self).__dataclass_fields__)


@dataclass
class Notice:
    slug: str
    title: str
    notice_title: str | None
    doc_type: str  # work-plan, implementation-plan, notice ...
    doc_number: str | None
    index_number: str | None
    issuer: str | None
    issuer_agency: Agency | None  # the issuer resolved in the registry, where it resolves
    issued_date: str | None
    published_date: str | None
    source: str | None
    source_url: str | None
    jurisdiction: dict  # {"id", "name", "level", "name_en"}
    keywords: list[str]
    topic: str | None
    validity: str | None
    references: list[Reference]
    sections: list[Section]
    tasks: list[Task]
    agencies: list[Agency]
    campaigns: list[Campaign]
    phases: list[Phase]
    dropped: list[str]
    body: list[Block]
    front_blocks: int  # how many blocks of `body` come before the document's title (the cover notice)
    stated: list[str]  # metadata keys the text states; the others were inferred
    source_file: str
    sha256: str
    encoding: str
    summary_en: str | None = None
    title_en: str | None = None
    obtained: str | None = None
    corrections: list[str] = field(default_factory=list)  # fields a maintainer corrected
    correction_note: str | None = None
    elements: Elements = field(default_factory=Elements)  # the official document's elements (GB/T 9704)
    # facts the text does not state and the converter could not read (jurisdiction, title,
    # issuer, issued_date): the notice is published with them flagged; the sidecar settles them
    undetermined: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return plain(self)

    @property
    def original_name(self) -> str:
        """The file name the source is published under: a PDF or a .docx as itself, text and
        web pages as `.source.txt` (served as plain text, so that no markup in them can run)."""
        suffix = {"pdf": ".pdf", "docx": ".docx"}.get(self.encoding, ".txt")
        return f"{self.slug}.source{suffix}"


# Values returned as they are; checked first because most values of a notice are strings.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value):
    """Dataclasses as dicts and lists, without the deep copies `dataclasses.asdict` makes."""
    if type(value) in _SCALARS:
        return value
    names = getattr(type(value), "__dataclass_fields__", None)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def fields_of(value) -> dict:
    """A dataclass's fields by name, one level deep (for `json.dumps(default=...)`)."""
    names = getattr(type(value), "__dataclass_fields__", None)
    if names is None:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
    # The generated __init__ sets every field in order, so the instance's own dict is that
    # mapping already, unless something else was set on it.
    own = vars(value)
    if own.keys() == names.keys():
        return own
    return {name: getattr(value, name) for name in names}
