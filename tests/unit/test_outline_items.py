"""Numbered items that carry work without a parenthesis of agencies (issue 19): plans that
assign no agencies, items whose parenthesis an excerpt cut off, and what is never a task."""

from notices.outline import build_outline


def ids(paras):
    return [t.id for t in build_outline(paras).tasks]


def test_a_plan_without_parentheses_or_a_measures_heading_counts_its_lowest_items():
    # 2012 national work plan (国办发〔2012〕30号) as a portal printed it: no agencies at all
    paras = ["2012年全国打击侵犯知识产权和制售假冒伪劣商品工作要坚持标本兼治、突出重点，确保工作实效。",
             "一、大力开展专项整治",
             "（一）开展商标权保护专项整治。以驰名商标、涉外商标为重点，严厉打击假冒他人注册商标行为。",
             "（二）开展版权保护专项整治。加强印刷复制企业监管，严肃查处非法生产行为。",
             "（三）开展专利权保护专项整治。开展生产、流通环节的"]
    outline = build_outline(paras)
    assert [t.id for t in outline.tasks] == ["t-1-1", "t-1-2", "t-1-3"]
    assert all(t.parenthesis is None for t in outline.tasks)
    assert [b.id for b in outline.blocks if b.kind == "task"] == ["t-1-1", "t-1-2", "t-1-3"]


def test_a_notice_numbering_its_requests_has_them_as_tasks():
    # a department's notice (黔农办发〔2011〕140号): 一、二、三、 and nothing below them
    paras = ["为进一步开展好我省农业系统专项行动，现就有关事宜通知如下：",
             "一、继续按照省农委要求，深入开展专项整治行动。充分利用电视、广播等多种手段。",
             "二、做好信息报送工作。信息反馈要把专项行动的工作亮点反映出来。",
             "三、我委将采取抽查、暗访等方式开展专项行动督查。"]
    assert ids(paras) == ["t-1", "t-2", "t-3"]


def test_aims_principles_and_stages_are_never_tasks():
    paras = ["一、总体要求", "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
             "（二）工作目标。到年底，侵权假冒高发势头得到遏制。",
             "二、强化执法", "（三）加强市场巡查。开展重点市场检查。",
             "三、实施步骤", "（四）部署阶段。2022年7月10日前完成部署。"]
    assert ids(paras) == ["t-2-3"]


def test_a_numbered_item_cut_off_before_its_parenthesis_still_counts():
    # 2015 Fujian work plan, as a stored page ends: 8. is cut short
    paras = ["一、围绕社会热点，加强监管执法", "（一）互联网领域专项行动延长一年",
             "6.健全网络文化市场执法协作机制。（省文化厅、省新闻出版广电局按职责分工分别负责）",
             "7.开展第十一次网络侵权盗版专项治理“剑网行动”。（省新闻出版广电局牵头负责）",
             "8.扩大版权重点监管范围，把"]
    outline = build_outline(paras)
    assert [t.id for t in outline.tasks] == ["t-1-1-6", "t-1-1-7", "t-1-1-8"]
    assert outline.tasks[-1].parenthesis is None


def test_an_item_under_a_new_heading_at_the_level_of_the_tasks_counts():
    # 2017 Chongqing task division: 3. sits under (二), its numbering running on from (一)
    paras = ["一、推进跨部门跨区域综合治理", "（一）强化重点领域集中整治。",
             "1.坚持专项整治与日常监管相结合。（市农委、市商务委按职责分工负责）",
             "2.完善以随机抽查为重点的日常监督检查制度。（市农委、市商务委按职责分工负责）",
             "（二）加强部门间执法协作。",
             "3.执法监管部门、行业主管部门等要充分发挥各自优势，加强打击侵权假冒执法协作，在执法检查、"]
    assert ids(paras) == ["t-1-1-1", "t-1-1-2", "t-1-2-3"]


def test_an_unnumbered_sentence_cut_off_before_its_parenthesis_is_not_a_task():
    paras = ["一、突出重点领域", "（一）加强互联网领域治理。加强网络市场监管。（自治区市场监管厅负责）加强网络侵权盗版"]
    assert ids(paras) == ["t-1-1"]


