"""RSS 2.0 feeds of new notices: site-wide, per campaign series and per agency, in Chinese
(/feeds/…) and English (/en/feeds/…). Deterministic (dates from the notices, never the clock)
and escaped by the XML writer."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ..model import Notice
from ..safety import strip_controls
from .data import SiteData, newest_first, notice_date

ITEMS = 50


def rfc822(date: str) -> str | None:
    try:
        day = dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")


def site_link(site_url: str, lang: str, path: str) -> str:
    base = (site_url or "/").rstrip("/") + "/"
    return base + ("en/" if lang == "en" else "") + path


def rss(title: str, link: str, description: str, lang: str, notices: list[Notice], site_url: str) -> str:
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "zh-CN" if lang == "zh" else "en"
    items = newest_first(notices)[:ITEMS]
    if items and rfc822(notice_date(items[0])):
        ET.SubElement(channel, "lastBuildDate").text = rfc822(notice_date(items[0]))
    for n in items:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = n.title if lang == "zh" else (n.title_en or n.title)
        page = site_link(site_url, lang, f"notices/{n.slug}/")
        ET.SubElement(item, "link").text = page
        ET.SubElement(item, "guid", isPermaLink="true").text = page
        summary = n.jurisdiction["name"] if lang == "zh" else n.jurisdiction["name_en"]
        if n.issuer:
            summary += " · " + n.issuer
        ET.SubElement(item, "description").text = summary
        if rfc822(notice_date(n)):
            ET.SubElement(item, "pubDate").text = rfc822(notice_date(n))
    for element in root.iter():  # text from notices is cleaned at conversion; a feed must parse whatever it gets
        if element.text:
            element.text = strip_controls(element.text)[0]
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def feeds(data: SiteData, site_url: str) -> Iterator[tuple[str, str]]:
    """(relative path in the site, feed XML), for both languages, one feed at a time."""
    for lang in ("zh", "en"):
        prefix = "en/feeds/" if lang == "en" else "feeds/"
        zh = lang == "zh"
        yield prefix + "all.xml", rss(
            "打击侵权假冒信息公开：新文件" if zh else "Anti-counterfeiting notices: new notices",
            site_link(site_url, lang, "catalogue/"),
            "本站新收录的文件" if zh else "Notices newly added to the site", lang, data.notices, site_url)
        for series in data.named_series:
            s = data.campaign_series[series]
            name = s.zh if zh else (s.name_en or s.zh)
            notices = [n for n in data.notices if any(c.series == series for c in n.campaigns)]
            yield f"{prefix}campaigns/{series}.xml", rss(
                f"专项行动“{name}”：新文件" if zh else f"Campaign {name}: new notices",
                site_link(site_url, lang, f"campaigns/{series}/"),
                f"点名“{name}”的新文件" if zh else f"New notices naming {name}", lang, notices, site_url)
        for aid, a in data.agencies.items():
            name = a.full_name if zh else (a.name_en or a.full_name)
            notices = list({id(n): n for n, _, _ in data.agency_roles.get(aid, [])}.values())
            yield f"{prefix}agencies/{aid}.xml", rss(
                f"{name}：新文件" if zh else f"{name}: new notices", site_link(site_url, lang, f"agencies/{aid}/"),
                f"分派任务给{name}的新文件" if zh else f"New notices assigning tasks to {name}", lang, notices, site_url)
