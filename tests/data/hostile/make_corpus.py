"""EcoViewer's hostile-input corpus: files as an attacker, a broken writer or a careless
sender would make them. Each must give one line naming the file and the problem (or load,
with problem lines), in bounded time, with no traceback, no network and nothing written.

``python make_corpus.py`` rewrites the small files committed beside this script (the
``static`` cases). ``generate(folder, port)`` writes the rest into ``folder`` at test time:
files that would be big (zip bombs, 100k-deep JSON), that point at a local listener on
``port`` (GDAL network attempts), or that cannot live in git (a FIFO, an unreadable file).

Every case is listed in ``CASES``: file name → what it is.
"""

from __future__ import annotations

import json
import os
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

SQUARE = [[117.74, 39.13], [117.76, 39.13], [117.76, 39.15], [117.74, 39.15], [117.74, 39.13]]

CASES = {
    # -- static: committed ------------------------------------------------------------------
    "truncated.geojson": "a FeatureCollection cut off in the middle",
    "junk.geojson": "random bytes named .geojson",
    "png_named.geojson": "a PNG image named .geojson",
    "empty.geojson": "an empty file (0 bytes)",
    "empty_collection.geojson": "a FeatureCollection with no features",
    "no_geometry.geojson": "features whose geometry is null",
    "huge_coordinates.geojson": "1e308, -1e308 and 1e400 (infinite) coordinates",
    "nan_coordinates.geojson": "NaN and Infinity written as bare words in coordinates",
    "tiny_polygons.geojson": "polygons of 1 and 2 points, an unclosed ring",
    "long_text.geojson": "a 20,000-character attribute (tooltips must stay bounded)",
    "wrong_types.geojson": "a geometry that is a string, coordinates that are objects",
    "not_a_zip.zip": "text named .zip",
    "no_shx.shp": "a shapefile without its .shx",
    "no_dbf.shp": "a shapefile without its .dbf",
    "lying_cpg.shp": "GBK attributes with a .cpg that says UTF-8",
    "junk_values.csv": "lon/lat columns holding NaN, inf, 1e999, text and blanks",
    "passwd.vrt": "an OGR VRT that would read /etc/passwd as a table",
    "folder.geojson": "a folder named like a layer file",
    # -- generated at test time ------------------------------------------------------------
    "deep.geojson": "arrays nested 100,000 deep",
    "bomb.zip": "a zip whose 2 GiB member compresses to 2 MB (zip bomb)",
    "whitespace_bomb.zip": "a zipped GeoJSON of 2 GiB of spaces (JSON-whitespace bomb)",
    "crs_link.geojson": "a GeoJSON 'crs' link to http://127.0.0.1:PORT (GDAL would fetch it)",
    "vsicurl.vrt": "an OGR VRT reading /vsicurl/http://127.0.0.1:PORT/",
    "pipe.geojson": "a FIFO (opening it would block forever)",
    "unreadable.geojson": "a file without read permission",
}


