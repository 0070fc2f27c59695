"""Joining a statistics table to a layer: a CSV (UTF-8 or GBK/GB18030, detected like a DBF's
text) or a sheet of an XLSX/ODS workbook, matched by a key field.

A project says it as ``[[joins]]`` (``layer``, ``path``, ``sheet``, ``key``, ``table_key``);
the join is redone every time the layer is read, so an edited table shows on the next open.
Keys match type-tolerantly — ``120116``, ``120116.0`` and ``"120116 "`` are one key — and
the joined columns keep the table's names. What does not fit is said, one line each: keys
repeated in the table (the first row is taken), keys on either side without a partner
(counted), a column whose name the layer has already (the layer's is kept).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import gdal_safety
from .project import check_join
from .sources import FeatureTable, LayerError, to_plain

#: the biggest join table read (a statistics table, not a layer)
MAX_TABLE_BYTES = 256 * 1024 * 1024
JOIN_KEYS = ("layer", "path", "sheet", "key", "table_key")
WORKBOOKS = (".xlsx", ".ods")
TABLES = (".csv", ".tsv", ".txt", *WORKBOOKS)


class JoinError(LayerError):
    """A join that cannot be made; one line naming the table file."""


@dataclass
class Table:
    """A join table read into columns (Python values: text, int, float or None)."""

    columns: dict[str, list]
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), []))


@dataclass
class JoinReport:
    """What one join did, for the Messages panel and the join dialog."""

    display: str
    fields: list[str]  # the columns the layer gained
    matched: int  # features that found a row
    layer_unmatched: int  # features whose key is not in the table
    table_unmatched: int  # table keys no feature has
    duplicates: dict[str, int]  # key → rows beyond the first
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.display}: {self.matched} features joined, {self.layer_unmatched} without a row, "
            f"{self.table_unmatched} table keys without a feature"
        )


def join_key(value: Any) -> str | None:
    """A key as matched: text stripped; whole numbers without ".0"; empty → None."""
    value = to_plain(value)
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    whole = re.fullmatch(r"([+-]?\d+)(?:\.0*)?", text)
    if whole:  # digits stay exact (an 18-digit code is not a float); "007" is 7, as Excel has it
        return str(int(whole.group(1)))
    return text or None


# -- reading a table ---------------------------------------------------------------------------


def decode_csv(data: bytes, display: str) -> tuple[str, str, list[str]]:
    """A CSV's text, the codec that decoded it, and problems: a UTF-8 BOM is believed only when
    the bytes after it are UTF-8 (Excel's "CSV UTF-8" — a GBK file behind a copied BOM is read
    as GB18030 and said); then strict UTF-8, then GB18030 (GBK's superset)."""
    problems: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8"), "UTF-8", problems
        except UnicodeDecodeError:
            try:
                text = body.decode("gb18030")
            except UnicodeDecodeError:
                raise JoinError(f"{display}: neither UTF-8 nor GBK text; save it as CSV UTF-8") from None
            problems.append(f"{display}: starts with a UTF-8 mark but is GBK text; read as GB18030")
            return text, "GB18030", problems
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec), codec.upper(), problems
        except UnicodeDecodeError:
            continue
    raise JoinError(f"{display}: neither UTF-8 nor GBK text; save it as CSV UTF-8")  # pragma: no cover


