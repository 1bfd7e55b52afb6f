#!/usr/bin/env python3
"""generate.py — writes the bad-input corpus in this folder and MANIFEST.tsv.

The files are committed (they are small); this script is how they were made,
so a case can be re-made or added in one place. Run from anywhere:
    python3 tests/bad/generate.py
Files too big to commit (the 100 MB single line) are made at test time by
tests/e2e/bad_corpus.sh instead.

MANIFEST.tsv columns: file, expected exit status, expected line ('-' when the
problem is the whole file and the message is `sightline: FILE: ...`), then the
sightline arguments with {} standing for the file. Exit 0 rows are inputs
that are accepted by design with a warning (the last column then holds the
warning text the test looks for).
"""
import os, random, struct

HERE = os.path.dirname(os.path.abspath(__file__))
rows = []
rnd = random.Random(20201007)

ATLAS = 'import partnerships {} --preset atlas --snapshot 2020-10-07'
MAPPED = 'import partnerships {} --name-col agency --state-col state --date-col started --tech Drones --snapshot 2020-10-07'
MAPPED_FMT = MAPPED + ' --date-format %m/%d/%Y'
AGENCIES = 'import agencies {} --preset fbi-cde'
POSTS = 'import posts {}'
CAMERAS = 'import cameras {}'
SITES = 'import sites {} --category clinic'
AREAS = 'import areas {} --set bad --id GEOID'

def case(name, data, exit_code, line, args, note=''):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)
    rows.append((name, str(exit_code), str(line) if line else '-', args, note))

A_HDR = '"AOSNUMBER","City","County","State","Agency","Type of LEA","Summary","Type of Juris","Technology","Vendor","Link 1 Date"\n'
def arow(i, agency='Woodstock Police Department', tech='Drones', date='2019-05-01', extra=''):
    return f'"AOS{i:04d}","Woodstock","Shenandoah County","VA","{agency}","Police","","Municipal","{tech}","","{date}"{extra}\n'
GOOD_ATLAS = A_HDR + arow(1) + arow(2, 'Strasburg Police Department')

# ---- partnerships, Atlas preset --------------------------------------------
case('atlas-unclosed-quote.csv', A_HDR + arow(1) + '"AOS0002","Woodstock","Shenandoah County","VA","Open quote\n', 1, 3, ATLAS)
case('atlas-text-after-quote.csv', A_HDR + arow(1) + '"AOS0002"x,"W","S","VA","A","P","","M","Drones","",""\n', 1, 3, ATLAS)
case('atlas-nul-byte.csv', A_HDR + arow(1) + 'AOS0002,\0,,\n', 1, 1, ATLAS)
case('atlas-empty.csv', '', 1, 1, ATLAS)
case('atlas-header-only.csv', A_HDR, 1, 1, ATLAS)
case('atlas-blank-lines-only.csv', '\n\n\n', 1, 1, ATLAS)
case('atlas-bom-only.csv', '\ufeff', 1, 1, ATLAS)
case('atlas-missing-agency-column.csv', A_HDR.replace('"Agency"', '"Agency Name"') + arow(1), 1, 1, ATLAS)
case('atlas-missing-technology-column.csv', A_HDR.replace('"Technology"', '"Tech"') + arow(1), 1, 1, ATLAS)
case('atlas-long-row.csv', A_HDR + arow(1) + arow(2, extra=',"extra"'), 1, 3, ATLAS)
case('atlas-empty-agency.csv', A_HDR + arow(1) + arow(2, agency=''), 1, 3, ATLAS)
case('atlas-blank-agency.csv', A_HDR + arow(1) + arow(2, agency='   '), 1, 3, ATLAS)
case('atlas-empty-technology.csv', A_HDR + arow(1) + arow(2, tech=''), 1, 3, ATLAS)
case('atlas-utf16le.csv', b'\xff\xfe' + GOOD_ATLAS.encode('utf-16-le'), 1, 1, ATLAS)
case('atlas-utf16be.csv', b'\xfe\xff' + GOOD_ATLAS.encode('utf-16-be'), 1, 1, ATLAS)
case('atlas-utf32.csv', GOOD_ATLAS.encode('utf-32'), 1, 1, ATLAS)
case('atlas-binary-garbage.csv', bytes(rnd.randrange(256) for _ in range(4096)), 1, 1, ATLAS)
case('atlas-png.csv', b'\x89PNG\r\n\x1a\n\0\0\0\rIHDR' + bytes(64), 1, 1, ATLAS)
case('atlas-truncated.csv.gz', bytes.fromhex('1f8b08000000000000034b4c2cc9'), 1, '-', ATLAS)
case('atlas-not-gzip.csv.gz', GOOD_ATLAS, 1, '-', ATLAS)
case('atlas-is-registry.csv', ',agency_name,agency_type_name,county_name,latitude,longitude,ori,state_abbr\n0,Woodstock Police Department,City,SHENANDOAH,38.88,-78.5,VA0850100,VA\n', 1, 1, ATLAS)
case('atlas-is-geojson.csv', '{"type":"FeatureCollection","features":[]}\n', 1, 1, ATLAS)
case('atlas-quote-at-eof.csv', A_HDR + arow(1) + '"', 1, 3, ATLAS)
case('atlas-crlf-unclosed.csv', (A_HDR + arow(1)).replace('\n', '\r\n') + '"AOS2","x\r\n\r\n', 1, 3, ATLAS)
case('atlas-cr-only-long-row.csv', (A_HDR + arow(1) + arow(2, extra=',x')).replace('\n', '\r'), 1, 3, ATLAS)
# Accepted: the Atlas 2020-10-07 export itself repeats AOS5547 as an exact
# duplicate row; it is stored once (it would count twice in every figure of
# rows), and the import names the line that repeats which.
case('atlas-duplicate-row.csv', A_HDR + arow(1) + arow(1), 0, '-', ATLAS, 'imported 1 partnership row from')
case('atlas-duplicate-id.csv', A_HDR + arow(1) + arow(1, 'Strasburg Police Department'), 0, '-', ATLAS, 'imported 2 partnership rows')
case('atlas-late-garbage-row.csv', A_HDR + ''.join(arow(i, f'Agency {i} Police') for i in range(1, 40)) + '"AOS9999","a"b"\n', 1, 41, ATLAS)
case('atlas-nul-late.csv', A_HDR + ''.join(arow(i, f'Agency {i} Police') for i in range(1, 40)) + '\0', 1, 1, ATLAS)

