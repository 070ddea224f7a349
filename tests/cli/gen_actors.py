#!/usr/bin/env python3
"""Writes a synthetic dataset for the actor graph: EVENTS events over ACTORS
actors (a few states with members, the rest organizations, armed groups and
persons), activity skewed like real data, names long with --long-names.
Deterministic: the same arguments give the same files.

usage: gen_actors.py DIR EVENTS ACTORS [--long-names]"""
import os
import random
import sys


def main():
    out, events, actors = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    long_names = "--long-names" in sys.argv
    rng = random.Random(events * 7919 + actors)
    os.makedirs(out, exist_ok=True)
    kinds = ["state", "organization", "armed_group", "person", "other"]
    words = ["Northern", "Coalition", "Forces", "Ministry", "Defence", "Council", "Popular",
             "Front", "Liberation", "Movement", "United", "Brigade", "Democratic", "Union",
             "National", "Army", "Committee", "Independent", "Observers", "Alliance"]
    rows = []
    states = max(2, actors // 10)
    for i in range(actors):
        if i < states:
            kind, parent = "state", ""
        else:
            kind = kinds[1 + i % 4]
            parent = "a%d" % rng.randrange(states) if kind == "person" or i % 5 == 0 else ""
        n = rng.randint(4, 9) if long_names else rng.randint(1, 3)
        name = " ".join(rng.choice(words) for _ in range(n)) + " %d" % i
        rows.append("a%d,%s,%s,%s," % (i, name, kind, parent))
    with open(os.path.join(out, "actors.csv"), "w") as f:
        f.write("id,name,kind,parent,color\n" + "\n".join(rows) + "\n")
    types = ["accusation", "airstrike", "visit", "agreement", "attack", "meeting", "statement"]
    # Zipf-like activity: a few actors take part in most events.
    weights = [1.0 / (i + 1) ** 0.9 for i in range(actors)]
    with open(os.path.join(out, "events.csv"), "w") as f:
        f.write("id,date,end_date,type,actor,target,source\n")
        for e in range(events):
            a = rng.choices(range(actors), weights)[0]
            t = rng.choices(range(actors), weights)[0]
            if t == a:
                t = (a + 1) % actors
            day = 1 + e * 365 // max(events, 1)
            month, mday = 1 + (day - 1) // 31 % 12, 1 + (day - 1) % 28
            f.write("e%d,2016-%02d-%02d,,%s,a%d,a%d,Source %d\n"
                    % (e, month, mday, rng.choice(types), a, t, e % 7))


main()
