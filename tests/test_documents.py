"""PDF and Word files as maintainers receive them: the same facts as the same notice's text;
page furniture dropped and reported; the formats we cannot read refused in one line that says
how to save the file in a form that works."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from notices.documents import Box, Line, continues, furniture, ordinary_radicals, paragraphs, unmapped
from notices.errors import NoticeError
from notices.ingest import read_source
from notices.parse import load_notice

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "tests" / "fixtures" / "documents"
TEXT = FOLDER / "2023-jiangsu-suzhou-work-plan.txt"
FILES = [FOLDER / "2023-jiangsu-suzhou-work-plan-pdf.pdf", FOLDER / "2023-jiangsu-suzhou-work-plan-docx.docx",
         # the same page printed from a browser, with its running lines: date and title, address and 1/5
         FOLDER / "2023-jiangsu-suzhou-work-plan-printed.pdf",
         # the .docx exported by a word processor (LibreOffice): flush left, lines ending short
         FOLDER / "2023-jiangsu-suzhou-work-plan-word.pdf"]


def facts(notice):
    return {
        "title": notice.title, "notice_title": notice.notice_title, "doc_number": notice.doc_number,
        "issuer": notice.issuer, "issued_date": notice.issued_date, "jurisdiction": notice.jurisdiction,
        "tasks": [(t.id, t.text, [(a.name, a.role) for a in t.agencies], t.campaigns) for t in notice.tasks],
        "agencies": [a.id for a in notice.agencies], "campaigns": [c.id for c in notice.campaigns],
        "body": [(b.kind, b.text) for b in notice.body],
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem.rsplit("-", 1)[1])
def test_pdf_and_docx_give_the_facts_of_the_text(path, registry):
    expected = facts(load_notice(TEXT, registry))
    assert len(expected["tasks"]) == 9 and len(expected["campaigns"]) == 4  # the text itself is read right
    assert expected["doc_number"] == "苏打假办〔2023〕3号"
    assert facts(load_notice(path, registry)) == expected


def test_pdf_page_numbers_are_dropped_and_reported(registry):
    notice = load_notice(FILES[0], registry)
    assert notice.dropped == [f"— {n} —" for n in range(1, 6)]
    assert notice.original_name == "2023-jiangsu-suzhou-work-plan-pdf.source.pdf"


def test_a_browsers_running_lines_are_dropped_and_reported(registry):
    dropped = load_notice(FILES[2], registry).dropped
    assert len(dropped) == 10
    heads, feet = dropped[0::2], dropped[1::2]
    assert all(h.endswith("关于印发《2023年苏州市打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知") for h in heads)
    assert feet == [f"https://www.example.gov.cn/art/2023/3/16/art_3.html {n}/5" for n in range(1, 6)]


def test_docx_footer_is_dropped_and_reported(registry):
    assert load_notice(FILES[1], registry).dropped == ["— 1 —"]


def test_pdf_text_carries_kangxi_radicals_and_they_are_mapped():
    # chromium's PDF maps the CJK font's glyphs to the radical code points: what real PDFs show
    import pdfplumber

    with pdfplumber.open(FILES[0]) as pdf:
        raw = pdf.pages[0].extract_text()
    assert "⼯作" in raw and "⽂件" in raw
    text = read_source(FILES[0]).text
    assert "工作" in text and "文件" in text
    assert not any("\u2e80" <= c <= "\u2fdf" for c in text)


def test_ordinary_radicals_maps_only_the_radical_blocks():
    assert ordinary_radicals("⼯作⽂件，⽇期：⻔户") == "工作文件，日期：门户"
    # full-width punctuation, digits and compatibility forms are left as written
    kept = "（一）１．２０２３年，“剑网”：ＡＢＣ ﹝2023﹞"
    assert ordinary_radicals(kept) == kept


def line(text, x0, x1, top, size=16.0, page=0):
    return Line(text, x0, x1, top, size, page)


def test_paragraphs_from_positions():
    left, right = 80.0, 522.0
    lines = [
        line("关于印发《2023年苏州市打击侵犯知识产权", 88, 514, 100, 22),  # a title centred on two lines
        line("和制售假冒伪劣商品工作要点》的通知", 114, 488, 133, 22),
        line("现将《要点》印发给你们，请结合实际认真贯彻落实。各地各部门", 112, right, 180),
        line("工作进展情况请按时报送。", left, 300, 209),
        line("附件：2023年苏州市打击侵犯知识产权和制售假冒伪劣商", 112, right, 260),  # hanging indent
        line("品工作要点", 112, 192, 289),
        line("苏州市打击侵犯知识产权和制售假冒伪劣商品工作领导小", 90, 490, 380),  # signature set right
        line("组办公室", 426, 490, 409),
        line("2023年3月15日", 349, 458, 438),
        line("1.开展专项行动，严厉打击侵权盗版行为。（市委宣传部牵", 112, right, 700),
        line("头，市公安局按职责分工负责）", left, 300, 110, page=1),  # goes on over the page break
        line("2.督促平台落实主体责任。", 112, 400, 139, page=1),
    ]
    assert paragraphs(lines) == [
        "关于印发《2023年苏州市打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知",
        "现将《要点》印发给你们，请结合实际认真贯彻落实。各地各部门工作进展情况请按时报送。",
        "附件：2023年苏州市打击侵犯知识产权和制售假冒伪劣商品工作要点",
        "苏州市打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室",
        "2023年3月15日",
        "1.开展专项行动，严厉打击侵权盗版行为。（市委宣传部牵头，市公安局按职责分工负责）",
        "2.督促平台落实主体责任。",
    ]


def test_a_full_line_ending_a_sentence_then_an_indented_line_starts_a_paragraph():
    box = Box(80, 522)
    before = line("这一段的最后一行恰好排满了整行。", 112, 522, 100)
    assert not continues(before, line("下一段。", 112, 300, 129), box, box, 16)
    assert continues(line("这一行排满了，句子还没有完", 80, 522, 100), line("。", 80, 96, 129), box, box, 16)


def test_flush_left_lines_end_short_and_go_on():
    box = Box(80, 522, indents=True)
    # two characters short: the next began with a comma, so both went to the next line
    assert continues(line("2023年全市打击侵犯知识产权和制售假冒伪劣商品工", 112, 491, 100),
                     line("作，要以习近平新时代中国特色社会主义思想为指导", 80, 511, 121), box, box, 16)
    # five characters short: “4·26” kept whole
    assert continues(line("8.依法及时公开侵权假冒行政处罚案件信息，围", 112, 440, 100),
                     line("绕“4·26”等重要时点开展专题宣传活动。", 80, 400, 121), box, box, 16)
    # nearly full, but it ends a sentence and the next line is indented
    assert not continues(line("会共治，严厉打击侵权假冒违法犯罪，持续优化营商环境。", 80, 495, 100),
                         line("一、深化重点领域治理", 112, 272, 121), box, box, 16)
    # a date set right after a signature set right is no continuation
    assert not continues(line("公室", 490, 522, 100), line("2023年3月15日", 386, 522, 121), box, box, 16)


def test_a_paragraph_goes_on_over_a_page_set_otherwise():
    # the next page is a landscape one: its text block starts and ends elsewhere
    portrait = [line(f"第{i}行正文，排满了整行的文字，一直排到右边的边缘为止了呀", 80, 522, 100 + 29 * i) for i in range(7)]
    landscape = [line(f"横排页面的第{i}行，也是排满整行的文字，一直排到右边", 60, 780, 80 + 29 * i, page=1)
                 for i in range(7)]
    assert len(paragraphs(portrait + landscape)) == 1


def test_running_lines_and_page_numbers_in_the_margins_are_furniture():
    heights = [842.0, 842.0, 842.0]
    lines = []
    for page in range(3):
        lines += [line(f"关于印发工作要点的通知 2023/3/{15 + page}", 80, 400, 30, 9, page),
                  line("正文第一行", 80, 522, 110, 16, page),
                  line(f"- {page + 1} -", 280, 310, 800, 12, page)]
    lines.append(line("2", 290, 300, 300, 16, 2))  # a bare number inside the text block is text
    dropped = furniture(lines, heights)
    assert sorted(lines[i].text for i in dropped) == sorted(
        [f"关于印发工作要点的通知 2023/3/{15 + p}" for p in range(3)] + [f"- {p} -" for p in (1, 2, 3)])


def blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def ofd() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    return buffer.getvalue()


REFUSED = {
    "scan.pdf": (blank_pdf, "没有文字层"),
    "old.doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为” .docx"),
    "old.wps": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为” .docx"),
    "layout.ofd": (ofd, "导出为 PDF"),
    "broken.pdf": (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "已损坏"),
    "broken.docx": (lambda: b"PK\x03\x04 not a zip at all", "内容却不是"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_unreadable_files_get_one_line_saying_how_to_save_them(name, tmp_path, registry):
    make, words = REFUSED[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(NoticeError) as caught:
        load_notice(path, registry)
    assert words in caught.value.zh and " / " in str(caught.value) and "\n" not in str(caught.value)


def test_convert_refuses_them_one_line_each_and_converts_the_rest(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    for name, (make, _) in REFUSED.items():
        (folder / name).write_bytes(make())
    for path in FILES:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "notices.cli", "convert", str(folder), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert sorted(Path(e.split(":")[0]).name for e in errors) == sorted(REFUSED), result.stderr
    assert "Traceback" not in result.stderr
    made = sorted(p.name for p in out.iterdir())
    assert "2023-jiangsu-suzhou-work-plan-pdf.source.pdf" in made and "2023-jiangsu-suzhou-work-plan-docx.md" in made
    assert (out / "2023-jiangsu-suzhou-work-plan-pdf.source.pdf").read_bytes() == FILES[0].read_bytes()


NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
<w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:lvlRestart w:val="0"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:lvlRestart w:val="0"/></w:lvl>
</w:abstractNum>"""