# ---- partnerships, mapped columns ------------------------------------------
M_HDR = 'agency,state,started\n'
case('mapped-bad-date.csv', M_HDR + 'Woodstock PD,VA,2019-05-01\nStrasburg PD,VA,2019-13-45\n', 1, 3, MAPPED)
case('mapped-feb-30.csv', M_HDR + 'Woodstock PD,VA,2020-02-30\n', 1, 2, MAPPED)
case('mapped-year-zero.csv', M_HDR + 'Woodstock PD,VA,0000-01-01\n', 1, 2, MAPPED)
case('mapped-huge-year.csv', M_HDR + 'Woodstock PD,VA,99999999999-01-01\n', 1, 2, MAPPED)
case('mapped-date-words.csv', M_HDR + 'Woodstock PD,VA,sometime in spring\n', 1, 2, MAPPED)
case('mapped-date-wrong-format.csv', M_HDR + 'Woodstock PD,VA,05/01/2019\nStrasburg PD,VA,2019-05-01\n', 1, 3, MAPPED_FMT)
case('mapped-date-trailing-text.csv', M_HDR + 'Woodstock PD,VA,05/01/2019 or so\n', 1, 2, MAPPED_FMT)
case('mapped-empty-agency.csv', M_HDR + 'Woodstock PD,VA,2019-05-01\n,VA,2019-05-01\n', 1, 3, MAPPED)
case('mapped-missing-name-column.csv', 'name,state,started\nWoodstock PD,VA,2019-05-01\n', 1, 1, MAPPED)
case('mapped-missing-date-column.csv', 'agency,state,start\nWoodstock PD,VA,2019-05-01\n', 1, 1, MAPPED)
case('mapped-missing-state-column.csv', 'agency,st,started\nWoodstock PD,VA,2019-05-01\n', 1, 1, MAPPED)
case('mapped-long-row.csv', M_HDR + 'Woodstock PD,VA,2019-05-01,extra\n', 1, 2, MAPPED)
case('mapped-semicolon-long-row.csv', 'agency;state;started\nWoodstock PD;VA;2019-05-01;x\n', 1, 2, MAPPED)
case('mapped-unclosed-quote.csv', M_HDR + '"Woodstock PD,VA,2019-05-01\n', 1, 2, MAPPED)
case('mapped-header-only.csv', M_HDR, 1, 1, MAPPED)
case('mapped-latin1-bad-date.csv', (M_HDR + 'Pe\xf1a PD,VA,2019-05-01\nCa\xf1on PD,VA,2019-02-29\n').encode('latin-1'), 1, 3, MAPPED)

