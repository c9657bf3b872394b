"""Writes the PDF and Word test files of tests/fixtures/documents/ from the notice's text.

The text (`2023-jiangsu-suzhou-work-plan.txt`) is typeset as GB/T 9704-2012 lays out an official
document: the issuing authority's mark in red, the 文号 over a red rule, the title, the addressees,
the body, the note of attachments, the signature and date, the 附注, the attachment on a page of
its own, the 抄送 / 印发 record between rules on the last page, page numbers `— 1 —`. The PDF is
printed by headless Debian chromium (Playwright), once as a document and once as a browser prints
a web page (its running lines); the .docx written with python-docx, and exported to PDF by
LibreOffice as a word processor sets it.

Run from the repository root: `.venv/bin/python scripts/make_document_fixtures.py`. The files are
committed; run it again only to change them (and read the golden diffs that follow)."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "documents"
NAME = "2023-jiangsu-suzhou-work-plan"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


def parts(lines: list[str]) -> dict:
    """The notice's text cut into the elements of GB/T 9704 (this fixture's own order)."""
    attachment = lines.index("附件")
    cc = next(i for i, line in enumerate(lines) if line.startswith("抄送"))
    printed_by, _, printed_on = lines[cc + 1].partition("\u3000\u3000")
    return {
        "mark": lines[0], "number": lines[1], "title": lines[2], "to": lines[3],
        "body": lines[4:attachment - 4], "note": lines[attachment - 4],
        "signature": lines[attachment - 3], "date": lines[attachment - 2], "remark": lines[attachment - 1],
        "att_title": lines[attachment + 1], "att_body": lines[attachment + 2:cc],
        "cc": lines[cc], "printed_by": printed_by, "printed_on": printed_on,
    }


CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { margin: 0; font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 28.9pt;
       text-align: justify; }
p { margin: 0; }
.mark { color: #d00; font-family: 'Noto Serif CJK SC'; font-weight: 900; font-size: 21pt;
        text-align: center; line-height: 1.4; margin-top: 18mm; letter-spacing: 0.02em; }
.number { text-align: center; margin-top: 20pt; }
.rule { border-top: 2px solid #d00; margin: 10pt 0 28pt; }
.title { font-size: 22pt; line-height: 1.5; text-align: center; font-weight: 700; margin: 14pt 0; }
.indent { text-indent: 2em; }
.h1 { text-indent: 2em; font-family: 'Noto Sans CJK SC', sans-serif; }
.h2 { text-indent: 2em; font-weight: 700; }
.note { margin-top: 28.9pt; padding-left: 2em; }
.signature { margin-top: 57.8pt; text-align: right; padding-right: 2em; }
.date { text-align: right; padding-right: 4em; }
.remark { margin-top: 28.9pt; text-indent: 2em; }
.attachment { break-before: page; font-family: 'Noto Sans CJK SC', sans-serif; }
.record { break-before: page; margin-top: 120mm; font-size: 14pt; line-height: 1.6; }
.record p { padding: 3pt 1em; border-bottom: 1px solid #000; }
.record p:first-child { border-top: 2px solid #000; }
.record .printed { display: flex; justify-content: space-between; border-bottom: 2px solid #000; }
"""


def body_html(line: str) -> str:
    kind = "h1" if HEADING_1.match(line) else "h2" if HEADING_2.match(line) else "indent"
    return f'<p class="{kind}">{html.escape(line)}</p>'


def page(p: dict) -> str:
    e = html.escape
    rows = [f'<p class="mark">{e(p["mark"])}</p>', f'<p class="number">{e(p["number"])}</p>',
            '<div class="rule"></div>', f'<p class="title">{e(p["title"])}</p>', f'<p>{e(p["to"])}</p>']
    rows += [body_html(line) for line in p["body"]]
    rows += [f'<p class="note">{e(p["note"])}</p>', f'<p class="signature">{e(p["signature"])}</p>',
             f'<p class="date">{e(p["date"])}</p>', f'<p class="remark">{e(p["remark"])}</p>',
             '<p class="attachment">附件</p>', f'<p class="title">{e(p["att_title"])}</p>']
    rows += [body_html(line) for line in p["att_body"]]
    rows += ['<div class="record">', f'<p>{e(p["cc"])}</p>',
             f'<p class="printed"><span>{e(p["printed_by"])}</span><span>{e(p["printed_on"])}</span></p>', "</div>"]
    return (f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><style>{CSS}</style></head>'
            f'<body>{"".join(rows)}</body></html>')


