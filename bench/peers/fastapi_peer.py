#!/usr/bin/env python3
"""fastapi_peer.py — the peer of `sightline serve` in bench/serve.sh: the
filtered partnerships question answered the way most people would write it,
FastAPI + uvicorn (Debian python3-fastapi, python3-uvicorn) over the same
SQLite store, one query per request, no cache.

usage: fastapi_peer.py STORE PORT
GET /api/partnerships?tech=ring&state=CA,TX&by=year -> {"snapshot", "total",
"agencies", "linked", "unlinked", "by_year", "by"} for the newest snapshot:
rows whose technology contains TECH (any case) in those states."""
import sqlite3
import sys

import uvicorn
from fastapi import FastAPI

store, port = sys.argv[1], int(sys.argv[2])
app = FastAPI()


def connect():
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    return db


@app.get("/api/partnerships")
def partnerships(tech: str = "", state: str = "", by: str = "year"):
    db = connect()
    try:
        snapshot = db.execute("SELECT max(snapshot) FROM partnerships").fetchone()[0]
        where, args = ["snapshot = ?"], [snapshot]
        if tech:
            where.append("lower(technology) LIKE ?")
            args.append(f"%{tech.lower()}%")
        states = [s.strip().upper() for s in state.split(",") if s.strip()]
        if states:
            where.append("upper(state) IN (%s)" % ",".join("?" * len(states)))
            args += states
        rows = db.execute("SELECT agency, state, start_date, agency_id FROM partnerships WHERE "
                          + " AND ".join(where), args).fetchall()
    finally:
        db.close()
    by_year, by_key = {}, {}
    for r in rows:
        if r["start_date"]:
            y = r["start_date"][:4]
            by_year[y] = by_year.get(y, 0) + 1
        k = r["state"] if by == "state" else (r["start_date"] or "")[:4]
        by_key[k] = by_key.get(k, 0) + 1
    linked = sum(1 for r in rows if r["agency_id"] is not None)
    return {"snapshot": snapshot, "query": {"tech": tech, "state": state, "by": by}, "total": len(rows),
            "agencies": len({(r["agency"], r["state"]) for r in rows}), "linked": linked,
            "unlinked": len(rows) - linked, "by_year": dict(sorted(by_year.items())), "by": by_key}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
