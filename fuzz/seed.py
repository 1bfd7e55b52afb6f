#!/usr/bin/env python3
"""seed.py — fills the fuzz corpora (fuzz/run.sh calls it): committed fixtures
from tests/fixtures plus small slices of the real files in ../shared/data,
copied into the build tree at run time and never committed.

usage: seed.py SOURCE_DIR SHARED_DATA CORPUS_DIR
Each target's directory gets files whose first byte, for the targets that
read one, selects the mapping or columns (see the fuzz_*.c files)."""
import csv, gzip, io, os, sys

src, shared, out = sys.argv[1:4]
fixtures = os.path.join(src, 'tests', 'fixtures')
bad = os.path.join(src, 'tests', 'bad')
count = {}

def put(target, data, prefix=b''):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    n = count.get(target, 0)
    count[target] = n + 1
    if isinstance(data, str):
        data = data.encode('utf-8', 'surrogateescape')
    with open(os.path.join(d, 'seed-%04d' % n), 'wb') as f:
        f.write(prefix + data)

def read(path, limit=None):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        return f.read() if limit is None else f.read(limit)

def head_lines(path, nbytes=6000):
    """The first whole lines of a file up to about nbytes."""
    data = read(path, nbytes * 2)
    cut = data.rfind(b'\n', 0, nbytes)
    return data[:cut + 1] if cut > 0 else data[:nbytes]

def files(d, exts):
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(exts))

# Committed fixtures: CSVs to the CSV readers, JSON to the JSON readers.
for p in files(os.path.join(fixtures, 'bad'), ('.csv',)) + files(os.path.join(fixtures, 'census'), ('.csv',)) \
        + files(bad, ('.csv', '.psv', '.tsv')):
    data = read(p, 8192)
    put('csv', data)
    put('points_csv', data, b'\x00')
    put('atlas', data, b'\x01')
    put('atlas', data, b'\x00')
for p in files(os.path.join(fixtures, 'points'), ('.geojson', '.json', '.ndjson')) \
        + files(bad, ('.geojson', '.json', '.ndjson')):
    data = read(p, 8192)
    for t in ('geojson', 'ndjson', 'overpass'):
        put(t, data)

# Real files: slices only.
def shared_path(*parts):
    p = os.path.join(shared, *parts)
    return p if os.path.exists(p) else None

real_csv = [shared_path('agencies', 'fbi-cde-agencies-2018.csv'),
            shared_path('partnerships', 'atlas-of-surveillance-2020-10-07.csv'),
            shared_path('points', 'police-killings-2015-fivethirtyeight.csv'),
            shared_path('sites', 'ice-detention-facilities-uwchr.psv.gz'),
            shared_path('sites', 'schools-wapo-school-shootings.csv'),
            shared_path('census', 'us-counties-quickfacts-2014.csv')]
for p in filter(None, real_csv):
    for size in (1500, 6000):
        data = head_lines(p, size)
        put('csv', data)
        for sel in (b'\x00', b'\x01', b'\x06'):
            put('points_csv', data, sel)
atlas = shared_path('partnerships', 'atlas-of-surveillance-2020-10-07.csv')
if atlas:
    for size in (2000, 8000):
        for sel in (b'\x01', b'\x03', b'\x41'):
            put('atlas', head_lines(atlas, size), sel)
    with open(atlas, encoding='utf-8', errors='replace', newline='') as f:
        rows = list(csv.DictReader(f))
    dates = sorted({r['Link 1 Date'] for r in rows if r['Link 1 Date']})[:150]
    for d in dates:
        put('date', d + '\n%m/%d/%Y')
    for r in rows[:2000:10]:
        put('date', r['Summary'][:300])
        put('normalize', '\t'.join((r['Agency'], r['State'], r['City'], r['County'])))
agencies = shared_path('agencies', 'fbi-cde-agencies-2018.csv')
if agencies:
    with open(agencies, encoding='utf-8', errors='replace', newline='') as f:
        for i, r in enumerate(csv.DictReader(f)):
            if i % 200 == 0:
                put('normalize', '\t'.join((r['agency_name'], r['state_abbr'], '', r['county_name'])))
for s in ('3/22/18', '2020-07-01', '2020-07', '2020', '12/31/1999\n%m/%d/%Y', 'July 2020\n%B %Y',
          'in July 2020 the city', '2015-02-23T14:05:09.5Z', '1425168000', '-74.0060',
          'atlas-2020-10-07.csv', '2/30/2020'):
    put('date', s)
for s in ("Sheriff's Office of Shenandoah Co.\tVA", 'Woodstock Police Dept.\tVA\tWoodstock',
          'Raritan PD\tNJ\tFlemington\tHunterdon County', 'St. Louis Co. Police\tMO'):
    put('normalize', s)
# query strings of `sightline serve`'s API (the page's own and broken ones)
for s in ('tech=ring&state=CA,TX&since=2019-01-01&by=state', 'circle=41.88,-87.63,500', 'radius=400&sites=clinic',
          'points=posts&areas=counties&where=%5Cb(child%7Ckid)s%3F%5Cb', 'bbox=-77.2,38.8,-76.9,39.0',
          'tech=Ring+Neighbors&type=police', 'seed=2018&events=requests', 'a=1&a=2', 'x=%zz', '&&=&', 'tech=%E2%80%AE',
          'events=requests&areas=demo-tracts&baseline=national&groups=black,hispanic'):
    put('query', s)
# Form bodies: the bad-input corpus's form cases and a few good pledges.
for p in files(bad, ('.txt',)):
    if os.path.basename(p).startswith('form-'):
        put('form', read(p)[:1024])
for s in ('email=ann%40example.org&name=Ann+Lee&state=NY&county=36061&commitment=cancel-ring&consent=on',
          'email=%E7%94%A8%E6%88%B7%40%E4%BE%8B%E5%AD%90.example&state=CA&county=06037&listed=yes',
          'email=ann@b%C3%BCcher.example&commitment=a&commitment=b&homepage=', 'a&&b=&=c&%41=%42'):
    put('form', s)
for target in sorted(count):
    print('%-12s %d seeds' % (target, count[target]))
