#!/usr/bin/python3
"""Write a store's posts and sites as "lon,lat" CSV, the files the audit peers
read (bench/audit.sh, tests/e2e/audit_peers.sh):

  store-points.py STORE.db POSTS.csv SITES.csv

Coordinates come from the store's point chunks in stored order (doubles, or
int32 of 1e-7 degrees), printed with 17 significant digits so that sightline
re-imports the very same points.
"""
import sqlite3
import sys

import numpy


def coords(db, layer):
    lon, lat = [], []
    for n, x, y in db.execute("SELECT c.count, d.lon, d.lat FROM point_chunks c JOIN point_chunk_data d "
                              "ON d.chunk_id = c.id WHERE c.layer = ? ORDER BY c.chunk_no", (layer,)):
        for blob, out in ((x, lon), (y, lat)):
            out.append(numpy.frombuffer(blob, "<f8") if len(blob) == 8 * n else numpy.frombuffer(blob, "<i4") / 1e7)
    return numpy.concatenate(lon), numpy.concatenate(lat)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    db = sqlite3.connect(f"file:{argv[1]}?mode=ro", uri=True)
    for layer, path in (("posts", argv[2]), ("sites", argv[3])):
        lon, lat = coords(db, layer)
        numpy.savetxt(path, numpy.column_stack([lon, lat]), fmt="%.17g", delimiter=",", header="lon,lat", comments="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
