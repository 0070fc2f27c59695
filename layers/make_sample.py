"""Generate the bundled sample project's data — SCHEMATIC, not survey data.

Layers are laid out at the Sino-Singapore Tianjin Eco-City's real location following the
public facts in ../shared/domain/ecocity.md (the SSW–NNE strip, the Ji Canal on the west,
the Eco-Island, Jing Lake, the Eco-Valley, the Z4 metro stations whose positions are
published). Everything else (building footprints, pipes, PM2.5 values, populations) is made
up to look plausible and is labelled schematic. Deterministic: a fixed seed, no clock.

Run:  python layers/make_sample.py      (rewrites layers/data/)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyogrio
import pyproj
import shapely
from shapely import affinity
from shapely.geometry import LineString, Point, box

HERE = Path(__file__).resolve().parent
OUT = HERE / "data"
RNG = np.random.default_rng(2008)  # the year the Eco-City broke ground

TO_4548 = pyproj.Transformer.from_crs(4326, 4548, always_xy=True)
FROM_4548 = pyproj.Transformer.from_crs(4548, 4326, always_xy=True)
CENTRE = np.array(TO_4548.transform(117.775, 39.148))
BEARING = np.radians(32.0)  # the strip's axis, degrees east of north
AXIS = np.array([np.sin(BEARING), np.cos(BEARING)])  # u: along the strip (NNE)
ACROSS = np.array([np.cos(BEARING), -np.sin(BEARING)])  # v: across it (ESE, towards the sea)


def local_to_4548(geom):
    """Local frame (u along the strip, v across it, metres from the centre) → EPSG:4548."""

    def fn(uv):
        xy = CENTRE + uv[:, :1] * AXIS + uv[:, 1:2] * ACROSS
        return xy

    return shapely.transform(geom, fn)


def lonlat_to_local(lon, lat):
    x, y = TO_4548.transform(lon, lat)
    d = np.array([x, y]) - CENTRE
    return float(d @ AXIS), float(d @ ACROSS)


def to_lonlat(geoms_4548):
    def fn(xy):
        x, y = FROM_4548.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geoms_4548, dtype=object), fn)


def write(
    name,
    geoms,
    fields: dict,
    crs: str,
    driver: str,
    layer=None,
    encoding=None,
    append=False,
    geometry_type=None,
    masks: dict | None = None,
):
    """``masks``: per field, the rows written as NULL."""
    path = OUT / name
    geoms = np.asarray(geoms, dtype=object)
    names = list(fields)
    data = [np.asarray(fields[k]) for k in names]
    if geometry_type is None:
        types = set(shapely.get_type_id(geoms).tolist())
        geometry_type = (
            {0: "Point", 1: "LineString", 3: "Polygon"}.get(types.pop()) if len(types) == 1 else "Unknown"
        )
    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(geoms),
        data,
        names,
        field_mask=[np.asarray(masks[k]) if masks and k in masks else None for k in names] if masks else None,
        layer=layer,
        driver=driver,
        crs=crs,
        encoding=encoding,
        geometry_type=geometry_type,
        append=append,
        promote_to_multi=False,
    )
    return path


def wavy(points, amp=0.0, n=8):
    """A smooth line through points, with a little deterministic wobble."""
    line = LineString(points)
    d = np.linspace(0, line.length, max(n, len(points)) * 6)
    pts = np.array([line.interpolate(t).coords[0] for t in d])
    if amp:
        pts[:, 1] += amp * np.sin(d / line.length * np.pi * 5)
    return LineString(pts)


# ---------------------------------------------------------------------------------------------
U_MIN, U_MAX, V_MIN, V_MAX = -7600.0, 6600.0, -2100.0, 2500.0
ISLAND_C = lonlat_to_local(117.748, 39.148)
LAKE_C = lonlat_to_local(117.758, 39.134)

DISTRICTS = [  # name, English, u range, v range, population (schematic)
    ("起步区", "Start-up area", (-7600, -2600), (-2100, 1500), 118000),
    ("中部片区", "City centre", (-2600, 1000), (-2100, 1500), 64000),
    ("北部片区", "North part", (1000, 6600), (-2100, 1500), 31000),
    ("临海新城", "Coastal new town", (-7600, 6600), (1500, 2500), 22000),
]

STATIONS = [  # published positions (domain notes); ± accuracy
    ("北塘", "Beitang", 117.71814, 39.09251, "±5 m"),
    ("中新生态城", "Sino-Singapore Eco-City", 117.74617, 39.10735, "±5 m"),
    ("和顺路", "Heshun Rd", 117.75662, 39.11796, "±5 m"),
    ("绿创园", "Lüchuang Park", 117.769, 39.132, "±300 m"),
    ("软件园", "Software Park", 117.782, 39.147, "±300 m"),
    ("航母公园", "Carrier Park", 117.79576, 39.16563, "±5 m"),
    ("玉砂道", "Yusha Rd", 117.796, 39.181, "±300 m"),
]


def make_districts():
    geoms, f = [], {k: [] for k in ("name", "name_en", "population", "area_km2")}
    for name, en, (u0, u1), (v0, v1), pop in DISTRICTS:
        g = local_to_4548(box(u0, v0, u1, v1))
        geoms.append(g)
        f["name"].append(name)
        f["name_en"].append(en)
        f["population"].append(pop)
        f["area_km2"].append(round(g.area / 1e6, 2))
    f["population"] = np.array(f["population"], dtype=np.int64)
    # residents year by year (clearly schematic): 5 % more each year, today's in 2025
    for year in range(2019, 2026):
        f[f"population_{year}"] = np.round(f["population"] * 0.95 ** (2025 - year)).astype(np.int64)
    write("districts.geojson", to_lonlat(geoms), f, "EPSG:4326", "GeoJSON")
    return geoms


def water_features():
    """Ji Canal, Old Ji Canal loop, Jing Lake, creeks, pipes, sponge facilities (local frame)."""
    items = []  # (geometry, kind, name, name_en)
    canal = wavy(
        [
            (U_MAX + 800, V_MIN - 350),
            (2000, V_MIN - 250),
            (-3000, V_MIN - 450),
            lonlat_to_local(117.716, 39.094),
            (U_MIN - 900, -1200),
        ],
        amp=60,
    )
    items.append((canal.buffer(45, cap_style="flat"), "river", "蓟运河", "Ji Canal"))
    iu, iv = ISLAND_C
    loop = LineString(
        [(iu + 1300, V_MIN - 300)]
        + [
            (iu + 800 * np.cos(t), iv + 800 * np.sin(t))
            for t in np.linspace(0.25 * np.pi, 1.85 * np.pi, 40)[::-1]
        ]
        + [(iu - 1300, V_MIN - 380)]
    )
    items.append((loop.buffer(25), "river", "蓟运河故道", "Old Ji Canal course"))
    lu, lv = LAKE_C
    lake = affinity.scale(Point(lu, lv).buffer(1, quad_segs=32), 1450, 640)
    items.append((lake, "lake", "静湖", "Jing Lake"))
    creeks = [
        ("惠风溪", "Huifeng Creek", [(-4200, 300), (-3600, 200), (-3000, 420), (-2600, 350)]),
        ("甘露溪", "Ganlu Creek", [(600, -1600), (900, -700), (1500, 100)]),
        ("慧风溪支流", "Huifeng Creek branch", [(-3600, 200), (-3500, 900)]),
    ]
    for name, en, pts in creeks:
        items.append((wavy(pts, amp=25), "creek", name, en))
    pipes = [
        ("reclaimed_pipe", "再生水主管", "Reclaimed-water main", -200, (-6500, 5800)),
        ("rain_pipe", "雨水管网", "Rainwater main", 700, (-6800, 6000)),
        ("desal_pipe", "海水淡化输水管", "Desalinated-seawater main", 1300, (-7000, 4000)),
        ("reclaimed_pipe", "再生水支管", "Reclaimed-water branch", -1200, (-6000, 3500)),
    ]
    for kind, name, en, v, (u0, u1) in pipes:
        items.append((LineString([(u0, v), (u1, v)]), kind, name, en))
    for u in range(-6000, 6001, 2000):
        items.append((LineString([(u, -1700), (u, 2200)]), "rain_pipe", "雨水支管", "Rainwater branch"))
    sponge = ["雨水花园", "下凹式绿地", "透水铺装", "生态滞留池", "植草沟"]
    sponge_en = ["Rain garden", "Sunken green", "Permeable paving", "Bioretention pond", "Swale"]
    for i in range(24):
        u = RNG.uniform(-6500, 6000)
        v = RNG.uniform(-1500, 2000)
        k = i % len(sponge)
        items.append((Point(u, v), "sponge", sponge[k], sponge_en[k]))
    for i, (u, v) in enumerate([(-5000, -800), (-1500, 600), (2500, -300), (5000, 900)]):
        items.append((Point(u, v), "tap_monitor", f"水喉水监测点{i + 1}", f"Tap-water monitor {i + 1}"))
    return items


def make_water(items):
    geoms = [local_to_4548(g) for g, *_ in items]
    f = {
        "kind": [k for _, k, *_ in items],
        "name": [n for _, _, n, _ in items],
        "name_en": [e for *_, e in items],
    }
    f["compliance_pct"] = np.array([100.0 if k == "tap_monitor" else np.nan for k in f["kind"]])
    # each monitor's compliance year by year (clearly schematic): rising 0.6 points a year to
    # 100 % by 2024, the later monitors a little ahead; today's (2025) is compliance_pct
    monitor = np.cumsum([k == "tap_monitor" for k in f["kind"]]) - 1
    for year in range(2019, 2026):
        f[f"compliance_{year}"] = np.array(
            [
                min(100.0, round(97.0 + 0.6 * (year - 2019) + 0.3 * m, 1)) if k == "tap_monitor" else np.nan
                for k, m in zip(f["kind"], monitor)
            ]
        )
    write("water_network.geojson", to_lonlat(geoms), f, "EPSG:4326", "GeoJSON")


def garden_features():
    items = []  # (local geometry, category, name, name_en)
    valley = box(-6200, 180, 6000, 380)
    items.append((valley, "eco_valley", "生态谷", "Eco-Valley"))
    iu, iv = ISLAND_C
    island = Point(iu, iv).buffer(560, quad_segs=24)
    items.append((island, "park", "生态岛公园", "Eco-Island Park"))
    for i, ang in enumerate(np.radians([0, 35, 70, 105, 140, 180])):
        corridor = LineString(
            [
                (iu + 600 * np.cos(ang), iv + 600 * np.sin(ang)),
                (iu + 2600 * np.cos(ang), iv + 2600 * np.sin(ang)),
            ]
        ).buffer(55, cap_style="flat")
        corridor = corridor.intersection(box(U_MIN, V_MIN, U_MAX, V_MAX))
        items.append((corridor, "eco_corridor", f"生态廊道{i + 1}", f"Eco-corridor {i + 1}"))
    park_names = [
        "南部公园",
        "北部公园",
        "海滨公园",
        "甘露园",
        "慧风园",
        "和畅公园",
        "静湖公园",
        "动漫园绿地",
        "中新友好公园",
        "生态城儿童公园",
        "和顺公园",
        "滨海花园",
    ]
    for i, name in enumerate(park_names):
        u = -6400 + i * 1050 + RNG.uniform(-150, 150)
        v = RNG.choice([-1200, -500, 900, 1900]) + RNG.uniform(-150, 150)
        w, h = RNG.uniform(180, 380), RNG.uniform(150, 300)
        items.append((box(u - w / 2, v - h / 2, u + w / 2, v + h / 2), "park", name, f"Park {i + 1}"))
    for i in range(10):  # pocket parks (口袋公园) on the far sides of the Eco-Valley
        u = -6600 + i * 1350 + RNG.uniform(-120, 120)
        v = (-1350 if i % 2 else 1350) + RNG.uniform(-200, 200)
        items.append(
            (box(u - 90, v - 70, u + 90, v + 70), "park", f"口袋公园{i + 1}", f"Pocket park {i + 1}")
        )
    wetlands = [
        ("贝壳堤湿地", "Shell-ridge wetland", box(-7200, 1900, -5600, 2450)),
        (
            "惠风溪湿地",
            "Huifeng Creek wetland",
            LineString([(-4200, 300), (-3600, 200), (-3000, 420), (-2600, 350)]).buffer(70),
        ),
        ("蓟运河湿地", "Ji Canal wetland", box(2500, V_MIN - 150, 4500, V_MIN + 150)),
        ("北部湿地", "North wetland", Point(5200, 1900).buffer(380)),
    ]
    for name, en, g in wetlands:
        items.append((g, "wetland", name, en))
    for i, (u0, u1) in enumerate([(-7400, -3000), (-2400, 900), (1200, 6300)]):
        items.append(
            (box(u0, -1950, u1, -1650), "garden_city", f"花园城市示范区{i + 1}", f"Garden-city zone {i + 1}")
        )
    return items


def make_gardens(items):
    geoms = [local_to_4548(g) for g, *_ in items]
    geoms = to_lonlat([g for g in geoms])
    geoms = shapely.make_valid(np.asarray(geoms, dtype=object))
    f = {
        "name": [n for _, _, n, _ in items],
        "name_en": [e for *_, e in items],
        "category": [c for _, c, *_ in items],
    }
    lonlat = np.asarray(geoms, dtype=object)
    # CGCS2000 geographic (EPSG:4490), GBK text, no .cpg: the reader must detect the encoding
    path = write(
        "garden_zones.shp", lonlat, f, "EPSG:4490", "ESRI Shapefile", encoding="GBK", geometry_type="Polygon"
    )
    path.with_suffix(".cpg").unlink(missing_ok=True)
    dbf = path.with_suffix(".dbf").read_bytes()
    assert dbf[29] in (0x00, 0x4D, 0x7A), "unexpected DBF language driver id"
    # drop the language-driver byte too, so the detector (not the header) has to find GBK
    path.with_suffix(".dbf").write_bytes(dbf[:29] + b"\x00" + dbf[30:])
    return items


def make_buildings(blocked):
    cats = ["passive", "prefabricated", "zero_energy", "certified", "conventional"]
    probs = [0.12, 0.30, 0.05, 0.49, 0.04]
    estates = [
        "和畅园",
        "季景华庭",
        "红树湾",
        "美林园",
        "万通新新家园",
        "天房美域",
        "吉宝季景",
        "锦庭",
        "枫情园",
        "荣馨园",
        "和韵园",
        "慧风园",
    ]
    uses = ["residential", "office", "public", "commercial"]
    use_p = [0.72, 0.12, 0.08, 0.08]
    geoms, f = (
        [],
        {k: [] for k in ("name", "category", "use", "stars", "floor_area", "year", "district", "floors")},
    )
    cells = []
    for u in np.arange(-7200, 6200, 400):
        for v in np.arange(-1800, 2200, 400):
            cell = box(u, v, u + 400, v + 400)
            cells.append(cell)
            if blocked.intersection(cell).area > 0.35 * cell.area:
                continue
            n = RNG.integers(3, 9)
            estate = estates[int(RNG.integers(0, len(estates)))]
            for k in range(n):
                w, h = RNG.uniform(28, 62), RNG.uniform(12, 20)
                cu, cv = u + RNG.uniform(50, 350), v + RNG.uniform(50, 350)
                fp = box(cu - w / 2, cv - h / 2, cu + w / 2, cv + h / 2)
                if blocked.intersects(fp):
                    continue
                floors = int(RNG.integers(3, 28))
                geoms.append(fp)
                cat = cats[int(RNG.choice(len(cats), p=probs))]
                f["category"].append(cat)
                f["use"].append(uses[int(RNG.choice(len(uses), p=use_p))])
                f["stars"].append(0 if cat == "conventional" else int(RNG.integers(1, 4)))
                f["floors"].append(floors)
                f["floor_area"].append(round(w * h * floors, 1))
                f["year"].append(int(RNG.integers(2010, 2026)))
                f["name"].append(f"{estate}{k + 1}号楼")
                d = next(
                    name for name, _, (u0, u1), (v0, v1), _ in DISTRICTS if u0 <= cu < u1 and v0 <= cv < v1
                )
                f["district"].append(d)
    f["stars"] = np.array(f["stars"], dtype=np.int32)
    f["floors"] = np.array(f["floors"], dtype=np.int32)
    f["year"] = np.array(f["year"], dtype=np.int32)
    # the year each green building was certified (clearly schematic): the year it was built
    # or up to three years later, never after 2025; conventional buildings have none. Its
    # own random stream, so the rest of the sample stays as it was
    lag = np.random.default_rng(2008).choice([0, 0, 0, 1, 2, 3], size=len(f["year"]))
    f["cert_year"] = np.minimum(f["year"] + lag, 2025).astype(np.int32)
    uncertified = np.array([c == "conventional" for c in f["category"]])
    path = OUT / "green_buildings.gpkg"
    path.unlink(missing_ok=True)
    geoms_4548 = np.asarray([local_to_4548(g) for g in geoms], dtype=object)
    # stored in CGCS2000 / 3-degree Gauss-Kruger CM 117E (EPSG:4548), metres
    write(
        "green_buildings.gpkg",
        geoms_4548,
        f,
        "EPSG:4548",
        "GPKG",
        layer="green_buildings",
        masks={"cert_year": uncertified},
    )
    cell_geoms = np.asarray([local_to_4548(c) for c in cells], dtype=object)
    write(
        "green_buildings.gpkg",
        cell_geoms,
        {"cell": np.arange(len(cells), dtype=np.int32)},
        "EPSG:4548",
        "GPKG",
        layer="eco_cells",
        append=True,
    )
    return len(geoms)


def make_transit():
    items = []  # geometry (local), mode, name, name_en, extra accuracy
    st = [(lonlat_to_local(lon, lat), zh, en, acc) for zh, en, lon, lat, acc in STATIONS]
    items.append((LineString([p for p, *_ in st]), "metro", "地铁Z4线(北段)", "Metro Z4 (north)", ""))
    for p, zh, en, acc in st:
        items.append((Point(p), "metro_station", zh, en, acc))
    routes = [
        (
            "生态城3路",
            "Eco-City bus 3",
            [(-7000, -900), (-2500, -900), (-2500, 1300), (3000, 1300), (6000, 1300)],
        ),
        ("生态城4路", "Eco-City bus 4", [(-6500, 1100), (-1000, 1100), (-1000, -1300), (5500, -1300)]),
        ("滨海519路", "Binhai bus 519", [(-7500, 2000), (6200, 2000)]),
    ]
    for zh, en, pts in routes:
        line = LineString(pts)
        items.append((line, "bus", zh, en, ""))
        for i, d in enumerate(np.arange(0, line.length, 520)):
            items.append((line.interpolate(d), "bus_stop", f"{zh}第{i + 1}站", f"{en} stop {i + 1}", ""))
    roads = [
        ("中新大道", "Zhongxin Ave", [(-7400, -300), (6400, -300)]),
        ("中生大道", "Zhongsheng Ave", [(-7000, 1100), (6200, 1100)]),
        ("汉北路", "Hanbei Rd", [(-7500, 1500), (6500, 1500)]),
        ("和畅路", "Hechang Rd", [(-4000, -2000), (-4000, 2400)]),
        ("和顺路", "Heshun Rd", [(-5200, -2000), (-5200, 2400)]),
        ("和惠路", "Hehui Rd", [(-1000, -2000), (-1000, 2400)]),
        ("玉砂道", "Yusha Rd", [(4200, -2000), (4200, 2400)]),
    ]
    for zh, en, pts in roads:
        items.append((LineString(pts), "slow_lane", f"{zh}慢行道", f"{en} slow lane", ""))
    geoms = to_lonlat([local_to_4548(g) for g, *_ in items])
    f = {
        "mode": [m for _, m, *_ in items],
        "name": [i[2] for i in items],
        "name_en": [i[3] for i in items],
        "accuracy": [i[4] for i in items],
    }
    write("transit.geojson", geoms, f, "EPSG:4326", "GeoJSON")


def make_shoreline():
    line = wavy([(U_MIN - 300, 2560), (-3000, 2620), (1000, 2580), (U_MAX + 300, 2650)], amp=40)
    cuts = np.linspace(0, line.length, 29)
    segs, types, names = [], [], []
    hardened = {5, 6, 17, 23}
    # segments hardened once and restored as ecological shoreline, and the year (clearly
    # schematic); the others were never hardened (no year)
    restored = {2: 2016, 9: 2017, 12: 2018, 14: 2019, 20: 2021, 26: 2023}
    for i in range(len(cuts) - 1):
        seg = shapely.ops.substring(line, cuts[i], cuts[i + 1])
        segs.append(local_to_4548(seg))
        types.append("hardened" if i in hardened else "ecological")
        names.append(f"岸线{i + 1:02d}段")
    # FlatGeobuf in EPSG:4548, metres
    write(
        "shoreline.fgb",
        segs,
        {
            "type": types,
            "name": names,
            "segment": np.arange(1, len(segs) + 1, dtype=np.int32),
            "restored": np.array([restored.get(i, 0) for i in range(len(segs))], dtype=np.int32),
        },
        "EPSG:4548",
        "FlatGeobuf",
        masks={"restored": np.array([i not in restored for i in range(len(segs))])},
    )
    # the 2025 plan: the hardened segments restored as ecological shoreline (GeoJSON, lon/lat)
    plan = ["restored" if i in hardened else "kept" for i in range(len(segs))]
    write(
        "shoreline_2025.geojson",
        to_lonlat(segs),
        {
            "type": ["ecological"] * len(segs),
            "plan": plan,
            "name": names,
            "segment": np.arange(1, len(segs) + 1, dtype=np.int32),
            # the plan restores the hardened segments by 2025
            "restored": np.array(
                [2025 if i in hardened else restored.get(i, 0) for i in range(len(segs))], dtype=np.int32
            ),
        },
        "EPSG:4326",
        "GeoJSON",
        masks={"restored": np.array([i not in restored and i not in hardened for i in range(len(segs))])},
    )


def make_air_stations():
    stations = [
        ("生态城起步区站", "Start-up area station", -5200, -300),
        ("生态城中部站", "City-centre station", -600, 400),
        ("生态城北部站", "North station", 3800, -700),
        ("临海新城站", "Coastal station", 1200, 2150),
    ]
    years = list(range(2019, 2026))
    base = np.array([51.0, 48.0, 44.0, 41.0, 40.0, 39.0, 38.0])
    rows = ["name,name_en,lon,lat," + ",".join(f"pm25_{y}" for y in years)]
    for i, (zh, en, u, v) in enumerate(stations):
        x, y = local_to_4548(Point(u, v)).coords[0]
        lon, lat = FROM_4548.transform(x, y)
        vals = base + RNG.normal(0, 1.5, len(years)) + (6.5 if i == 2 else 0.0)
        rows.append(f"{zh},{en},{lon:.5f},{lat:.5f}," + ",".join(f"{v:.1f}" for v in vals))
    (OUT / "air_stations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def make_protected(garden_items):
    wet = [local_to_4548(g) for g, cat, *_ in garden_items if cat == "wetland"]
    zones = [
        ("贝壳堤湿地保护区", "Shell-ridge wetland reserve", wet[0].buffer(80)),
        ("惠风溪湿地保护区", "Huifeng Creek reserve", wet[1].buffer(40)),
        ("蓟运河湿地保护区", "Ji Canal wetland reserve", wet[2].buffer(60)),
        ("北部湿地保护区", "North wetland reserve", wet[3].buffer(30)),
    ]
    geoms = to_lonlat([z for *_, z in zones])
    write(
        "protected_areas.geojson",
        geoms,
        {
            "name": [z[0] for z in zones],
            "name_en": [z[1] for z in zones],
            "level": ["市级", "区级", "区级", "区级"],
        },
        "EPSG:4326",
        "GeoJSON",
    )


def main():
    if not (HERE.parent / "pyproject.toml").is_file():
        # installed, this file sits in site-packages/ecoviewer/sample: it must not rewrite
        # an installed package's files behind pip's back
        raise SystemExit("make_sample.py rewrites the checkout's layers/data; run it there")
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    make_districts()
    water = water_features()
    make_water(water)
    gardens = garden_features()
    make_gardens(gardens)
    blocked = shapely.union_all(
        [g for g, k, *_ in water if k in ("river", "lake")]
        + [g for g, c, *_ in gardens if c != "garden_city"]
    )
    n = make_buildings(blocked)
    make_transit()
    make_shoreline()
    make_air_stations()
    make_protected(gardens)
    print(f"wrote {OUT} ({n} buildings)")


if __name__ == "__main__":
    import shapely.ops

    main()
