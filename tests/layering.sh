#!/usr/bin/env bash
# layering.sh — the layers of src/ call only downwards.
#
# Usage: layering.sh [--apart LAYER:OTHER,...]... LIB... (archives bottom up:
# core, geo, io, store, ingest, analysis, report). Every sl_* symbol an
# archive's objects leave undefined must be defined in that archive or in one
# listed before it; a call upwards (or to nothing at all) fails, naming the
# object, the symbol and the layer that defines it. CMake's link order already
# refuses most upward calls, but only when something links them: this looks
# at every object, used or not.
#
# --apart names layers below LAYER that it must still not call: analysis
# sits above ingest in the link order, yet reads the store, never files or
# imports (docs/design.md), so `--apart analysis:io,ingest`.
set -u
declare -A apart   # "layer:other" -> 1
while [ "${1:-}" = --apart ]; do
    IFS=, read -r -a others <<<"${2#*:}"
    for o in "${others[@]}"; do apart["${2%%:*}:$o"]=1; done
    shift 2
done
[ $# -ge 2 ] || { echo "usage: layering.sh [--apart LAYER:OTHER,...] ARCHIVE... (bottom layer first)" >&2; exit 2; }

layer_of() { local b; b=$(basename "$1" .a); b=${b#lib}; echo "${b#sl_}"; }

libs=("$@")
declare -A owner   # symbol -> layer index that defines it
names=()
i=0
for lib in "$@"; do
    [ -r "$lib" ] || { echo "layering: cannot read $lib" >&2; exit 2; }
    names[i]=$(layer_of "$lib")
    while read -r sym; do
        [ -n "$sym" ] && [ -z "${owner[$sym]+x}" ] && owner[$sym]=$i
    done < <(nm -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3 && $3 ~ /^sl_/ {print $3}')
    i=$((i + 1))
done

bad=0
i=0
for lib in "${libs[@]}"; do
    obj=""
    while read -r line; do
        case "$line" in
            *.o:) obj=${line%:}; continue ;;
        esac
        read -r kind sym _ <<<"$line"
        [ "$kind" = U ] || continue
        case "$sym" in sl_*) ;; *) continue ;; esac
        if [ -z "${owner[$sym]+x}" ]; then
            echo "layering: ${names[i]}/$obj uses $sym, defined in no layer"
            bad=1
        elif [ "${owner[$sym]}" -gt "$i" ]; then
            echo "layering: ${names[i]}/$obj uses $sym from ${names[${owner[$sym]}]}, a layer above ${names[i]}"
            bad=1
        elif [ -n "${apart[${names[i]}:${names[${owner[$sym]}]}]+x}" ]; then
            echo "layering: ${names[i]}/$obj uses $sym from ${names[${owner[$sym]}]}, a layer ${names[i]} stays apart from"
            bad=1
        fi
    done < <(nm "$lib" 2>/dev/null)
    i=$((i + 1))
done
[ $bad -eq 0 ] && echo "layering: ${#libs[@]} layers, every sl_* call goes downwards"
exit $bad
