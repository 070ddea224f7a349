# bash completion for evgraph.
# Options are read from `evgraph COMMAND --help`, the usage printed from the
# very table the command parses, so this file never lists them itself.

_evgraph_options()
{
    "$1" "$2" --help 2>/dev/null | sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z-]*\).*/\2/p'
}

_evgraph()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion -n = || return
    else
        cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local evgraph=${words[0]}
    local commands="actors build check html timeline help"

    if ((cword == 1)); then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local command=${words[1]}
    if [[ $command == help ]]; then
        ((cword == 2)) && COMPREPLY=($(compgen -W "${commands% help}" -- "$cur"))
        return
    fi

    local values=""
    case $prev in
        -T | --format)
            values="dot svg png pdf"
            [[ $command == actors ]] && values="dot svg png pdf graphml gexf"
            [[ $command == html ]] && values="html" ;;
        --lanes) values="actor type location none" ;;
        --scale) values="proportional ordinal" ;;
        --bin) values="auto day week month year none" ;;
        --layout) values="auto dot neato fdp sfdp circo" ;;
        --aggregate) values="type all none" ;;
        --by) values="month quarter year" ;;
        --page) values="a4 a4-landscape letter letter-landscape none" ;;
        --input-format) values="auto acled gdelt icews evgraph" ;;
        --delimiter) values=", ; tab | ctrl-a" ;;
        -o | --output | -M | --depfile | --css | --type-map | --actor-map)
            COMPREPLY=($(compgen -f -- "$cur"))
            compopt -o filenames 2>/dev/null
            return ;;
        --out)
            COMPREPLY=($(compgen -d -- "$cur"))
            compopt -o filenames 2>/dev/null
            return ;;
        --title | --from | --to | --type | --actor | --id-prefix | --width | --dpi | --top | \
            --min-text | --min-count | --max-* | --min-mentions | --columns | --date-format)
            return ;;
    esac
    if [[ -n $values ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "${values// /$'\n'}" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_evgraph_options "$evgraph" "$command")" -- "$cur"))
        return
    fi
    # Datasets: folders, and CSV files for the figure commands.
    if [[ $command == build ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.@(csv|CSV|tsv|txt)' -- "$cur"))
    fi
    compopt -o filenames 2>/dev/null
}

complete -F _evgraph evgraph
