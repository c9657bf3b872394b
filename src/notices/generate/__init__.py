"""A generator of realistic synthetic notices, for testing the parser at scale and for benchmarking
the site: `notices generate --count N --seed S --out DIR`.

Every notice is composed from the registries (places, agency kinds, campaign series) and the phrase
banks in data/generator/, then written in one of the formats real notices come in: text copied
from a PDF (hard wraps, page markers, page breaks inside sentences and parentheses, stray spaces),
text copied from a 信息公开 page (the metadata table flattened into pipes, page tools), or the saved
信息公开 page itself (metadata table, navigation, share bar, footer; some in GB18030).

Output is a pure function of (count, seed): the same arguments write the same bytes. Alongside the
notices, `manifest.json` records the ground truth of each: title, 文号, jurisdiction, tasks with the
agencies and roles of their parentheses, campaigns, cited documents, phases."""

from .corpus import compare, write_corpus
from .names import choose_issuers, own_name

__all__ = ["choose_issuers", "compare", "own_name", "write_corpus"]
