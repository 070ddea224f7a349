#!/usr/bin/env python3
"""Writes a synthetic dataset for timing `evgraph actors`.

usage: gen_actor_events.py DIR [EVENTS [ACTORS [RELATIONS [SEED]]]]

DIR receives events.csv and actors.csv: ACTORS actors (a fifth of them
states, the persons and organisations members of a state), and EVENTS events
drawn from RELATIONS distinct (actor, target, type) relations with a skewed
(Zipf-like) frequency, so the graph has RELATIONS edges however many events
there are. A tenth of the events have no target. Defaults: 1,000,000 events,
50 actors, 400 relations, seed 1.
"""
import os
import random
import sys

TYPES = ["ceasefire", "airstrike", "visit", "accusation", "agreement", "attack", "meeting",
         "statement"]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    actors = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    relations = int(sys.argv[4]) if len(sys.argv) > 4 else 400
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)

    states = max(1, actors // 5)
    rows = []
    for i in range(actors):
        if i < states:
            rows.append((f"state-{i}", f"State {i}", "state", ""))
        else:
            kind = rng.choice(["person", "person", "organization", "armed_group"])
            parent = f"state-{rng.randrange(states)}" if kind != "armed_group" else ""
            rows.append((f"{kind}-{i}", f"{kind.replace('_', ' ').title()} {i}", kind, parent))
    with open(f"{out}/actors.csv", "w", encoding="utf-8") as f:
        f.write("id,name,kind,parent,color\n")
        for r in rows:
            f.write(",".join(r) + ",\n")

    ids = [r[0] for r in rows]
    rels = set()
    while len(rels) < relations:
        a, t = rng.sample(ids, 2)
        rels.add((a, t, rng.choice(TYPES)))
    rels = sorted(rels)
    weights = [1.0 / (k + 1) for k in range(len(rels))]
    rng.shuffle(weights)
    picks = rng.choices(rels, weights=weights, k=events)
    with open(f"{out}/events.csv", "w", encoding="utf-8") as f:
        f.write("id,date,type,actor,target,source\n")
        for n, (a, t, ty) in enumerate(picks):
            date = f"{2010 + n * 10 // events:04d}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            target = "" if n % 10 == 9 else t
            f.write(f"e{n},{date},{ty},{a},{target},Source {n % 7}\n")


if __name__ == "__main__":
    main()
