#!/usr/bin/env bash
# residents_halves.sh — a group imported as a percentage is published as
# whole residents, a product on a half rounded up as a reader checking it by
# hand does. 65.1% of 4,500 is 2,929.5; binary floating point made it
# 2,929.4999999999995 and the report's data/areas_*.csv printed 2,929, while
# 3.3% of 4,500 (148.5, exact) printed 149: of the real counties' four such
# halves a fact-checker found two rounded down and two up.
. "$(dirname "$0")/lib.bash"
cd "$WORK" || exit 1
DB=$(store h)
"$SL" import areas "$SL_FIXTURES/halves/halves.geojson" --set cty --id id --name name --pop Pop --black Blk \
  --hispanic Hisp --white-nh Wht --percent -s "$DB" >/dev/null 2>&1 || { echo "FAIL - import"; exit 1; }
"$SL" audit -s "$DB" -o rep --quiet >/dev/null 2>&1 || { echo "FAIL - audit"; exit 1; }
check "65.1% and 4.1% of 4,500 (2,929.5 and 184.5) are published as 2,930 and 185, as 3.3% (148.5) as 149" \
  grep -qx '01001,Half County,4500,2930,185,149,,[0-9.]*,AL,false' rep/data/areas_cty.csv
check "... and no figure that is not a half moves: 12.5% and 0.5% of 8,401 (1,050.125, 42.005) are 1,050 and 42" \
  grep -qx '01003,Other County,8401,1050,42,6721,,[0-9.]*,AL,false' rep/data/areas_cty.csv
finish
