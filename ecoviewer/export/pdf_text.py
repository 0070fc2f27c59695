"""Make the text of a Qt-written PDF searchable as the characters that were drawn.

Qt's PDF engine writes each embedded font's ToUnicode map by taking, for every glyph, the
*lowest* code point the font maps to it. In CJK fonts many everyday ideographs share their
glyph with a Kangxi radical, a CJK radical-supplement form or a compatibility ideograph that
sorts lower (生 U+751F with ⽣ U+2F63, 水 with ⽔, 长 with ⻓ U+2ED3, 车 with ⻋ …), and the space
shares its glyph with the tab, so a reader that extracts or searches the text finds radicals
instead of the words. Unicode's equivalent-ideograph table (``radicals.py``) and NFKC (for
compatibility ideographs) map each of those back to the ordinary character. This module rewrites the
destination code points of the ToUnicode maps. A replacement in the BMP has the same number
of hex digits, so no byte offset in the file moves and the cross-reference table stays valid.
Some radicals and strokes stand for an ideograph outside the BMP (⺇ U+2E87 → 𠘨 U+20628,
㇆ U+31C6 → 𠃌 U+200CC); the map then gets its UTF-16BE surrogate pair (``<D841DE28>``), the
stream grows, and the stream's ``/Length``, the cross-reference table and ``startxref`` are
rewritten to match. A file whose layout this cannot follow (cross-reference streams, an
indirect ``/Length``, incremental updates) keeps those few radicals as they are, in place.
Pure bytes work; no Qt, no PDF library.
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


def _utf16_hex(code: int) -> bytes:
    """``<XXXX>``, or the surrogate pair ``<HHHHLLLL>`` outside the BMP (UTF-16BE, as a
    ToUnicode CMap writes it)."""
    if code <= 0xFFFF:
        return b"<%04X>" % code
    code -= 0x10000
    return b"<%04X%04X>" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _fixer(wide: bool):
    def fix(match: re.Match) -> bytes:
        code = int(match.group(1), 16)
        new = _normal(code)
        if new > 0xFFFF and not wide:
            return match.group(0)
        return _utf16_hex(new)

    return fix


def _fix_cmap(body: bytes, wide: bool = True) -> bytes:
    fix = _fixer(wide)
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
                    line = head + _HEX.sub(fix, tail)
        elif in_char:
            m = _CHAR_LINE.match(line)
            if m:
                line = m.group(1) + _HEX.sub(fix, m.group(2))
        out.append(line)
    return b"\n".join(out)


def fix_tounicode(pdf: bytes) -> bytes:
    """The PDF with its (uncompressed) ToUnicode maps normalised. The same length unless
    an ideograph outside the BMP had to be written (then offsets are rewritten to match)."""
    edits = []
    for m in _CMAP.finditer(pdf):
        body = m.group(1)
        fixed = _fix_cmap(body)
        if fixed != body:
            edits.append((m.start(1), m.end(1), fixed))
    if any(len(new) != end - start for start, end, new in edits):
        moved = _relocate(pdf, edits)
        if moved is not None:
            return moved
        edits = [(start, end, _fix_cmap(pdf[start:end], wide=False)) for start, end, _ in edits]
    out = bytearray(pdf)
    for start, end, new in edits:
        if len(new) != end - start:  # cannot happen: BMP replacements keep their length
            raise ValueError("a ToUnicode replacement changed length")
        out[start:end] = new
    return bytes(out)


# -- when the maps grow: the stream lengths, the cross-reference table and startxref -------

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_SECTION = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*\r?\n")
_ENTRY = re.compile(rb"(\d{10})( \d{5} [nf][ \r\n]{1,2})")


def _relocate(pdf: bytes, edits: list[tuple[int, int, bytes]]) -> bytes | None:
    """``pdf`` with the cmap ``edits`` applied and everything that points past them moved;
    None if the file is not laid out as Qt writes it (one classic cross-reference table,
    direct stream lengths)."""
    from ..atomic import pdf_problem

    if pdf_problem(pdf) is not None:
        return None
    tail = pdf[-2048:]
    sx = _STARTXREF.search(tail)
    xref = int(sx.group(1))
    if not pdf.startswith(b"xref", xref) or any(e > xref for _, e, _ in edits):
        return None
    trailer = pdf.find(b"trailer", xref)
    if trailer < 0 or re.search(rb"/(?:Prev|XRefStm)\b", pdf[trailer : len(pdf) - len(tail) + sx.start()]):
        return None
    changes = []  # (start, end, new bytes) in the old file, in order
    for start, end, new in edits:
        stream = pdf.rfind(b"stream", 0, start)
        objs = list(_OBJ.finditer(pdf, pdf.rfind(b"endobj", 0, start) + 1, stream))
        if stream < 0 or not objs:
            return None
        lengths = list(_LENGTH.finditer(pdf, objs[-1].end(), stream))
        finish = pdf.find(b"endstream", end)
        if len(lengths) != 1 or finish < 0 or pdf.find(b"endobj", end) < finish:
            return None
        data = stream + len(b"stream") + (2 if pdf.startswith(b"\r\n", stream + 6) else 1)
        old_length = int(lengths[0].group(1))
        if not end <= data + old_length <= finish:
            return None
        new_length = b"%d" % (old_length + len(new) - (end - start))
        changes.append((lengths[0].start(1), lengths[0].end(1), new_length))
        changes.append((start, end, new))
    changes.sort()

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (e - s) for s, e, new in changes if e <= offset)

    out = bytearray()
    last = 0
    for s, e, new in changes:
        out += pdf[last:s] + new
        last = e
    out += pdf[last:xref]
    pos = xref + 4
    table = bytearray(b"xref")
    while m := _SECTION.match(pdf, pos):
        table += m.group(0)
        pos = m.end()
        for _ in range(int(m.group(2))):
            entry = _ENTRY.match(pdf, pos)
            if not entry:
                return None
            offset = int(entry.group(1))
            in_use = entry.group(2).strip().endswith(b"n")
            table += (b"%010d" % moved(offset) if in_use else entry.group(1)) + entry.group(2)
            pos = entry.end()
    rest = pdf[pos:]
    sx_rest = _STARTXREF.search(rest)
    rest = rest[: sx_rest.start(1)] + b"%d" % moved(xref) + rest[sx_rest.end(1) :]
    result = bytes(out + table + rest)
    return result if pdf_problem(result) is None else None
