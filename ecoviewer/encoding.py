"""Text encoding of Shapefile attribute tables (DBF).

GDAL trusts a ``.cpg`` file, then the DBF header's language-driver byte, and otherwise
reads ISO-8859-1 — which turns Chinese UTF-8 or GBK text into mojibake without a word. We
decide before GDAL reads: ``.cpg`` first, then the header byte, then the bytes themselves
(strict UTF-8, then strict GB18030, the superset of GBK/GB2312). A ``.cpg`` or header byte
that does not decode the DBF's text (field names and values) is not believed: the bytes
decide, and the guess says which declaration was wrong.
"""

from __future__ import annotations

import codecs
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

SAMPLE_BYTES = 4 * 1024 * 1024

# DBF language driver ids that name a Chinese code page (ESRI / dBase tables)
_LDID = {0x4D: "GBK", 0x7A: "GBK", 0x78: "BIG5", 0x4E: "CP949", 0x4F: "BIG5", 0x57: None}

_CPG_ALIASES = {
    "936": "GBK",
    "cp936": "GBK",
    "gbk": "GBK",
    "gb2312": "GBK",
    "gb18030": "GB18030",
    "65001": "UTF-8",
    "utf8": "UTF-8",
    "utf-8": "UTF-8",
    "950": "BIG5",
    "1252": "CP1252",
    "ansi 1252": "CP1252",
    "88591": "ISO-8859-1",
    "8859_1": "ISO-8859-1",
    "iso-8859-1": "ISO-8859-1",
    "latin1": "ISO-8859-1",
}


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str | None  # codec name to hand to GDAL, None = GDAL's own choice (plain ASCII)
    how: str  # "from .cpg", "from DBF header", "detected", "ASCII only", "undetermined",
    #           "no DBF"
    wrong_cpg: str | None = None  # the codec a .cpg declared that does not decode the DBF


def normalise_codec(name: str) -> str | None:
    key = name.strip().lower()
    if key in _CPG_ALIASES:
        return _CPG_ALIASES[key]
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib…: not a charset
        return None
    return info.name.upper()


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
            cpg_text = None
            if cpg:
                with zf.open(cpg) as fh:
                    cpg_text = fh.read(64).decode("ascii", "replace")
            return head, cpg_text
    dbf_path = cpg_path = None
    for sibling in (path.parent / name for name in os.listdir(path.parent or ".")):
        if sibling.stem != path.stem:  # (not glob: '[' and '*' in names are literal here)
            continue
        if sibling.suffix.lower() == ".dbf":
            dbf_path = sibling
        elif sibling.suffix.lower() == ".cpg":
            cpg_path = sibling
    if dbf_path is None:
        return None, None
    with open(dbf_path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    cpg_text = None
    if cpg_path:
        with open(cpg_path, "rb") as fh:
            cpg_text = fh.read(64).decode("ascii", "replace")
    return head, cpg_text


def _decodes(data: bytes, codec: str) -> bool:
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(data, final=False)
        return True
    except (UnicodeDecodeError, LookupError, ValueError, TypeError):
        return False


def _dbf_text(head: bytes) -> bytes:
    """The text parts of a DBF: the field names and the records (not the binary header)."""
    header_len = max(int.from_bytes(head[8:10], "little"), 32)
    names = [
        head[pos : pos + 11].split(b"\0", 1)[0]
        for pos in range(32, min(header_len, len(head)) - 31, 32)
        if head[pos] != 0x0D
    ]
    return b" ".join(names) + b" " + head[header_len:]


def detect_dbf_encoding(shp_path: str | Path) -> EncodingGuess:
    """Decide the encoding of a Shapefile's DBF (``shp_path`` may be a .shp or a .zip)."""
    try:
        head, cpg = _dbf_bytes(Path(shp_path))
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        return EncodingGuess(None, "undetermined")  # the read itself will say what is wrong
    declared = normalise_codec(cpg) if cpg is not None and cpg.strip() else None
    if head is None:
        return EncodingGuess(declared, "no DBF")
    if len(head) < 32:
        return EncodingGuess(declared, "from .cpg" if declared else "undetermined")
    text = _dbf_text(head)
    # non-ASCII text that is valid UTF-8 is UTF-8 (other encodings almost never pass a strict
    # UTF-8 check), whatever a stale .cpg or header byte says
    utf8 = not text.isascii() and _decodes(text, "utf-8")
    if declared:
        if text.isascii() or (_decodes(text, declared) and (declared == "UTF-8" or not utf8)):
            return EncodingGuess(declared, "from .cpg")
    ldid = _LDID.get(head[29])
    if text.isascii():
        return EncodingGuess(ldid, "from DBF header" if ldid else "ASCII only")
    if ldid and not utf8 and _decodes(text, ldid):
        return EncodingGuess(ldid, "from DBF header", declared)
    if utf8:
        return EncodingGuess("UTF-8", "detected", declared)
    if _decodes(text, "gb18030"):
        return EncodingGuess("GB18030", "detected", declared)
    return EncodingGuess(None, "undetermined", declared)
