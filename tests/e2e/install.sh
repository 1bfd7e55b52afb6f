#!/usr/bin/env bash
# Installed like a tool (issue 13, point 10): `cmake --install` puts the
# program, a manual page and bash/zsh completion in place; the manual
# describes every command the program lists, renders without warnings, and
# the bash completion offers the program's own commands and options.
. "$(dirname "$0")/lib.bash"
BUILD=$(dirname "$SL")
PREFIX=$WORK/prefix
check "cmake --install into a prefix" bash -c "cmake --install '$BUILD' --prefix '$PREFIX' >/dev/null"
check "the program is installed and runs" bash -c "'$PREFIX/bin/sightline' --help >/dev/null"
check "the manual page is installed" test -f "$PREFIX/share/man/man1/sightline.1"
check "bash completion is installed" test -f "$PREFIX/share/bash-completion/completions/sightline"
check "zsh completion is installed" test -f "$PREFIX/share/zsh/vendor-completions/_sightline"

MAN=$SL_SOURCE/docs/sightline.1
check "the manual renders with no groff warnings" bash -c "[ -z \"\$(groff -man -ww -z '$MAN' 2>&1)\" ]"
commands=$("$SL" --help | awk '/^commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } c && /^$/ { c = 0 }')
check "the program lists commands" [ -n "$commands" ]
missing=""
for c in $commands; do grep -q "^\.B $c\b" "$MAN" || missing="$missing $c"; done
check "every command is described in the manual (missing:${missing:- none})" [ -z "$missing" ]
check "man -l shows it" bash -c "MANWIDTH=80 man -l '$MAN' 2>/dev/null | grep -q 'EXIT STATUS'"

# bash completion: commands, an import kind, a command's options, a value list.
complete_words() { # complete_words WORD... : the completions for the last word
  bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sightline; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$SL_SOURCE/completion/sightline.bash" "$@"
}
out=$(complete_words "$SL" part)
check "completes command names" [ "$out" = partnerships ]
out=$(complete_words "$SL" import ar)
check "completes import kinds" [ "$out" = areas ]
out=$(complete_words "$SL" partnerships --to)
check "completes a command's options from its --help" bash -c "grep -qx -- --top <<<'$out'"
out=$(complete_words "$SL" join --format c)
check "completes --format values" [ "$out" = csv ]
# --baseline and --areas: the names the store on the line holds (`info`)
B=$(store names)
"$SL" demo -s "$B" >/dev/null 2>&1
out=$(complete_words "$SL" disparity -s "$B" --areas demo)
check "completes --areas from the store's area sets ($out)" [ "$out" = demo-tracts ]
"$SL" import baseline "$SL_SHARED_DATA/census/acs1-2018-us-DP05.csv" --name usa -s "$B" >/dev/null 2>&1
out=$(complete_words "$SL" disparity -s "$B" --baseline '')
check "completes --baseline with areas and the store's baselines" \
  bash -c "grep -qx areas <<<'$out' && grep -qx usa <<<'$out'"
if command -v zsh >/dev/null; then
  check "zsh completion parses" zsh -n "$SL_SOURCE/completion/_sightline"
fi

# A long computation shows that it moves on a terminal, and stays quiet in a
# pipe or a file.
D=$(store demo)
"$SL" demo -s "$D" >/dev/null 2>&1
if command -v script >/dev/null; then
  script -qec "'$SL' power -s '$D' --areas demo-tracts --group black --effect 1.2" /dev/null > "$WORK/tty.txt" 2>&1
  check "power shows progress on a terminal" grep -q "event counts simulated" "$WORK/tty.txt"
fi
"$SL" power -s "$D" --areas demo-tracts --group black --effect 1.2 > "$WORK/pipe.txt" 2>&1
check "... and none in a pipe" bash -c "! grep -q 'event counts simulated' '$WORK/pipe.txt' && grep -q 'about' '$WORK/pipe.txt'"
finish
