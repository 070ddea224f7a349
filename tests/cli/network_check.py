#!/usr/bin/env python3
"""Reads an actor network written by `evgraph actors -T graphml|gexf` with
NetworkX and checks it against the dataset's own CSV files.

usage: network_check.py NETWORK DATASET_DIR

Every actor that takes part in an event (as actor or target) is a node,
with its name, kind and parent from actors.csv (names and kinds default as
evgraph's loader does: the id, "other"); the edges' counts add up to the
(event, target) pairs with distinct actor and target; each edge's first and
last dates are its events' earliest start and one of their ends. Exits 1 with a message on the
first difference."""
import csv
import os
import sys

import networkx as nx


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def plain(date):
    """A date without EDTF's approximate and uncertain marks."""
    return date.rstrip("~?%")


def main(path, dataset):
    graph = nx.read_gexf(path) if path.endswith(".gexf") else nx.read_graphml(path)
    with open(os.path.join(dataset, "actors.csv"), newline="", encoding="utf-8") as f:
        actors = {row["id"]: row for row in csv.DictReader(f)}
    with open(os.path.join(dataset, "events.csv"), newline="", encoding="utf-8") as f:
        events = list(csv.DictReader(f))
    taking_part, pairs, dates = set(), {}, {}
    for e in events:
        targets = [t for t in e["target"].split(";") if t]
        taking_part.add(e["actor"])
        taking_part.update(targets)
        for t in dict.fromkeys(targets):
            if t == e["actor"]:
                continue
            key = (e["actor"], t, e["type"])
            pairs[key] = pairs.get(key, 0) + 1
            dates.setdefault(key, []).append((e["date"], e.get("end_date") or e["date"]))
    if set(graph.nodes) != taking_part:
        fail(f"nodes differ: extra {sorted(set(graph.nodes) - taking_part)[:5]}, "
             f"missing {sorted(taking_part - set(graph.nodes))[:5]}")
    for node, data in graph.nodes(data=True):
        row = actors.get(node, {})
        name = data.get("label", data.get("name"))
        if name != (row.get("name") or node):
            fail(f"{node}: name {name!r}, expected {row.get('name') or node!r}")
        if data["kind"] != (row.get("kind") or "other"):
            fail(f"{node}: kind {data['kind']!r}, expected {row.get('kind')!r}")
        if data.get("parent", "") != (row.get("parent") or ""):
            fail(f"{node}: parent {data.get('parent')!r}, expected {row.get('parent')!r}")
    seen = {}
    for source, target, data in graph.edges(data=True):
        key = (source, target, data["type"])
        seen[key] = seen.get(key, 0) + int(data["count"])
        # The earliest start, and the end of one of its events (the latest).
        starts = [plain(d[0]) for d in dates.get(key, [])]
        ends = [plain(d[1]) for d in dates.get(key, [])]
        if starts and (plain(data["first"]) != min(starts) or plain(data["last"]) not in ends):
            fail(f"{key}: first {data['first']} last {data['last']}, events {dates[key]}")
    if seen != pairs:
        diff = {k: (seen.get(k), pairs.get(k)) for k in set(seen) | set(pairs)
                if seen.get(k) != pairs.get(k)}
        fail(f"edge counts differ from the events: {list(diff.items())[:5]}")
    print(f"{path}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
          f"{sum(seen.values())} relations: as in the dataset")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
