#!/usr/bin/env bash
# symbols.sh — every symbol a layer archive exports is prefixed sl_.
#
# Usage: symbols.sh ARCHIVE...
# The layers are linked into one program (and, later, into other people's
# programs), so an unprefixed global such as `jnum` or `sl_rtree_build` can
# collide with a library's or a caller's own. Each exported code or data
# symbol (nm kinds T D B R C) must start with sl_; a helper used by one file
# is `static`. Lists every offender as ARCHIVE: OBJECT: SYMBOL and fails.
set -u
[ $# -ge 1 ] || { echo "usage: symbols.sh ARCHIVE..." >&2; exit 2; }

bad=0
for lib in "$@"; do
    [ -r "$lib" ] || { echo "symbols: cannot read $lib" >&2; exit 2; }
    name=$(basename "$lib" .a)
    obj=""
    out=$(nm -g --defined-only "$lib") || { echo "symbols: nm failed on $lib" >&2; exit 2; }
    while read -r line; do
        case "$line" in
            "") continue ;;
            *.o:) obj=${line%:}; continue ;;
        esac
        read -r _ kind sym <<<"$line"
        case "$kind" in T|D|B|R|C) ;; *) continue ;; esac
        # sl_ is ours; what a sanitizer build adds (ASan's ODR indicators,
        # __asan_/__ubsan_ hooks) is the compiler's, named by it
        case "$sym" in sl_* | __odr_asan* | __asan_* | __ubsan_* | __sanitizer_*) continue ;; esac
        echo "symbols: $name: $obj: $sym is exported without the sl_ prefix"
        bad=1
    done <<<"$out"
done
[ $bad -eq 0 ] && echo "symbols: $# archives, every exported symbol starts with sl_"
exit $bad
