/* symbols_selfcheck.c — one unprefixed export and one static helper, for the
** `symbols.selfcheck` ctest: tests/symbols.sh must name the first and only it. */
static int helper(int x) { return x + 1; }
int unprefixed_export(int x) { return helper(x); }
int sl_prefixed_export(int x) { return helper(x) * 2; }
