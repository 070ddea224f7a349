#!/usr/bin/env bash
# bash completion: commands, each command's options (read from its --help),
# option values and files.
set -u
evgraph=$1 src=$2
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
shopt -s extglob
# shellcheck source=/dev/null
source "$src/src/cli/completion/evgraph.bash"
complete_line() {
  read -ra COMP_WORDS <<< "$1"
  [[ $1 == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_WORDS[0]=$evgraph
  COMPREPLY=()
  _evgraph
  printf '%s\n' "${COMPREPLY[@]}"
}
[[ "$(complete_line "evgraph ti")" == timeline ]] || fail "command: $(complete_line "evgraph ti")"
[[ "$(complete_line "evgraph help ac")" == actors ]] || fail "help command"
got=$(complete_line "evgraph actors --min-c")
[[ "$got" == --min-count ]] || fail "actors option: $got"
got=$(complete_line "evgraph timeline --min-c")
[[ -z "$got" ]] || fail "timeline offers an actors option: $got"
got=$(complete_line "evgraph timeline --la")
[[ "$got" == --lanes ]] || fail "timeline option: $got"
got=$(complete_line "evgraph build --")
for o in --force --check --verbose --out --help --quiet; do
  grep -qx -- "$o" <<< "$got" || fail "build lacks $o: $got"
done
# Every option in a command's usage is offered.
for c in actors build check html timeline; do
  want=$("$evgraph" help $c | grep -o -- '--[a-z][a-z-]*' | sort -u)
  have=$(complete_line "evgraph $c --" | sort -u)
  [[ "$want" == "$have" ]] || fail "$c: options differ: $(diff <(echo "$want") <(echo "$have"))"
done
got=$(complete_line "evgraph actors --by q")
[[ "$got" == quarter ]] || fail "--by value: $got"
got=$(complete_line "evgraph timeline -T p")
[[ "$(sort <<< "$got" | tr '\n' ' ')" == "pdf png " ]] || fail "-T values: $got"
mkdir mydata && touch events.csv notes.md
got=$(complete_line "evgraph check my")
[[ "$got" == mydata ]] || fail "dataset folder: $got"
got=$(complete_line "evgraph check ev")
[[ "$got" == events.csv ]] || fail "dataset file: $got"
echo ok
