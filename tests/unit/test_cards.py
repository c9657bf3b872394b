"""notices.site.cards: every plain table's cells labelled with their column's heading (for the
phone's card layout); tables of their own class, without a head, or nested, left alone."""

from notices.site.cards import label_tables

MARKDOWN_TABLE = """<table>
<thead>
<tr>
<th>项目</th>
<th style="text-align: left;">内容 <a href="#x">¶</a></th>
<th>依据</th>
</tr>
</thead>
<tbody>
<tr>
<td>索引号</td>
<td style="text-align: left;">000014349/2022-00101</td>
<td>文本载明</td>
</tr>
<tr>
<td>标题</td>
<td>A &amp; B</td>
<td>—</td>
<td>extra</td>
</tr>
</tbody>
</table>"""


def test_cells_get_their_columns_heading():
    out = label_tables("<p>x</p>" + MARKDOWN_TABLE)
    assert out.startswith("<p>x</p><table data-sd-cards>")
    assert '<td data-label="项目">索引号</td>' in out
    assert '<td data-label="内容 ¶" style="text-align: left;">000014349/2022-00101</td>' in out
    assert '<td data-label="依据">—</td>' in out
    assert "<td>extra</td>" in out  # past the head's columns: no label
    assert out.count("data-label=") == 6


def test_headings_are_text_escaped_for_the_attribute():
    out = label_tables('<table><thead><tr><th>"Q" &amp; <b>A</b> &lt;x&gt;</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>')
    assert '<td data-label="&quot;Q&quot; &amp; A &lt;x&gt;">1</td>' in out


def test_the_matrix_labels_each_mark_with_its_notice():
    out = label_tables('<table class="sd-matrix"><caption>c</caption><thead><tr><th scope="col">机关</th>'
                       '<th scope="col"><a href="x">通知甲</a><span> 2022</span></th><th scope="col">通知乙</th></tr></thead>'
                       '<tbody><tr><th scope="row"><a href="a">市场监管局</a></th><td class="sd-lead">●</td>'
                       '<td class="sd-none"></td></tr></tbody></table>')
    assert out.startswith('<table class="sd-matrix" data-sd-cards>')
    assert '<th scope="row"><a href="a">市场监管局</a></th><td data-label="通知甲 2022" class="sd-lead">' in out
    assert '<td class="sd-none"></td>' in out  # empty: nothing for a card to show, no label


def test_pictures_headless_and_labelled_tables_are_left_alone():
    for table in ('<table class="sd-other"><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
                  "<table><tbody><tr><td>1</td></tr></tbody></table>",
                  '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td data-label="b">1</td></tr></tbody></table>'):
        assert label_tables(table) == table
    assert label_tables("<p>no table</p>") == "<p>no table</p>"


def test_deterministic_and_idempotent():
    once = label_tables(MARKDOWN_TABLE)
    assert label_tables(MARKDOWN_TABLE) == once and label_tables(once) == once
