"""The site: the notices plugin for ProperDocs (plugin.py, wiring only) and the steps it calls.
Pure functions over `data.SiteData`: the generated pages' views (agencies.py …, rendered by the
templates of overrides/sd/), the cross-links of notice pages, open data and feeds."""
