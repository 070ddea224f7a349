#!/usr/bin/env python3
"""The benchmark (issues 9, 14 and 18); started by bench/run.sh, which builds what it needs.

usage: bench.py --evgraph BIN --csv-count BIN --work DIR --out DIR [--quick] [--max-events N]
                [--runs N]

Each row is the median of N runs (default 5; fewer for the slowest rows, as
the runs column says) of wall seconds (perf_counter around the process) and
peak resident memory (/usr/bin/time's %M). Every ratio is measured against
its reference in the same run, alternately: a group of commands runs in
turns (reference, subject, other subject, reference, ...), and a subject's
`ratio` is the median of its per-turn ratios, so a machine whose speed
drifts moves both alike. Rows without a reference have no ratio.
"""
import argparse
import csv
import datetime
import hashlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--evgraph", required=True)
    p.add_argument("--csv-count", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--max-events", type=int, default=5_000_000,
                   help="leave out the sizes above this (the full run goes to 5,000,000)")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--timeout", type=float, default=900)
    return p.parse_args()


class Bench:
    def __init__(self, args):
        self.args = args
        self.rows = []  # dicts
        self.by_key = {}
        self.tmp = os.path.join(args.work, "tmp")
        os.makedirs(self.tmp, exist_ok=True)

    def run_once(self, cmd, before=None, timeout=None):
        if before:
            before()
        tfile = os.path.join(self.tmp, "time")
        t0 = time.perf_counter()
        # In a session of its own, so that a timeout ends the command too,
        # not only /usr/bin/time (which would leave it running).
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %M", "-o", tfile] + cmd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            _, stderr = proc.communicate(timeout=timeout or self.args.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None, None, f"timeout ({timeout or self.args.timeout:.0f} s)"
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            err = stderr.decode(errors="replace").strip().splitlines()
            last = err[-1] if err else ""
            if proc.returncode > 128 or "signal" in last:
                return None, None, f"killed (status {proc.returncode})"
            return None, None, f"exit {proc.returncode}: {last}"
        with open(tfile) as f:
            _, kb = f.read().split()[-2:]
        return wall, int(kb), None

    def measure(self, key, what, size, cmd, runs, ref=None, mbytes=None, before=None, note="",
                short=None):
        """Runs cmd `runs` times; records a row keyed `key`."""
        walls, peaks, error = [], [], None
        for _ in range(runs):
            wall, kb, error = self.run_once(cmd, before)
            if error:
                break
            walls.append(wall)
            peaks.append(kb)
        ratio = None
        if ref and ref in self.by_key and self.by_key[ref]["median_s"] and walls:
            ratio = statistics.median(walls) / self.by_key[ref]["median_s"]
        return self.record(key, what, size, walls, peaks, error or note, short, mbytes, ref,
                           ratio)

    def measure_group(self, specs, runs):
        """Runs the commands of a group in turns, `runs` times each, and
        records a row for each. A spec is a dict of measure()'s arguments
        (key, what, size, cmd, and optionally mbytes, note, short, timeout)
        and `ref`, the key of another spec of the group: its ratio is the
        median of the per-turn ratios to that spec. A command that fails or
        times out is not run again; its row says why."""
        walls = {s["key"]: [] for s in specs}
        peaks = {s["key"]: [] for s in specs}
        errors = {}
        for _ in range(runs):
            for spec in specs:
                k = spec["key"]
                if k in errors:
                    walls[k].append(None)
                    continue
                wall, kb, error = self.run_once(spec["cmd"], timeout=spec.get("timeout"))
                if error:
                    errors[k] = error
                walls[k].append(wall)
                if kb is not None:
                    peaks[k].append(kb)
        rows = []
        for spec in specs:
            k, ref = spec["key"], spec.get("ref")
            ratio = None
            if ref:
                per_turn = [s / r for s, r in zip(walls[k], walls[ref])
                            if s is not None and r is not None]
                ratio = statistics.median(per_turn) if per_turn else None
            done = [w for w in walls[k] if w is not None]
            rows.append(self.record(k, spec["what"], spec["size"], done, peaks[k],
                                    errors.get(k) or spec.get("note", ""), spec.get("short"),
                                    spec.get("mbytes"), ref, ratio))
        return rows

    def record(self, key, what, size, walls, peaks, note, short, mbytes, ref, ratio):
        row = {"key": key, "what": what, "size": size, "runs": len(walls), "median_s": None,
               "mb_s": None, "peak_mb": None, "reference": "", "ratio": None,
               "note": note, "short": short or what}
        if walls:
            row["median_s"] = statistics.median(walls)
            row["peak_mb"] = statistics.median(peaks) / 1024
            if mbytes:
                row["mb_s"] = mbytes / row["median_s"]
        if ref and ratio is not None:
            row["reference"] = self.by_key[ref]["short"]
            row["ratio"] = ratio
        self.rows.append(row)
        self.by_key[key] = row
        print_row(row, sys.stderr)
        return row


