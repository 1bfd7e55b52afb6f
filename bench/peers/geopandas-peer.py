#!/usr/bin/python3
"""GeoPandas peer for bench/run.sh: the join as a competent GeoPandas user
writes it (Debian python3-geopandas: geopandas 0.12, shapely 1.8, rtree).

  geopandas-peer.py check
  geopandas-peer.py run POLYGONS LAYER|- IDFIELD|- POINTS.csv COUNTS.csv

Polygons are read with GeoPandas (invalid ones repaired with make_valid, as
sightline does); points are read with pandas, joined with sjoin(predicate=
"within") in chunks of 1M points so memory stays bounded, and a point inside
several areas counts for the lowest one, like sightline. Prints "join_s X"
and "join_cpu_s X" (sjoin time only) and writes the counts CSV in polygon-file order.
"""
import sys
import time

CHUNK = 1_000_000


def check():
    try:
        import geopandas  # noqa: F401
    except ImportError:
        print("python3-geopandas is not installed (apt-get install -y python3-geopandas)")
        return 1
    return 0


def read_polygons(path, layer, id_field):
    import fiona
    import geopandas
    from shapely.validation import make_valid

    fiona.supported_drivers.setdefault("TopoJSON", "r")
    gdf = geopandas.read_file(path, layer=layer) if layer else geopandas.read_file(path)
    gdf = gdf.reset_index(drop=True)
    invalid = ~gdf.geometry.is_valid
    gdf.loc[invalid, "geometry"] = gdf.geometry[invalid].apply(make_valid)
    ids = gdf[id_field].astype(str) if id_field else gdf.index.astype(str)
    return geopandas.GeoDataFrame({"area": range(len(gdf))}, geometry=gdf.geometry), list(ids)


def run(poly, layer, id_field, points_csv, counts_csv):
    import geopandas
    import numpy
    import pandas

    areas, ids = read_polygons(poly, None if layer == "-" else layer,
                               None if id_field == "-" else id_field)
    areas = areas.set_crs("EPSG:4326", allow_override=True)
    counts = numpy.zeros(len(ids), dtype=numpy.int64)
    total = 0
    join_s = 0.0
    join_cpu_s = 0.0
    for chunk in pandas.read_csv(points_csv, chunksize=CHUNK, dtype="float64"):
        pts = geopandas.GeoDataFrame(
            geometry=geopandas.points_from_xy(chunk["lon"], chunk["lat"]), crs="EPSG:4326")
        t0 = time.perf_counter()
        c0 = time.process_time()
        joined = geopandas.sjoin(pts, areas, how="inner", predicate="within")
        lowest = joined.groupby(level=0)["area"].min()
        counts += numpy.bincount(lowest.to_numpy(), minlength=len(ids))
        join_s += time.perf_counter() - t0
        join_cpu_s += time.process_time() - c0
        total += len(chunk)
    with open(counts_csv, "w") as f:
        f.write("area,count\n")
        for area_id, c in zip(ids, counts):
            f.write(f"{area_id},{c}\n")
        f.write(f"(outside),{total - int(counts.sum())}\n")
    print(f"points {total}")
    print(f"join_s {join_s:.3f}")
    print(f"join_cpu_s {join_cpu_s:.3f}")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        return check()
    if len(argv) == 7 and argv[1] == "run":
        return run(*argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