def _fc(features: list) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _feature(geometry, **props) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_static(folder: Path = HERE) -> None:
    """The small cases, committed to git (rerun to refresh them)."""
    folder.mkdir(parents=True, exist_ok=True)
    good = json.dumps(_fc([_feature({"type": "Polygon", "coordinates": [SQUARE]}, name="a")] * 3))
    (folder / "truncated.geojson").write_text(good[: len(good) // 2], encoding="utf-8")
    (folder / "junk.geojson").write_bytes(bytes((i * 197 + 13) % 256 for i in range(4096)))
    (folder / "png_named.geojson").write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
        + struct.pack(">I", zlib.crc32(b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)))
    )
    (folder / "empty.geojson").write_bytes(b"")
    (folder / "empty_collection.geojson").write_text(json.dumps(_fc([])), encoding="utf-8")
    (folder / "no_geometry.geojson").write_text(
        json.dumps(_fc([_feature(None, name="x"), _feature(None, name="y")])), encoding="utf-8"
    )
    (folder / "huge_coordinates.geojson").write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"name":"big"},"geometry":{"type":"Point","coordinates":[1e308,-1e308]}},'
        '{"type":"Feature","properties":{"name":"inf"},"geometry":{"type":"Point","coordinates":[1e400,39.1]}},'
        '{"type":"Feature","properties":{"name":"ok"},"geometry":{"type":"Point","coordinates":[117.75,39.14]}}]}',
        encoding="utf-8",
    )
    (folder / "nan_coordinates.geojson").write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"name":"nan"},"geometry":{"type":"Point","coordinates":[NaN,39.1]}},'
        '{"type":"Feature","properties":{"name":"inf"},"geometry":{"type":"LineString","coordinates":[[117.7,39.1],[Infinity,39.2]]}},'
        '{"type":"Feature","properties":{"name":"ok"},"geometry":{"type":"Point","coordinates":[117.75,39.14]}}]}',
        encoding="utf-8",
    )
    (folder / "tiny_polygons.geojson").write_text(
        json.dumps(
            _fc(
                [
                    _feature({"type": "Polygon", "coordinates": [[[117.75, 39.14]]]}, name="one point"),
                    _feature(
                        {"type": "Polygon", "coordinates": [[[117.75, 39.14], [117.76, 39.15]]]}, name="two"
                    ),
                    _feature(
                        {
                            "type": "Polygon",
                            "coordinates": [[[117.75, 39.14], [117.76, 39.15], [117.77, 39.14]]],
                        },
                        name="unclosed",
                    ),
                    _feature({"type": "Polygon", "coordinates": [SQUARE]}, name="ok"),
                ]
            )
        ),
        encoding="utf-8",
    )
    (folder / "long_text.geojson").write_text(
        json.dumps(
            _fc([_feature({"type": "Point", "coordinates": [117.75, 39.14]}, name="生态" * 10_000)]),
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (folder / "wrong_types.geojson").write_text(
        '{"type":"FeatureCollection","features":['
        '{"type":"Feature","properties":{"name":"s"},"geometry":"POINT (1 2)"},'
        '{"type":"Feature","properties":{"name":"o"},"geometry":{"type":"Point","coordinates":{"x":1}}},'
        '{"type":"Feature","properties":[1,2],"geometry":{"type":"Point","coordinates":[117.75,39.14]}}]}',
        encoding="utf-8",
    )
    (folder / "not_a_zip.zip").write_text("this is not a zip archive\n", encoding="utf-8")
    _shapefiles(folder)
    (folder / "junk_values.csv").write_text(
        "name,lon,lat\nnan,nan,39.1\ninf,inf,-inf\nhuge,1e999,39.1\ntext,east,north\nblank,,\n"
        "ok,117.75,39.14\n",
        encoding="utf-8",
    )
    (folder / "passwd.vrt").write_text(
        '<OGRVRTDataSource>\n  <OGRVRTLayer name="passwd">\n'
        "    <SrcDataSource>CSV:/etc/passwd</SrcDataSource>\n  </OGRVRTLayer>\n"
        "</OGRVRTDataSource>\n",
        encoding="utf-8",
    )
    # git keeps no empty folders: this one holds a note
    (folder / "folder.geojson").mkdir(exist_ok=True)
    (folder / "folder.geojson" / "README").write_text(
        "A folder named like a layer file: given as a layer, it must be one clear line.\n", encoding="utf-8"
    )


def _shapefiles(folder: Path) -> None:
    """Three small shapefiles: without .shx, without .dbf, and GBK text under a lying .cpg."""
    import numpy as np
    import pyogrio
    import shapely

    geoms = shapely.to_wkb(np.array([shapely.Point(117.75, 39.14), shapely.Point(117.76, 39.15)]))
    names = np.array(["生态城公园", "滨海湿地"], dtype=object)
    for stem in ("no_shx", "no_dbf", "lying_cpg"):
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            (folder / f"{stem}{ext}").unlink(missing_ok=True)
        pyogrio.raw.write(
            str(folder / f"{stem}.shp"),
            geoms,
            [names],
            ["name"],
            driver="ESRI Shapefile",
            crs="EPSG:4326",
            geometry_type="Point",
            encoding="GBK" if stem == "lying_cpg" else "UTF-8",
        )
        (folder / f"{stem}.cpg").unlink(missing_ok=True)
    (folder / "no_shx.shx").unlink()
    (folder / "no_dbf.dbf").unlink()
    (folder / "lying_cpg.cpg").write_text("UTF-8", encoding="ascii")


# -- generated at test time -------------------------------------------------------------------


def _zip_of_repeated(path: Path, name: str, head: bytes, chunk: bytes, count: int) -> None:
    """A zip with one deflated member ``head + chunk * count``, made without ever holding or
    compressing the whole member: the deflate stream of ``chunk`` after a full flush is the
    same every time, so it is computed once and repeated."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "deflate output of a repeated chunk is not stable"
    tail = comp.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    size = len(head) + len(chunk) * count
    csize = len(first) + len(block) * count + len(tail)
    assert size < 2**32 and csize < 2**32
    fname = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, csize, size, len(fname), 0) + fname
    with open(path, "wb") as fh:
        fh.write(local)
        fh.write(first)
        for _ in range(count):
            fh.write(block)
        fh.write(tail)
        central_at = fh.tell()
        central = (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                csize,
                size,
                len(fname),
                0,
                0,
                0,
                0,
                0,
                0,
            )
            + fname
        )
        fh.write(central)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), central_at, 0))


def generate(folder: Path, port: int) -> dict[str, Path]:
    """Write the generated cases into ``folder``; ``port``: a local listener that counts
    connections (none may come). Returns name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    deep = folder / "deep.geojson"
    deep.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
        '"geometry":{"type":"Point","coordinates":' + "[" * 100_000 + "]" * 100_000 + "}}]}",
        encoding="utf-8",
    )
    out["deep.geojson"] = deep
    mib = 1 << 20
    _zip_of_repeated(folder / "bomb.zip", "bomb.shp", b"", b"\0" * mib, 2048)
    out["bomb.zip"] = folder / "bomb.zip"
    _zip_of_repeated(
        folder / "whitespace_bomb.zip",
        "bomb.geojson",
        b'{"type":"FeatureCollection","features":[',
        b" " * mib,
        2048,
    )
    out["whitespace_bomb.zip"] = folder / "whitespace_bomb.zip"
    link = folder / "crs_link.geojson"
    link.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {
                    "type": "link",
                    "properties": {"href": f"http://127.0.0.1:{port}/crs.wkt", "type": "ogcwkt"},
                },
                "features": [_feature({"type": "Point", "coordinates": [117.75, 39.14]}, name="x")],
            }
        ),
        encoding="utf-8",
    )
    out["crs_link.geojson"] = link
    vrt = folder / "vsicurl.vrt"
    vrt.write_text(
        '<OGRVRTDataSource>\n  <OGRVRTLayer name="remote">\n'
        f"    <SrcDataSource>/vsicurl/http://127.0.0.1:{port}/data.geojson</SrcDataSource>\n"
        "  </OGRVRTLayer>\n</OGRVRTDataSource>\n",
        encoding="utf-8",
    )
    out["vsicurl.vrt"] = vrt
    pipe = folder / "pipe.geojson"
    if not pipe.exists():
        os.mkfifo(pipe)
    out["pipe.geojson"] = pipe
    locked = folder / "unreadable.geojson"
    locked.write_text(json.dumps(_fc([])), encoding="utf-8")
    locked.chmod(0)
    out["unreadable.geojson"] = locked
    return out


if __name__ == "__main__":
    write_static(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