# ---- agencies (FBI CDE registry) -------------------------------------------
G_HDR = ',agency_name,agency_type_name,county_name,division_name,latitude,longitude,nibrs,ori,region_desc,region_name,state_abbr,state_name\n'
def grow_(i, name='Woodstock Police Department', lat='38.88', lon='-78.5', ori=None):
    return f'{i},{name},City,SHENANDOAH,South Atlantic,{lat},{lon},1.0,{ori or "VA%07d" % i},Region III,South,VA,Virginia\n'
GOOD_G = G_HDR + grow_(1) + grow_(2, 'Strasburg Police Department')
for tag, lat, lon in (('lat-text', 'north', '-78.5'), ('lat-91', '91', '-78.5'), ('lon-181', '38.8', '181'),
                      ('lat-nan', 'nan', '-78.5'), ('lon-nan', '38.8', 'NaN'), ('lat-inf', 'inf', '-78.5'),
                      ('lon-minus-inf', '38.8', '-Infinity'), ('lat-1e999', '1e999', '-78.5'),
                      ('lat-hex', '0x26', '-78.5'), ('lat-comma-decimal', '"38,88"', '-78.5'),
                      ('swapped', '-155.08688', '19.716698'), ('lat-trailing-text', '38.8N', '-78.5'),
                      ('lat-two-numbers', '38.8 38.9', '-78.5')):
    case(f'agencies-{tag}.csv', GOOD_G + grow_(3, 'Edinburg Police Department', lat, lon), 1, 4, AGENCIES)
case('agencies-missing-latitude-column.csv', GOOD_G.replace('latitude', 'lat'), 1, 1, AGENCIES)
case('agencies-missing-ori-column.csv', GOOD_G.replace(',ori,', ',oricode,'), 1, 1, AGENCIES)
case('agencies-short-row.csv', GOOD_G + '3,Edinburg Police Department,City\n', 1, 4, AGENCIES)
case('agencies-long-row.csv', GOOD_G + grow_(3).rstrip('\n') + ',extra\n', 1, 4, AGENCIES)
case('agencies-empty-name.csv', GOOD_G + grow_(3, ''), 1, 4, AGENCIES)
case('agencies-empty.csv', '', 1, 1, AGENCIES)
case('agencies-header-only.csv', G_HDR, 1, 1, AGENCIES)
case('agencies-is-atlas.csv', GOOD_ATLAS, 1, 1, AGENCIES)
case('agencies-unclosed-quote.csv', GOOD_G + '3,"Edinburg Police,City\n', 1, 4, AGENCIES)
case('agencies-utf16.csv', b'\xff\xfe' + GOOD_G.encode('utf-16-le'), 1, 1, AGENCIES)
case('agencies-garbage.csv', bytes(rnd.randrange(1, 256) for _ in range(3000)), 1, 1, AGENCIES)
case('agencies-duplicate-ori.csv', GOOD_G + grow_(3, 'Edinburg Police Department', ori='VA0000001'), 1, 4, AGENCIES)

# ---- points: posts, cameras, sites (CSV) -----------------------------------
P_HDR = 'id,lat,lon,time\n'
def prow(i, lat, lon, t='2020-07-01'):
    return f'{i},{lat},{lon},{t}\n'