def test_words_automatic_numbering_is_read_as_the_outline(tmp_path, registry):
    """A .docx whose 一、 （一） 1. are Word's automatic numbering, not typed: they are in no
    paragraph's text, and the outline, the task ids and the tasks must come out the same."""
    import re

    import docx
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    levels = [(re.compile(r"^[一二三四五六七八九十]+、"), 0), (re.compile(r"^（[一二三四五六七八九十]+）"), 1),
              (re.compile(r"^\d+\."), 2)]
    attachment = False
    for line in TEXT.read_text(encoding="utf-8").splitlines():
        attachment = attachment or line == "附件"
        level = next(((rx, lvl) for rx, lvl in levels if attachment and rx.match(line)), None)
        if level is None:
            document.add_paragraph(line)
            continue
        paragraph = document.add_paragraph(level[0].sub("", line))
        numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbered.get_or_add_ilvl().val = level[1]
        numbered.get_or_add_numId().val = 90
    path = tmp_path / "2023-jiangsu-suzhou-work-plan-numbered.docx"
    document.save(path)
    assert "一、深化" not in "".join(p.text for p in docx.Document(path).paragraphs)  # not typed
    assert facts(load_notice(path, registry)) == facts(load_notice(TEXT, registry))


TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml">
<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>
<w:p><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_a_masthead_in_a_text_box_is_read_once(tmp_path, registry):
    import docx
    from docx.oxml import parse_xml

    lines = TEXT.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    anchor = document.add_paragraph()  # the box is anchored in an empty paragraph, as Word does
    anchor._p.append(parse_xml(TEXT_BOX.format(text=lines[0])))
    for line in lines[1:]:
        document.add_paragraph(line)
    path = tmp_path / "2023-jiangsu-suzhou-work-plan-box.docx"
    document.save(path)
    assert lines[0] not in "".join(p.text for p in docx.Document(path).paragraphs)
    notice = load_notice(path, registry)
    assert notice.elements.masthead == lines[0]
    assert facts(notice) == facts(load_notice(TEXT, registry))


