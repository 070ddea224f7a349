#!/usr/bin/env python3
"""The benchmark of issue 9; started by bench/run.sh, which builds what it needs.

usage: bench.py --evgraph BIN --csv-count BIN --work DIR --out DIR [--quick] [--runs N]

Each row is the median of N runs (default 5; fewer for the slowest rows, as
the runs column says) of wall seconds (perf_counter around the process) and
peak resident memory (/usr/bin/time's %M). Loading and the timeline run
alternately with their reference (the bare libcsv pass, the neato -n2 floor),
and their `ratio` is the median of the per-run ratios, so a machine whose
speed drifts moves both alike; other rows' `ratio` is their median seconds
over the reference row's.
"""
import argparse
import csv
import datetime
import hashlib
import os
import platform
import shutil
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

    def run_once(self, cmd, before=None):
        if before:
            before()
        tfile = os.path.join(self.tmp, "time")
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tfile] + cmd,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return None, None, "timeout"
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            err = proc.stderr.decode(errors="replace").strip().splitlines()
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

    def measure_pair(self, ref, subject, runs):
        """Runs two commands alternately, `runs` times each, and records both
        rows; the subject's ratio is the median of the per-run ratios, so a
        machine whose speed drifts during the run moves both alike. `ref` and
        `subject` are dicts of measure()'s arguments (key, what, size, cmd,
        and optionally mbytes, note, short)."""
        walls = ([], [])
        peaks = ([], [])
        error = None
        for _ in range(runs):
            for i, spec in enumerate((ref, subject)):
                wall, kb, error = self.run_once(spec["cmd"])
                if error:
                    break
                walls[i].append(wall)
                peaks[i].append(kb)
            if error:
                break
        pairs = min(len(walls[0]), len(walls[1]))
        ratio = (statistics.median(walls[1][k] / walls[0][k] for k in range(pairs))
                 if pairs else None)
        rows = []
        for i, spec in enumerate((ref, subject)):
            rows.append(self.record(spec["key"], spec["what"], spec["size"], walls[i][:pairs],
                                    peaks[i][:pairs], error or spec.get("note", ""),
                                    spec.get("short"), spec.get("mbytes"),
                                    ref["key"] if i else None, ratio if i else None))
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


