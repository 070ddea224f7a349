#!/usr/bin/env python3
"""Writes a dataset with many distinct actors, for bench/run.sh.

usage: gen_many_actors.py DIR EVENTS ACTORS listed|unlisted [SEED]

DIR receives events.csv (EVENTS events, each actor in turn the actor of an
event and a pseudo-random one its target, so all ACTORS actors take part)
and, when `listed`, actors.csv with every actor (a tenth of them states, the
others members of one). `unlisted` writes no actors.csv: the loader then
creates each actor from its id, as for a quick spreadsheet or an import.
The same arguments give the same bytes.
"""
import os
import random
import sys

TYPES = ["ceasefire", "airstrike", "visit", "accusation", "agreement", "attack", "meeting",
         "statement"]


def main():
    out, events, actors, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    os.makedirs(out, exist_ok=True)
    ids = ["actor-%06d" % i for i in range(actors)]
    if os.path.exists(os.path.join(out, "actors.csv")):
        os.remove(os.path.join(out, "actors.csv"))
    if mode == "listed":
        states = max(1, actors // 10)
        with open(os.path.join(out, "actors.csv"), "w", encoding="utf-8", newline="\n") as f:
            f.write("id,name,kind,parent\n")
            for i, a in enumerate(ids):
                if i < states:
                    f.write("%s,State %d,state,\n" % (a, i))
                else:
                    f.write("%s,Person %d,person,%s\n" % (a, i, ids[rng.randrange(states)]))
    elif mode != "unlisted":
        sys.exit("gen_many_actors.py: mode is listed or unlisted")
    with open(os.path.join(out, "events.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("id,date,type,actor,target,title\n")
        buf = []
        for n in range(events):
            date = "2016-%02d-%02d" % (1 + n * 12 // events, 1 + rng.randrange(28))
            buf.append("e%d,%s,%s,%s,%s,Event %d" % (n, date, rng.choice(TYPES), ids[n % actors],
                                                      ids[rng.randrange(actors)], n))
            if len(buf) == 10000:
                f.write("\n".join(buf) + "\n")
                buf = []
        if buf:
            f.write("\n".join(buf) + "\n")


if __name__ == "__main__":
    main()