def test_a_pdf_whose_fonts_map_no_characters_is_refused():
    assert unmapped([line("(cid:12)(cid:345)(cid:6)(cid:78)", 80, 522, 100), line("— 1 —", 280, 310, 800)])
    assert not unmapped([line("苏州市打击侵权假冒工作领导小组办公室文件", 80, 522, 100), line("(cid:12)", 80, 200, 130)])


def test_a_docx_table_is_read_as_rows_and_a_metadata_table_gives_its_fields(tmp_path, registry):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    # labels with their colons, as many 信息公开 tables write them (rows without colons are read as
    # an HTML table's are: the metadata stage's concern, the same for both)
    for row, cells in zip(table.rows, [("索引号：", "014000001/2023-00012", "发布日期：", "2023-03-20"),
                                       ("文号：", "苏打假办〔2023〕3号", "发布机构：", "苏州市打击侵权假冒工作领导小组办公室")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    merged = document.add_table(rows=1, cols=3)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "责任单位"  # one cell over two columns
    merged.rows[0].cells[2].text = "市公安局"
    for line in TEXT.read_text(encoding="utf-8").splitlines()[2:]:
        document.add_paragraph(line)
    path = tmp_path / "2023-jiangsu-suzhou-table.docx"
    document.save(path)
    source = read_source(path)
    assert "| 索引号： | 014000001/2023-00012 | 发布日期： | 2023-03-20 |" in source.text.splitlines()
    assert "| 责任单位 | 市公安局 |" in source.text.splitlines()
    notice = load_notice(path, registry)
    assert (notice.index_number, notice.published_date, notice.doc_number) == (
        "014000001/2023-00012", "2023-03-20", "苏打假办〔2023〕3号")