FOOTER = ('<div style="width:100%;font-size:14pt;font-family:\'Noto Serif CJK SC\';text-align:center;">'
          '— <span class="pageNumber"></span> —</div>')


def write_pdf(p: dict, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.set_content(page(p), wait_until="load")
        tab.pdf(path=str(out), format="A4", display_header_footer=True, header_template="<span></span>",
                footer_template=FOOTER, margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"},
                prefer_css_page_size=True)
        browser.close()


def write_printed_pdf(p: dict, out: Path) -> None:
    """The same page as a reader prints it from a browser: chromium's own running lines (the
    date and the page's title at the top, its address and `1/5` at the foot of every page)."""
    from playwright.sync_api import sync_playwright

    url = "https://www.example.gov.cn/art/2023/3/16/art_3.html"  # answered here, never fetched
    document = page(p).replace("<head>", f"<head><title>{html.escape(p['title'])}</title>")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.fulfill(body=document, content_type="text/html; charset=utf-8")
                  if route.request.url == url else route.abort())
        tab.goto(url, wait_until="load")
        tab.pdf(path=str(out), format="A4", display_header_footer=True, prefer_css_page_size=True)
        browser.close()


def write_docx(p: dict, out: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "仿宋_GB2312"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")

    def para(text: str, *, align=None, indent: bool = False, size: float | None = None, red: bool = False,
             bold: bool = False, font: str | None = None):
        paragraph = doc.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if red:
            run.font.color.rgb = RGBColor(0xD0, 0, 0)
        if font:
            run.font.name = font
            run.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        return paragraph

    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    para(p["mark"], align=center, size=24, red=True, font="方正小标宋简体")
    para(p["number"], align=center)
    para(p["title"], align=center, size=22, font="方正小标宋简体")
    para(p["to"])
    for line in p["body"]:
        para(line, indent=True)
    para(p["note"], indent=True)
    para(p["signature"], align=right)
    para(p["date"], align=right)
    para(p["remark"], indent=True)
    para("附件", font="黑体").paragraph_format.page_break_before = True
    para(p["att_title"], align=center, size=22, font="方正小标宋简体")
    for line in p["att_body"]:
        para(line, indent=True, font="黑体" if HEADING_1.match(line) else "楷体_GB2312" if HEADING_2.match(line) else None)
    record = doc.add_section(WD_SECTION.NEW_PAGE)
    record.footer.is_linked_to_previous = True
    para(p["cc"], size=14)
    para(f'{p["printed_by"]}\u3000\u3000{p["printed_on"]}', size=14)
    # the page number, — PAGE —, as a field in the footer (Word fills it in when it lays out pages)
    footer = section.footer.paragraphs[0]
    footer.alignment = center
    footer.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = footer.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
        else:
            run.text = text
    footer.add_run(" —")
    doc.core_properties.author = "test fixture"
    doc.save(str(out))


def write_word_pdf(docx_file: Path, out: Path) -> None:
    """The .docx exported to PDF by a word processor (LibreOffice, as Word or WPS would): text
    set flush left, lines ending short before a comma or a number kept whole, the footer's
    page number. Skipped where LibreOffice is not installed (apt-get install libreoffice-writer-nogui)."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: the -word.pdf is left as it is")
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(docx_file)],
                       check=True, capture_output=True)
        shutil.move(Path(folder) / f"{docx_file.stem}.pdf", out)


def main() -> int:
    lines = [line for line in (FOLDER / f"{NAME}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    p = parts(lines)
    write_pdf(p, FOLDER / f"{NAME}-pdf.pdf")
    write_printed_pdf(p, FOLDER / f"{NAME}-printed.pdf")
    write_docx(p, FOLDER / f"{NAME}-docx.docx")
    write_word_pdf(FOLDER / f"{NAME}-docx.docx", FOLDER / f"{NAME}-word.pdf")
    print(f"wrote {NAME}-pdf.pdf, -printed.pdf, -docx.docx and -word.pdf in {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
