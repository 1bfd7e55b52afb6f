# bash completion for sightline.
#
# Commands and options are read from the program's own --help (`sightline
# --help`, `sightline CMD --help`, `sightline import KIND --help`), so the
# completion never falls behind the program; only option values that are a
# fixed vocabulary are listed here.

# The names of KIND ("baseline", "area set") the store on the command line
# holds (-s/--store, else ./sightline.db), as `sightline info` lists them.
_sightline_names() {
    local prog=$1 kind=$2 store="" i
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case ${COMP_WORDS[i]} in -s | --store) store=${COMP_WORDS[i + 1]} ;; esac
    done
    "$prog" info ${store:+-s "$store"} 2>/dev/null | sed -n "s/^$kind '\([^']*\)'.*/\1/p"
}

_sightline() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local prog=${COMP_WORDS[0]} cmd=${COMP_WORDS[1]:-}
    COMPREPLY=()
    if [[ $COMP_CWORD -eq 1 ]]; then
        local cmds
        cmds=$("$prog" --help 2>/dev/null | awk '/^commands:/ { c = 1; next } c && /^  [a-z]/ { print $1 } c && /^$/ { c = 0 }')
        COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
        return
    fi
    case $prev in
        -s | --store) COMPREPLY=($(compgen -f -X '!*.db' -- "$cur") $(compgen -d -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "table csv json" -- "$cur")); return ;;
        --by) COMPREPLY=($(compgen -W "year month state type tech" -- "$cur")); return ;;
        --points | --layer) COMPREPLY=($(compgen -W "posts cameras sites requests" -- "$cur")); return ;;
        --events) COMPREPLY=($(compgen -W "requests posts cameras" -- "$cur")); return ;;
        --preset) COMPREPLY=($(compgen -W "atlas fbi-cde" -- "$cur")); return ;;
        --groups | --group) COMPREPLY=($(compgen -W "black hispanic foreign_born white_nh" -- "$cur")); return ;;
        --bind) COMPREPLY=($(compgen -W "127.0.0.1 ::1" -- "$cur")); return ;;
        --port | --threads | --timeout | --rate-forms | --rate-email) return ;;
        --baseline) COMPREPLY=($(compgen -W "areas $(_sightline_names "$prog" baseline)" -- "$cur") $(compgen -f -- "$cur")); return ;;
        --areas) COMPREPLY=($(compgen -W "$(_sightline_names "$prog" 'area set')" -- "$cur")); return ;;
        -o | --output | --polygon | --demographics | --dp02 | --config | --form | --smtp-config | --pledge-file | --privacy-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if [[ $cmd == import && $COMP_CWORD -eq 2 ]]; then
        COMPREPLY=($(compgen -W "partnerships agencies requests baseline links businesses areas posts cameras sites" -- "$cur"))
        return
    fi
    if [[ $cmd == campaign && $COMP_CWORD -eq 2 ]]; then
        COMPREPLY=($(compgen -W "init edit show counts pledge confirm purge erase unlist relist export send suggest approve reject token close reopen" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local help
        if [[ $cmd == import ]]; then
            help=$("$prog" import "${COMP_WORDS[2]}" --help 2>/dev/null)
        else
            help=$("$prog" "$cmd" --help 2>/dev/null)
        fi
        COMPREPLY=($(compgen -W "$(grep -oE -- '--[a-z][a-z0-9-]*' <<<"$help" | sort -u)" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _sightline sightline
