#!/usr/bin/env python3
"""Writes a deterministic synthetic dataset for the page-fit tests.

usage: gen_page_data.py DIR EVENTS ACTORS [--long-names] [--days N]

DIR receives events.csv and actors.csv: EVENTS events over ACTORS actors (a
tenth of them states, most others members of a state), their activity
skewed (Zipf-like) so that a few actors act in most events, over N days of
2016 (default 366). --long-names gives actors names of 40 to 90 characters.
The same arguments give the same bytes."""
import csv
import datetime
import random
import sys

TYPES = ["ceasefire", "airstrike", "visit", "accusation", "agreement", "attack", "meeting",
         "statement", "shelling", "armed-clash", "protest"]
WORDS = ["northern", "popular", "front", "council", "brigade", "movement", "democratic",
         "national", "liberation", "forces", "union", "regional", "committee", "coalition"]


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    long_names = "--long-names" in argv
    days = 366
    if "--days" in argv:
        days = int(argv[argv.index("--days") + 1])
        args.remove(str(days))
    out, events, actors = args[0], int(args[1]), int(args[2])
    rnd = random.Random(events * 7919 + actors)
    states = max(1, actors // 10)
    with open(f"{out}/actors.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind", "parent"])
        for a in range(actors):
            if long_names:
                name = " ".join(rnd.choice(WORDS).capitalize() for _ in range(rnd.randint(5, 9)))
                name = f"{name} {a}"
            else:
                name = f"Actor {a}"
            if a < states:
                w.writerow([f"a{a}", name, "state", ""])
            else:
                parent = f"a{rnd.randrange(states)}" if rnd.random() < 0.7 else ""
                w.writerow([f"a{a}", name, rnd.choice(["person", "organization", "armed group"]),
                            parent])
    weights = [1.0 / (k + 1) ** 1.1 for k in range(actors)]
    start = datetime.date(2016, 1, 1)
    with open(f"{out}/events.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "date", "type", "actor", "target", "killed", "title"])
        for i in range(events):
            a = rnd.choices(range(actors), weights)[0]
            t = rnd.choices(range(actors), weights)[0]
            day = start + datetime.timedelta(days=rnd.randrange(days))
            date = day.isoformat() if rnd.random() > 0.05 else day.isoformat()[:7]
            killed = rnd.randint(1, 40) if rnd.random() < 0.1 else ""
            title = f"Event {i}: actor {a} and actor {t} in a {rnd.choice(WORDS)} incident"
            w.writerow([f"e{i}", date, rnd.choice(TYPES), f"a{a}", f"a{t}" if t != a else "",
                        killed, title])


if __name__ == "__main__":
    main(sys.argv)