COLS = [("what", "<", 34), ("size", ">", 9), ("runs", ">", 4), ("median s", ">", 9),
        ("MB/s", ">", 7), ("peak MB", ">", 8), ("ratio", ">", 7), ("vs", "<", 15),
        ("note", "<", 0)]


def cells(row):
    def f(v, fmt):
        return "" if v is None else format(v, fmt)
    return [row["what"], f"{row['size']:,}" if isinstance(row["size"], int) else str(row["size"]),
            str(row["runs"]), f(row["median_s"], ".3f"), f(row["mb_s"], ".0f"),
            f(row["peak_mb"], ".1f"), f(row["ratio"], ".2f") + ("x" if row["ratio"] else ""),
            row["reference"], row["note"]]


def fmt_line(values):
    out = []
    for (name, align, width), v in zip(COLS, values):
        out.append(f"{v:{align}{width}}" if width else v)
    return "  ".join(out).rstrip()


def print_row(row, stream):
    print(fmt_line(cells(row)), file=stream, flush=True)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores, {cpu}, {mem_gb:.0f} GB RAM, {platform.system()} "
            f"{platform.release()}; load average at start {load}")


def dataset(args, n):
    """Generates (once) the dataset of n events; returns its folder."""
    gen = os.path.join(HERE, "gen_events.py")
    stamp_text = hashlib.sha256(open(gen, "rb").read() +
                                open(os.path.join(HERE, "rank_graph.py"), "rb").read()).hexdigest()
    d = os.path.join(args.work, f"events-{n}")
    stamp = os.path.join(d, ".stamp")
    if os.path.exists(stamp) and open(stamp).read() == stamp_text:
        return d
    shutil.rmtree(d, ignore_errors=True)
    print(f"generating {n:,} events in {d}", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, gen, d, str(n), "1"], check=True)
    with open(stamp, "w") as f:
        f.write(stamp_text)
    return d


def many_actors(args, name, events, actors, mode):
    """Generates (once) a dataset of gen_many_actors.py; returns its folder."""
    gen = os.path.join(HERE, "gen_many_actors.py")
    d = os.path.join(args.work, name)
    stamp_text = hashlib.sha256(open(gen, "rb").read()).hexdigest() + f" {events} {actors} {mode}"
    stamp = os.path.join(d, ".stamp")
    if not (os.path.exists(stamp) and open(stamp).read() == stamp_text):
        shutil.rmtree(d, ignore_errors=True)
        print(f"generating {events:,} events over {actors:,} {mode} actors in {d}",
              file=sys.stderr, flush=True)
        subprocess.run([sys.executable, gen, d, str(events), str(actors), mode], check=True)
        with open(stamp, "w") as f:
            f.write(stamp_text)
    return d


def gdelt_file(args, rows):
    """Generates (once) a GDELT 2.0 events file of `rows` rows (gen_import_bench.py)."""
    gen = os.path.join(HERE, "gen_import_bench.py")
    path = os.path.join(args.work, f"gdelt-{rows}.export.CSV")
    stamp = path + ".stamp"
    stamp_text = hashlib.sha256(open(gen, "rb").read()).hexdigest()
    if not (os.path.exists(stamp) and open(stamp).read() == stamp_text):
        print(f"generating {rows:,} GDELT rows in {path}", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, gen, "gdelt", path, str(rows), "1"], check=True)
        with open(stamp, "w") as f:
            f.write(stamp_text)
    return path


