#!/usr/bin/env bash
# request_relink.sh — police requests and the agency registry, in either
# order: a registry imported after the requests links them, by the rule
# their import links by (the file's agency and state, or --agency-name and
# --agency-state); `rm` of the registry says which links went and how they
# come back, and importing it again brings them back. An --agency-name
# given with the wrong --agency-state is told the state whose registry
# agency has that name.
# Before: requests imported before the registry, or whose registry was
# removed and imported again, kept no agency for good, unsaid; and the wrong
# state was offered the closest name of that state ("New Chicago ..." of
# Indiana for Chicago's department).
. "$(dirname "$0")/lib.bash"
REG="$SL_FIXTURES/registry/fbi-cde-sample.csv"
ATLAS="$SL_FIXTURES/registry/atlas-sample-2020-10-07.csv"
REQ="$SL_FIXTURES/requests/agency-requests-FICTIONAL.csv"
ONE="$SL_FIXTURES/requests/chicago-video-requests-FICTIONAL.csv"
# each request's record id and the ORI it is linked to ("-": none)
links() {
  store_sql "$1" "SELECT r.record_id || ':' || coalesce(a.ori, '-') FROM requests r LEFT JOIN agencies a ON a.id = r.agency_id
                  ORDER BY r.record_id" | tr '\n' ' '
}
linked() { store_sql "$1" "SELECT count(agency_id) FROM requests"; }

# The registry first: each request linked as its import reads it.
FIRST=$(store first)
"$SL" import agencies "$REG" --preset fbi-cde -s "$FIRST" >/dev/null 2>&1
"$SL" import requests "$REQ" -s "$FIRST" >/dev/null 2>&1
"$SL" import requests "$ONE" -s "$FIRST" --agency-name "Cedarton Police Department" --agency-state IA >/dev/null 2>&1
check "registry first: 63 of the 65 requests linked at import" test "$(linked "$FIRST")" = 63

# The requests first, then the registry.
DB=$(store relink)
"$SL" import requests "$REQ" -s "$DB" >/dev/null 2>&1
"$SL" import requests "$ONE" -s "$DB" --agency-name "Cedarton Police Department" --agency-state IA >/dev/null 2>&1
"$SL" import partnerships "$ATLAS" --preset atlas -s "$DB" >/dev/null 2>&1
check "requests before the registry: none linked" test "$(linked "$DB")" = 0
"$SL" import agencies "$REG" --preset fbi-cde -s "$DB" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "the registry imported after them: exit 0" test $rc = 0
check "… links them: the file's agency and state, and the --agency-name mapping (63 of 65)" test "$(linked "$DB")" = 63
check "… each to the agency its import links it to" test "$(links "$DB")" = "$(links "$FIRST")"
check "… and says how many" grep -q "; 63 of 65 requests without an agency link linked" "$WORK/out"
check "… and of the 2 left, names the one whose agency the registry has in another state (R5: Cedarton of IA, written WA)" \
  grep -q "warning: 1 request of import 1 (agency-requests-FICTIONAL.csv) names 'Cedarton Police Department' in WA, where the registry has no agency of that name, so it stays unlinked; the registry's 'Cedarton Police Department' is in IA: import agency-requests-FICTIONAL.csv again with --replace and the state IA" "$WORK/err"

# rm of the registry: the links go, said with the way back.
reg_id=$(store_sql "$DB" "SELECT id FROM sources WHERE kind = 'agencies'")
"$SL" rm "$reg_id" -s "$DB" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "rm of the registry: exit 0, no request linked" bash -c "test $rc = 0 && test $(linked "$DB") = 0"
check "… says how many requests and partnership rows lost their agency link" \
  grep -q "^63 requests and 3 partnership rows lost their agency link" "$WORK/out"
check "… and that importing the registry again, named by its file, links them again" \
  grep -q "importing the registry again ($(basename "$REG")) links them again: sightline import agencies FILE --preset fbi-cde" "$WORK/out"
"$SL" import agencies "$REG" --preset fbi-cde -s "$DB" >"$WORK/out" 2>"$WORK/err"
check "the registry imported again: the same links as before" test "$(links "$DB")" = "$(links "$FIRST")"
check "… said" grep -q "; 63 of 65 requests without an agency link linked" "$WORK/out"
check "… and the partnership rows linked again" \
  test "$(store_sql "$DB" "SELECT count(agency_id) FROM partnerships")" = 3

# --agency-name whose name the registry holds in another state.
S="$SL_FIXTURES/registry/fbi-cde-states.csv"
HINT=$(store hint)
"$SL" import agencies "$S" --preset fbi-cde -s "$HINT" >/dev/null 2>&1
"$SL" import requests "$ONE" -s "$HINT" --agency-name "Marlow Police Department" --agency-state IN >"$WORK/out" 2>"$WORK/err"; rc=$?
check "the wrong --agency-state: imported (exit 0), none linked" \
  bash -c "test $rc = 0 && grep -q '; 0 linked to the agency registry' '$WORK/out'"
check "… the hint names the state the registry has that agency in" \
  grep -q "warning: --agency-name matched no agency of the registry in IN, so no request is linked to one; the registry's 'Marlow Police Department' is in IL, not IN: .*--replace --agency-name 'Marlow Police Department' --agency-state IL\` links them" "$WORK/err"
check "… and offers no agency of IN by a close name" bash -c "! grep -q 'New Marlow' '$WORK/err'"
"$SL" import requests "$ONE" -s "$HINT" --replace --agency-name "Marlow Police Department" --agency-state IL >"$WORK/out" 2>"$WORK/err"
check "… the command it gives links them, and says nothing more" \
  bash -c "grep -q '; 60 linked to the agency registry' '$WORK/out' && ! grep -q 'warning: --agency-name' '$WORK/err'"
"$SL" import requests "$ONE" -s "$HINT" --replace --agency-name "Fenwick Police Dept" --agency-state IN >/dev/null 2>"$WORK/err"
check "a name of two other states: both named, to choose from" \
  grep -q "the registry's 'Fenwick Police Department' is in IL and MO, not IN: .*--agency-state XX\` (IL or MO) links them" "$WORK/err"
"$SL" import requests "$ONE" -s "$HINT" --replace --agency-name "Ashby Heights Police Department" --agency-state IN \
  >/dev/null 2>"$WORK/err"
check "no such name elsewhere: the closest name of the state, as before" \
  grep -q "matched no agency of the registry in that state, so no request is linked to one; the closest there is 'Ashby Police Department'" "$WORK/err"
# The same wrong state, the registry imported after the requests: they stay
# unlinked, and the agencies import says why (it said "0 of 60 linked" alone).
LATE=$(store late)
"$SL" import requests "$ONE" -s "$LATE" --agency-name "Marlow Police Department" --agency-state IN >/dev/null 2>&1
"$SL" import agencies "$S" --preset fbi-cde -s "$LATE" >"$WORK/out" 2>"$WORK/err"; rc=$?
check "the registry after requests of the wrong state: exit 0, none linked" \
  bash -c "test $rc = 0 && grep -q '; 0 of 60 requests without an agency link linked' '$WORK/out'"
check "… says which import's requests name the agency in the wrong state, and the state the registry has it in" \
  grep -q "warning: 60 requests of import 1 ($(basename "$ONE")) name 'Marlow Police Department' in IN, where the registry has no agency of that name, so they stay unlinked; the registry's 'Marlow Police Department' is in IL: import $(basename "$ONE") again with --replace and the state IL" "$WORK/err"
finish