case('points-all-missing.csv', P_HDR + prow(1, '', '') + prow(2, '', ''), 1, '-', POSTS)
case('points-all-nan.csv', P_HDR + prow(1, 'nan', '-78.5') + prow(2, 'NaN', 'NaN'), 1, '-', POSTS)
case('points-all-inf.csv', P_HDR + prow(1, 'inf', '-78.5') + prow(2, '-Infinity', '1'), 1, '-', CAMERAS)
case('points-all-out-of-range.csv', P_HDR + prow(1, '91', '-78.5') + prow(2, '0', '-181'), 1, '-', SITES)
case('points-all-swapped.csv', P_HDR + prow(1, '-122.41', '37.77') + prow(2, '-122.33', '47.60'), 1, '-', POSTS)
case('points-all-text.csv', P_HDR + prow(1, 'north', 'west') + prow(2, '38.8N', '78.5W'), 1, '-', POSTS)
case('points-all-short-rows.csv', P_HDR + '1\n2\n3\n', 1, '-', POSTS)
case('points-1e999.csv', P_HDR + prow(1, '1e999', '-78.5'), 1, '-', POSTS)
case('points-header-only.csv', P_HDR, 1, '-', POSTS)
case('points-empty.csv', '', 1, '-', POSTS)
case('points-blank-lines.csv', '\n\n\n\n', 1, 1, CAMERAS)
case('points-missing-lat-column.csv', 'id,latitud,lon\n1,38.8,-78.5\n', 1, 1, POSTS)
case('points-named-column-absent.csv', P_HDR + prow(1, '38.8', '-78.5'), 1, 1, POSTS + ' --lat y --lon x')
case('points-no-header-numbers.csv', '38.8,-78.5\n38.9,-78.4\n', 1, 1, POSTS)
case('points-binary-garbage.csv', b'\0' + bytes(rnd.randrange(256) for _ in range(5000)), 1, 1, POSTS)
case('points-nul-in-row.csv', P_HDR + prow(1, '38.8', '-78.5') + '2,38.\x009,-78.4\n', 1, 3, POSTS)
case('points-utf16.csv', b'\xff\xfe' + (P_HDR + prow(1, '38.8', '-78.5')).encode('utf-16-le'), 1, 1, POSTS)
case('points-unclosed-quote.csv', P_HDR + prow(1, '38.8', '-78.5') + '2,"38.9,-78.4,2020-07-01\n' + prow(3, '38.7', '-78.3'), 1, 3, POSTS)
case('points-truncated.csv.gz', bytes.fromhex('1f8b0800000000000003cb4c'), 1, '-', POSTS)
case('points-not-gzip.csv.gz', P_HDR + prow(1, '38.8', '-78.5'), 1, '-', POSTS)
case('points-pipe-all-bad.psv', 'id|lat|long\n1|x|y\n2|a|b\n', 1, '-', SITES)
case('points-semicolon-decimal-comma.csv', 'id;lat;lon\n1;38,8;-78,5\n2;38,9;-78,4\n', 1, '-', POSTS)
case('points-some-bad.csv', P_HDR + prow(1, '38.8', '-78.5') + prow(2, 'nan', '-78.5') + prow(3, '95', '1'), 0, '-', POSTS, 'skipped 2')
case('points-duplicate-ids.csv', P_HDR + prow(7, '38.8', '-78.5') + prow(7, '38.9', '-78.4'), 0, '-', CAMERAS, 'imported 2')

# ---- points: GeoJSON, NDJSON, Overpass -------------------------------------
def feat(lon, lat, props='{}'):
    return '{"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},"properties":%s}' % (lon, lat, props)
def fc(*features):
    return '{"type":"FeatureCollection","features":[\n' + ',\n'.join(features) + '\n]}\n'
