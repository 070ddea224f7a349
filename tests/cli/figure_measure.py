#!/usr/bin/env python3
"""Measures an SVG figure as it prints: the size of every text (every
transform honoured, Graphviz's top-group scale() included, and the svg's
width/height against its viewBox), the figure's size against a page, and
the text boxes that overlap.

usage: figure_measure.py FILE.svg [--page PAGE] [--min-text PT] [--list]

PAGE is a4 (default), a4-landscape, letter, letter-landscape, none (no size
check) or WIDTHxHEIGHT with a unit (17cmx24.7cm, 6.5inx9in, 400x300 in pt).
Prints the figures found, one per line, and exits 1 when the figure is larger
than the page, a text prints under PT points (default 6) or two texts
overlap; 2 on a usage or parse error.

Text widths come from DejaVu Sans advances (what Graphviz measures with on
this platform, and wider than the Helvetica or Arial viewers show), 0.55 em
for characters outside ASCII. A text's box runs from 0.75 em above its
baseline to 0.25 em below. Without width and height, a user unit is taken as
a point (Graphviz writes its viewBox in points)."""
import math
import re
import sys
import xml.etree.ElementTree as ET

# DejaVu Sans Book and Bold advances, 1/1000 em, U+0020..U+007E
# (the ASCII part of src/lib/layout/timeline_font.c's tables).
REGULAR = [
    315, 398, 458, 840, 638, 952, 780, 278, 390, 390, 502, 840, 315, 360, 315, 338, 638, 638, 638,
    638, 638, 638, 638, 638, 638, 638, 338, 338, 840, 840, 840, 532, 998, 711, 682, 698, 772, 630,
    578, 772, 750, 292, 292, 652, 555, 862, 750, 788, 600, 788, 698, 638, 594, 735, 682, 990, 682,
    608, 682, 390, 338, 390, 840, 502, 502, 615, 638, 547, 638, 613, 345, 638, 638, 278, 278, 578,
    278, 975, 638, 611, 638, 638, 390, 518, 390, 638, 592, 818, 592, 592, 525, 638, 338, 638, 840]
BOLD = [
    345, 458, 518, 840, 698, 1005, 870, 308, 458, 458, 525, 840, 382, 412, 382, 368, 698, 698, 698,
    698, 698, 698, 698, 698, 698, 698, 398, 398, 840, 840, 840, 578, 998, 772, 765, 735, 832, 682,
    682, 818, 840, 375, 375, 772, 638, 998, 840, 848, 735, 848, 772, 677, 703, 810, 772, 1102, 772,
    728, 728, 458, 368, 458, 840, 502, 502, 675, 712, 592, 712, 675, 405, 712, 712, 345, 345, 668,
    345, 1042, 712, 690, 712, 712, 495, 592, 480, 712, 652, 922, 645, 652, 585, 712, 368, 712, 840]
OTHER = 550

PT_PER = {"pt": 1.0, "px": 0.75, "": 0.75, "in": 72.0, "cm": 72.0 / 2.54, "mm": 7.2 / 2.54,
          "pc": 12.0}
CM = 72.0 / 2.54
PAGES = {
    "a4": (17.0 * CM, 24.7 * CM),
    "a4-landscape": (24.7 * CM, 17.0 * CM),
    "letter": (6.5 * 72, 9.0 * 72),
    "letter-landscape": (9.0 * 72, 6.5 * 72),
    "none": (0.0, 0.0),
}
SLACK = 0.5  # points: rounding in Graphviz's output


class Usage(Exception):
    pass


def length_pt(text, default_unit="pt"):
    m = re.fullmatch(r"\s*([0-9.eE+-]+)\s*([a-z]*)\s*", text or "")
    if not m:
        raise Usage(f"bad length '{text}'")
    unit = m.group(2) or default_unit
    if unit not in PT_PER:
        raise Usage(f"unknown unit in '{text}'")
    return float(m.group(1)) * PT_PER[unit]


def parse_page(spec):
    if spec.lower() in PAGES:
        return PAGES[spec.lower()]
    m = re.fullmatch(r"([0-9.]+[a-z]*)[xX]([0-9.]+[a-z]*)", spec)
    if not m:
        raise Usage(f"bad page '{spec}'")
    return length_pt(m.group(1)), length_pt(m.group(2))


def mul(a, b):
    """Matrix product a*b of affine matrices (a, b, c, d, e, f)."""
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1],
            a[0] * b[2] + a[2] * b[3], a[1] * b[2] + a[3] * b[3],
            a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


def parse_transform(text):
    m = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", text or ""):
        v = [float(x) for x in re.split(r"[\s,]+", args.strip()) if x]
        if name == "matrix" and len(v) == 6:
            t = tuple(v)
        elif name == "translate":
            t = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "scale":
            t = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "rotate":
            r = math.radians(v[0])
            t = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0, 0)
            if len(v) == 3:
                t = mul(mul((1, 0, 0, 1, v[1], v[2]), t), (1, 0, 0, 1, -v[1], -v[2]))
        elif name == "skewX":
            t = (1, 0, math.tan(math.radians(v[0])), 1, 0, 0)
        elif name == "skewY":
            t = (1, math.tan(math.radians(v[0])), 0, 1, 0, 0)
        else:
            raise Usage(f"unknown transform '{name}'")
        m = mul(m, t)
    return m


