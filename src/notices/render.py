"""Stage 4: the Markdown pages of a notice: Chinese (the text, in full) and English (what the
notice asks of whom, in English, pointing to the authoritative Chinese text).

Text from a source is escaped so it can never become live HTML, script or Markdown syntax."""

from __future__ import annotations

import json
import re
from functools import lru_cache

import yaml

from .english import SOURCE_NOTE, group_en
from .model import Block, Notice, Task, fields_of
from .outline import run_in_lead
from .registry import DATA_DIR
from .safety import md_text, summary_html

SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
HEADING_MARKS = {1: "##", 2: "###", 3: "####", 4: "#####"}
METADATA_FIELDS = ["index_number", "issuer", "issued_date", "published_date", "doc_number", "topic",
                   "keywords", "source", "validity", "jurisdiction", "doc_type"]


HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
escape = md_text  # the name the site's modules import


def zh(text: str) -> str:
    """Chinese on an English page: escaped and marked, so screen readers read it as Chinese."""
    return f'<span lang="zh-Hans">{escape(text)}</span>'


def en_value(text: str) -> str:
    """A value shown on an English page: marked as Chinese when it holds Chinese characters."""
    return zh(text) if HAN_RE.search(text) else escape(text)


@lru_cache(maxsize=1)
def labels() -> dict:
    return yaml.safe_load((DATA_DIR / "labels.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def doc_type_names() -> dict[str, dict]:
    return {d["id"]: d for d in yaml.safe_load((DATA_DIR / "doc_types.yaml").read_text(encoding="utf-8"))}


def front_matter(data: dict) -> str:
    return "---\n" + yaml.dump(data, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def english_title(notice: Notice) -> str:
    """The sidecar's English title, else one made by rule from the document type and place."""
    if notice.title_en:
        return notice.title_en
    if notice.label_en:
        return notice.label_en
    kind = doc_type_names().get(notice.doc_type, {}).get("en") or "Document"
    return f"{kind} issued in {notice.jurisdiction['name_en']}"


def page_front_matter(notice: Notice, lang: str) -> dict:
    title = notice.title if lang == "zh" else english_title(notice)
    return {
        # the theme puts the title into <title> and the navigation: no markup from outside
        "title": title.replace("<", "＜").replace(">", "＞"),
        "notice": notice.slug,
        "doc_type": notice.doc_type,
        "jurisdiction": notice.jurisdiction["id"],
        "date": notice.issued_date or notice.published_date,
    }


def field_value(notice: Notice, key: str, lang: str) -> str | None:
    if key == "jurisdiction":
        return notice.jurisdiction["name"] if lang == "zh" else notice.jurisdiction["name_en"]
    if key == "doc_type":
        kind = doc_type_names().get(notice.doc_type, {})
        return kind.get(lang)
    if key == "issuer" and lang == "en" and notice.issuer_agency:
        agency = notice.issuer_agency
        return f"{agency.name_en}{'' if agency.name_en_official else ' †'}"
    value = getattr(notice, key)
    if isinstance(value, list):
        return "、".join(value) if value else None
    return value


def metadata_table(notice: Notice, lang: str) -> list[str]:
    names, words = labels()["fields"], labels()
    head = ["| 项目 | 内容 | 依据 |", "| --- | --- | --- |"] if lang == "zh" else \
        ["| Field | Value | Basis |", "| --- | --- | --- |"]
    rows = []
    for key in METADATA_FIELDS:
        value = field_value(notice, key, lang)
        if key == "validity" and value is None:
            continue  # shown only where stated
        if key == "jurisdiction" and key in notice.undetermined:
            # the converter could not tell the place: say so, and that the sidecar settles it
            value = None
            basis = words["undetermined"][lang]
        elif value is None:
            basis = words["missing"][lang]
        elif key in notice.corrections:
            basis = "维护者更正" if lang == "zh" else "corrected by a maintainer"
        else:
            basis = words["stated" if key in notice.stated else "inferred"][lang]
        shown = (en_value(value) if lang == "en" else escape(value)) if value else "—"
        if value and key == "issuer" and lang == "en" and notice.issuer_agency and notice.issuer:
            shown = f"{escape(value)} ({zh(notice.issuer)})"
        rows.append(f"| {names[key][lang]} | {shown} | {basis} |")
    return head + rows


def element_values(notice: Notice, lang: str = "zh") -> dict[str, str]:
    """Each element of the official document the notice has, as one line of text (unescaped);
    on the English page a body that is the notice's issuer carries its English name too."""
    e = notice.elements
    issuer = notice.issuer_agency

    def body(name: str) -> str:
        if lang == "en" and issuer and name == notice.issuer:
            return f"{name} ({issuer.name_en}{'' if issuer.name_en_official else ' †'})"
        return name

    attachments = [f"附件{a.number or ''}：{a.title}" for a in e.attachments]
    numbered = len(e.attachment_note) > 1
    values = {
        "masthead": e.masthead, "doc_number": notice.doc_number, "signer": e.signer,
        "title": notice.notice_title or notice.title, "addressees": e.addressees,
        "attachment_note": "；".join(f"{i}. {t}" if numbered else t for i, t in enumerate(e.attachment_note, 1)),
        "attachments": "；".join(attachments), "signature": "；".join(body(name) for name in e.signature), "signed_date": e.signed_date,
        "notes": "；".join(f"（{n}）" for n in e.notes), "disclosure": e.disclosure, "cc": "；".join(e.cc),
        "printed_by": body(e.printed_by) if e.printed_by else None, "printed_date": e.printed_date,
    }
    return {key: value for key, value in values.items() if value}


def elements_section(notice: Notice, lang: str) -> list[str]:
    """The elements of the official document (GB/T 9704) the text has: who must carry it out,
    its attachments, who signed it, to whom it was copied, when it was printed."""
    if not notice.elements.present():
        return []
    names = labels()["elements"]
    if lang == "zh":
        lines = ["## 公文要素 { #elements }", "", "| 要素 | 内容 |", "| --- | --- |"]
    else:
        lines = ["## Elements of the official document { #elements }", "",
                 "As the Chinese original sets them out (GB/T 9704); the values are quoted in Chinese.", "",
                 "| Element | As written |", "| --- | --- |"]
    lines += [f"| {names[key][lang]} | {escape(value) if lang == 'zh' else en_value(value)} |"
              for key, value in element_values(notice, lang).items()]
    return lines + [""]


def provenance(notice: Notice, lang: str) -> list[str]:
    original = notice.original_name
    if lang == "zh":
        lines = ['!!! info "来源与可信度"', "",
                 "    本页由原文自动转换而成，内容以发布机关公布的原文为准。"]
        if notice.source:
            lines.append(f"    来源：{escape(notice.source)}。")
        if notice.source_url:
            lines.append(f"    原文链接：<{notice.source_url}>")
        if notice.obtained:
            lines.append(f"    获取日期：{notice.obtained}。")
        # text and web pages: to read, the text as UTF-8; to check, the bytes as obtained
        # (batch.original_files); a PDF or a .docx is published as itself
        links = (f"[阅读所获原件的文字]({original}) · [下载原始文件]({notice.slug}.original)"
                 if original.endswith(".source.txt") else f"[查看所获原件]({original})")
        lines += [f"    {links}", "",
                  '    ??? note sd-tech "核对用信息"', "",
                  f"        原始文件的 SHA-256：`{notice.sha256}`；"
                  + (f"文字编码：{notice.encoding}。" if original.endswith(".source.txt") else
                     f"文件格式：{ {'pdf': 'PDF', 'docx': 'Word（.docx）'}.get(notice.encoding, notice.encoding)}。")]
    else:
        lines = ['!!! info "Source and authority"', "",
                 "    This page was converted automatically. The Chinese original published by the "
                 "issuing authority is authoritative; this English page is an aid to reading it."]
        if notice.source_url:
            lines.append(f"    Original: <{notice.source_url}>")
        if notice.obtained:
            lines.append(f"    Obtained on {notice.obtained}.")
        # raw: the default language's build publishes the file, beside the Chinese page
        lines.append(f'    The file as this site obtained it (Chinese): <a href="../../../notices/{original}">{original}</a>')
    corrected_tasks = [t.id for t in notice.tasks if t.corrected]
    if notice.corrections or corrected_tasks:
        fields = ("、" if lang == "zh" else ", ").join(
            [labels()["fields"].get(k, {}).get(lang, k) for k in notice.corrections]
            + [f"任务 {t} 的责任单位" if lang == "zh" else f"the agencies of task {t}" for t in corrected_tasks])
        note = escape(notice.correction_note or "")
        lines += ["", '!!! warning "本页经人工更正"' if lang == "zh" else '!!! warning "Corrected by a maintainer"', "",
                  f"    {'更正的项目' if lang == 'zh' else 'Corrected fields'}: {fields}. {note}"]
    return lines


def agency_link(task: Task, notice: Notice, lang: str) -> dict[str, list[str]]:
    by_id = {a.id: a for a in notice.agencies}
    roles: dict[str, list[str]] = {}
    for ref in task.agencies:
        if ref.id and ref.id in by_id:
            agency = by_id[ref.id]
            name = escape(ref.name) if lang == "zh" else escape(agency.name_en) + ("" if agency.name_en_official else " †")
            shown = f'<a href="../../agencies/{ref.id}/">{name}</a>'
        elif lang == "en":
            what = group_en(ref.name) if ref.generic else "a body named in the Chinese text"
            shown = f"{what} ({zh(ref.name)})"
        else:
            shown = escape(ref.name)
        roles.setdefault(ref.role, []).append(shown)
    return roles


def task_footer(task: Task, notice: Notice) -> str | None:
    """One line under a task: who leads, who is responsible, which campaigns, all linked."""
    parts = []
    for role, names in agency_link(task, notice, "zh").items():
        parts.append(f"{labels()['roles'][role]['zh']}：{'、'.join(names)}")
    if task.corrected:
        parts.append("（责任单位经人工更正）")
    campaigns = {c.id: c for c in notice.campaigns}
    if task.campaigns:
        links = [f'<a href="../../campaigns/{campaigns[c].series}/">{escape(campaigns[c].name)}</a>' for c in task.campaigns]
        parts.append("专项行动：" + "、".join(links))
    if not parts:
        return None
    return '<span class="task-meta">' + " · ".join(parts) + "</span>"


def render_block(block: Block, tasks: dict[str, Task], notice: Notice) -> list[str]:
    if block.kind == "heading":
        return [f"{HEADING_MARKS.get(block.level, '#####')} {escape(block.text)} {{ #{block.id} }}", ""]
    if block.kind == "task":
        lines = [escape(block.text), f"{{: #{block.id} .task }}", ""]
        footer = task_footer(tasks[block.id], notice) if block.id in tasks else None
        return lines + ([footer, "{: .task-meta-line }", ""] if footer else [])
    lead = run_in_lead(block.text)
    if lead:
        return [f"**{escape(lead)}**{escape(block.text[len(lead):])}", ""]
    return [escape(block.text), ""]


def render_zh(notice: Notice) -> str:
    lines = [front_matter(page_front_matter(notice, "zh")).rstrip("\n"), "", f"# {escape(notice.title)}", ""]
    lines += metadata_table(notice, "zh") + [""] + provenance(notice, "zh") + [""]
    tasks = {t.id: t for t in notice.tasks}
    body = notice.body
    cover = notice.front_blocks
    if cover:
        lines += [f"## {escape(notice.notice_title or '导语')} {{ #cover }}", ""]
        for block in body[:cover]:
            lines += render_block(block, tasks, notice)
        if not body[cover:] or body[cover].kind != "heading" or body[cover].level != 1:
            lines += ["## 正文 { #text }", ""]
    for block in body[cover:]:
        lines += render_block(block, tasks, notice)
    lines += elements_section(notice, "zh")
    if notice.phases:
        lines += ["## 阶段安排 { #phases }", "", "| 阶段 | 时间 | 截止日期 |", "| --- | --- | --- |"]
        lines += [f"| {escape(p.name)} | {escape(p.period or '—')} | {p.deadline or '—'} |" for p in notice.phases]
        lines.append("")
    if notice.references:
        lines += ["## 引用文件 { #references }", ""]
        lines += [f"- 《{escape(r.title or '')}》" + (f"（{escape(r.doc_number)}）" if r.doc_number else "")
                  for r in notice.references]
        lines.append("")
    if notice.dropped:
        lines += ['??? note "转换时去除的页面杂项"', ""]
        lines += [f"    - {escape(d)}" if d else "    - （空）" for d in notice.dropped]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def outline_en(notice: Notice) -> list[str]:
    """The notice's outline in English, each heading with its Chinese and where its English comes from."""
    lines = []
    for section in notice.sections:
        for s in [section] + section.children:
            indent = "    " if s.level > 1 else ""
            source = SOURCE_NOTE.get(s.heading_en_source or "", "")
            lines.append(f"{indent}- {escape(s.heading_en or '')} ({zh(s.heading)}; {source})")
    return lines


def task_row(task: Task, notice: Notice, zh_url: str) -> str:
    roles = agency_link(task, notice, "en")
    source = SOURCE_NOTE.get(task.summary_en_source or "", "")
    # the row carries the task's id, so links to a task land here on the English page; its
    # number links the task's words in the Chinese text, one click away
    where = f'<a id="{task.id}" href="{zh_url}#{task.id}">Task {task_number(task)}</a>'
    if task.corrected:
        where += " (agencies corrected by a maintainer)"
    cells = [f"{where}: {escape(task.summary_en or '')} <small>({source})</small>"]
    cells += ["; ".join(roles.get(role, [])) or "—" for role in ("lead", "responsible", "support")]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def task_number(task: Task) -> str:
    """t-3-2-1-b → 3.2.1 (b): the task's place in the outline, in digits."""
    parts = task.id.removeprefix("t-").split("-")
    letter = f" ({parts.pop()})" if parts and parts[-1].isalpha() else ""
    return ".".join(parts) + letter


def render_en(notice: Notice) -> str:
    zh_url = f"../../../notices/{notice.slug}/"
    heading = escape(english_title(notice)) + ("" if notice.title_en else " <small>(title generated by rule)</small>")
    lines = [front_matter(page_front_matter(notice, "en")).rstrip("\n"), "", f"# {heading}", "",
             # raw links: MkDocs validates Markdown links to pages, and this one crosses languages
             f'Chinese title: **{zh(notice.title)}** — <a href="{zh_url}">read the authoritative Chinese text</a>', ""]
    lines += metadata_table(notice, "en") + [""] + provenance(notice, "en") + [""]
    lines += ["## Summary { #summary }", ""]
    if notice.summary_en:
        # Markdown without raw HTML, sanitised: one raw block the page's Markdown passes through
        lines += [f'<div class="sd-summary">{summary_html(notice.summary_en)}</div>', "",
                  "*Summary written by a person and checked against the Chinese text.*", ""]
    else:
        lines += ["No English summary has been written for this notice yet. The outline and the task "
                  "descriptions below are generated by rule from the Chinese text, which is authoritative.", ""]
    if notice.sections:
        lines += ["## Outline { #outline }", ""] + outline_en(notice) + [""]
    campaigns = notice.campaigns
    if campaigns:
        lines += ["## Campaigns named { #campaigns }", ""]
        for c in campaigns:
            english = escape(c.name_en) if c.name_en else "a campaign not yet in the registry"
            lines.append(f"- [{english}](../campaigns/{c.series}.md) ({zh(c.name)})")
        lines.append("")
    if notice.tasks:
        # An HTML table, one raw block that Markdown passes through: as a Markdown table, its
        # inline links were most of the page's rendering time.
        lines += ["## Tasks and who is responsible { #tasks }", "",
                  "Each task's number links its words in the authoritative Chinese text.", "", "<table>",
                  "<thead><tr><th>Task</th><th>Lead</th><th>Responsible</th><th>Support</th></tr></thead>", "<tbody>"]
        lines += [task_row(task, notice, zh_url) for task in notice.tasks]
        lines += ["</tbody>", "</table>", "", "† Unofficial translation made by this site. Descriptions marked "
                  "“generated by rule” are made from the parsed Chinese text and its phrase table, not translated "
                  "by a person.", ""]
    lines += elements_section(notice, "en")
    if notice.phases:
        lines += ["## Phases { #phases }", "", "| Phase | Period as written | Deadline |", "| --- | --- | --- |"]
        lines += [f"| {escape(p.name_en or '')} ({zh(p.name)}) | {zh(p.period) if p.period else '—'} | {p.deadline or '—'} |"
                  for p in notice.phases]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_json(notice: Notice) -> str:
    # The encoder walks lists and dicts itself and asks `fields_of` only for the dataclasses:
    # the same JSON as `notice.to_dict()`, without building that copy first. A notice is a
    # tree (nothing refers back to what holds it), so the encoder's check for cycles, which
    # costs a third of its time, is left out.
    return json.dumps(notice, default=fields_of, ensure_ascii=False, separators=(",", ":"),
                      check_circular=False) + "\n"
