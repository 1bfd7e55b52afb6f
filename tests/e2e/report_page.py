"""The map data of a report.html as plain GeoJSON and lists, for the e2e
tests' Python checks: the page carries it packed (src/report/html_map.c;
report.js unpacks it the same way)."""
import json, re


def _objects(t):
    return [{k: v for k, v in zip(t["keys"], row) if v is not None} for row in t["rows"]]


def _ring(r, scale):
    out, x, y = [], 0, 0
    for i in range(0, len(r) - 1, 2):
        x += r[i]
        y += r[i + 1]
        out.append([x / scale, y / scale])
    return out


def _geometry(g, scale):
    if g is None:
        return None
    if g[0] == "P":
        return {"type": "Polygon", "coordinates": [_ring(r, scale) for r in g[1]]}
    return {"type": "MultiPolygon", "coordinates": [[_ring(r, scale) for r in p] for p in g[1]]}


def map_data(html):
    """The #sl-map element of HTML, unpacked."""
    d = json.loads(re.search(r'id="sl-map"[^>]*>(.*?)</script>', html, re.S).group(1))
    scale = d.get("packed")
    if not scale:
        return d
    def fc(s):
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": p, "geometry": _geometry(g, scale)} for p, g in zip(_objects(s), s["geoms"])]}
    d["areas"] = [{"set": s["set"], "features": fc(s)} for s in d["areas"]]
    if d.get("outlines"):
        o = d["outlines"]
        d["outlines"] = {"set": o["set"], "features": dict(fc(o), level=o.get("level"))}
    for k in ("sites", "agencies", "agencies_unlocated"):
        if isinstance(d.get(k), dict):
            d[k] = _objects(d[k])
    return d