def apply(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def style_of(el):
    out = {}
    for part in (el.get("style") or "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip()] = v.strip()
    for k in ("font-size", "font-weight", "font-family", "text-anchor"):
        if el.get(k) is not None:
            out[k] = el.get(k)
    return out


def text_width(text, size, bold):
    table = BOLD if bold else REGULAR
    em = 0
    for ch in text:
        o = ord(ch)
        em += table[o - 32] if 32 <= o < 127 else OTHER
    return em * size / 1000.0


def local(tag):
    return tag.rsplit("}", 1)[-1]


def collect(el, m, inherited, out):
    m = mul(m, parse_transform(el.get("transform")))
    style = dict(inherited)
    style.update(style_of(el))
    if local(el.tag) == "text":
        text = "".join(el.itertext())
        if text.strip():
            size = length_pt(style.get("font-size", "16"), "px") / 0.75  # in user units
            bold = "bold" in style.get("font-weight", "") or "Bold" in style.get("font-family", "")
            w = text_width(text, size, bold)
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            anchor = style.get("text-anchor", "start")
            x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
            # Spaces around the text take room but print nothing.
            lead = text_width(text[:len(text) - len(text.lstrip())], size, bold)
            trail = text_width(text[len(text.rstrip()):], size, bold)
            x0, w = x0 + lead, w - lead - trail
            corners = [apply(m, px, py) for px in (x0, x0 + w)
                       for py in (y - 0.75 * size, y + 0.25 * size)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            printed = size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
            out.append((min(xs), min(ys), max(xs), max(ys), printed, text))
        return
    for child in el:
        collect(child, m, style, out)


def overlaps(boxes):
    """Pairs of boxes that overlap by more than the slack, by a sweep in x."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    active, found = [], []
    for i in order:
        b = boxes[i]
        active = [j for j in active if boxes[j][2] - SLACK > b[0]]
        for j in active:
            a = boxes[j]
            if min(a[2], b[2]) - max(a[0], b[0]) > SLACK and \
               min(a[3], b[3]) - max(a[1], b[1]) > SLACK:
                found.append((j, i))
        active.append(i)
    return found


def main(argv):
    page, min_text, path, show = "a4", 6.0, None, False
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("--page", "--min-text") and i + 1 < len(argv):
            if a == "--page":
                page = argv[i + 1]
            else:
                min_text = float(argv[i + 1])
            i += 2
            continue
        if a == "--list":
            show = True
        elif a.startswith("-") or path is not None:
            raise Usage(__doc__.split("\n\n")[1])
        else:
            path = a
        i += 1
    if path is None:
        raise Usage(__doc__.split("\n\n")[1])
    page_w, page_h = parse_page(page)
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise Usage(f"{path}: {e}")
    vb = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
    if len(vb) == 4:
        width = length_pt(root.get("width"), "px") if root.get("width") else vb[2]
        height = length_pt(root.get("height"), "px") if root.get("height") else vb[3]
        top = (width / vb[2], 0, 0, height / vb[3], -vb[0] * width / vb[2], -vb[1] * height / vb[3])
    else:
        width, height = length_pt(root.get("width"), "px"), length_pt(root.get("height"), "px")
        top = (0.75, 0, 0, 0.75, 0, 0)
    texts = []
    collect(root, top, {}, texts)
    bad = []
    print(f"figure: {width / CM:.2f} x {height / CM:.2f} cm ({width:.1f} x {height:.1f} pt)")
    if page_w > 0:
        print(f"page: {page_w / CM:.2f} x {page_h / CM:.2f} cm")
        if width > page_w + SLACK:
            bad.append(f"wider than the page by {(width - page_w) / CM:.2f} cm")
        if page_h > 0 and height > page_h + SLACK:
            bad.append(f"taller than the page by {(height - page_h) / CM:.2f} cm")
    sizes = [t[4] for t in texts]
    small = [t for t in texts if t[4] < min_text - 0.01]
    if texts:
        print(f"texts: {len(texts)}, printed {min(sizes):.2f} to {max(sizes):.2f} pt")
    else:
        print("texts: 0")
    print(f"texts under {min_text:g} pt: {len(small)}")
    if small:
        bad.append(f"{len(small)} texts under {min_text:g} pt, e.g. '{small[0][5]}' at "
                   f"{small[0][4]:.2f} pt")
    pairs = overlaps(texts)
    print(f"overlapping text pairs: {len(pairs)}")
    for a, b in pairs[:10 if not show else len(pairs)]:
        print(f"  '{texts[a][5]}' / '{texts[b][5]}'")
    if pairs:
        bad.append(f"{len(pairs)} overlapping text pairs")
    if show:
        for t in texts:
            print(f"  {t[4]:.2f} pt [{t[0]:.1f} {t[1]:.1f} {t[2]:.1f} {t[3]:.1f}] {t[5]}")
    for b in bad:
        print(f"{path}: error: {b}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except Usage as e:
        print(f"figure_measure.py: {e}", file=sys.stderr)
        sys.exit(2)
