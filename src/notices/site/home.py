"""What the home page gains at build time: the newest notices, the campaigns, and the ways in
(search, catalogue, agencies, the page for foreign enterprises). Appended to the hand-written
docs/index.md and docs/index.en.md."""

from __future__ import annotations

from .common import feed_href, file_href, link, place_name, series_name, t
from .data import SiteData, newest_first, notice_date
from .common import notice_title

NEWEST = 10


def home_section(data: SiteData, lang: str) -> str:
    src = "index"
    lines = [f"## {t(lang, '最新文件', 'Newest notices')} {{ #newest }}", ""]
    notices = newest_first(data.notices)[:NEWEST]
    if notices:
        for n in notices:
            date = notice_date(n) or t(lang, "日期不详", "date unknown")
            lines.append(f"- {date} · {link(notice_title(n, lang), src, 'notices/' + n.slug)}"
                         f" — {place_name(data, n.jurisdiction['id'], lang)}")
    else:
        lines.append(t(lang, "本站还没有收录文件。", "No notice has been added yet."))
    lines += ["", link(t(lang, "全部文件（信息公开目录）→", "All notices (catalogue) →"), src, "catalogue/index"), ""]
    if data.named_series:
        lines += [f"## {t(lang, '专项行动', 'Campaigns')} {{ #campaigns }}", ""]
        lines.append(t(lang, "、", " · ").join(link(series_name(data, s, lang), src, f"campaigns/{s}")
                                                for s in data.named_series))
        lines += ["", link(t(lang, "各行动历年情况 →", "Campaigns by year →"), src, "campaigns/index"), ""]
    lines += [f"## {t(lang, '查找', 'Find')} {{ #find }}", ""]
    lines += [t(lang, "用页面顶部的搜索框按标题、机关或关键词查找，或：", "Search by title, agency or keyword with the search box "
                "at the top of the page, or browse:"), ""]
    lines += [f"- {link(t(lang, '按机关查看谁负责什么', 'Who is responsible for what, by agency'), src, 'agencies/index')}",
              f"- {link(t(lang, '按地区', 'By jurisdiction'), src, 'catalogue/places/index')} · "
              f"{link(t(lang, '按年份', 'By year'), src, 'catalogue/years/index')}",
              f"- {link(t(lang, '外资企业关注的任务', 'For foreign enterprises'), src, 'foreign/index')} · "
              f"{link(t(lang, '按问题查找', 'find by problem'), src, 'foreign/index', 'problems')}",
              f"- {link(t(lang, '按主题查看任务（商标、专利、网络、海关、食品……）', 'Tasks by topic (trademarks, patents, online, customs, food …)'), src, 'topics/index')}",
              f"- {link(t(lang, '中英术语对照', 'Chinese–English glossary'), src, 'glossary/index')}",
              f'- <a href="{feed_href(src, lang, "all.xml")}">'
              f'{t(lang, "订阅新文件（RSS）", "New notices (RSS)")}</a> · '
              f'<a href="{file_href(src, lang, "data/notices.json")}">{t(lang, "开放数据", "Open data")}</a>', ""]
    return "\n".join(lines)