case('geojson-truncated.geojson', fc(feat(-78.5, 38.8), feat(-78.4, 38.9))[:-8], 1, 3, POSTS)
case('geojson-trailing-comma.geojson', '{"type":"FeatureCollection","features":[\n' + feat(-78.5, 38.8) + ',\n]}\n', 1, 3, POSTS)
case('geojson-nan-literal.geojson', fc(feat(-78.5, 38.8), feat('NaN', 38.9)), 1, 3, POSTS)
case('geojson-infinity-literal.geojson', fc(feat('Infinity', 38.9)), 1, 2, POSTS)
case('geojson-1e999.geojson', fc(feat('1e999', 38.9)), 1, 2, POSTS)
case('geojson-all-out-of-range.geojson', fc(feat(-78.5, 91), feat(190, 38.9)), 1, '-', POSTS)
case('geojson-all-swapped.geojson', fc(feat(38.8, -122.4), feat(47.6, -122.3)), 1, '-', CAMERAS)
case('geojson-all-polygons.geojson', fc('{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}}'), 1, '-', SITES)
case('geojson-string-coordinates.geojson', fc(feat('"west"', '"north"')), 1, '-', POSTS)
case('geojson-null-geometry.geojson', fc('{"type":"Feature","geometry":null,"properties":{}}'), 1, '-', POSTS)
case('geojson-empty-features.geojson', fc(), 1, '-', POSTS)
case('geojson-not-collection.geojson', '{"type":"Topology","objects":{}}\n', 1, '-', POSTS)
case('geojson-features-not-array.geojson', '{"type":"FeatureCollection","features":{}}\n', 1, '-', POSTS)
case('geojson-top-level-array.geojson', '[1,2,3]\n', 1, '-', POSTS)
case('geojson-empty.geojson', '', 1, 1, POSTS)
case('geojson-bare-string.geojson', '"hello"\n', 1, '-', POSTS)
case('geojson-deep-nesting.geojson', '[' * 100000 + ']' * 100000, 1, 1, POSTS)
case('geojson-utf16.geojson', b'\xff\xfe' + fc(feat(-78.5, 38.8)).encode('utf-16-le'), 1, 1, POSTS)
case('geojson-invalid-utf8.geojson', fc(feat(-78.5, 38.8, '{"name":"Pe\xf1a"}')).encode('latin-1'), 1, 2, POSTS)
case('geojson-binary.geojson', bytes(rnd.randrange(256) for _ in range(2000)), 1, 1, POSTS)
case('geojson-nul-byte.geojson', fc(feat(-78.5, 38.8)).replace('Point', 'Po\0int'), 1, 2, POSTS)
case('geojson-coordinates-short.geojson', fc('{"type":"Feature","geometry":{"type":"Point","coordinates":[-78.5]},"properties":{}}'), 1, '-', POSTS)
case('ndjson-bad-line.ndjson', '{"lat":38.8,"lon":-78.5}\n{"lat":38.9,"lon":\n{"lat":38.7,"lon":-78.3}\n', 1, 2, POSTS)
case('ndjson-not-object.ndjson', '{"lat":38.8,"lon":-78.5}\n[38.9,-78.4]\n', 1, 2, POSTS)
case('ndjson-all-missing.ndjson', '{"name":"a"}\n{"name":"b"}\n', 1, '-', POSTS)
case('ndjson-all-out-of-range.ndjson', '{"lat":138.8,"lon":-78.5}\n{"lat":38.9,"lon":-278.4}\n', 1, '-', POSTS)
case('ndjson-empty.ndjson', '', 1, '-', POSTS)
case('ndjson-garbage.ndjson', bytes(rnd.randrange(256) for _ in range(1000)), 1, 1, POSTS)
case('ndjson-two-objects-one-line.ndjson', '{"lat":38.8,"lon":-78.5}{"lat":38.9,"lon":-78.4}\n', 1, 1, POSTS)
case('overpass-no-elements.json', '{"version":0.6,"elements":{}}\n', 1, '-', CAMERAS)
case('overpass-truncated.json', '{"version":0.6,"elements":[{"type":"node","id":1,"lat":38.8,', 1, 1, CAMERAS)
case('overpass-all-ways-no-center.json', '{"version":0.6,"elements":[{"type":"way","id":1,"nodes":[1,2]}]}\n', 1, '-', CAMERAS)
case('overpass-nodes-out-of-range.json', '{"version":0.6,"elements":[{"type":"node","id":1,"lat":98.8,"lon":-78.5}]}\n', 1, '-', CAMERAS)

# ---- areas (GDAL vector files) ---------------------------------------------
def poly_feature(coords, props='{"GEOID":"51171"}'):
    return '{"type":"Feature","properties":%s,"geometry":{"type":"Polygon","coordinates":[%s]}}' % (props, coords)
