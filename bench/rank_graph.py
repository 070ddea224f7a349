#!/usr/bin/env python3
"""Writes the rank-based timeline graph of an events.csv, the graph `dot`
needs to draw a timeline (see /work/shared/GRAPHVIZ-NOTES.md, "Layout cost"):
rankdir=LR, one `rank=same` subgraph per date, each event a labelled box in
its actor's lane, kept in order by an invisible chain of edges per lane.

usage: rank_graph.py EVENTS.CSV [OUT.dot]    (standard output without OUT)
"""
import csv
import sys


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_rank_graph(rows, out):
    """rows: dicts with id, date, actor and title; out: a text file."""
    w = out.write
    w("digraph timeline {\n  rankdir=LR;\n  node [shape=box, fontname=Helvetica, fontsize=8];\n")
    dates, lanes = {}, {}
    for r in rows:
        w(f"  {q(r['id'])} [label={q(r['date'] + ' ' + r.get('title', ''))}];\n")
        dates.setdefault(r["date"], []).append(r["id"])
        lanes.setdefault(r["actor"], []).append(r["id"])
    for d in sorted(dates):
        w("  { rank=same; " + " ".join(q(i) for i in dates[d]) + " }\n")
    date_of = {r["id"]: r["date"] for r in rows}
    for ids in lanes.values():
        ids = sorted(ids, key=lambda i: date_of[i])
        for a, b in zip(ids, ids[1:]):
            if date_of[a] != date_of[b]:  # events of one date share a rank
                w(f"  {q(a)} -> {q(b)} [style=invis];\n")
    w("}\n")


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            write_rank_graph(rows, out)
    else:
        write_rank_graph(rows, sys.stdout)


if __name__ == "__main__":
    main()
