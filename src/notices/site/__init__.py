"""Build-time cross-link pages of the site: campaigns, agencies, indexes, glossary, the page for
foreign enterprises, open data and feeds. Pure functions over `data.SiteData`; the MkDocs hook
(scripts/mkdocs_hooks.py) only wires them to build events through `build.py`."""