SQUARE = '[[-78.6,38.8],[-78.4,38.8],[-78.4,39.0],[-78.6,39.0],[-78.6,38.8]]'
case('areas-truncated.geojson', fc(poly_feature(SQUARE))[:-20], 1, '-', AREAS)
case('areas-empty.geojson', '', 1, '-', AREAS)
case('areas-garbage.geojson', bytes(rnd.randrange(256) for _ in range(3000)), 1, '-', AREAS)
case('areas-garbage.shp', b'\0\0\x27\x0a' + bytes(rnd.randrange(256) for _ in range(3000)), 1, '-', AREAS)
case('areas-missing-id-field.geojson', fc(poly_feature(SQUARE, '{"GEO_ID":"51171"}')), 1, '-', AREAS)
case('areas-empty-id.geojson', fc(poly_feature(SQUARE, '{"GEOID":""}')), 1, '-', AREAS)
case('areas-duplicate-ids.geojson', fc(poly_feature(SQUARE), poly_feature(SQUARE.replace('38.8', '38.7'))), 1, '-', AREAS)
case('areas-only-points.geojson', fc('{"type":"Feature","properties":{"GEOID":"1"},"geometry":{"type":"Point","coordinates":[-78.5,38.8]}}'), 1, '-', AREAS)
case('areas-no-features.geojson', fc(), 1, '-', AREAS)
case('areas-unclosed-ring.geojson', fc(poly_feature('[[-78.6,38.8],[-78.4,38.8],[-78.4,39.0],[-78.6,39.0]]')), 1, '-', AREAS)
case('areas-self-intersecting.geojson', fc(poly_feature('[[-78.6,38.8],[-78.4,39.0],[-78.4,38.8],[-78.6,39.0],[-78.6,38.8]]')), 0, '-', AREAS, '1 invalid polygon repaired')
case('areas-degenerate-ring.geojson', fc(poly_feature('[[-78.6,38.8],[-78.5,38.8],[-78.4,38.8],[-78.6,38.8]]')), 1, '-', AREAS)
case('areas-two-point-ring.geojson', fc(poly_feature('[[-78.6,38.8],[-78.4,38.8]]')), 1, '-', AREAS)
case('areas-lon-out-of-range.geojson', fc(poly_feature('[[178.6,38.8],[378.4,38.8],[378.4,39.0],[178.6,39.0],[178.6,38.8]]')), 1, '-', AREAS)
case('areas-lat-out-of-range.geojson', fc(poly_feature('[[-78.6,88.8],[-78.4,88.8],[-78.4,99.0],[-78.6,99.0],[-78.6,88.8]]')), 1, '-', AREAS)
case('areas-1e999.geojson', fc(poly_feature('[[-78.6,38.8],[1e999,38.8],[-78.4,39.0],[-78.6,38.8]]')), 1, '-', AREAS)
case('areas-null-geometry.geojson', fc('{"type":"Feature","properties":{"GEOID":"1"},"geometry":null}'), 1, '-', AREAS)
case('areas-utf16.geojson', b'\xff\xfe' + fc(poly_feature(SQUARE)).encode('utf-16-le'), 1, '-', AREAS)
case('areas-is-csv.geojson', GOOD_ATLAS, 1, '-', AREAS)

# ---- requests (CSV, GeoJSON, NDJSON) -----------------------------------------
REQUESTS = 'import requests {}'
R_HDR = 'id,agency,state,date,lat,lon,radius_m,geometry\n'
R_OK = 'r1,Example Police Department,VA,2020-01-05,38.8,-78.5,,\n'
case('requests-no-agency.csv', R_HDR + R_OK + 'r2,,VA,2020-01-05,38.8,-78.5,,\n', 1, 3, REQUESTS)
case('requests-bad-date.csv', R_HDR + R_OK + 'r2,X PD,VA,soon,38.8,-78.5,,\n', 1, 3, REQUESTS)
case('requests-lat-out-of-range.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,98.8,-78.5,,\n', 1, 3, REQUESTS)
case('requests-nan-lon.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,38.8,nan,,\n', 1, 3, REQUESTS)
case('requests-lat-without-lon.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,38.8,,,\n', 1, 3, REQUESTS)
case('requests-negative-radius.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,38.8,-78.5,-5,\n', 1, 3, REQUESTS)
case('requests-unclosed-wkt.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,,,,"POLYGON((0 0, 1 1"\n', 1, 3, REQUESTS)
case('requests-linestring.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,,,,"LINESTRING(0 0, 1 1)"\n', 1, 3, REQUESTS)
case('requests-empty-polygon.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,,,,POLYGON EMPTY\n', 1, 3, REQUESTS)
case('requests-hex-lat.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,0x26,-78.5,,\n', 1, 3, REQUESTS)
case('requests-header-only.csv', R_HDR, 1, 1, REQUESTS)
case('requests-long-row.csv', R_HDR + R_OK + 'r2,X PD,VA,2020-01-05,38.8,-78.5,,,extra\n', 1, 3, REQUESTS)
case('requests-bad-feature-geometry.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"agency":"X PD"},"geometry":{"type":"Polygon","coordinates":"nope"}}]}', 1, 1, REQUESTS)
case('requests-not-a-collection.geojson', '{"type":"Feature","properties":{}}', 1, 1, REQUESTS)
case('requests-broken.ndjson', '{"agency":"X PD","lat":38.8,"lon":-78.5}\n{"agency": \n', 1, 2, REQUESTS)
case('requests-ndjson-array-line.ndjson', '{"agency":"X PD","lat":38.8,"lon":-78.5}\n[1,2]\n', 1, 2, REQUESTS)
case('requests-binary.csv', b'agency,lat\n\0\1\2', 1, 1, REQUESTS)

