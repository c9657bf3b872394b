"""Building twice gives the same site, byte for byte."""

import hashlib
from pathlib import Path

from conftest import build_site, bundled_sources


def digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_give_the_same_site(tmp_path, built_site):
    again = digests(build_site(tmp_path, bundled_sources()))
    first = digests(built_site)
    assert again.keys() == first.keys()
    differing = sorted(name for name in first if first[name] != again[name])
    assert not differing, differing[:10]
