#!/usr/bin/env python3
"""Reads what headless Chromium made of evgraph's page: the DOM after load
(--dump-dom) and a screenshot. Usage:
  browser_check.py dom DOM.html EVENTS LINKS   the DOM: both figures, ids once,
      EVENTS event marks (class "evg-event") in the timeline, each with a tooltip,
      LINKS of them with an allowed link, no other scheme, no script
  browser_check.py png SHOT.png                 the screenshot is not blank
Prints what it found; exit 1 on a failed check."""
import html.parser
import re
import struct
import sys
import zlib

ALLOWED = re.compile(r"^(https?:|mailto:|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//))", re.I)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.dupes, self.svgs, self.bad = set(), [], [], []
        self.stack = []  # (tag, is_event)
        self.events = self.tooltips = self.links = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            if a["id"] in self.ids:
                self.dupes.append(a["id"])
            self.ids.add(a["id"])
        if tag == "svg":
            self.svgs.append(a.get("id") or a.get("aria-labelledby", ""))
        if tag in ("script", "iframe", "object", "embed", "foreignobject"):
            self.bad.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append(f"{tag} {k}=")
            if k in ("href", "xlink:href", "src") and not ALLOWED.match(v or ""):
                self.bad.append(f"{tag} {k}={v!r}")
        classes = (a.get("class") or "").split()
        in_timeline = any(s.startswith("timeline-") for s in self.svgs[-1:])
        event = tag == "g" and "evg-event" in classes and in_timeline
        if event:
            self.events += 1
        inside_event = event or any(e for _, e in self.stack)
        if tag == "a" and inside_event:
            if a.get("xlink:title"):
                self.tooltips += 1
            if a.get("xlink:href") or a.get("href"):
                self.links += 1
        if tag not in ("path", "polygon", "ellipse", "polyline", "br", "meta", "img", "rect", "line", "circle"):
            self.stack.append((tag, event))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break


def check_dom(path, events, links):
    d = Dom()
    d.feed(open(path, encoding="utf-8").read())
    print(f"svgs {d.svgs}; event marks {d.events}, with tooltip {d.tooltips}, linked {d.links}; "
          f"ids {len(d.ids)}")
    fail = []
    if not any(s.startswith("timeline-") for s in d.svgs) or not any(s.startswith("actors-") for s in d.svgs):
        fail.append("the page lacks a figure")
    if d.dupes:
        fail.append(f"ids twice: {d.dupes[:5]}")
    if d.events != events or d.tooltips != events:
        fail.append(f"{d.events} event marks and {d.tooltips} tooltips, expected {events}")
    if d.links != links:
        fail.append(f"{d.links} links, expected {links}")
    fail += d.bad
    return fail


def check_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return ["not a PNG"]
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or ctype not in (2, 6):
        return [f"unexpected PNG type {depth}/{ctype}"]
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    nonwhite, colours = 0, set()
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            ul = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + left) & 255
            elif f == 2:
                line[i] = (line[i] + up) & 255
            elif f == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif f == 4:
                p = left + up - ul
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else ul
                line[i] = (line[i] + pred) & 255
        for x in range(0, stride, bpp * 2):  # every other pixel is enough
            px = bytes(line[x:x + 3])
            if px != b"\xff\xff\xff":
                nonwhite += 1
                if len(colours) < 1000:
                    colours.add(px)
        prev = line
    share = nonwhite / (width * height / 2)
    print(f"{width}x{height}: {share:.1%} of pixels not white, {len(colours)} colours")
    fail = []
    if share < 0.02 or len(colours) < 20:
        fail.append("the screenshot is blank or nearly so")
    return fail


if sys.argv[1] == "dom":
    problems = check_dom(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
else:
    problems = check_png(sys.argv[2])
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
