#!/usr/bin/env python3
"""Writes a deterministic synthetic dataset for bench/run.sh.

usage: gen_events.py DIR EVENTS [SEED]

DIR receives events.csv and actors.csv, and, up to 20,000 events, rank.dot:
the rank-based timeline graph of the same events for Graphviz's `dot`
(bench/rank_graph.py). What a real collection looks like:
- 8 to 50 actors (more for bigger datasets: 8 at 1,000 events, 50 at
  1,000,000), a fifth of them states, the others persons, organizations and
  armed groups, most of them members of a state;
- events drawn from 8 relations (actor, target, type) per actor with a skewed
  (Zipf-like) frequency, a tenth of them without a target;
- a year of dates (2016), busier on some days than others: mostly days, 5%
  months, 5% approximate or uncertain, 3% spans with an end date;
- titles of 25 to 90 characters, over half of them with a comma (so quoted),
  some with a quoted word ("" inside quotes); locations with a comma; a third
  of the events with a description, a third of those over several lines;
  casualties now and then; one or two sources and a URL.
The same DIR, EVENTS and SEED (default 1) give the same bytes.
"""
import csv
import datetime
import math
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rank_graph import write_rank_graph  # noqa: E402

TYPES = ["ceasefire", "airstrike", "visit", "accusation", "agreement", "attack", "meeting",
         "statement", "shelling", "armed-clash", "protest"]
VERBS = ["strikes", "accuses", "meets", "shells", "visits", "warns", "condemns", "signs deal with",
         "clashes with", "calls on", "rejects talks with", "hits convoy of"]
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Latakia", "Deir ez-Zor", "Raqqa", "Daraa",
          "Damascus", "Palmyra", "Manbij", "Kobani", "Qamishli", "Tartus", "Jarablus"]
CODAS = ["monitors say", "state media reports", "officials said", "witnesses say",
         "according to activists", "ministry says", "a spokesman said", "sources claim"]
WORDS = ("minister accuses rebels government forces strike convoy near border talks resume "
         "ceasefire holds aid reaches city shelling kills civilians envoy meets president "
         "agreement signed troops withdraw from positions statement denies report of attack "
         "on hospital coalition jets hit depot humanitarian corridor opened overnight").split()
SOURCES = ["Agence One", "Daily Wire Service", "Evening Courier", "Herald Tribune Online",
           "Morning Post", "News Agency", "The Chronicle", "The Observer", "World Report",
           "Radio Free Desk", "Sunday Times Desk", "Wire Bureau"]


def actor_count(events):
    """8 actors at 1,000 events to 50 at 1,000,000, log-linear between."""
    x = math.log10(max(events, 1000)) - 3  # 0 .. 3
    return max(8, min(50, round(8 + 14 * x)))


def sentence(rng, lo, hi):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(lo, hi))).capitalize()


def main():
    out = sys.argv[1]
    events = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)

    n_actors = actor_count(events)
    states = max(2, n_actors // 5)
    actors = []
    for i in range(n_actors):
        if i < states:
            actors.append((f"state-{i}", f"State {i}", "state", ""))
        else:
            kind = rng.choice(["person", "person", "organization", "armed_group"])
            parent = "" if kind == "armed_group" else f"state-{rng.randrange(states)}"
            actors.append((f"{kind.replace('_', '-')}-{i}",
                           f"{kind.replace('_', ' ').title()} {i}", kind, parent))
    with open(os.path.join(out, "actors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind", "parent", "color"])
        for a in actors:
            w.writerow(list(a) + [""])

    ids = [a[0] for a in actors]
    relations = set()
    while len(relations) < 8 * n_actors:
        a, t = rng.sample(ids, 2)
        relations.add((a, t, rng.choice(TYPES)))
    relations = sorted(relations)
    rel_weights = [1.0 / (k + 1) for k in range(len(relations))]
    rng.shuffle(rel_weights)
    start = datetime.date(2016, 1, 1)
    day_weights = [rng.random() ** 3 + 0.05 for _ in range(366)]
    cum_days = list(_accumulate(day_weights))
    cum_rels = list(_accumulate(rel_weights))

    header = ["id", "date", "end_date", "type", "actor", "target", "location", "killed",
              "title", "description", "source", "url"]
    rank_rows = [] if events <= 20000 else None
    with open(os.path.join(out, "events.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for n in range(events):
            day = start + datetime.timedelta(days=rng.choices(range(366), cum_weights=cum_days)[0])
            actor, target, typ = rng.choices(relations, cum_weights=cum_rels)[0]
            if n % 10 == 9:
                target = ""
            r = rng.random()
            date = day.strftime("%Y-%m") if r < 0.05 else day.isoformat()
            if 0.05 <= r < 0.075:
                date += "~"
            elif 0.075 <= r < 0.10:
                date += "?"
            end = ""
            if rng.random() < 0.03 and len(date) == 10:
                end = min(day + datetime.timedelta(days=rng.randint(1, 30)),
                          datetime.date(2016, 12, 31)).isoformat()
            place = rng.choice(PLACES)
            location = f"near {place}, {rng.choice(PLACES)}" if rng.random() < 0.4 else place
            actor_name = actor.replace("-", " ").title()
            title = f"{actor_name} {rng.choice(VERBS)} {target.replace('-', ' ') or 'forces'}"
            if rng.random() < 0.6:
                title += f" near {place}, {rng.choice(CODAS)}"
            if rng.random() < 0.05:
                title += ' in "final" push'
            title = title[:90]
            description = ""
            d = rng.random()
            if d < 0.22:
                description = sentence(rng, 8, 30) + "."
            elif d < 0.33:
                description = "\n".join(sentence(rng, 5, 20) + "." for _ in range(rng.randint(2, 4)))
            killed = str(rng.randint(1, 60)) if rng.random() < 0.08 else ""
            source = "; ".join(rng.sample(SOURCES, rng.choice([1, 1, 2])))
            url = f"https://news.example.org/2016/{day.month:02d}/{n}"
            row = [f"e{n}", date, end, typ, actor, target, location, killed, title, description,
                   source, url]
            w.writerow(row)
            if rank_rows is not None:
                rank_rows.append({"id": row[0], "date": date, "actor": actor, "title": title})
    if rank_rows is not None:
        with open(os.path.join(out, "rank.dot"), "w", encoding="utf-8") as f:
            write_rank_graph(rank_rows, f)


def _accumulate(weights):
    total = 0.0
    for x in weights:
        total += x
        yield total


if __name__ == "__main__":
    main()
