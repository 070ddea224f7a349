#!/usr/bin/env python3
"""Writes a synthetic dataset for timing and looking at `evgraph timeline`.

usage: gen_timeline_events.py DIR [EVENTS [ACTORS [DAYS [SEED]]]]

DIR receives events.csv and actors.csv: ACTORS actors (a fifth of them
states, the others members of a state), and EVENTS events over DAYS days from
2014-01-01, busier on some days than others, with titles of 25 to 80
characters, a few targets, casualties now and then, and the dates a real
collection has: mostly days, some months (5%), approximate or uncertain ones
(5%), and spans with an end date (3%). Defaults: 20,000 events, 40 actors,
1,000 days, seed 1.
"""
import datetime
import os
import random
import sys

TYPES = ["ceasefire", "airstrike", "visit", "accusation", "agreement", "attack", "meeting",
         "statement"]
WORDS = ("minister accuses rebels government forces strike convoy near border talks resume "
         "ceasefire holds aid reaches city shelling kills civilians envoy meets president "
         "agreement signed troops withdraw from positions statement denies report of attack "
         "on hospital coalition jets hit depot").split()
SOURCES = ["Agence One", "Daily Wire Service", "Evening Courier", "Herald Tribune Online",
           "Morning Post", "News Agency", "The Chronicle", "The Observer", "World Report",
           "Radio Free Desk", "Sunday Times Desk", "Wire Bureau"]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    actors = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    days = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)

    states = max(1, actors // 5)
    with open(os.path.join(out, "actors.csv"), "w", newline="") as f:
        f.write("id,name,kind,parent,color\n")
        for a in range(actors):
            if a < states:
                f.write(f"s{a},State {a},state,,\n")
            else:
                f.write(f"p{a},Person {a},person,s{a % states},\n")
    ids = [f"s{a}" if a < states else f"p{a}" for a in range(actors)]
    weights = [1 / (k + 1) for k in range(actors)]  # a few busy actors
    day_weight = [rng.random() ** 3 + 0.05 for _ in range(days)]
    start = datetime.date(2014, 1, 1)
    rows = []
    for n in range(events):
        day = start + datetime.timedelta(days=rng.choices(range(days), day_weight)[0])
        r = rng.random()
        if r < 0.05:
            date = day.strftime("%Y-%m")
        else:
            date = day.isoformat()
        if 0.05 <= r < 0.075:
            date += "~"
        elif 0.075 <= r < 0.10:
            date += "?"
        end = ""
        if rng.random() < 0.03 and len(date) == 10:
            end = (day + datetime.timedelta(days=rng.randint(1, 60))).isoformat()
        actor = rng.choices(ids, weights)[0]
        targets = ";".join(t for t in rng.sample(ids, rng.choice([0, 1, 1, 2])) if t != actor)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))[:80].capitalize()
        killed = str(rng.randint(1, 40)) if rng.random() < 0.04 else ""
        source = "; ".join(rng.sample(SOURCES, rng.choice([1, 1, 2])))
        rows.append((f"e{n}", date, end, rng.choice(TYPES), actor, targets, killed, title, source))
    with open(os.path.join(out, "events.csv"), "w", newline="") as f:
        f.write("id,date,end_date,type,actor,target,killed,title,source\n")
        for row in rows:
            f.write(",".join(row) + "\n")


if __name__ == "__main__":
    main()
