"""Make the text of a Qt-written PDF searchable as the characters that were drawn.

Qt's PDF engine writes each embedded font's ToUnicode map by taking, for every glyph, the
*lowest* code point the font maps to it. In CJK fonts many everyday ideographs share their
glyph with a Kangxi radical, a CJK radical-supplement form or a compatibility ideograph that
sorts lower (生 U+751F with ⽣ U+2F63, 水 with ⽔, 长 with ⻓ U+2ED3, 车 with ⻋ …), and the space
shares its glyph with the tab, so a reader that extracts or searches the text finds radicals
instead of the words. Unicode's equivalent-ideograph table (``radicals.py``) and NFKC (for
compatibility ideographs) map each of those back to the ordinary character. This module rewrites the
destination code points of the ToUnicode maps in place: every replacement has the same
number of hex digits, so no byte offset in the file moves and the cross-reference table
stays valid. Pure bytes work; no Qt, no PDF library.
"""

from __future__ import annotations

import re
import unicodedata

from .radicals import EQUIVALENT

_CMAP = re.compile(rb"begincmap(.*?)endcmap", re.S)
_RANGE_LINE = re.compile(rb"^(<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*)(.*)$", re.M)
_CHAR_LINE = re.compile(rb"^(<[0-9A-Fa-f]+>\s*)(<[0-9A-Fa-f]+>)\s*$", re.M)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _normal(code: int) -> int:
    if code == 0x09:
        return 0x20
    if code in EQUIVALENT:  # Kangxi radicals and the radicals supplement (⻓ → 长, ⽣ → 生)
        return EQUIVALENT[code]
    text = unicodedata.normalize("NFKC", chr(code))
    if len(text) == 1 and ord(text) <= 0xFFFF and ord(text) != code:
        # only compatibility ideographs: leave letters like ﬁ or ² as they are
        if 0xF900 <= code <= 0xFAFF or 0x3190 <= code <= 0x319F:
            return ord(text)
    return code


def _fix_hex(match: re.Match) -> bytes:
    code = int(match.group(1), 16)
    return b"<%04X>" % _normal(code)


def _fix_cmap(body: bytes) -> bytes:
    in_range = in_char = False
    out = []
    for line in body.split(b"\n"):
        stripped = line.strip()
        if stripped.endswith(b"beginbfrange"):
            in_range = True
        elif stripped.endswith(b"beginbfchar"):
            in_char = True
        elif stripped == b"endbfrange":
            in_range = False
        elif stripped == b"endbfchar":
            in_char = False
        elif in_range:
            m = _RANGE_LINE.match(line)
            if m:
                head, tail = m.group(1), m.group(2)
                src = re.findall(rb"<([0-9A-Fa-f]+)>", head)
                if tail.lstrip().startswith(b"[") or src[0] == src[1]:
                    line = head + _HEX.sub(_fix_hex, tail)
        elif in_char:
            m = _CHAR_LINE.match(line)
            if m:
                line = m.group(1) + _HEX.sub(_fix_hex, m.group(2))
        out.append(line)
    return b"\n".join(out)


def fix_tounicode(pdf: bytes) -> bytes:
    """The PDF with its (uncompressed) ToUnicode maps normalised; same length."""
    fixed = _CMAP.sub(lambda m: b"begincmap" + _fix_cmap(m.group(1)) + b"endcmap", pdf)
    assert len(fixed) == len(pdf)
    return fixed