# ---- campaign form bodies (application/x-www-form-urlencoded) ------------------
# The store of bad_corpus.sh has no campaign: every case must be refused by
# the form parser or the form's shape, before the campaign is looked up.
PLEDGE = 'campaign pledge --form {}'
F_OK = 'email=ann%40example.org&state=NY&county=36061'
case('form-nul-byte.txt', F_OK + '&name=a%00b', 1, '-', PLEDGE)
case('form-raw-nul-byte.txt', (F_OK + '&name=a').encode() + b'\0b', 1, '-', PLEDGE)
case('form-invalid-utf8.txt', F_OK + '&name=%ff%fe', 1, '-', PLEDGE)
case('form-overlong-utf8.txt', F_OK + '&name=%c0%af', 1, '-', PLEDGE)
case('form-raw-invalid-utf8.txt', (F_OK + '&name=').encode() + b'\xc3\x28', 1, '-', PLEDGE)
case('form-escape-sequence.txt', F_OK + '&name=%1b%5b2J', 1, '-', PLEDGE)
case('form-bad-percent.txt', F_OK + '&name=100%', 1, '-', PLEDGE)
case('form-bad-hex.txt', F_OK + '&name=%zz', 1, '-', PLEDGE)
case('form-duplicate-email.txt', F_OK + '&email=bob%40example.org', 1, '-', PLEDGE)
case('form-duplicate-consent.txt', F_OK + '&consent=on&consent=off', 1, '-', PLEDGE)
case('form-unknown-field.txt', F_OK + '&is_admin=1', 1, '-', PLEDGE)
case('form-field-name-injection.txt', F_OK + '&na%0Ame=x', 1, '-', PLEDGE)
case('form-overlong-field.txt', F_OK + '&name=' + 'x' * 5000, 1, '-', PLEDGE)
case('form-overlong-name.txt', F_OK + '&' + 'n' * 65 + '=x', 1, '-', PLEDGE)
case('form-too-many-fields.txt', F_OK + '&commitment=a' * 70, 1, '-', PLEDGE)
case('form-huge-body.txt', F_OK + '&name=' + 'x' * 20000, 1, '-', PLEDGE)

# ---- the directory ------------------------------------------------------------
BUSINESSES = 'import businesses {}'
B_HDR = 'name,category,city,state,lat,lon\n'
case('businesses-no-name-column.csv', 'title,city\nA,B\n', 1, 1, BUSINESSES)
# a row's own problem skips that row, the good ones imported (exit 0)
case('businesses-empty-name.csv', B_HDR + 'Shop,Food,X,NY,40,-73\n,Food,X,NY,40,-73\n', 0, '-', BUSINESSES,
     'businesses-empty-name.csv:3: warning: row skipped: a business without a name')
case('businesses-lat-91.csv', B_HDR + 'Shop,Food,X,NY,91,-73\n', 1, 2, BUSINESSES)
case('businesses-lat-without-lon.csv', B_HDR + 'Shop,Food,X,NY,40,\n', 1, 2, BUSINESSES)
case('businesses-header-only.csv', B_HDR, 1, '-', BUSINESSES)
case('businesses-line-geometry.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","category":"Food"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}', 1, 1, BUSINESSES)
case('businesses-name-only-row.csv', B_HDR + 'Shop,Food,X,NY,40,-73\nOnly A Name,,X,NY,40,-73\n', 0, '-', BUSINESSES,
     'imported 1 business from')
case('businesses-not-a-directory.csv', 'name,age,city,state,latitude,longitude\nA Person,30,X,NY,40,-73\n', 1, 1, BUSINESSES)
case('businesses-not-a-directory.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A Person","age":30},"geometry":{"type":"Point","coordinates":[-73,40]}}]}', 1, 1, BUSINESSES)
case('businesses-truncated.geojson', '{"type":"FeatureCollection","features":[{"type":', 1, 1, BUSINESSES)

with open(os.path.join(HERE, 'MANIFEST.tsv'), 'w') as f:
    f.write('# file\texit\tline\targs\tnote  (generated by generate.py; {} is the file)\n')
    for r in rows:
        f.write('\t'.join(r) + '\n')
print(len(rows), 'cases')
