#!/usr/bin/env bash
# fuzz_smoke.sh — every libFuzzer target (fuzz/) for a few seconds
# (FUZZ_SMOKE_SECONDS, default 4) so `make test` notices a parser that
# crashes on the first mutations of its seeds. The long campaigns are
# `make fuzz` (docs/testing.md). Needs clang with libFuzzer; skips loudly
# (77) without it, and in the ASan tree (the targets carry their own ASan).
set -u
: "${SL:?}" "${SL_SOURCE:?}"
case $(basename "$(dirname "$SL")") in
  *-asan) echo "SKIPPED: fuzz smoke runs in the plain build tree (the targets carry ASan themselves)" >&2; exit 77 ;;
esac
if ! command -v clang >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "SKIPPED: clang with libFuzzer not found (apt-get install clang libclang-rt-14-dev)" >&2
  exit 77
fi
export FUZZ_BUILD=${FUZZ_BUILD:-$(dirname "$SL")/fuzz}
FUZZ_JOBS=2 "$SL_SOURCE/fuzz/run.sh" "${FUZZ_SMOKE_SECONDS:-4}"