def main():
    args = parse_args()
    b = Bench(args)
    ev = args.evgraph
    runs = args.runs
    if args.quick:
        load_sizes, tl_sizes, dot_sizes = [1000, 10000], [1000, 5000], {1000: 1}
        runs = min(runs, 3)
    else:
        load_sizes = [1000, 10000, 100000, 1000000]
        tl_sizes = [1000, 5000, 10000, 20000]
        # dot is slow on a year of dates (~30 s SVG or PNG at 5,000 events,
        # ~4 min at 20,000): 3 runs at 5,000, 1 at 20,000, none at 10,000.
        dot_sizes = {5000: min(runs, 3), 20000: 1}
    started = datetime.datetime.now(datetime.timezone.utc)
    info = machine()
    print(f"evgraph benchmark, {started:%Y-%m-%d %H:%M} UTC; {info}", file=sys.stderr)
    print(fmt_line([c[0] for c in COLS]), file=sys.stderr)
    sizes = sorted(set(load_sizes) | set(tl_sizes))
    dirs = {n: dataset(args, n) for n in sizes}
    t = b.tmp

    # Loading: evgraph check against one bare libcsv pass over the same events.csv.
    for n in load_sizes:
        path = os.path.join(dirs[n], "events.csv")
        mb = os.path.getsize(path) / 1e6
        _, row = b.measure_pair(
            dict(key=f"csv{n}", what="load: libcsv field count (ceiling)", size=n,
                 cmd=[args.csv_count, path], mbytes=mb, note=f"events.csv {mb:.1f} MB",
                 short="libcsv count"),
            dict(key=f"load{n}", what="load: evgraph check", size=n,
                 cmd=[ev, "check", "-q", dirs[n]], mbytes=mb, short="check"), runs)
        if row["peak_mb"] and not row["note"]:
            row["note"] = f"peak {row['peak_mb'] * 2**20 / 1e6 / mb:.2f}x the file"

    # Timeline, --bin none: evgraph, the neato -n2 floor on its own DOT, and dot.
    for n in tl_sizes:
        d = dirs[n]
        tdot = os.path.join(t, f"timeline{n}.dot")
        b.measure(f"tldot{n}", "timeline -T dot (layout only)", n,
                  [ev, "timeline", "-q", d, "--bin", "none", "-o", tdot], runs)
        for fmt in ("svg", "png"):
            b.measure_pair(
                dict(key=f"floor{fmt}{n}", what=f"floor: neato -n2 -T{fmt} on it", size=n,
                     cmd=["neato", "-n2", f"-T{fmt}", "-o", os.path.join(t, f"floor{n}.{fmt}"),
                          tdot], short=f"neato -n2 {fmt}"),
                dict(key=f"tl{fmt}{n}", what=f"timeline --bin none -T {fmt}", size=n,
                     cmd=[ev, "timeline", "-q", d, "--bin", "none", "-o",
                          os.path.join(t, f"timeline{n}.{fmt}")], short=f"evgraph {fmt}"), runs)
        if n in dot_sizes:
            for fmt in ("svg", "png"):
                b.measure(f"dot{fmt}{n}", f"dot -T{fmt} on rank graph", n,
                          ["dot", f"-T{fmt}", "-o", os.path.join(t, f"rank{n}.{fmt}"),
                           os.path.join(d, "rank.dot")], dot_sizes[n], ref=f"tl{fmt}{n}",
                          note="ratio: dot / evgraph")

    # Actor graph to SVG at every size.
    for n in load_sizes:
        b.measure(f"act{n}", "actors -T svg", n,
                  [ev, "actors", "-q", dirs[n], "-o", os.path.join(t, f"actors{n}.svg")], runs,
                  ref=f"load{n}", note="ratio: vs loading alone")

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
    k = b.by_key
    out = ["targets:" if not b.args.quick else
           "targets (--quick: small sizes only; the issue's targets need the full run):"]

    def get(key, field="median_s"):
        return k.get(key, {}).get(field)

    big = max(load_sizes)
    shares = []
    for n in load_sizes:
        if get(f"load{n}", "ratio"):
            shares.append((n, 1 / get(f"load{n}", "ratio")))
    if shares:
        worst = min(s for _, s in shares)
        out.append(f"- load >= 50% of the bare libcsv pass: {'met' if worst >= 0.5 else 'NOT met'} "
                   f"({', '.join(f'{s:.1%} at {n:,}' for n, s in shares)})")
    if get(f"load{big}", "peak_mb"):
        file_mb = os.path.getsize(os.path.join(b.args.work, f"events-{big}", "events.csv")) / 2**20
        ratio = get(f"load{big}", "peak_mb") / file_mb
        out.append(f"- {big:,} events loaded with peak memory < 3x the file: "
                   f"{'met' if ratio < 3 else 'NOT met'} ({get(f'load{big}', 'peak_mb'):.0f} MB "
                   f"for a {file_mb:.0f} MB file, {ratio:.2f}x)")
    floors = [(n, k[f"tlsvg{n}"]["ratio"]) for n in (1000, 5000, 10000, 20000)
              if f"tlsvg{n}" in k and k[f"tlsvg{n}"]["ratio"]]
    if floors:
        worst = max(r for _, r in floors)
        out.append(f"- timeline SVG within 1.5x the neato -n2 floor: "
                   f"{'met' if worst <= 1.5 else 'NOT met'} "
                   f"({', '.join(f'{r:.2f}x at {n:,}' for n, r in floors)})")
    dots = [(n, k[f"dotsvg{n}"]["ratio"]) for n in (1000, 5000, 20000)
            if f"dotsvg{n}" in k and k[f"dotsvg{n}"]["ratio"]]
    if dots:
        worst = min(r for _, r in dots)
        out.append(f"- timeline SVG 20x or more faster than dot: "
                   f"{'met' if worst >= 20 else 'NOT met'} "
                   f"({', '.join(f'{r:.0f}x at {n:,}' for n, r in dots)})")
    if get("buildnoop"):
        s = get("buildnoop")
        out.append(f"- unchanged evgraph build well under a second: "
                   f"{'met' if s < 0.1 else 'NOT met'} ({s * 1000:.0f} ms; cold "
                   f"{get('buildcold') or float('nan'):.2f} s)")
    return out


if __name__ == "__main__":
    main()
