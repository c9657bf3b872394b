"""Arbitrary text never crashes the parser: it converts, or fails with a NoticeError."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.errors import NoticeError
from notices.parse import parse_text
from notices.render import render_en, render_zh

PIECES = st.sampled_from([
    "一、", "（一）", "(二)", "1.", "（1）", "。", "，", "、", "（", "）", "(", ")", "\n", "\n\n", " ", "|",
    "区市场监管局", "市公安局", "牵头", "负责", "按职责分工负责", "配合", "“剑网2020”", "专项行动", "《", "》",
    "〔2020〕1号", "2020年9月22日", "索引号:", "发布时间:", "关于印发", "的通知", "工作要点", "上海市长宁区",
    "各成员单位", "— 2 —", "<script>", "&", "*", "[x](y)", "{: #t }",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map("".join)))
def test_parser_never_crashes(registry, text):
    try:
        notice = parse_text(text, registry)
    except NoticeError:
        return
    page = render_zh(notice) + render_en(notice)
    assert "<script" not in page