def test_a_number_and_a_few_words_cut_off_is_a_task_and_no_heading():
    # 2017 Ya'an work plan: the stored page ends in 「2.以」
    paras = ["一、加大重点领域治理力度", "（一）持续推进互联网领域治理。",
             "1.加强网站备案、IP地址、域名等互联网基础资源管理。（市通信发展办负责）", "2.以"]
    outline = build_outline(paras)
    assert [t.id for t in outline.tasks] == ["t-1-1-1", "t-1-1-2"]
    assert outline.tasks[-1].text == "2.以"
    assert [c.id for c in outline.sections[0].children] == ["s-1-1"]
    assert outline.sections[0].children[0].children == []


def test_numbered_requests_after_the_tasks_are_tasks_and_the_signature_no_part_of_them():
    # 2024 Shenzhen notice: 1.–3. carry parentheses, 4. and 5. (工作要求) none; a reader counts five
    paras = ["一、重点任务", "1.严厉打击侵犯商标专用权违法行为。（市局知识产权保护处牵头，各区局负责）",
             "2.开展抽查，加强对重点商品的质量监管。（市局质量监督处负责）",
             "二、工作要求", "3.各区局要高度重视，于2024年5月31日前将工作方案报送市局。",
             "4.各区局要及时报送典型案例，于2024年11月30日前报送工作总结。", "深圳市市场监督管理局", "2024年4月12日"]
    outline = build_outline(paras)
    assert [t.id for t in outline.tasks] == ["t-1-1", "t-1-2", "t-2-3", "t-2-4"]
    assert "深圳市市场监督管理局" not in outline.tasks[-1].text
    # the two heading lines became tasks: no section is left without its heading
    assert [c.id for c in outline.sections[1].children] == []


def test_a_heading_item_whose_text_follows_is_a_task_with_that_text():
    # 2016 Loudi publicity plan: each item a heading line, its work the paragraph below
    paras = ["二、宣传方式和工作安排", "（一）开展电视专栏宣传", "在综合频道开展专题宣传。",
             "（二）开展报刊宣传", "在主要报刊设立专版。", "（三）开展市场宣传", "在城区的大中型商场、超市的出"]
    outline = build_outline(paras)
    assert [(t.id, t.text) for t in outline.tasks] == [
        ("t-2-1", "在综合频道开展专题宣传。"), ("t-2-2", "在主要报刊设立专版。"), ("t-2-3", "在城区的大中型商场、超市的出")]


def test_the_list_of_attachments_under_a_notice_is_no_task():
    paras = ["现将《2023年工作方案》印发给你们，请认真贯彻执行。", "附件：1.2023年某某县打击侵权假冒工作方案",
             "2.打击侵权假冒工作联络员名单", "某某县市场监督管理局", "2023年3月1日",
             "一、主要任务", "（一）加强市场监管。开展市场检查。（县市场监管局负责）",
             "（二）加强宣传。开展宣传活动。"]
    outline = build_outline(paras)
    assert [t.id for t in outline.tasks] == ["t-1-1", "t-1-2"]
    assert [b.kind for b in outline.blocks[:3]] == ["paragraph", "paragraph", "paragraph"]


def test_lines_of_labelled_agencies_under_an_item_assign_it():
    from notices.assign import parse_parenthesis
    paras = ["一、主要任务", "1.加强市场监管。开展市场检查。", "牵头单位：市市场监管局", "配合单位：市公安局、市商务局",
             "2.加强宣传", "责任单位：市委宣传部（牵头）、市文旅局", "3.强化督查。加强检查。"]
    outline = build_outline(paras)
    assert [(t.id, t.parenthesis) for t in outline.tasks] == [
        ("t-1-1", "牵头单位：市市场监管局；配合单位：市公安局、市商务局"),
        ("t-1-2", "责任单位：市委宣传部（牵头）、市文旅局"), ("t-1-3", None)]
    assert parse_parenthesis(outline.tasks[0].parenthesis) == [
        ("市市场监管局", "lead"), ("市公安局", "support"), ("市商务局", "support")]
    # the lines stay in the text as written
    assert [b.text for b in outline.blocks if b.text.startswith(("牵头", "配合", "责任"))] == [
        "牵头单位：市市场监管局", "配合单位：市公安局、市商务局", "责任单位：市委宣传部（牵头）、市文旅局"]
