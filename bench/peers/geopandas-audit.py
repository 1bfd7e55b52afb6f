#!/usr/bin/python3
"""GeoPandas peer of the national audit (issue 18, goal 5), for bench/audit.sh:
the audit's questions as a competent GeoPandas user answers them (Debian
python3-geopandas: geopandas 0.12, shapely 1.8, pyproj, rtree).

  geopandas-audit.py check
  geopandas-audit.py run COUNTIES.json QUICKFACTS.csv POSTS.csv SITES.csv REQUESTS.csv OUT.csv

0. Load: the us-atlas counties read with GeoPandas (invalid polygons
   repaired with make_valid, as sightline does; a county without an outline
   at this scale dropped, as sightline skips it), the QuickFacts table, the
   posts and sites (lon,lat) and the requests (id,agency,date,lat,lon,
   radius_m) read with pandas.
1. Posts per county: sjoin(predicate="within") in chunks of 1M points; a
   post inside several counties counts for the lowest, like sightline.
2. Cameras within 400 m of each site: cameras are the distinct post
   locations (as sightline's "posts (unique locations)"); sites and cameras
   projected to CONUS Albers (EPSG:5070), each site buffered by 600 m and
   joined with sjoin, then the candidates kept whose great-circle distance
   (haversine, the sightline earth radius) is at most 400 m, so the counts
   are sightline's.
3. Requests split over counties: each request of radius r a polygon of 64
   vertices at geodesic distance r (pyproj Geod.fwd on WGS84, as sightline
   builds it), joined to the counties with sjoin(predicate="intersects");
   its weight in a county is 1 when the (prepared) county covers it, else
   the geodesic area (Geod.geometry_area_perimeter) of the intersection over
   the circle's. A request without a radius counts whole where it lies.
4. Shares by group (black, hispanic, foreign_born, white_nh): the posts' and
   requests' event-weighted shares sum_a w_a p_ga / sum_a w_a and the
   population share, over counties whose figures are known
   (docs/methodology.md); counts from QuickFacts percentages of PST045214.

Prints "<step>_s X" wall seconds per step, "file_s X" (reading every file and
every answer) and "cpu_s X", then the figures: "posts_in_counties N",
"cameras N", "sites_with_camera N", "cameras_within N",
"requests_in_counties W", "share_posts_G S", "share_requests_G S",
"baseline_G S". Writes OUT.csv: id,posts,requests per county.
"""
import sys
import time

CHUNK = 1_000_000
EARTH_M = 6371008.8
RADIUS_M = 400.0
CIRCLE_VERTICES = 64
GROUPS = (("black", "RHI225214"), ("hispanic", "RHI725214"), ("foreign_born", "POP645213"),
          ("white_nh", "RHI825214"))


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
    gdf = geopandas.read_file(path, layer="counties")
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty)].reset_index(drop=True)
    invalid = ~gdf.geometry.is_valid
    gdf.loc[invalid, "geometry"] = gdf.geometry[invalid].apply(make_valid)
    return geopandas.GeoDataFrame({"area": range(len(gdf)), "id": gdf["id"]}, geometry=gdf.geometry,
                                  crs="EPSG:4326")


def posts_per_county(areas, posts):
    import geopandas
    import numpy

    counts = numpy.zeros(len(areas), dtype=numpy.int64)
    for start in range(0, len(posts), CHUNK):
        chunk = posts.iloc[start:start + CHUNK]
        pts = geopandas.GeoDataFrame(geometry=geopandas.points_from_xy(chunk["lon"], chunk["lat"]),
                                     crs="EPSG:4326")
        joined = geopandas.sjoin(pts, areas[["area", "geometry"]], how="inner", predicate="within")
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