def main():
    args = parse_args()
    b = Bench(args)
    ev = args.evgraph
    runs = args.runs
    cap = args.max_events
    if args.quick:
        load_sizes, tl_sizes, dot_sizes = [1000, 10000], [1000, 5000], {1000: 1}
        runs = min(runs, 3)
        many, gdelt_rows, layouts = (20000, 10000), 10000, False
    else:
        load_sizes = [n for n in (1000, 10000, 100000, 1000000, 5000000) if n <= cap]
        tl_sizes = [n for n in (1000, 5000, 10000, 20000) if n <= cap]
        # dot is slow on a year of dates (~30 s SVG or PNG at 5,000 events,
        # ~4 min at 20,000): 3 runs at 5,000, 1 at 20,000, none at 10,000.
        dot_sizes = {n: r for n, r in ((5000, min(runs, 3)), (20000, 1)) if n <= cap}
        many, gdelt_rows, layouts = (200000, 100000), min(1000000, cap), True
    started = datetime.datetime.now(datetime.timezone.utc)
    info = machine()
    print(f"evgraph benchmark, {started:%Y-%m-%d %H:%M} UTC; {info}", file=sys.stderr)
    print(fmt_line([c[0] for c in COLS]), file=sys.stderr)
    sizes = sorted(set(load_sizes) | set(tl_sizes))
    dirs = {n: dataset(args, n) for n in sizes}
    t = b.tmp

    # Loading against a bare libcsv pass over the same events.csv, and the
    # two figures against loading alone (check): one group per size, in turns.
    for n in load_sizes:
        path = os.path.join(dirs[n], "events.csv")
        mb = os.path.getsize(path) / 1e6
        group_runs = runs if n < 5000000 else min(runs, 3)
        rows = b.measure_group([
            dict(key=f"csv{n}", what="load: libcsv field count (ceiling)", size=n,
                 cmd=[args.csv_count, path], mbytes=mb, note=f"events.csv {mb:.1f} MB",
                 short="libcsv count"),
            dict(key=f"load{n}", what="load: evgraph check", size=n, ref=f"csv{n}",
                 cmd=[ev, "check", "-q", dirs[n]], mbytes=mb, short="check"),
            dict(key=f"tlbin{n}", what="timeline -T svg (default bins)", size=n, ref=f"load{n}",
                 cmd=[ev, "timeline", "-q", dirs[n], "-o", os.path.join(t, f"tlbin{n}.svg")],
                 short="timeline"),
            dict(key=f"act{n}", what="actors -T svg", size=n, ref=f"load{n}",
                 cmd=[ev, "actors", "-q", dirs[n], "-o", os.path.join(t, f"actors{n}.svg")],
                 short="actors"),
        ], group_runs)
        for row in rows[1:]:
            if row["peak_mb"] and not row["note"]:
                row["note"] = f"peak {row['peak_mb'] * 2**20 / 1e6 / mb:.2f}x the file"

    # Many actors: a timeline of 100,000 actors against its loading, and
    # loading events over 100,000 actors not in actors.csv against the same
    # events over 100 (a quadratic suggestion search shows here).
    events, actors = many
    listed = many_actors(args, f"actors-{actors}-listed", events, actors, "listed")
    b.measure_group([
        dict(key="manyload", what=f"check, {actors:,} actors", size=events,
             cmd=[ev, "check", "-q", listed], short="check"),
        dict(key="manytl", what=f"timeline -T svg, {actors:,} actors", size=events,
             ref="manyload", cmd=[ev, "timeline", "-q", listed, "-o",
                                  os.path.join(t, "many.svg")], short="timeline"),
    ], runs)
    few = many_actors(args, "actors-100-unlisted", events, 100, "unlisted")
    unlisted = many_actors(args, f"actors-{actors}-unlisted", events, actors, "unlisted")
    b.measure_group([
        dict(key="few", what="check, 100 unlisted actors", size=events,
             cmd=[ev, "check", "-q", few], short="100 unlisted"),
        dict(key="unlisted", what=f"check, {actors:,} unlisted actors", size=events, ref="few",
             cmd=[ev, "check", "-q", unlisted], short="check", timeout=120),
    ], runs)

    # A GDELT 2.0 file (61 tab-separated columns, no header) against a bare
    # libcsv pass over it (issue 14).
    gpath = gdelt_file(args, gdelt_rows)
    gmb = os.path.getsize(gpath) / 1e6
    b.measure_group([
        dict(key="gcsv", what="GDELT: libcsv field count", size=gdelt_rows,
             cmd=[args.csv_count, "-t", gpath], mbytes=gmb, note=f"GDELT file {gmb:.1f} MB",
             short="libcsv count"),
        dict(key="gload", what="GDELT: evgraph check", size=gdelt_rows, ref="gcsv",
             cmd=[ev, "check", "-q", gpath], mbytes=gmb, short="check"),
    ], runs if gdelt_rows < 1000000 else min(runs, 3))

    # Timeline, --bin none: evgraph, the neato -n2 floor on its own DOT, and dot.
    for n in tl_sizes:
        d = dirs[n]
        tdot = os.path.join(t, f"timeline{n}.dot")
        b.measure(f"tldot{n}", "timeline -T dot (layout only)", n,
                  [ev, "timeline", "-q", d, "--bin", "none", "-o", tdot], runs)
        for fmt in ("svg", "png"):
            b.measure_group([
                # At evgraph's resolution (150 dpi; Graphviz's own default
                # is 96): PNG time is mostly compressing pixels, and 96 dpi
                # has 2.4 times fewer.
                dict(key=f"floor{fmt}{n}", what=f"floor: neato -n2 -T{fmt} on it", size=n,
                     cmd=["neato", "-n2", f"-T{fmt}"] + (["-Gdpi=150"] if fmt == "png" else [])
                     + ["-o", os.path.join(t, f"floor{n}.{fmt}"), tdot],
                     short=f"neato -n2 {fmt}"),
                dict(key=f"tl{fmt}{n}", what=f"timeline --bin none -T {fmt}", size=n,
                     ref=f"floor{fmt}{n}",
                     cmd=[ev, "timeline", "-q", d, "--bin", "none", "-o",
                          os.path.join(t, f"timeline{n}.{fmt}")], short=f"evgraph {fmt}"),
            ], runs)
        if n in dot_sizes:
            for fmt in ("svg", "png"):
                b.measure(f"dot{fmt}{n}", f"dot -T{fmt} on rank graph", n,
                          ["dot", f"-T{fmt}", "-o", os.path.join(t, f"rank{n}.{fmt}"),
                           os.path.join(d, "rank.dot")], dot_sizes[n], ref=f"tl{fmt}{n}",
                          note="ratio: dot / evgraph")

    # The actor graph's layouts on 50 actors and 400 relations (circo alone
    # takes ~12 s a run): full run only.
    if layouts:
        gen = os.path.join(HERE, "gen_actor_events.py")
        small = os.path.join(args.work, "actors-50-400")
        if not os.path.exists(os.path.join(small, "events.csv")):
            subprocess.run([sys.executable, gen, small, "50000", "50", "400", "1"], check=True)
        specs = [dict(key="lay-check", what="check, 50 actors 400 relations", size=50000,
                      cmd=[ev, "check", "-q", small], short="check")]
        for layout in ("auto", "dot", "neato", "fdp", "sfdp", "circo"):
            specs.append(dict(key=f"lay-{layout}", what=f"actors --layout {layout} -T svg",
                              size=50000, ref="lay-check",
                              cmd=[ev, "actors", "-q", small, "--layout", layout, "-o",
                                   os.path.join(t, f"layout-{layout}.svg")], short=layout))
        b.measure_group(specs, min(runs, 3))

    # evgraph build of the sample datasets: cold, then with nothing changed.
    data = os.path.join(ROOT, "data")
    bout = os.path.join(t, "build-out")
    samples = sorted(x for x in os.listdir(data) if os.path.isdir(os.path.join(data, x)))
    label = f"{len(samples)} dataset" + ("s" if len(samples) != 1 else "")
    b.measure("buildcold", "build data/ (cold)", label, [ev, "build", "-q", data, "--out", bout],
              runs, before=lambda: shutil.rmtree(bout, ignore_errors=True))
    b.measure("buildnoop", "build data/ (nothing changed)", label,
              [ev, "build", "-q", data, "--out", bout], runs)

    # Report.
    os.makedirs(args.out, exist_ok=True)
    header = ["what", "size", "runs", "median_s", "mb_s", "peak_mb", "ratio", "reference", "note"]
    with open(os.path.join(args.out, "results.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in b.rows:
            w.writerow([r["what"], r["size"], r["runs"],
                        "" if r["median_s"] is None else f"{r['median_s']:.4f}",
                        "" if r["mb_s"] is None else f"{r['mb_s']:.1f}",
                        "" if r["peak_mb"] is None else f"{r['peak_mb']:.1f}",
                        "" if r["ratio"] is None else f"{r['ratio']:.3f}", r["reference"], r["note"]])
    end_load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [f"evgraph benchmark, {started:%Y-%m-%d %H:%M} UTC"
             f"{' (--quick)' if args.quick else ''}; {info}; at the end {end_load}",
             fmt_line([c[0] for c in COLS])]
    lines += [fmt_line(cells(r)) for r in b.rows]
    lines += [""] + verdicts(b, load_sizes)
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "results.txt"), "w") as f:
        f.write(text)
    print()
    print(text, end="")


