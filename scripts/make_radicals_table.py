"""Writes data/radicals.yaml: each code point of the Kangxi Radicals (U+2F00–U+2FDF) and CJK
Radicals Supplement (U+2E80–U+2EFF) blocks with the ordinary ideograph Unicode says it stands
for (the Equivalent_Unified_Ideograph property). PDFs made with CJK fonts often carry these code
points where the text has the ordinary character (⼯作 for 工作).

Python's unicodedata lacks the property; Perl's Unicode::UCD (Debian's perl) has it. Run once,
when Unicode adds to these blocks: `python3 scripts/make_radicals_table.py`."""

import subprocess
import unicodedata
from pathlib import Path

PERL = r'''
use Unicode::UCD qw(charprop);
binmode STDOUT, ":utf8";
for my $c (0x2E80..0x2EFF, 0x2F00..0x2FDF) {
    my $e = charprop($c, "Equivalent_Unified_Ideograph");
    printf "%04X\t%s\n", $c, $e if defined $e && length $e;
}
'''

rows = subprocess.run(["perl", "-e", PERL], capture_output=True, text=True, check=True).stdout.splitlines()
out = ["# Kangxi Radicals and CJK Radicals Supplement → the ordinary ideograph (Unicode's",
       "# Equivalent_Unified_Ideograph). Written by scripts/make_radicals_table.py; do not edit by hand.",
       "radicals:"]
for row in rows:
    code, target = row.split("\t")
    radical = chr(int(code, 16))
    if 0x2F00 <= ord(radical) <= 0x2FDF:  # the Kangxi block decomposes to the same ideograph
        assert unicodedata.normalize("NFKC", radical) == target, (code, target)
    out.append(f'  "\\u{code}": "{target}"  # {radical}')
Path(__file__).resolve().parents[1].joinpath("data", "radicals.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
print(f"{len(rows)} radicals")
