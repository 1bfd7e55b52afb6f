#!/usr/bin/python3
"""GeoPandas peer of the national audit (issue 18, goal 5), for bench/audit.sh:
two of the audit's questions as a competent GeoPandas user answers them
(Debian python3-geopandas: geopandas 0.12, shapely 1.8, rtree).

  geopandas-audit.py check
  geopandas-audit.py run COUNTIES.json POSTS.csv SITES.csv

1. Posts per county: the us-atlas counties read with GeoPandas (invalid
   polygons repaired with make_valid, as sightline does), the posts (lon,lat)
   read with pandas and joined with sjoin(predicate="within") in chunks of
   1M points; a post inside several counties counts for the lowest, like
   sightline.
2. Cameras within 400 m of each site: cameras are the distinct post
   locations (as sightline's "posts (unique locations)"); sites and cameras
   projected to CONUS Albers (EPSG:5070), each site buffered by 600 m and
   joined with sjoin, then the candidates kept whose great-circle distance
   (haversine, the sightline earth radius) is at most 400 m, so the counts
   are sightline's.

Prints "file_s X" (the whole run: reading every file, both answers) and
"cpu_s X", then the figures both tools give: "posts_in_counties N",
"cameras N", "sites_with_camera N", "cameras_within N".
"""
import sys
import time

CHUNK = 1_000_000
EARTH_M = 6371008.8
RADIUS_M = 400.0


def check():
    try:
        import geopandas  # noqa: F401
        import rtree  # noqa: F401
    except ImportError:
        print("python3-geopandas (with python3-rtree) is not installed")
        return 1
    return 0


def counties(path):
    import fiona
    import geopandas
    from shapely.validation import make_valid

    fiona.supported_drivers.setdefault("TopoJSON", "r")
    gdf = geopandas.read_file(path, layer="counties").reset_index(drop=True)
    invalid = ~gdf.geometry.is_valid
    gdf.loc[invalid, "geometry"] = gdf.geometry[invalid].apply(make_valid)
    return geopandas.GeoDataFrame({"area": range(len(gdf))}, geometry=gdf.geometry, crs="EPSG:4326")


def posts_per_county(areas, posts):
    import geopandas
    import numpy

    counts = numpy.zeros(len(areas), dtype=numpy.int64)
    for start in range(0, len(posts), CHUNK):
        chunk = posts.iloc[start:start + CHUNK]
        pts = geopandas.GeoDataFrame(geometry=geopandas.points_from_xy(chunk["lon"], chunk["lat"]),
                                     crs="EPSG:4326")
        joined = geopandas.sjoin(pts, areas, how="inner", predicate="within")
        lowest = joined.groupby(level=0)["area"].min()
        counts += numpy.bincount(lowest.to_numpy(), minlength=len(areas))
    return counts


def haversine(lat1, lon1, lat2, lon2):
    import numpy

    p1, p2 = numpy.radians(lat1), numpy.radians(lat2)
    dp, dl = p2 - p1, numpy.radians(lon2 - lon1)
    a = numpy.sin(dp / 2) ** 2 + numpy.cos(p1) * numpy.cos(p2) * numpy.sin(dl / 2) ** 2
    return 2 * EARTH_M * numpy.arcsin(numpy.minimum(1.0, numpy.sqrt(a)))


def cameras_near_sites(posts, sites):
    import geopandas
    import numpy

    cams = posts.drop_duplicates(["lon", "lat"]).reset_index(drop=True)
    cam = geopandas.GeoDataFrame(cams, geometry=geopandas.points_from_xy(cams["lon"], cams["lat"]),
                                 crs="EPSG:4326").to_crs("EPSG:5070")
    site = geopandas.GeoDataFrame(sites, geometry=geopandas.points_from_xy(sites["lon"], sites["lat"]),
                                  crs="EPSG:4326").to_crs("EPSG:5070")
    site["geometry"] = site.geometry.buffer(RADIUS_M * 1.5)
    pairs = geopandas.sjoin(cam, site, how="inner", predicate="within")
    d = haversine(pairs["lat_left"].to_numpy(), pairs["lon_left"].to_numpy(),
                  pairs["lat_right"].to_numpy(), pairs["lon_right"].to_numpy())
    near = pairs[d <= RADIUS_M]
    per_site = numpy.bincount(near["index_right"].to_numpy(), minlength=len(sites))
    return len(cams), int((per_site > 0).sum()), int(per_site.sum())


def run(counties_path, posts_csv, sites_csv):
    import pandas

    t0, c0 = time.perf_counter(), time.process_time()
    areas = counties(counties_path)
    posts = pandas.read_csv(posts_csv, dtype="float64")
    sites = pandas.read_csv(sites_csv, dtype="float64")
    counts = posts_per_county(areas, posts)
    cameras, with_camera, within = cameras_near_sites(posts, sites)
    print(f"file_s {time.perf_counter() - t0:.3f}")
    print(f"cpu_s {time.process_time() - c0:.3f}")
    print(f"posts_in_counties {int(counts.sum())}")
    print(f"cameras {cameras}")
    print(f"sites_with_camera {with_camera}")
    print(f"cameras_within {within}")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        return check()
    if len(argv) == 5 and argv[1] == "run":
        return run(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
