"""A composed notice written as real ones come: text copied from a PDF or a 信息公开 page, or the
saved page itself."""

from __future__ import annotations

import html
import random


from .names import CLOSING, OPENING, stable_int
from .compose import Doc


# ---- formats -----------------------------------------------------------------------------------

def stray_spaces(text: str, rng: random.Random) -> str:
    """Spaces PDFs put around Latin digits: 2020 年, 剑网 2020, 〔2020〕1 号."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isascii() and c.isdigit():
            k = i
            while k < len(text) and text[k].isascii() and text[k].isdigit():
                k += 1
            run = text[i:k]
            before = " " if out and not out[-1].isascii() and rng.random() < 0.5 else ""
            after = " " if k < len(text) and not text[k].isascii() and rng.random() < 0.5 else ""
            out.append(before + run + after)
            i = k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def wrap(text: str, width: int, indent: bool) -> list[str]:
    """Lines of a paragraph as a PDF sets them: fixed width, Latin runs kept whole, closing
    punctuation hung on the line before (禁则)."""
    tokens: list[str] = []
    i = 0
    while i < len(text):
        k = i + 1
        if text[i].isascii() and text[i].isalnum():
            while k < len(text) and text[k].isascii() and (text[k].isalnum() or text[k] in "./"):
                k += 1
        tokens.append(text[i:k])
        i = k
    lines: list[str] = []
    line = "\u3000\u3000" if indent else ""
    size = 2 if indent else 0
    for tok in tokens:
        w = (len(tok) + 1) // 2 if tok.isascii() else len(tok)  # Latin is half width
        if size + w > width and line.strip() and tok not in CLOSING:
            carry = ""
            while line and line[-1] in OPENING:  # an opening bracket never ends a line
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line)
            line, size = carry, len(carry)
        line += tok
        size += w
    if line:
        lines.append(line)
    return lines


def render_pdf_text(doc: Doc, rng: random.Random) -> str:
    """Text copied out of a PDF: hard wraps at the type area's width, page markers `— 2 —`
    between pages, so that page breaks fall inside sentences and parentheses."""
    width = rng.choice([26, 28, 28, 30])
    per_page = rng.choice([20, 22, 24])
    spaces = rng.random() < 0.6
    blocks: list[tuple[list[str], bool]] = []  # (lines, centred)

    # Titles are set in a larger type (22 characters to the line) and centred; a copy either keeps
    # their lines or runs them together with a space (“…知识产权和 制售假冒伪劣商品工作要点”).
    title_width = rng.choice([20, 22, 24])
    title_joined = rng.random() < 0.5

    def add(text: str, *, centred=False, indent=True, wrap_it=True):
        if spaces:
            text = stray_spaces(text, rng)
        if centred and len(text) > title_width:
            parts = wrap(text, title_width, False)
            lines = [" ".join(parts)] if title_joined else parts
        else:
            lines = wrap(text, width, indent) if wrap_it else [text]
        blocks.append((lines, centred))

    for line in doc.masthead:
        add(line, centred=True, indent=False, wrap_it=False)
    if doc.number:
        add(doc.number, centred=True, indent=False, wrap_it=False)
    add(doc.notice_title, centred=True, indent=False, wrap_it=False)
    for i, line in enumerate(doc.cover):
        add(line, indent=i > 0)
    if doc.title:  # the transmitting notice ends with its 落款, then the document follows
        for line in doc.signature:
            add(line, indent=False, wrap_it=False)
        add(doc.title, centred=True, indent=False, wrap_it=False)
    for para in doc.body:
        add(para.text, indent=True, wrap_it=True)
    if not doc.title:
        for line in doc.signature:
            add(line, indent=False, wrap_it=False)
    out: list[str] = []
    page, on_page = 1, 0
    for lines, centred in blocks:
        for line in lines:
            if on_page >= per_page:
                page += 1
                out += ["", f"— {page} —", ""]
                on_page = 0
            out.append(("        " + line) if centred else line)
            on_page += 1
        out.append("")  # PDF text copies keep a blank line between paragraphs
        on_page += 1
    return "\n".join(out).rstrip() + "\n"


def meta_rows(doc: Doc) -> list[tuple[str, str]]:
    t = doc.truth
    rows = [("索引号", t.index_number or ""), ("发布机构", t.issuer), ("成文日期", doc.date_iso),
            ("文号", doc.number or ""), ("发布日期", doc.published_iso), ("主题分类", "市场监管、安全生产监管"),
            ("关键词", "打击侵权假冒"), ("有效性", "有效")]
    return rows


def render_xxgk_text(doc: Doc, rng: random.Random) -> str:
    """Text copied from a 信息公开 page: the metadata table flattened into pipes, the page's
    tools and counters, paragraphs one to a line."""
    rows = meta_rows(doc)
    out = ["当前位置：首页 > 信息公开 > 通知公告", ""]
    for a, b in zip(rows[0::2], rows[1::2]):
        out.append(f"{spaced_label(a[0], rng)}：| {a[1]} | {spaced_label(b[0], rng)}：| {b[1]} |")
    out += ["", f"{doc.truth.issuer}{doc.notice_title}" if doc.title else doc.notice_title,
            "【字体：大 中 小】", ""]
    out += doc.cover
    if doc.title:
        out += doc.signature + ["", doc.title, ""]
    out += [p.text for p in doc.body]
    if not doc.title:
        out += doc.signature
    out += ["", "【打印本页】【关闭窗口】", f"浏览次数：{rng.randint(20, 3000)}"]
    return "\n".join(out) + "\n"


def spaced_label(label: str, rng: random.Random) -> str:
    """信息公开 tables pad short labels: 索 引 号, 文　　号."""
    if len(label) <= 3 and rng.random() < 0.4:
        return " ".join(label)
    return label


def render_html(doc: Doc, rng: random.Random, charset: str) -> str:
    """A saved 信息公开 page: navigation, metadata table, article, share bar, footer."""
    e = html.escape
    rows = meta_rows(doc)
    cells = "\n".join(f"<tr><td>{e(spaced_label(a[0], rng))}：</td><td>{e(a[1])}</td>"
                      f"<td>{e(spaced_label(b[0], rng))}：</td><td>{e(b[1])}</td></tr>"
                      for a, b in zip(rows[0::2], rows[1::2]))
    heading = f"{doc.truth.issuer}{doc.notice_title}" if doc.title else doc.notice_title
    style = ' style="text-indent:2em"' if rng.random() < 0.5 else ""
    paras = [f"<p>{e(c)}</p>" for c in doc.cover]
    if doc.title:
        paras += [f'<p style="text-align:right">{e(s)}</p>' for s in doc.signature]
        paras.append(f"<h2>{e(doc.title)}</h2>" if rng.random() < 0.5 else
                     f'<p style="text-align:center"><strong>{e(doc.title)}</strong></p>')
    paras += [f"<p{style}>{e(p.text)}</p>" for p in doc.body]
    if not doc.title:
        paras += [f'<p style="text-align:right">{e(s)}</p>' for s in doc.signature]
    body = "\n".join(paras)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{e(heading)}</title>
<script src="/js/analytics.js"></script>
<style>.article p{{line-height:2}}</style>
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="nav-bar"><ul><li><a href="/">网站首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：首页 &gt; 信息公开 &gt; 通知公告</div>
<table class="xxgk-meta">
{cells}
</table>
<div class="article">
<h1>{e(heading)}</h1>
<div class="fontsize">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
{body}
</div>
</div>
<div class="share-bar">分享到：微博 微信 QQ空间</div>
<div>浏览次数：{rng.randint(20, 5000)}</div>
<div class="footer">主办单位：{e(doc.truth.issuer)} 版权所有 网站标识码：{stable_int(doc.truth.slug) % 10**10:010d}</div>
</body></html>
"""
