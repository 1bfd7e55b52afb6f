#!/usr/bin/python3
"""Do a peer's audit answers agree with sightline's? For bench/audit.sh (issue 18, goal 5).

  audit-check.py PEER.out PEER.csv JOIN.json NEAR.json DISPARITY_POSTS.json DISPARITY_REQUESTS.json

PEER.out and PEER.csv are what bench/peers/geopandas-audit.py and
bench/peers/postgis-audit.sh print and write; the JSON files are sightline's
`join --points posts --areas counties`, `near --radius 400` and `disparity
--events posts|requests --areas counties`. Agreement means: posts per county
equal in every county; cameras, sites with a camera and cameras within 400 m
equal; each county's request weight within 1e-6 of sightline's (relative
above 1: sightline's JSON carries ten significant digits); each group's
event-weighted share of posts and of requests, and its population share,
within 1e-6. Prints "yes", or "no: " and the first disagreements.
"""
import csv
import json
import sys

TOL = 1e-6


def main(argv):
    if len(argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    peer = dict(line.split() for line in open(argv[1]) if len(line.split()) == 2)
    rows = {r["id"]: r for r in csv.DictReader(open(argv[2]))}
    join, near, dp, dr = (json.load(open(p)) for p in argv[3:7])
    bad = []

    posts = {a["id"]: a["count"] for a in join["areas"]}
    for i in set(posts) | set(rows):
        mine, theirs = round(posts.get(i, 0)), int(rows[i]["posts"]) if i in rows else 0
        if mine != theirs:
            bad.append(f"posts in {i}: {mine} vs {theirs}")
    with_cam = sum(c["sites_with_camera"] for c in near["categories"])
    # the peers count site-camera pairs within the radius (a camera near two
    # sites twice); sightline's cameras_within counts each camera once
    within = sum(c["site_camera_pairs"] for c in near["categories"])
    for name, mine in (("cameras", near["cameras"]), ("sites_with_camera", with_cam), ("cameras_within", within)):
        if mine != int(peer[name]):
            bad.append(f"{name}: {mine} vs {peer[name]}")

    weights = {a["id"]: a["events"] for a in dr["areas"]}
    worst = 0.0
    for i in set(weights) | set(rows):
        mine, theirs = weights.get(i, 0.0), float(rows[i]["requests"]) if i in rows else 0.0
        d = abs(mine - theirs) / max(1.0, abs(mine))
        worst = max(worst, d)
        if d > TOL:
            bad.append(f"request weight in {i}: {mine} vs {theirs}")

    for kind, d in (("posts", dp), ("requests", dr)):
        for g in d["groups"]:
            name = g["group"]
            for key, mine in ((f"share_{kind}_{name}", g["share"]), (f"baseline_{name}", g["population_share"])):
                if abs(mine - float(peer[key])) > TOL:
                    bad.append(f"{key}: {mine} vs {peer[key]}")
    print("yes" if not bad else "no: " + "; ".join(bad[:5]) + (f" (+{len(bad) - 5} more)" if len(bad) > 5 else ""))
    print(f"largest request weight difference {worst:.2g}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
