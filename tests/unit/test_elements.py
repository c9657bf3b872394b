"""The elements of an official document (GB/T 9704), read from the forms real documents use."""

from notices.elements import read_elements
from notices.model import Attachment

JOINT = """苏州市市场监督管理局
苏州市公安局
文件
苏市监发〔2023〕12号　　签发人：张三　李四
关于开展2023年打击侵权假冒专项行动的通知
各县级市（区）市场监督管理局、公安局，市各有关单位：
现将有关事项通知如下，请认真贯彻执行。
附件：1.专项行动方案
2.任务分工表
苏州市市场监督管理局　　苏州市公安局
2023年5月8日
（此件公开发布）
（联系人：王五，电话：0512-12345678）
附件1
专项行动方案
一、总体要求
附件2
任务分工表
序号　任务　责任单位
抄送：省市场监管局，省公安厅。
苏州市市场监督管理局办公室　　2023年5月9日印发""".splitlines()


def test_every_element_of_a_joint_notice():
    texts = [line.replace("\u3000", " ") for line in JOINT]
    e = read_elements(texts, 4, set(), "苏市监发〔2023〕12号")
    assert e.masthead == "苏州市市场监督管理局、苏州市公安局文件"
    assert e.signer == "张三、李四"
    assert e.addressees == "各县级市（区）市场监督管理局、公安局，市各有关单位"
    assert e.addressee_list == ["各县级市（区）市场监督管理局、公安局", "市各有关单位"]
    assert e.attachment_note == ["专项行动方案", "任务分工表"]
    assert e.attachments == [Attachment("1", "专项行动方案"), Attachment("2", "任务分工表")]
    assert e.signature == ["苏州市市场监督管理局", "苏州市公安局"]
    assert e.signed_date == "2023-05-08"
    assert e.notes == ["此件公开发布", "联系人：王五，电话：0512-12345678"]
    assert e.disclosure == "此件公开发布"
    assert e.cc == ["省市场监管局", "省公安厅"]
    assert (e.printed_by, e.printed_date) == ("苏州市市场监督管理局办公室", "2023-05-09")


def test_masthead_ending_in_wenjian_and_an_organisation_over_its_number():
    assert read_elements(["某市人民政府办公室文件", "某政办发〔2022〕3号", "关于做好某项工作的通知"],
                         2, set(), "某政办发〔2022〕3号").masthead == "某市人民政府办公室文件"
    assert read_elements(["昭觉县打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室", "昭打假办[2018]3号",
                          "关于印发《要点》的通知"], 2, set(), "昭打假办〔2018〕3号").masthead == \
        "昭觉县打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室"


def test_a_long_signature_set_on_two_lines_is_one_body():
    texts = ["关于印发《要点》的通知", "各成员单位：", "请认真贯彻落实。", "上海市长宁区打击侵犯知识产权和",
             "制售假冒伪劣商品工作领导小组", "2020年9月22日"]
    e = read_elements(texts, 0, set(), None)
    assert e.signature == ["上海市长宁区打击侵犯知识产权和制售假冒伪劣商品工作领导小组"]
    assert e.signed_date == "2020-09-22"


def test_older_record_with_bao_and_song_and_the_printer_above_its_date():
    texts = ["关于印发《要点》的通知", "各成员单位：", "请认真贯彻落实。", "报：市领导小组办公室。", "送：各成员单位。",
             "某区领导小组办公室", "2020年9月22日印发"]
    e = read_elements(texts, 0, set(), None)
    assert e.cc == ["市领导小组办公室", "各成员单位"]
    assert (e.printed_by, e.printed_date) == ("某区领导小组办公室", "2020-09-22")


def test_a_plan_without_the_elements_has_none():
    texts = ["2021年全国打击侵犯知识产权和制售假冒伪劣商品工作要点", "一、总体要求",
             "以习近平新时代中国特色社会主义思想为指导，严厉打击侵权假冒违法犯罪。"]
    assert not read_elements(texts, 0, set(), None).present()


def test_a_sentence_with_a_colon_is_no_salutation():
    texts = ["关于印发《要点》的通知", "现将有关事项通知如下：", "一、总体要求"]
    assert read_elements(texts, 0, set(), None).addressees is None