def verdicts(b, load_sizes):
    """The targets of issue 18 (and those of issue 9 still worth watching)."""
    k = b.by_key
    out = ["targets:" if not b.args.quick else
           "targets (--quick: small sizes only; the targets are for the full run):"]

    def get(key, field="median_s"):
        return k.get(key, {}).get(field)

    def verdict(ok):
        return "met" if ok else "NOT met"

    def file_mb(n):
        return os.path.getsize(os.path.join(b.args.work, f"events-{n}", "events.csv")) / 2**20

    shares = [(n, 1 / get(f"load{n}", "ratio")) for n in load_sizes if get(f"load{n}", "ratio")]
    if shares:
        worst = min(s for _, s in shares)
        out.append(f"- load >= 50% of the bare libcsv pass: {verdict(worst >= 0.5)} "
                   f"({', '.join(f'{s:.1%} at {n:,}' for n, s in shares)})")
    for n in load_sizes:
        if n < 1000000 or not get(f"load{n}", "peak_mb"):
            continue
        for key, what in ((f"load{n}", "loading"), (f"tlbin{n}", "timeline")):
            if get(key, "peak_mb"):
                ratio = get(key, "peak_mb") / file_mb(n)
                out.append(f"- {n:,} events, {what} peak memory <= 2x the file: "
                           f"{verdict(ratio <= 2)} ({get(key, 'peak_mb'):.0f} MiB for a "
                           f"{file_mb(n):.0f} MiB file, {ratio:.2f}x)")
    tl = [(n, get(f"tlbin{n}", "ratio")) for n in load_sizes if get(f"tlbin{n}", "ratio")]
    big = [(n, r) for n, r in tl if n >= 1000000]
    if big:
        out.append(f"- timeline SVG within 1.3x check from 1,000,000 events: "
                   f"{verdict(max(r for _, r in big) <= 1.3)} "
                   f"({', '.join(f'{r:.2f}x at {n:,}' for n, r in tl)})")
    elif tl:
        out.append(f"- timeline SVG against check: "
                   f"{', '.join(f'{r:.2f}x at {n:,}' for n, r in tl)} (target 1.3x at 1,000,000)")
    if get("tlbin5000000") and get("tlbin1000000"):
        growth = get("tlbin5000000") / get("tlbin1000000")
        out.append(f"- 5,000,000 events scale linearly from 1,000,000: {verdict(growth <= 5.5)} "
                   f"(timeline {growth:.2f}x the time for 5x the events)")
    if get("manytl", "ratio"):
        r = get("manytl", "ratio")
        out.append(f"- timeline of {k['manytl']['what'].split(', ')[1]} within 2x its loading: "
                   f"{verdict(r <= 2)} ({r:.2f}x, {get('manytl'):.2f} s)")
    if "unlisted" in k:
        r = get("unlisted", "ratio")
        if r is not None:
            out.append(f"- loading over {k['unlisted']['what'].split(', ')[1]} within 1.5x the "
                       f"same events over 100: {verdict(r <= 1.5)} ({r:.2f}x)")
        else:
            out.append(f"- loading over {k['unlisted']['what'].split(', ')[1]}: NOT met "
                       f"({k['unlisted']['note']})")
    if get("gload", "ratio"):
        out.append(f"- GDELT, {k['gload']['size']:,} rows: loaded in {get('gload'):.2f} s, "
                   f"{1 / get('gload', 'ratio'):.1%} of a bare libcsv pass, peak "
                   f"{get('gload', 'peak_mb'):.0f} MiB")
    for fmt, target in (("png", 1.3), ("svg", 1.5)):
        floors = [(n, k[f"tl{fmt}{n}"]["ratio"]) for n in (1000, 5000, 10000, 20000)
                  if f"tl{fmt}{n}" in k and k[f"tl{fmt}{n}"]["ratio"]]
        if floors:
            worst = max(r for _, r in floors)
            out.append(f"- timeline {fmt.upper()} within {target}x the neato -n2 floor: "
                       f"{verdict(worst <= target)} "
                       f"({', '.join(f'{r:.2f}x at {n:,}' for n, r in floors)})")
    dots = [(n, k[f"dotsvg{n}"]["ratio"]) for n in (1000, 5000, 20000)
            if f"dotsvg{n}" in k and k[f"dotsvg{n}"]["ratio"]]
    if dots:
        worst = min(r for _, r in dots)
        out.append(f"- timeline SVG 20x or more faster than dot: {verdict(worst >= 20)} "
                   f"({', '.join(f'{r:.0f}x at {n:,}' for n, r in dots)})")
    if get("buildnoop"):
        s = get("buildnoop")
        out.append(f"- unchanged evgraph build well under a second: {verdict(s < 0.1)} "
                   f"({s * 1000:.0f} ms; cold {get('buildcold') or float('nan'):.2f} s)")
    return out


if __name__ == "__main__":
    main()
