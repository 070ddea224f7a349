#!/usr/bin/env python3
"""Measures an SVG figure as it prints: its size against a page, the printed
size of every text (the font size times the scale of the transforms around
it), and the text boxes that overlap (each box from the text's anchor, its
font size and an estimate of its width with DejaVu Sans's average advance).

usage: actors_measure.py FILE.svg PAGE_WIDTH_PT PAGE_HEIGHT_PT MIN_TEXT_PT
(PAGE_HEIGHT_PT 0: unbounded). Prints one line; exits 1 when the figure is
larger than the page, a text prints smaller than the minimum or two texts
overlap."""
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
# DejaVu Sans averages about 0.55 em for mixed text; a little less than
# that keeps the estimate from inventing overlaps between adjacent cells.
ADVANCE = 0.52


def scale_of(transform):
    s = 1.0
    for m in re.finditer(r"scale\(([-\d.]+)(?:[ ,]+([-\d.]+))?\)", transform or ""):
        s *= float(m.group(1))
    return s


def points(length):
    m = re.match(r"([\d.]+)(pt|px)?", length or "0")
    v = float(m.group(1))
    return v * 0.75 if m.group(2) == "px" else v


def main():
    path, page_w, page_h, min_text = sys.argv[1], *map(float, sys.argv[2:5])
    root = ET.parse(path).getroot()
    width, height = points(root.get("width")), points(root.get("height"))
    texts = []

    def walk(node, scale):
        scale *= scale_of(node.get("transform"))
        if node.tag == SVG + "text":
            size = float(node.get("font-size", "14")) * scale
            content = "".join(node.itertext())
            x, y = float(node.get("x", 0)) * scale, float(node.get("y", 0)) * scale
            w = len(content) * ADVANCE * size
            anchor = node.get("text-anchor", "start")
            x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
            # From the baseline up to the cap height, down to the descent.
            texts.append((size, content, x0, y - 0.75 * size, x0 + w, y + 0.2 * size))
        for child in node:
            walk(child, scale)

    walk(root, 1.0)
    smallest = min((t[0] for t in texts), default=0)
    overlaps = []
    for i in range(len(texts)):
        a = texts[i]
        for b in texts[i + 1:]:
            if a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5 and a[3] < b[5] - 0.5 and b[3] < a[5] - 0.5:
                overlaps.append((a[1], b[1]))
    too_big = width > page_w + 0.5 or (page_h > 0 and height > page_h + 0.5)
    print("%s: %.0f x %.0f pt (page %.0f x %.0f), %d texts, smallest %.2f pt, %d overlaps%s"
          % (path, width, height, page_w, page_h, len(texts), smallest, len(overlaps),
             "".join("\n  overlap: %r / %r" % o for o in overlaps[:5])))
    sys.exit(1 if too_big or smallest < min_text - 0.01 or overlaps else 0)


main()