def request_weights(areas, reqs):
    import geopandas
    import numpy
    import pyproj
    from shapely.geometry import Polygon
    from shapely.prepared import prep

    geod = pyproj.Geod(ellps="WGS84")
    weights = numpy.zeros(len(areas))
    circ = reqs[reqs["radius_m"] > 0].reset_index(drop=True)
    n, k = len(circ), CIRCLE_VERTICES
    lon, lat = numpy.repeat(circ["lon"].to_numpy(), k), numpy.repeat(circ["lat"].to_numpy(), k)
    az = numpy.tile(360.0 * numpy.arange(k) / k, n)
    plon, plat, _ = geod.fwd(lon, lat, az, numpy.repeat(circ["radius_m"].to_numpy(), k))
    plon, plat = plon.reshape(n, k), plat.reshape(n, k)
    polys = [Polygon(numpy.column_stack([plon[i], plat[i]])) for i in range(n)]
    cg = geopandas.GeoDataFrame(geometry=polys, crs="EPSG:4326")
    pairs = geopandas.sjoin(cg, areas[["area", "geometry"]], how="inner", predicate="intersects")
    for a, grp in pairs.groupby("area"):
        shape = areas.geometry.iat[a]
        ready = prep(shape)
        for i in grp.index.to_numpy():
            c = polys[i]
            if ready.covers(c):
                weights[a] += 1.0
                continue
            piece = shape.intersection(c)
            if not piece.is_empty:
                weights[a] += abs(geod.geometry_area_perimeter(piece)[0]) / abs(geod.geometry_area_perimeter(c)[0])
    pts = reqs[~(reqs["radius_m"] > 0)]
    if len(pts):
        g = geopandas.GeoDataFrame(geometry=geopandas.points_from_xy(pts["lon"], pts["lat"]), crs="EPSG:4326")
        joined = geopandas.sjoin(g, areas[["area", "geometry"]], how="inner", predicate="within")
        weights += numpy.bincount(joined.groupby(level=0)["area"].min().to_numpy(), minlength=len(areas))
    return weights


def shares(areas, qf, posts, reqs):
    import numpy
    import pandas

    qf = qf.assign(id=qf["fips"].astype(int).astype(str).str.zfill(5))
    # two counties renamed since 2014, keyed by their former FIPS codes, as
    # sightline's import matches them (sl_fips_former)
    qf["id"] = qf["id"].replace({"02270": "02158", "46113": "46102"})
    t = areas[["id"]].merge(qf, on="id", how="left")
    pop = pandas.to_numeric(t["PST045214"], errors="coerce").to_numpy()
    out = {}
    for name, col in GROUPS:
        cnt = pandas.to_numeric(t[col], errors="coerce").to_numpy() / 100 * pop
        ok = numpy.isfinite(cnt) & (pop > 0)
        p = cnt[ok] / pop[ok]
        out[name] = ((posts[ok] * p).sum() / posts[ok].sum(), (reqs[ok] * p).sum() / reqs[ok].sum(),
                     cnt[ok].sum() / pop[ok].sum())
    return out


def run(counties_path, qf_csv, posts_csv, sites_csv, reqs_csv, out_csv):
    import pandas

    t0, c0 = time.perf_counter(), time.process_time()
    steps, last = [], t0

    def step(name):
        nonlocal last
        now = time.perf_counter()
        steps.append((name, now - last))
        last = now

    areas = counties(counties_path)
    qf = pandas.read_csv(qf_csv, encoding="latin-1", dtype={"fips": str})
    posts = pandas.read_csv(posts_csv, dtype="float64")
    sites = pandas.read_csv(sites_csv, dtype="float64")
    reqs = pandas.read_csv(reqs_csv, dtype={"id": str, "lat": "float64", "lon": "float64", "radius_m": "float64"})
    step("load")
    counts = posts_per_county(areas, posts)
    step("posts")
    cameras, with_camera, within = cameras_near_sites(posts, sites)
    step("near")
    weights = request_weights(areas, reqs)
    step("split")
    by_group = shares(areas, qf, counts, weights)
    step("shares")
    for name, s in steps:
        print(f"{name}_s {s:.3f}")
    print(f"file_s {time.perf_counter() - t0:.3f}")
    print(f"cpu_s {time.process_time() - c0:.3f}")
    print(f"posts_in_counties {int(counts.sum())}")
    print(f"cameras {cameras}")
    print(f"sites_with_camera {with_camera}")
    print(f"cameras_within {within}")
    print(f"requests_in_counties {weights.sum():.6f}")
    for name, (sp, sr, b) in sorted(by_group.items()):
        print(f"share_posts_{name} {sp:.12g}\nshare_requests_{name} {sr:.12g}\nbaseline_{name} {b:.12g}")
    with open(out_csv, "w") as f:
        f.write("id,posts,requests\n")
        for i, c, w in zip(areas["id"], counts, weights):
            f.write(f"{i},{int(c)},{w!r}\n")
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "check":
        return check()
    if len(argv) == 8 and argv[1] == "run":
        return run(*argv[2:8])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
