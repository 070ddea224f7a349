#!/usr/bin/env bash
# The time axis starts and ends at the data: month and year dates do not
# stretch it a period before or after, a bin reaching past the data does
# not either, and a short span (a day, a few hours) gets hour ticks. Read
# from the SVG: the axis line, its ticks and its labels.
set -u
evgraph=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

dataset() { # NAME ROWS...: events of type attack, actors x and y
  mkdir -p "$work/$1"
  local dir=$1
  shift
  { echo "id,date,type,actor,title"; printf '%s\n' "$@"; } >"$work/$dir/events.csv"
}
axis() { # NAME [OPTIONS...]: the axis of NAME's timeline in $work/NAME.axis
  local name=$1
  shift
  "$evgraph" timeline -q "$work/$name" "$@" -o "$work/$name.svg" || fail "$name: evgraph failed"
  python3 "$src/tests/cli/axis_ticks.py" "$work/$name.svg" >"$work/$name.axis" ||
    fail "$name: no axis"
}
labels() { # NAME KIND: the labels of one kind, on one line
  sed -n "s/^$2 //p" "$work/$1.axis" | tr '\n' '|'
}
expect_labels() { # NAME KIND EXPECTED
  local got
  got=$(labels "$1" "$2")
  [ "$got" = "$3" ] || fail "$1: $2 labels '$got', expected '$3'"
}
# The first tick is where the data starts and the last where it ends: the
# axis line runs 7 pt (room for a glyph) beyond both.
ends_at_ticks() { # NAME
  awk -v name="$1" '
    /^line / { x0 = $2; x1 = $3 }
    /^tick / { if (first == "") first = $2; last = $2 }
    END {
      if (first == "" || (first - x0 - 7) ^ 2 > 0.01 || (x1 - 7 - last) ^ 2 > 0.01) {
        printf "FAIL: %s: axis %s..%s, ticks %s..%s\n", name, x0, x1, first, last
        exit 1
      }
    }' "$work/$1.axis" || exit 1
}

# Three month dates, March to August: the axis is March to August, no
# January before nor October after.
dataset months a,2016-03,attack,x,Alpha b,2016-05,attack,y,Beta c,2016-08,attack,x,Gamma
axis months --keep-gaps
expect_labels months minor 'Mar|Apr|May|Jun|Jul|Aug|'
expect_labels months major '2016|'
ends_at_ticks months
# Two events on one day: that day, in hours, not ten days around it.
dataset day a,2016-03-04,attack,x,Alpha b,2016-03-04,attack,y,Beta
axis day
expect_labels day minor '03:00|06:00|09:00|12:00|15:00|18:00|21:00|'
expect_labels day major '4 Mar 2016|'
ends_at_ticks day
# A few hours: from the first event's minute to the last's.
dataset hours a,2016-03-04T09:00,attack,x,Alpha b,2016-03-04T11:30,attack,y,Beta \
  c,2016-03-04T14:15,attack,x,Gamma
axis hours
expect_labels hours minor '09:30|10:00|10:30|11:00|11:30|12:00|12:30|13:00|13:30|14:00|'
expect_labels hours major '4 Mar 2016|'
grep -q '^tick' "$work/hours.axis" || fail "hours: no ticks"
# One year-precision event: that year, no months of others.
dataset year a,2016,attack,x,Alpha
axis year
expect_labels year minor '2016|'
ends_at_ticks year
# Wednesday to Friday binned by week: the bin starts on Monday, the axis on
# Wednesday.
dataset week a,2016-03-02,attack,x,Alpha b,2016-03-03,attack,x,Beta c,2016-03-04,attack,x,Gamma \
  d,2016-03-04,attack,x,Delta
axis week --bin week
expect_labels week major '2 Mar 2016|3 Mar 2016|4 Mar 2016|'
ends_at_ticks week
echo ok