def _number(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def _typed(column: list[str | None]) -> list:
    """A CSV column as numbers when every non-empty cell is one (ints when all are whole)."""
    cells = [c for c in column if c not in (None, "")]
    if not cells:
        return [None] * len(column)
    numbers = [_number(c.strip()) for c in cells]
    if any(n is None for n in numbers):
        return [c if c not in ("",) else None for c in column]
    whole = all(float(n).is_integer() and "." not in c for n, c in zip(numbers, cells))
    out = []
    for c in column:
        if c in (None, ""):
            out.append(None)
        else:
            n = _number(c.strip())
            out.append(int(n) if whole else n)
    return out


def _unique(names: list[str]) -> list[str]:
    """Column names as the readers make them: blank ones named, repeats numbered ("a (2)")."""
    from .readers.gdal import _unique_names

    return _unique_names([name.strip() or f"column{i + 1}" for i, name in enumerate(names)])


def read_csv(path: Path, display: str) -> Table:
    data = path.read_bytes()
    text, codec, problems = decode_csv(data, display)
    if not text.strip():
        raise JoinError(f"{display}: the table is empty")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if len(rows) < 2:
        raise JoinError(f"{display}: the table has a header but no rows")
    names = _unique(rows[0])
    width = len(names)
    cols: list[list] = [[] for _ in range(width)]
    for r in rows[1:]:
        for i in range(width):
            cols[i].append(r[i] if i < len(r) else None)
    return Table({n: _typed(c) for n, c in zip(names, cols)}, codec, problems)


def read_workbook(path: Path, sheet: str | None, display: str) -> Table:
    """A sheet of an XLSX or ODS workbook through GDAL (network off; its first row the header)."""
    from pyogrio import list_layers, raw

    gdal_safety.install()
    try:
        sheets = [str(s) for s in list_layers(str(path))[:, 0]]
    except Exception as exc:
        raise JoinError(
            f"{display}: not a readable workbook ({gdal_safety.clean_message(str(exc), 160)})"
        ) from None
    if not sheets:
        raise JoinError(f"{display}: the workbook has no sheets with data")
    if sheet is None:
        sheet = sheets[0]
    elif sheet not in sheets:
        raise JoinError(f"{display}: no sheet '{sheet}' with data (it has {', '.join(sheets[:8])})")
    option = "OGR_XLSX_HEADERS" if path.suffix.lower() == ".xlsx" else "OGR_ODS_HEADERS"
    try:
        from pyogrio import set_gdal_config_options

        set_gdal_config_options({option: "FORCE"})
        meta, _fids, _geom, values = raw.read(str(path), layer=sheet, read_geometry=False)
    except Exception as exc:
        raise JoinError(
            f"{display}: sheet '{sheet}' cannot be read ({gdal_safety.clean_message(str(exc), 160)})"
        ) from None
    finally:
        set_gdal_config_options({option: None})
    names = _unique([str(n) for n in meta["fields"]])
    if not names or len(values) == 0 or len(values[0]) == 0:
        raise JoinError(f"{display}: sheet '{sheet}' is empty")
    columns = {}
    for name, col in zip(names, values):
        cells = [to_plain(v) for v in col.tolist()]
        cells = [None if isinstance(v, float) and math.isnan(v) else v for v in cells]
        if all(isinstance(v, float) and v.is_integer() for v in cells if v is not None):
            cells = [int(v) if v is not None else None for v in cells]
        columns[name] = cells
    return Table(columns)


def read_table(path: str | os.PathLike, sheet: str | None = None, display: str | None = None) -> Table:
    """A join table; every failure is a ``JoinError`` with one line naming ``display``."""
    display = display or str(path)
    try:
        checked = gdal_safety.check_source(path, allow_indirect=False, max_bytes=MAX_TABLE_BYTES)
    except gdal_safety.UnsafeSourceError as exc:
        raise JoinError(f"{display}: {exc}") from None
    suffix = checked.path.suffix.lower()
    if suffix not in TABLES:
        raise JoinError(f"{display}: not a table EcoViewer joins (CSV, XLSX or ODS)")
    try:
        if suffix in WORKBOOKS:
            return read_workbook(checked.path, sheet, display)
        return read_csv(checked.path, display)
    except JoinError:
        raise
    except MemoryError:
        raise JoinError(f"{display}: too large to join") from None
    except Exception as exc:  # whatever a damaged table provokes: one line
        raise JoinError(f"{display}: cannot be read ({type(exc).__name__})") from None


def sheets_of(path: str | os.PathLike) -> list[str]:
    """A workbook's sheet names (empty for a CSV or an unreadable file)."""
    if Path(path).suffix.lower() not in WORKBOOKS:
        return []
    from pyogrio import list_layers

    gdal_safety.install()
    try:
        return [str(s) for s in list_layers(str(path))[:, 0]]
    except Exception:
        return []


# -- joining -----------------------------------------------------------------------------------


def join_table(
    table: FeatureTable, joined: Table, key: str, table_key: str, display: str
) -> tuple[dict[str, np.ndarray], JoinReport]:
    """The columns ``table`` gains from ``joined`` (one value per feature, None without a
    match), and what happened."""
    if key not in table.fields:
        raise JoinError(f"{display}: the layer has no field '{key}' to join on")
    if table_key not in joined.columns:
        raise JoinError(
            f"{display}: the table has no column '{table_key}' "
            f"(it has {', '.join(list(joined.columns)[:10])})"
        )
    row_of: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    for i, v in enumerate(joined.columns[table_key]):
        k = join_key(v)
        if k is None:
            continue
        if k in row_of:
            duplicates[k] = duplicates.get(k, 0) + 1
        else:
            row_of[k] = i
    keys = [join_key(v) for v in table.fields[key].tolist()]
    rows = np.array([row_of.get(k, -1) if k is not None else -1 for k in keys], dtype=np.int64)
    problems = list(joined.problems)
    if duplicates:
        listed = ", ".join(f"'{k}' ×{n + 1}" for k, n in list(duplicates.items())[:5])
        more = f" and {len(duplicates) - 5} more" if len(duplicates) > 5 else ""
        problems.append(
            f"{display}: {sum(duplicates.values())} repeated keys in '{table_key}' ({listed}{more}); "
            "the first row of each is joined"
        )
    out: dict[str, np.ndarray] = {}
    for name, cells in joined.columns.items():
        if name == table_key:
            continue
        if name in table.fields and name not in getattr(table, "joined", ()):
            problems.append(
                f"{display}: column '{name}' is a field of the layer already; the layer's is kept"
            )
            continue
        values = np.array([*cells, None], dtype=object)
        picked = values[np.where(rows >= 0, rows, len(cells))]
        out[name] = _column(picked)
    used = set(rows[rows >= 0].tolist())
    report = JoinReport(
        display=display,
        fields=list(out),
        matched=int((rows >= 0).sum()),
        layer_unmatched=int((rows < 0).sum()),
        table_unmatched=sum(1 for k, i in row_of.items() if i not in used),
        duplicates=duplicates,
        problems=problems,
    )
    if report.layer_unmatched or report.table_unmatched:
        problems.append(report.summary())
    return out, report


def _column(values: np.ndarray) -> np.ndarray:
    """Joined cells as the array a layer field would be: float when all present cells are
    numbers (NaN where no row matched), else objects."""
    present = [v for v in values.tolist() if v is not None]
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return np.array([np.nan if v is None else float(v) for v in values.tolist()], dtype=float)
    return values


def apply_joins(joins: list[dict], layer_id: str, table: FeatureTable, base_dir: Path) -> list[JoinReport]:
    """Redo every join of ``layer_id`` onto ``table`` (its earlier joined columns dropped
    first); each failure is one line in ``table.problems``, the layer stays as read."""
    if getattr(table, "kind", "") == "streamed":  # its fields live in the file, not in memory
        mine = [j for j in joins if isinstance(j, dict) and j.get("layer") == layer_id]
        if mine:
            line = f"{table.path}: streamed from its file, so its {len(mine)} join(s) are not made"
            if line not in table.problems:
                table.problems.append(line)
        return []
    for name in getattr(table, "joined", []):
        table.fields.pop(name, None)
    table.joined = []
    said = getattr(table, "join_problems", [])  # the lines of the joins made before: replaced
    table.problems[:] = [p for p in table.problems if p not in said]
    start = len(table.problems)
    reports = []
    for raw in joins:
        if not isinstance(raw, dict) or raw.get("layer") != layer_id or check_join(raw, 0):
            continue
        display = raw["path"]
        source = Path(raw["path"]).expanduser()
        source = source if source.is_absolute() else base_dir / source
        try:
            joined = read_table(source, raw.get("sheet"), display)
            columns, report = join_table(table, joined, raw["key"], raw["table_key"], display)
        except JoinError as exc:
            table.problems.append(str(exc))
            continue
        table.fields.update(columns)
        table.joined += list(columns)
        table.problems.extend(report.problems)
        reports.append(report)
    table.join_problems = table.problems[start:]
    return reports
