#!/usr/bin/env python3
"""Reads a timeline SVG's top axis: prints its line's ends, its ticks and its
labels, one per line, for tests to compare:

    line X0 X1
    tick X
    minor TEXT
    major TEXT

usage: axis_ticks.py FILE.svg"""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def main():
    root = ET.parse(sys.argv[1]).getroot()
    lines, ticks, labels = [], [], []
    for g in root.iter(NS + "g"):
        cls = (g.get("class") or "").split()
        if "axis" not in cls:
            continue
        if "edge" in cls:
            path = g.find(NS + "path")
            nums = [float(v) for v in re.findall(r"-?[0-9.]+", path.get("d"))]
            xs, ys = nums[0::2], nums[1::2]
            if "tick" in cls:
                ticks.append((min(ys), xs[0]))
            elif len(cls) == 2:  # the axis line itself
                lines.append((ys[0], min(xs), max(xs)))
        elif "node" in cls:
            text = g.find(NS + "text")
            kind = "major" if "axis-major" in cls else "minor"
            labels.append((float(text.get("y")), float(text.get("x")), kind, text.text))
    if not lines:
        print("no axis", file=sys.stderr)
        return 1
    # The top axis is the first drawn; a tall figure has a second below.
    top = min(lines)[0]
    for y, x0, x1 in lines:
        if y == top:
            print(f"line {x0:.2f} {x1:.2f}")
    for y, x in sorted(ticks, key=lambda t: t[1]):
        if y < top:  # above the top axis line
            print(f"tick {x:.2f}")
    for y, x, kind, text in sorted(labels, key=lambda t: (t[2], t[1])):
        if y < top:
            print(f"{kind} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
