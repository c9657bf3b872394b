"""Registry tests on real phrasings from the five launch notices (/work/shared/notices)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from notices.errors import NoticeError
from notices.registry import DATA_DIR, Registry


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


def J(reg, jid):
    return reg.jurisdiction(jid)


# Every agency name in the task parentheses of each notice, as written (page breaks joined).
SHANGHAI_2022 = """市市场监管局 市知识产权局 市商务委 市国资委 市委宣传部 市委网信办 市文化旅游局 上海海关
市农业农村委 市绿化市容局 市经济信息化委 市机管局 市公安局 市检察院 市高法院 市司法局 市城管执法局
市打击侵权假冒工作领导小组办公室 市邮政管理局 市药监局 市卫生健康委 市烟草专卖局 市生态环境局 市税务局
市发展改革委 人民银行上海总部 市贸促会 市委政法委""".split()
CHANGNING_2020 = """区打击侵权假冒工作领导小组办公室 区打击侵权假冒工作领导小组 区商务委 区公安分局 上海会展中心海关
区市场监管局 区委网信办 区绿化市容局 市黄浦邮政管理局 区委宣传部 区文化旅游局 区知识产权局 区卫生健康委
区生态环境局 徐汇区法院 区检察院 区国资委 区科委 区财政局 区机管局 区税务局 区司法局 区发展改革委 区委政法委""".split()
BAIYIN_2023 = """白银公安分局 区市场监管局 区委网信办 区委宣传部 区文旅局 区文旅游局 区工信局 区工信息局 区商务局
区农业农村局 区卫健委 区检察院 区林草局 区法院 生态环境分局 区财政局 区税务局 区打击侵权假冒工作领导小组办公室
区司法局 区发改局 区委政法委""".split()
NATIONAL_2021 = """公安部 海关总署 市场监管总局 中央网信办 邮政局 药监局 知识产权局 中央宣传部 文化和旅游部 农业农村部
林草局 税务总局 商务部 贸促会 卫生健康委 高检院 高法院 生态环境部 全国打击侵权假冒工作领导小组办公室
工业和信息化部 财政部 国资委 国管局 司法部 广电总局 发展改革委 人民银行 中央政法委""".split()
# The Xuchang plan has no parentheses; these are the bodies its text names.
XUCHANG_2022 = ["许昌市市场监督管理局", "省市场监管局", "市场监管总局"]

ALL = [("shanghai", SHANGHAI_2022), ("shanghai-changning", CHANGNING_2020),
       ("gansu-baiyin-baiyin", BAIYIN_2023), ("national", NATIONAL_2021), ("henan-xuchang", XUCHANG_2022)]


@pytest.mark.parametrize("home,names", ALL, ids=[h for h, _ in ALL])
def test_every_agency_in_the_notices_resolves_to_a_known_kind(reg, home, names):
    h = J(reg, home)
    for name in names:
        a = reg.resolve_agency(name, h)
        assert a.system != "other", name
        assert a.in_registry, name
        assert a.name == name
        assert a.name_en and a.full_name
        assert reg.jurisdiction(a.jurisdiction_id).name == a.jurisdiction


@pytest.mark.parametrize("home,name,full,system,jur,en,official", [
    ("shanghai", "市市场监管局", "上海市市场监督管理局", "market-regulation", "上海市",
     "Shanghai Municipal Administration for Market Regulation", False),
    ("shanghai", "市知识产权局", "上海市知识产权局", "intellectual-property", "上海市",
     "Shanghai Intellectual Property Administration", True),
    ("shanghai", "市高法院", "上海市高级人民法院", "court", "上海市", "Shanghai High People's Court", True),
    ("shanghai", "市委宣传部", "中共上海市委员会宣传部", "publicity", "上海市",
     "Publicity Department of the CPC Shanghai Municipal Committee", False),
    ("shanghai", "市生态环境局", "上海市生态环境局", "ecology-environment", "上海市",
     "Shanghai Municipal Bureau of Ecology and Environment", False),
    ("shanghai", "市税务局", "国家税务总局上海市税务局", "tax", "上海市",
     "Shanghai Municipal Tax Service, State Taxation Administration", False),
    ("shanghai-changning", "区市场监管局", "上海市长宁区市场监督管理局", "market-regulation", "上海市长宁区",
     "Changning District Administration for Market Regulation", False),
    ("shanghai-changning", "区公安分局", "上海市公安局长宁分局", "public-security", "上海市长宁区",
     "Changning Branch of Shanghai Public Security Bureau", False),
    ("shanghai-changning", "区打击侵权假冒工作领导小组办公室",
     "上海市长宁区打击侵犯知识产权和制售假冒伪劣商品工作领导小组办公室", "leading-group", "上海市长宁区",
     "Office of the Changning District Leading Group on the Fight against IPR Infringement and Counterfeiting", False),
    ("gansu-baiyin-baiyin", "区法院", "白银市白银区人民法院", "court", "白银市白银区",
     "Baiyin District People's Court", False),
    ("gansu-baiyin-baiyin", "生态环境分局", "白银市生态环境局白银分局", "ecology-environment", "白银市白银区",
     "Baiyin Branch of Baiyin Municipal Bureau of Ecology and Environment", False),
    ("national", "知识产权局", "国家知识产权局", "intellectual-property", "全国",
     "China National Intellectual Property Administration", True),
    ("national", "高法院", "最高人民法院", "court", "全国", "Supreme People's Court", False),
    ("national", "中央宣传部", "中共中央宣传部", "publicity", "全国",
     "Publicity Department of the CPC Central Committee", True),
    ("henan-xuchang", "省市场监管局", "河南省市场监督管理局", "market-regulation", "河南省",
     "Henan Provincial Administration for Market Regulation", False),
    ("henan-xuchang", "许昌市市场监督管理局", "许昌市市场监督管理局", "market-regulation", "许昌市",
     "Xuchang Municipal Administration for Market Regulation", False),
])
def test_representative_agencies(reg, home, name, full, system, jur, en, official):
    a = reg.resolve_agency(name, J(reg, home))
    assert (a.full_name, a.system, a.jurisdiction, a.name_en, a.name_en_official) == (full, system, jur, en, official)


def test_same_kind_in_two_places_gets_two_ids_and_one_place_one_id(reg):
    changning = reg.resolve_agency("区市场监管局", J(reg, "shanghai-changning"))
    baiyin = reg.resolve_agency("区市场监管局", J(reg, "gansu-baiyin-baiyin"))
    assert changning.id == "shanghai-changning.market-regulation"
    assert baiyin.id == "gansu-baiyin-baiyin.market-regulation"
    assert reg.resolve_agency("区市场监督管理局", J(reg, "shanghai-changning")).id == changning.id
    assert reg.resolve_agency("上海市长宁区市场监管局", J(reg, "shanghai")).id == changning.id


def test_typos_and_variants_resolve_to_one_agency(reg):
    h = J(reg, "gansu-baiyin-baiyin")
    assert reg.resolve_agency("区文旅游局", h).id == reg.resolve_agency("区文旅局", h).id \
        == reg.resolve_agency("区文化和旅游局", h).id == "gansu-baiyin-baiyin.culture-tourism"
    assert reg.resolve_agency("区工信息局", h).id == reg.resolve_agency("区工信局", h).id \
        == "gansu-baiyin-baiyin.industry-it"
    assert reg.is_typo("区文旅游局") and not reg.is_typo("区文旅局")
    c = J(reg, "shanghai-changning")
    assert reg.resolve_agency("区打击侵权知识产权和制售假冒伪劣工作领导小组办公室", c).id \
        == "shanghai-changning.leading-group-office"


def test_explicit_places_resolve_to_themselves_with_parents(reg):
    c = J(reg, "shanghai-changning")
    xuhui = reg.resolve_agency("徐汇区法院", c)
    assert (xuhui.id, xuhui.full_name, xuhui.jurisdiction_id) == ("shanghai-xuhui.court", "上海市徐汇区人民法院", "shanghai-xuhui")
    customs = reg.resolve_agency("上海海关", c)
    assert (customs.id, customs.parent, customs.name_en) == ("shanghai.customs", "national.gacc", "Shanghai Customs")
    expo = reg.resolve_agency("上海会展中心海关", c)
    assert expo.parent == "shanghai.customs" and expo.system == "customs"
    post = reg.resolve_agency("市黄浦邮政管理局", c)
    assert (post.full_name, post.jurisdiction_id, post.parent) == ("上海市黄浦邮政管理局", "shanghai-huangpu", "shanghai.post")
    police = reg.resolve_agency("白银公安分局", J(reg, "gansu-baiyin-baiyin"))
    assert (police.id, police.full_name, police.parent) == (
        "gansu-baiyin-baiyin.public-security-branch", "白银市公安局白银分局", "gansu-baiyin.public-security")
    assert reg.resolve_agency("区公安分局", c).parent == "shanghai.public-security"


def test_bare_names_are_national_only_in_a_national_notice(reg):
    assert reg.resolve_agency("知识产权局", J(reg, "national")).id == "national.cnipa"
    assert reg.resolve_agency("知识产权局", J(reg, "shanghai-changning")).id == "shanghai-changning.intellectual-property"
    assert reg.resolve_agency("公安部", J(reg, "shanghai-changning")).id == "national.mps"
    old = reg.resolve_agency("工商总局", J(reg, "national"))
    assert old.id == "national.saic" and reg.agency_entry(old.id)["successor"] == "national.samr"


def test_unknown_places_are_derived_and_romanised(reg):
    nankang = reg.jurisdiction_in("江西省赣州市南康区打击侵权假冒工作领导小组办公室关于印发…的通知")
    assert (nankang.name, nankang.level, nankang.name_en, nankang.en_prefix) == (
        "赣州市南康区", "county", "Nankang District, Ganzhou, Jiangxi", "Nankang District")
    assert not nankang.in_registry and not nankang.name_en_official
    assert reg.jurisdiction(nankang.parent).level == "prefecture"
    a = reg.resolve_agency("区市场监管局", nankang)
    assert (a.full_name, a.name_en, a.in_registry) == (
        "赣州市南康区市场监督管理局", "Nankang District Administration for Market Regulation", False)
    zhaojue = reg.jurisdiction_in("四川省凉山彝族自治州昭觉县市场监督管理局")
    assert zhaojue.name == "凉山彝族自治州昭觉县"
    assert zhaojue.name_en == "Zhaojue County, Liangshan Yi Autonomous Prefecture, Sichuan"
    assert reg.resolve_agency("州中级人民法院", zhaojue).full_name == "凉山彝族自治州中级人民法院"
    some = reg.jurisdiction_in("某某县打击侵权假冒工作要点")
    assert (some.name, some.level, some.name_en) == ("某某县", "county", "Moumou County")


def test_romanisation_uses_place_readings(reg):
    assert reg.naming.romanise("长宁") == "Changning"
    assert reg.naming.romanise("魏都") == "Weidu"
    assert reg.naming.romanise("建安") == "Jian'an"


def test_unknown_agency_still_gets_a_stable_entry(reg):
    h = J(reg, "shanghai-changning")
    a = reg.resolve_agency("区某某服务中心", h)
    assert a.system == "other" and not a.in_registry
    assert a.jurisdiction_id == "shanghai-changning" and a.full_name == "上海市长宁区某某服务中心"
    assert a.id == reg.resolve_agency("区某某服务中心", J(reg, "shanghai-changning")).id
    assert a.id.startswith("shanghai-changning.")


@pytest.mark.parametrize("text,jid", [
    ("2021年全国打击侵犯知识产权和制售假冒伪劣商品工作要点", "national"),
    ("关于印发《2020年上海市长宁区打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知", "shanghai-changning"),
    ("上海市长宁区打击侵犯知识产权和 制售假冒伪劣商品工作领导小组", "shanghai-changning"),
    ("白银区打击侵权假冒工作领导小组办公室关于印发《2023年全区打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知", "gansu-baiyin-baiyin"),
    ("许昌市市场监督管理局关于印发许昌市打击侵犯知识产权犯罪专项治理实施方案的通知", "henan-xuchang"),
    ("2022年上海市打击侵犯知识产权和制售假冒伪劣商品工作要点", "shanghai"),
    ("广西壮族自治区市场监督管理局关于…", "guangxi"),
])
def test_jurisdiction_in_titles(reg, text, jid):
    assert reg.jurisdiction_in(text).id == jid


@pytest.mark.parametrize("text", ["关于进一步加强知识产权保护的通知", "全市打击侵权假冒工作要点", "城市管理工作要点"])
def test_jurisdiction_in_finds_no_place_in_ordinary_words(reg, text):
    assert reg.jurisdiction_in(text) is None


def test_jurisdictions_registry_shape(reg):
    js = reg.jurisdictions
    assert sum(j.level == "province" for j in js.values()) >= 34
    assert sum(j.parent == "shanghai" for j in js.values()) == 16
    assert {j.id for j in js.values() if j.parent == "gansu-baiyin"} >= {"gansu-baiyin-baiyin"}
    assert len({j.parent for j in js.values() if j.level == "county"}) >= 15
    assert js["shanghai-changning"].name_en == "Changning District, Shanghai"
    assert js["gansu-baiyin-baiyin"].name_en == "Baiyin District, Baiyin, Gansu"
    assert js["gansu"].en_prefix == "Gansu Provincial" and js["shanghai"].en_prefix == "Shanghai Municipal"
    assert js["henan-xuchang-yuzhou"].level == "county" and js["shanghai"].level == "province"


@pytest.mark.parametrize("name", ["领导小组有关成员单位", "各成员单位", "相关成员单位", "有关部门", "各有关单位",
                                  "各区打击侵权假冒工作领导小组", "领导小组成员单位",
                                  "各省、自治区、直辖市和新疆生产建设兵团打击侵权假冒工作领导小组"])
def test_generic_groups(reg, name):
    assert reg.is_generic(name)


@pytest.mark.parametrize("name", ["区打击侵权假冒工作领导小组办公室", "市打击侵权假冒工作领导小组", "区市场监管局", "上海海关"])
def test_specific_bodies_are_not_generic(reg, name):
    assert not reg.is_generic(name)


def test_campaigns(reg):
    c = reg.resolve_campaign("剑网", 2020, "组织开展“剑网 2020”专项行动")
    assert (c.id, c.name, c.series, c.year, c.in_registry) == ("jianwang-2020", "剑网2020", "jianwang", 2020, True)
    assert "Jianwang" in c.name_en
    assert reg.resolve_campaign("剑网 2020", None, "").id == "jianwang-2020"
    assert reg.resolve_campaign("秋风", 2022, "").name_en.startswith("Qiufeng")
    assert reg.resolve_campaign("龙腾行动", None, "").id == "longteng"
    names = reg.campaign_names()
    assert names.index("线上净网线下清源") < names.index("净网")
    assert all(len(a) >= len(b) for a, b in zip(names, names[1:]))
    assert "护航" not in names  # 保驾护航 is not a campaign


def test_jingwang_is_told_apart_by_context(reg):
    customs = reg.resolve_campaign("净网", None, "开展“龙腾”“蓝网”“净网”等知识产权海关保护专项行动")
    porn = reg.resolve_campaign("净网", 2021, "深入开展“扫黄打非”“净网2021”“护苗”专项行动")
    assert customs.series == "jingwang-customs" and porn.series == "jingwang"
    assert customs.name_en != porn.name_en
    assert reg.resolve_campaign("净网行动", None, "出口转运货物知识产权保护“净网行动”").series == "jingwang-customs"


def test_unknown_campaign(reg):
    c = reg.resolve_campaign("闪电", 2023, "")
    assert (c.id, c.name, c.series, c.name_en, c.in_registry) == ("shandian-2023", "闪电2023", "shandian", None, False)


def test_glossary_and_contact(reg):
    g = reg.glossary()
    assert all(set(e) == {"zh", "en", "kind", "official"} for e in g)
    by = {(e["zh"], e["kind"]): e for e in g}
    assert by[("行刑衔接", "term")]["official"] is True
    assert by[("国家市场监督管理总局", "agency")]["en"] == "State Administration for Market Regulation"
    assert by[("剑网", "campaign")]["official"] is True
    h = J(reg, "shanghai-changning")
    assert reg.contact(reg.resolve_agency("区市场监管局", h)) == {"hotline": "12315", "website": None}
    assert reg.contact(reg.resolve_agency("海关总署", J(reg, "national")))["hotline"] == "12360"
    assert reg.contact(reg.resolve_agency("区委政法委", h))["hotline"] == "12345"
    assert reg.contact(reg.resolve_agency("中央政法委", J(reg, "national"))) is None


def test_resolving_is_fast():
    reg = Registry.load()  # a fresh registry: nothing resolved yet
    reg.naming.romanise("长宁")  # pypinyin imported before the clock starts (half a second)
    homes = list(reg.jurisdictions.values())
    forms = [f for k in reg.kinds.values() for f in k.forms + k.typos]
    names = [p + k for p in ("区", "市", "县", "") for k in forms]
    start = time.perf_counter()
    for i in range(10000):
        reg.resolve_agency(names[i % len(names)], homes[(i * 7) % len(homes)])
    assert time.perf_counter() - start < 1.0


# ---- broken data files ----

@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in l)


def test_missing_parent_names_file_and_line(data_copy):
    p = data_copy / "jurisdictions.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "parent: gansu-baiyin}", "parent: gansu-baiyn}", 1), encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.path.endswith("jurisdictions.yaml")
    assert e.value.line == _line_of(p, "gansu-baiyn}")
    assert "gansu-baiyn" in e.value.en and "不存在" in e.value.zh


def test_duplicate_id_names_file_and_line(data_copy):
    p = data_copy / "jurisdictions.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "  - {id: shanghai, zh: 上海市, en: Shanghai, parent: national}\n",
                 encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.line == len(p.read_text(encoding="utf-8").splitlines())
    assert "duplicate" in e.value.en and "重复" in e.value.zh
    assert str(e.value).startswith(f"{p}:{e.value.line}: ")


def test_missing_english_name_names_file_and_line(data_copy):
    p = data_copy / "agencies.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("zh: 公安部, en: Ministry of Public Security, ", "zh: 公安部, "), encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.path.endswith("agencies.yaml") and e.value.line == _line_of(p, "zh: 公安部,")
    assert "English name" in e.value.en


def test_yaml_syntax_error_names_line(data_copy):
    p = data_copy / "campaigns.yaml"
    lines = p.read_text(encoding="utf-8").splitlines()
    n = _line_of(p, "id: kunlun")
    lines[n - 1] = "  - id: kunlun: ["
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.path.endswith("campaigns.yaml") and e.value.line is not None and abs(e.value.line - n) <= 1


def test_value_cut_at_a_comma_names_file_and_line(data_copy):
    # unquoted in a {…} entry, "Publicity (press, publication)" would read as en: "Publicity (press"
    p = data_copy / "systems.yaml"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace('en: "Publicity (press, publication, copyright, film)"',
                              "en: Publicity (press, publication, copyright, film)"), encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.path.endswith("systems.yaml") and e.value.line == _line_of(p, "id: publicity,")
    assert "quoted" in e.value.en and "引号" in e.value.zh


def test_no_value_in_the_data_is_cut_at_a_comma(reg):
    assert reg.systems["publicity"]["en"] == "Publicity (press, publication, copyright, film)"
    assert reg.agencies["national.aqsiq"].name_en == "General Administration of Quality Supervision, Inspection and Quarantine"


# ---- the official table of divisions (data/divisions.tsv) ----

@pytest.mark.parametrize("text,name,level,parent", [
    # a county-level city is a county, under its prefecture, though its name ends in 市
    ("大冶市打击侵权假冒工作领导小组办公室", "黄石市大冶市", "county", "黄石市"),
    ("湖北省黄石市大冶市市场监督管理局", "黄石市大冶市", "county", "黄石市"),
    # a former name reads as the place it became
    ("襄樊市工商行政管理局", "襄阳市", "prefecture", "湖北省"),
    ("宜宾县打击侵权假冒工作领导小组", "宜宾市叙州区", "county", "宜宾市"),
    # autonomous places by their usual short form
    ("黔东南州人民政府办公室", "黔东南苗族侗族自治州", "prefecture", "贵州省"),
    ("凉山州昭觉县", "凉山彝族自治州昭觉县", "county", "凉山彝族自治州"),
    # a county directly under its province
    ("仙桃市人民政府", "湖北省仙桃市", "county", "湖北省"),
])
def test_places_from_the_division_table(reg, text, name, level, parent):
    j = reg.jurisdiction_in(text)
    assert (j.name, j.level, reg.jurisdiction(j.parent).name) == (name, level, parent)
    assert all(a.level != "national" or a.id == "national" for a in reg.ancestors(j))
    assert reg.ancestors(j)[-1].id == "national"


def test_an_ambiguous_division_name_alone_is_not_guessed():
    # 西湖区 is in 杭州 and 南昌; only the registry's entries or a named parent settle it
    reg = Registry.load()
    nanchang = reg.jurisdiction_in("江西省南昌市西湖区市场监督管理局")
    assert (nanchang.name, nanchang.level) == ("南昌市西湖区", "county")
    assert reg.jurisdiction_in("南昌市西湖区").id == nanchang.id
    # 新华区 is in 石家庄, 沧州 and 平顶山: read from its name alone, with no parent guessed
    xinhua = reg.jurisdiction_in("新华区人民政府")
    assert (xinhua.name, xinhua.level, xinhua.parent) == ("新华区", "county", None)
    assert reg.jurisdiction_in("沧州市新华区人民政府").name == "沧州市新华区"


def test_a_broken_division_row_names_file_and_line(data_copy):
    p = data_copy / "divisions.tsv"
    lines = p.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines, 1) if line.startswith("110101\t"))
    lines[n - 1] = "110101\tcounty\t东城区"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.path.endswith("divisions.tsv") and e.value.line == n and "6 columns" in e.value.en


def test_the_division_table_is_whole():
    reg = Registry.load()
    provinces = reg.provinces()
    assert len(provinces) == 34
    counties = [d for p in provinces for d in reg.divisions_within(reg.place_of(p)) if d.level == "county"]
    assert len(counties) > 2800


# ---- agencies named after a unit: only the proper name romanised (naming.yaml agency_units) ----

@pytest.mark.parametrize("name, en, system", [
    ("钱江海关", "Qianjiang Customs", "customs"),
    ("市邮政管理局西湖分局", "Xihu Branch of the Hangzhou Municipal Postal Administration", "post"),
    ("市局知识产权保护处", "Intellectual Property Protection Division of the Hangzhou Municipal Bureau", "other"),
    ("北山派出所", "Beishan Police Station, Xihu District, Hangzhou, Zhejiang", "public-security"),
    ("区综合行政执法局", "Xihu District Comprehensive Administrative Enforcement Bureau", "other"),
])
def test_agencies_named_after_a_unit(reg, name, en, system):
    home = reg.jurisdiction_in("杭州市西湖区")
    agency = reg.resolve_agency(name, home)
    assert (agency.name_en, agency.system, agency.name_en_official) == (en, system, False)


def test_a_unit_under_a_known_agency_names_it_as_parent(reg):
    home = reg.jurisdiction_in("杭州市西湖区")
    branch = reg.resolve_agency("市邮政管理局西湖分局", home)
    assert branch.parent == reg.resolve_agency("市邮政管理局", home).id


def test_slogans_are_not_campaigns(reg):
    from notices.parse import parse_text
    text = "2022年上海市打击侵权假冒工作要点\n一、加强食品安全\n1.贯彻落实食品药品安全“四个最严”要求专项行动。(市公安局负责)\n"
    notice = parse_text(text, reg)
    assert "四个最严" in reg.slogans and notice.campaigns == [] and notice.tasks[0].campaigns == []


def test_every_campaign_series_has_an_english_name(reg, data_copy):
    assert all(s.name_en for s in reg.series.values())
    p = data_copy / "campaigns.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("name_en: Kunlun\n", "name_en: null\n", 1), encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert "name_en" in e.value.en and e.value.path.endswith("campaigns.yaml")


def test_an_emergency_number_is_no_hotline(reg, data_copy):
    assert reg.contact(reg.resolve_agency("公安部", reg.jurisdiction("national"))) is None or \
        reg.contact(reg.resolve_agency("公安部", reg.jurisdiction("national")))["hotline"] != "110"
    p = data_copy / "systems.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "en: Public security (police), hotline: null", 'en: Public security (police), hotline: "110"'), encoding="utf-8")
    with pytest.raises(NoticeError) as e:
        Registry.load(data_copy)
    assert e.value.line == _line_of(p, "id: public-security,") and "emergency" in e.value.en
