"""Text encoding of Shapefile attribute tables (DBF).

GDAL trusts a ``.cpg`` file, then the DBF header's language-driver byte, and otherwise
reads ISO-8859-1 — which turns Chinese UTF-8 or GBK text into mojibake without a word. We
decide before GDAL reads: ``.cpg`` first, then the header byte, then the bytes themselves
(strict UTF-8, then strict GB18030, the superset of GBK/GB2312).
"""

from __future__ import annotations

import codecs
import zipfile
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = 4 * 1024 * 1024

# DBF language driver ids that name a Chinese code page (ESRI / dBase tables)
_LDID = {0x4D: "GBK", 0x7A: "GBK", 0x78: "BIG5", 0x4E: "CP949", 0x4F: "BIG5", 0x57: None}

_CPG_ALIASES = {
    "936": "GBK", "cp936": "GBK", "gbk": "GBK", "gb2312": "GBK", "gb18030": "GB18030",
    "65001": "UTF-8", "utf8": "UTF-8", "utf-8": "UTF-8", "950": "BIG5",
    "1252": "CP1252", "ansi 1252": "CP1252", "88591": "ISO-8859-1", "8859_1": "ISO-8859-1",
    "iso-8859-1": "ISO-8859-1", "latin1": "ISO-8859-1",
}


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str | None  # codec name to hand to GDAL, None = GDAL's own choice (plain ASCII)
    how: str  # "from .cpg", "from DBF header", "detected", "ASCII only", "undetermined"


def normalise_codec(name: str) -> str | None:
    key = name.strip().lower()
    if key in _CPG_ALIASES:
        return _CPG_ALIASES[key]
    try:
        return codecs.lookup(key).name.upper()
    except LookupError:
        return None


def _dbf_bytes(path: Path) -> tuple[bytes | None, str | None]:
    """The first bytes of the DBF and the text of the .cpg beside a .shp (or inside a .zip)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            dbf = next((n for n in names if n.lower().endswith(".dbf")), None)
            if dbf is None:
                return None, None
            stem = dbf[:-4]
            cpg = next((n for n in names if n.lower() == (stem + ".cpg").lower()), None)
            with zf.open(dbf) as fh:
                head = fh.read(SAMPLE_BYTES)
            cpg_text = zf.read(cpg).decode("ascii", "replace") if cpg else None
            return head, cpg_text
    dbf_path = cpg_path = None
    for sibling in path.parent.glob(path.stem + ".*"):
        if sibling.stem != path.stem:
            continue
        if sibling.suffix.lower() == ".dbf":
            dbf_path = sibling
        elif sibling.suffix.lower() == ".cpg":
            cpg_path = sibling
    if dbf_path is None:
        return None, None
    with open(dbf_path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    cpg_text = cpg_path.read_bytes().decode("ascii", "replace") if cpg_path else None
    return head, cpg_text


def _decodes(data: bytes, codec: str) -> bool:
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(data, final=False)
        return True
    except UnicodeDecodeError:
        return False


def _dbf_text(head: bytes) -> bytes:
    """The text parts of a DBF: the field names and the records (not the binary header)."""
    header_len = int.from_bytes(head[8:10], "little")
    names = [head[pos:pos + 11].split(b"\0", 1)[0]
             for pos in range(32, min(header_len, len(head)) - 31, 32)
             if head[pos] != 0x0D]
    return b" ".join(names) + b" " + head[header_len:]


def detect_dbf_encoding(shp_path: str | Path) -> EncodingGuess:
    """Decide the encoding of a Shapefile's DBF (``shp_path`` may be a .shp or a .zip)."""
    head, cpg = _dbf_bytes(Path(shp_path))
    if cpg is not None and cpg.strip():
        codec = normalise_codec(cpg)
        if codec:
            return EncodingGuess(codec, "from .cpg")
    if head is None or len(head) < 32:
        return EncodingGuess(None, "undetermined")
    ldid = _LDID.get(head[29])
    text = _dbf_text(head)
    if text.isascii():
        return EncodingGuess(ldid, "from DBF header" if ldid else "ASCII only")
    if ldid and _decodes(text, ldid):
        return EncodingGuess(ldid, "from DBF header")
    if _decodes(text, "utf-8"):
        return EncodingGuess("UTF-8", "detected")
    if _decodes(text, "gb18030"):
        return EncodingGuess("GB18030", "detected")
    return EncodingGuess(None, "undetermined")
